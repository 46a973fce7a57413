"""The app's URLs plus two reference views for bench/intake.py.

- `bench/bare/`: the cheapest useful Django write, one INSERT (the issue's yardstick).
- `bench/statements/`: as many SQL statements as one report submission sends, shaped the same
  way (one outside a transaction, then BEGIN, the rest, COMMIT), and no other work: the cost
  of the round trips alone, so the rest of the submission's cost is the app's own.
"""

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from sanad.urls import handler400, handler403, handler404, handler500
from sanad.urls import urlpatterns as app_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


@csrf_exempt
@require_POST
def bare_insert(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_bare_row (payload) VALUES (%s)", [request.POST.get("payload", "")])
    return HttpResponse("created", status=201, content_type="text/plain")


# bench/submission_queries.py lists a submission's statements: the rate limit's upsert, then in
# one transaction BEGIN, the draft's lock, the region's look-up, five INSERTs, the draft's UPDATE
# and COMMIT (sanad/intake/tests/test_send_queries.py keeps this number true).
SUBMISSION_STATEMENTS = 11


@csrf_exempt
@require_POST
def submission_statements(request: HttpRequest) -> HttpResponse:
    payload = request.POST.get("payload", "")
    insert = "INSERT INTO bench_bare_row (payload) VALUES (%s)"
    with connection.cursor() as cursor:
        cursor.execute(insert, [payload])
        with transaction.atomic():  # BEGIN … COMMIT: two statements
            for _ in range(SUBMISSION_STATEMENTS - 3):
                cursor.execute(insert, [payload])
    return HttpResponse("created", status=201, content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare_insert, name="bench_bare"),
    path("bench/statements/", submission_statements, name="bench_statements"),
    *app_urlpatterns,
]

"""The app's URLs plus `bench/bare/`: the cheapest useful Django write, one INSERT."""

from django.db import connection
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


urlpatterns = [path("bench/bare/", bare_insert, name="bench_bare"), *app_urlpatterns]

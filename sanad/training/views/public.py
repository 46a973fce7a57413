"""The certificate's public verify page: no sign-in, works without JavaScript, reveals only the
holder's initials, the course, the date and whether it is valid."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sanad.training.certificates import verify as verify_code


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "")[:40]
    verdict = verify_code(code) if code else None
    return render(request, "training/verify.html", {"code": code, "verdict": verdict})

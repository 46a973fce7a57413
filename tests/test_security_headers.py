import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_public_pages_send_a_strict_content_security_policy(client):
    response = client.get("/fr/report/step/danger/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_carry_no_inline_script_or_style(client):
    for url in ["/ar/", "/fr/report/", "/fr/report/step/danger/", "/fr/follow-up/", "/ar/help/", "/ar/privacy/"]:
        body = client.get(url).content.decode()
        assert "<script>" not in body and "<style" not in body and " style=" not in body, url


def test_every_form_is_protected_against_cross_site_requests():
    strict = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = strict.post("/fr/report/step/danger/", {"danger_now": "no"})
    assert response.status_code == 403
    assert "data-quick-exit" in response.content.decode()  # our translated page, not a bare 403


def test_cookies_are_secure_and_http_only_by_default(client, settings):
    assert settings.DEBUG is False
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    client.post("/fr/report/step/danger/", {"danger_now": "no", "self_harm": "no", "sextortion_deadline": "no"})
    draft_cookie = client.cookies["sanad_draft"]  # a reporter's only cookie besides CSRF's
    assert draft_cookie["secure"] and draft_cookie["httponly"] and draft_cookie["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_NAME not in client.cookies

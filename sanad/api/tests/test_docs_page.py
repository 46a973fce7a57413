"""The schema is served, and its browsable page works under the strict CSP: our own static files,
no CDN, no inline script."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_schema_is_openapi_3_with_every_operation():
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/notices", "/api/v1/referrals/{referral_id}/pack", "/api/v1/reports", "/api/v1/webhooks"} <= set(
        schema["paths"]
    )
    assert schema["components"]["securitySchemes"]["OrganisationToken"]["scheme"] == "bearer"


def test_the_docs_page_uses_only_our_static_files_under_the_csp():
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(source.startswith("/static/") for source in sources), sources
    assert not re.search(r"<script>(?!\s*$)", page)  # no inline script: the settings are JSON data
    for source in sources:
        name = re.sub(r"\.[0-9a-f]{12}\.", ".", source.removeprefix("/static/"))
        assert finders.find(name), source

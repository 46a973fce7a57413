"""Administrators issue, rotate and revoke organisation tokens; a secret is shown once."""

import re

import pytest
from django.test import Client

from sanad.api.models import ApiToken
from sanad.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
SECRET = re.compile(r"sanad_[A-Za-z0-9_-]{40,}")


def test_issue_show_once_rotate_revoke(administrator, platform_org, sign_in, find_in_database):
    client = sign_in(administrator)
    assert "API" in client.get("/fr/staff/admin/").content.decode()
    bad = client.post(
        "/fr/staff/admin/api/tokens/new/",
        {"organisation": platform_org.pk, "name": "T&S", "scopes": ["reports:submit"]},
    )
    assert bad.status_code == 400 and "T&amp;S" in bad.content.decode()  # what was typed is kept
    response = client.post(
        "/fr/staff/admin/api/tokens/new/",
        {"organisation": platform_org.pk, "name": "T&S", "scopes": ["notices:read", "notices:answer"]},
    )
    assert response.status_code == 302
    shown = client.get(response["Location"]).content.decode()
    secret = SECRET.search(shown).group(0)
    assert SECRET.search(client.get(response["Location"], follow=True).content.decode()) is None  # once
    assert find_in_database(secret.encode()) == []  # only its keyed hash is kept
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/v1/notices").status_code == 200
    token = ApiToken.objects.get()
    rotated = client.post(f"/fr/staff/admin/api/tokens/{token.pk}/rotate/")
    new_secret = SECRET.search(client.get(rotated["Location"]).content.decode()).group(0)
    assert api.get("/api/v1/notices").status_code == 401
    new_api = Client(HTTP_AUTHORIZATION=f"Bearer {new_secret}")
    assert new_api.get("/api/v1/notices").status_code == 200
    new = ApiToken.objects.get(replaces=token)
    client.post(f"/fr/staff/admin/api/tokens/{new.pk}/revoke/")
    assert new_api.get("/api/v1/notices").status_code == 401
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"api_token.issued", "api_token.rotated", "api_token.revoked", "api.used"} <= actions


def test_only_administrators(analyst, supervisor, liaison, sign_in):
    for user in (analyst, supervisor, liaison):
        assert sign_in(user).get("/fr/staff/admin/api/tokens/").status_code == 404

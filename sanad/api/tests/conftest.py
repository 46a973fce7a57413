"""Partners of the API tests: a platform, a police service and a helpline, each with a token."""

import pytest
from django.test import Client

from sanad.accounts.models import Organisation
from sanad.api import actions
from sanad.api.models import SCOPES_FOR_KIND


class Partner:
    """A partner's HTTP client: its token in the Authorization header, JSON bodies."""

    def __init__(self, secret: str) -> None:
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
        self.secret = secret

    def get(self, path: str, data: object = None, **kwargs):  # type: ignore[no-untyped-def]
        return self.client.get(f"/api/v1{path}", data, **kwargs)

    def post(self, path: str, data: object = None, **kwargs):  # type: ignore[no-untyped-def]
        return self.client.post(f"/api/v1{path}", data, content_type="application/json", **kwargs)

    def delete(self, path: str, **kwargs):  # type: ignore[no-untyped-def]
        return self.client.delete(f"/api/v1{path}", **kwargs)


def token_for(organisation: Organisation, by, scopes: list[str] | None = None) -> Partner:  # type: ignore[no-untyped-def]
    scopes = scopes or [str(scope) for scope in SCOPES_FOR_KIND[organisation.kind]]
    _token, secret = actions.issue_token(organisation, name="tests", scopes=scopes, by=by)
    return Partner(secret)


@pytest.fixture
def helpline_org(db):
    return Organisation.objects.create(name="Ligne d'écoute (test)", kind=Organisation.Kind.HELPLINE)


@pytest.fixture
def other_platform(db):
    return Organisation.objects.create(name="Autre plateforme (test)", kind=Organisation.Kind.PLATFORM)


@pytest.fixture
def platform_partner(platform_org, administrator):
    return token_for(platform_org, administrator)


@pytest.fixture
def other_platform_partner(other_platform, administrator):
    return token_for(other_platform, administrator)


@pytest.fixture
def police_partner(police, administrator):
    return token_for(police, administrator)


@pytest.fixture
def helpline_partner(helpline_org, administrator):
    return token_for(helpline_org, administrator)

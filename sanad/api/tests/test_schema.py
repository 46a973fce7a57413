"""The schema is the contract: Schemathesis generates requests from the served OpenAPI document and
checks every answer: no server error, and every status, content type and body as the schema says.

Each operation is called with the token of the partner it is for (a platform for notices, an
authority for referrals, a helpline for reports), over WSGI inside the test's transaction, with a
few examples each so the whole run stays well under a minute.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sanad.api.tests.conftest import token_for
from sanad.cases import actions as case_actions

pytestmark = pytest.mark.django_db
# Examples per operation: about 15 operations, the whole run well under a minute.
EXAMPLES = 15
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def served_schema(db):
    # As Django's test client does: the test's transaction holds the connection, so the end of a
    # request must not close it.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def partners(settings_override, platform_org, police, helpline_org, administrator, analyst, report_factory):
    """Tokens of each kind of partner, and a notice and a referral for them to find."""
    report, _ = report_factory(identifiers=("https://www.instagram.com/p/DemoPost123/",))
    case = case_actions.open_case(report, by=analyst)
    case_actions.refer_case(case, target="platform", organisation=platform_org, brief="", legal_ground="", by=analyst)
    case_actions.refer_case(case, target="police", organisation=police, brief="", legal_ground="", by=analyst)
    return {
        "notices": token_for(platform_org, administrator).secret,
        "webhooks": token_for(platform_org, administrator).secret,
        "referrals": token_for(police, administrator).secret,
        "reports": token_for(helpline_org, administrator).secret,
    }


@pytest.fixture
def settings_override(settings):
    settings.SANAD_RATE_LIMITS = settings.SANAD_RATE_LIMITS | {"api_token": "100000/60"}
    settings.ALLOWED_HOSTS = ["*"]
    return settings


def exercise(operation, token: str) -> None:  # type: ignore[no-untyped-def]
    """Hypothesis' examples of one operation, each called and checked against the schema."""

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    def keeps_its_schema(case):  # type: ignore[no-untyped-def]
        # identity: the answers are gzipped otherwise, and WSGI hands them back as they are.
        headers = {"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"}
        case.call_and_validate(headers=headers, checks=CHECKS)

    keeps_its_schema()


def test_the_api_keeps_its_schema(served_schema, partners):
    operations = [result.ok() for result in served_schema.get_all_operations()]
    assert len(operations) >= 13
    for operation in operations:
        exercise(operation, partners[operation.path.strip("/").split("/")[2]])  # /api/v1/<kind>/…

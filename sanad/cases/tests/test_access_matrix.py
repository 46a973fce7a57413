"""Every back-office URL by every persona: only the expected ones get through; the others
get the same not-found answer as for an object that does not exist."""

import re

import pytest
from django.test import Client

from sanad.cases import actions
from sanad.cases.pack import build_referral_pack
from sanad.cases.tests.casework import attach, noisy_png

pytestmark = pytest.mark.django_db

CENTRE = {"analyst", "supervisor", "administrator"}
PERSONAS = [
    "analyst",
    "supervisor",
    "administrator",
    "liaison",
    "unrelated_liaison",
    "school_team",
    "ministry_viewer",
    "outsider",
]


@pytest.fixture
def world(analyst, police, report_factory):
    new_report, _ = report_factory(description="Un nouveau signalement (fictif).", identifiers=("@demo.new",))
    handled, _ = report_factory(description="Un signalement traité (fictif).", identifiers=("@demo.handled",))
    evidence = attach(handled, noisy_png())
    case = actions.open_case(handled, by=analyst)
    referral = actions.refer_case(
        case,
        target="police",
        organisation=police,
        brief="Pour enquête (fictif).",
        legal_ground="Art. 447-1",
        by=analyst,
    )
    return {"report": new_report.pk, "case": case.pk, "evidence": str(evidence.pk), "referral": referral.pk}


# (method, path pattern, who gets through)
MATRIX = [
    ("get", "/fr/staff/queue/", CENTRE),
    ("get", "/fr/staff/reports/new/", CENTRE),
    ("post", "/fr/staff/reports/new/", CENTRE),
    ("get", "/fr/staff/reports/{report}/", CENTRE),
    ("post", "/fr/staff/reports/{report}/open-case/", CENTRE),
    ("post", "/fr/staff/reports/{report}/link/", CENTRE),
    ("post", "/fr/staff/reports/{report}/categories/", CENTRE),
    ("get", "/fr/staff/cases/{case}/", CENTRE),
    ("post", "/fr/staff/cases/{case}/assign/", CENTRE),
    ("post", "/fr/staff/cases/{case}/urgency/", CENTRE),
    ("post", "/fr/staff/cases/{case}/status/", CENTRE),
    ("post", "/fr/staff/cases/{case}/close/", CENTRE),
    ("post", "/fr/staff/cases/{case}/reopen/", CENTRE),
    ("post", "/fr/staff/cases/{case}/notes/", CENTRE),
    ("post", "/fr/staff/cases/{case}/messages/", CENTRE),
    ("get", "/fr/staff/cases/{case}/refer/", CENTRE),
    ("get", "/fr/staff/evidence/{evidence}/preview/", CENTRE | {"liaison"}),
    ("post", "/fr/staff/evidence/{evidence}/reveal/", CENTRE | {"liaison"}),
    ("get", "/fr/staff/referrals/{referral}/", CENTRE | {"liaison"}),
    ("get", "/fr/staff/referrals/{referral}/addendum/", CENTRE),
    ("post", "/fr/staff/referrals/{referral}/addendum/", CENTRE),
    # Only the recipient answers a referral.
    ("post", "/fr/staff/referrals/{referral}/update/", {"liaison"}),
    ("get", "/fr/staff/referrals/{referral}/pack/", CENTRE | {"liaison"}),
    ("get", "/fr/staff/referrals/", CENTRE | {"liaison", "unrelated_liaison"}),
    ("get", "/fr/staff/supervision/", {"supervisor", "administrator"}),
    ("get", "/fr/staff/audit/", {"administrator"}),
    ("get", "/fr/staff/accounts/locked/", {"administrator"}),
]
MISSING = {"report": 999999, "case": 999999, "evidence": "00000000-0000-0000-0000-000000000000", "referral": 999999}


def _strip(body: bytes, path: str) -> str:
    # The CSRF token and the echoed path (the language switcher's "next") differ; nothing else may.
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", body.decode()).replace(path, "PATH")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("method", "pattern", "allowed"), MATRIX, ids=[f"{m} {p}" for m, p, _ in MATRIX])
def test_access(persona, method, pattern, allowed, world, sign_in, request):
    if pattern.endswith("/pack/"):
        build_referral_pack(world["referral"])  # PDFs take time: only where the pack is fetched
    user = request.getfixturevalue(persona)
    client = sign_in(user)
    response = getattr(client, method)(pattern.format(**world))
    # Whatever the answer, a staff page is never kept in the browser's or a proxy's cache.
    assert "no-store" in response["Cache-Control"], pattern
    if persona in allowed:
        assert response.status_code not in {403, 404}, f"{persona} should get through {pattern}"
        assert response.status_code < 500
    else:
        assert response.status_code == 404, f"{persona} must not get through {pattern}"
        if "{" in pattern:
            missing_path = pattern.format(**MISSING)
            missing = getattr(client, method)(missing_path)
            assert missing.status_code == 404
            assert _strip(missing.content, missing_path) == _strip(response.content, pattern.format(**world)), (
                "forbidden and missing must look the same"
            )


@pytest.mark.parametrize(("method", "pattern", "allowed"), MATRIX, ids=[f"{m} {p}" for m, p, _ in MATRIX])
def test_anonymous_visitors_are_sent_to_sign_in(method, pattern, allowed, world):
    response = getattr(Client(), method)(pattern.format(**world))
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/staff/sign-in/")

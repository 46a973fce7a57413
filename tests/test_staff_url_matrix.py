"""Every back-office URL by every persona: only the expected ones get through; the others
get the same not-found answer as for an object that does not exist. A last test checks that
the matrix names every URL the resolver knows (a new page must say who may open it)."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from sanad.accounts.models import Organisation
from sanad.api import actions as api_actions
from sanad.cases import actions
from sanad.cases.pack import build_referral_pack
from sanad.cases.tests.casework import attach, noisy_png
from sanad.evidence.tests import samples
from sanad.schools import actions as school_actions
from sanad.schools.actions import Attachment, PupilEntry
from sanad.schools.models import Author, ToldBy

pytestmark = pytest.mark.django_db

CENTRE = {"analyst", "supervisor", "administrator"}
EVERYONE = {
    "analyst",
    "supervisor",
    "administrator",
    "liaison",
    "unrelated_liaison",
    "school_team",
    "ministry_viewer",
    "outsider",
}
TEAM = {"school_team"}
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
def world(analyst, police, report_factory, school, school_team, django_capture_on_commit_callbacks):
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
    # The worker makes the file's blurred preview after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        run = school_actions.record_case(
            school,
            by=school_team,
            told_by=ToldBy.VICTIM,
            categories=["threats"],
            facts="Des menaces dans un groupe de classe (exemple fictif).",
            evidence_kept=True,
            author=Author.PUPIL,
            pupils=[PupilEntry("victim", "Élève Exemple", "4e B")],
            attachments=[Attachment("capture.png", samples.png())],
        )
    with django_capture_on_commit_callbacks(execute=True):
        school_actions.assess(run, by=school_team, level=3, serious_because=["threats"])
    # A case the centre transferred to the school, whose report holds a file it may show the team.
    transferred, _ = report_factory(description="Un signalement transmis à l'école (fictif).")
    transferred.consent_share = True
    transferred.save()
    shared = attach(transferred, noisy_png(seed=5))
    school_national = actions.open_case(transferred, by=analyst)
    actions.refer_case(
        school_national, target="school", organisation=school.organisation, brief="Fictif.", legal_ground="", by=analyst
    )
    # A platform referral and its notice; a partner token and a webhook endpoint.
    platform = Organisation.objects.create(name="Plateforme (matrice)", kind=Organisation.Kind.PLATFORM)
    platform_referral = actions.refer_case(
        case, target="platform", organisation=platform, brief="", legal_ground="Loi (fictif)", by=analyst
    )
    token, _secret = api_actions.issue_token(platform, name="matrix", scopes=["notices:read"], by=analyst)
    endpoint, _secret = api_actions.register_endpoint(platform, url="https://partner.invalid/hook", by=analyst)
    return {
        "platform_referral": platform_referral.pk,
        "notice": platform_referral.notices.get().pk,
        "token": token.pk,
        "webhook": endpoint.pk,
        "report": new_report.pk,
        "case": case.pk,
        "evidence": str(evidence.pk),
        "referral": referral.pk,
        "run": run.pk,
        "school_file": str(run.steps.get(position=1).attachments.get().pk),
        "school_case": school_national.pk,
        "shared": str(shared.pk),
    }


# (method, path pattern, who gets through)
MATRIX = [
    ("get", "/fr/staff/", EVERYONE - {"outsider"}),  # each is sent to their own first page
    ("get", "/fr/staff/queue/", CENTRE),
    ("get", "/fr/staff/reports/new/", CENTRE),
    ("post", "/fr/staff/reports/new/", CENTRE),
    ("get", "/fr/staff/reports/new/receipt/", CENTRE),
    ("get", "/fr/staff/reports/{report}/", CENTRE),
    ("get", "/fr/staff/school-requests/{run}/", CENTRE),
    ("post", "/fr/staff/school-requests/{run}/open-case/", CENTRE),
    ("post", "/fr/staff/reports/{report}/open-case/", CENTRE),
    ("post", "/fr/staff/reports/{report}/link/", CENTRE),
    ("post", "/fr/staff/reports/{report}/categories/", CENTRE),
    ("post", "/fr/staff/reports/{report}/assistant/", CENTRE),
    ("get", "/fr/staff/cases/{case}/", CENTRE),
    ("post", "/fr/staff/cases/{case}/assign/", CENTRE),
    ("post", "/fr/staff/cases/{case}/urgency/", CENTRE),
    ("post", "/fr/staff/cases/{case}/status/", CENTRE),
    ("post", "/fr/staff/cases/{case}/close/", CENTRE),
    ("post", "/fr/staff/cases/{case}/reopen/", CENTRE),
    ("post", "/fr/staff/cases/{case}/notes/", CENTRE),
    ("post", "/fr/staff/cases/{case}/messages/", CENTRE),
    ("post", "/fr/staff/cases/{school_case}/share-with-school/", CENTRE),
    ("get", "/fr/staff/cases/{case}/refer/", CENTRE),
    ("get", "/fr/staff/evidence/{evidence}/preview/", CENTRE | {"liaison"}),
    ("post", "/fr/staff/evidence/{evidence}/reveal/", CENTRE | {"liaison"}),
    # Only a supervisor lets a file on a known-content list be shown.
    ("post", "/fr/staff/evidence/{evidence}/release/", {"supervisor", "administrator"}),
    # Everyone who may be shown a file sees how many they were shown.
    ("get", "/fr/staff/exposure/", CENTRE | {"liaison", "unrelated_liaison", "school_team"}),
    ("get", "/fr/staff/referrals/{referral}/", CENTRE | {"liaison"}),
    ("get", "/fr/staff/referrals/{referral}/addendum/", CENTRE),
    ("post", "/fr/staff/referrals/{referral}/addendum/", CENTRE),
    # Only the recipient answers a referral.
    ("post", "/fr/staff/referrals/{referral}/update/", {"liaison"}),
    ("get", "/fr/staff/referrals/{referral}/pack/", CENTRE | {"liaison"}),
    ("get", "/fr/staff/referrals/", CENTRE | {"liaison", "unrelated_liaison"}),
    ("get", "/fr/staff/packs/verify/", EVERYONE),  # anyone on staff may check an archive they hold
    ("get", "/fr/staff/supervision/", {"supervisor", "administrator"}),
    ("get", "/fr/staff/audit/", {"administrator"}),
    ("get", "/fr/staff/accounts/locked/", {"administrator"}),
    ("get", "/fr/staff/schools/import/", {"administrator"}),
    ("get", "/fr/staff/schools/protocol/", {"administrator"}),
    ("get", "/fr/staff/schools/protocol/edit/", {"administrator"}),
    ("get", "/fr/staff/schools/figures/", CENTRE | {"ministry_viewer"}),
    ("get", "/fr/staff/school/", TEAM),
    ("get", "/fr/staff/school/cases/new/", TEAM),
    ("get", "/fr/staff/school/cases/{run}/", TEAM),
    ("post", "/fr/staff/school/cases/{run}/steps/listen/done/", TEAM),
    ("post", "/fr/staff/school/cases/{run}/steps/hear/not-applicable/", TEAM),
    ("post", "/fr/staff/school/cases/{run}/assess/", TEAM),
    ("post", "/fr/staff/school/cases/{run}/pupils/", TEAM),
    ("post", "/fr/staff/school/cases/{run}/author/", TEAM),
    ("post", "/fr/staff/school/cases/{run}/parents/", TEAM),
    ("post", "/fr/staff/school/cases/{run}/takedown/", TEAM),
    ("post", "/fr/staff/school/cases/{run}/close/", TEAM),
    ("get", "/fr/staff/school/cases/{run}/files/{school_file}/", TEAM),
    ("post", "/fr/staff/school/cases/{run}/files/{school_file}/reveal/", TEAM),
    # The centre records a platform's answer to a notice (or the platform's own liaison).
    ("post", "/fr/staff/referrals/{platform_referral}/notices/{notice}/answer/", CENTRE),
    # The partner API's tokens and webhooks: administrators only.
    ("get", "/fr/staff/admin/api/tokens/", {"administrator"}),
    ("get", "/fr/staff/admin/api/tokens/new/", {"administrator"}),
    ("post", "/fr/staff/admin/api/tokens/new/", {"administrator"}),
    ("get", "/fr/staff/admin/api/tokens/shown/", {"administrator"}),
    ("post", "/fr/staff/admin/api/tokens/{token}/rotate/", {"administrator"}),
    ("post", "/fr/staff/admin/api/tokens/{token}/revoke/", {"administrator"}),
    ("get", "/fr/staff/admin/api/webhooks/", {"administrator"}),
    ("post", "/fr/staff/admin/api/webhooks/", {"administrator"}),
    ("get", "/fr/staff/admin/api/webhooks/{webhook}/", {"administrator"}),
    ("post", "/fr/staff/admin/api/webhooks/{webhook}/remove/", {"administrator"}),
]
# What a POST needs beyond its address to reach its gate: the file to share.
DATA = {"/fr/staff/cases/{school_case}/share-with-school/": {"evidence": "{shared}"}}


def _data(pattern: str, values: dict) -> dict[str, str]:
    return {name: value.format(**values) for name, value in DATA.get(pattern, {}).items()}


# Pages anyone may open: signing in and its steps, the e-mailed links (they check their own token).
OPEN = {"sign_in", "two_factor", "two_factor_setup", "sign_out", "set_password", "unlock"}
MISSING = {
    "platform_referral": 999999,
    "notice": 999999,
    "token": 999999,
    "webhook": 999999,
    "report": 999999,
    "case": 999999,
    "evidence": "00000000-0000-0000-0000-000000000000",
    "referral": 999999,
    "run": 999999,
    "school_file": "00000000-0000-0000-0000-000000000000",
    "school_case": 999999,
    "shared": "00000000-0000-0000-0000-000000000000",
}


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
    response = getattr(client, method)(pattern.format(**world), _data(pattern, world))
    # Whatever the answer, a staff page is never kept in the browser's or a proxy's cache.
    assert "no-store" in response["Cache-Control"], pattern
    if persona in allowed:
        assert response.status_code not in {403, 404}, f"{persona} should get through {pattern}"
        assert response.status_code < 500
    else:
        assert response.status_code == 404, f"{persona} must not get through {pattern}"
        if "{" in pattern:
            missing_path = pattern.format(**MISSING)
            missing = getattr(client, method)(missing_path, _data(pattern, MISSING))
            assert missing.status_code == 404
            assert _strip(missing.content, missing_path) == _strip(response.content, pattern.format(**world)), (
                "forbidden and missing must look the same"
            )


@pytest.mark.parametrize(("method", "pattern", "allowed"), MATRIX, ids=[f"{m} {p}" for m, p, _ in MATRIX])
def test_anonymous_visitors_are_sent_to_sign_in(method, pattern, allowed, world):
    response = getattr(Client(), method)(pattern.format(**world))
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/staff/sign-in/")


def _staff_routes(resolver: URLResolver = None, prefix: str = "") -> list[tuple[str, str]]:  # type: ignore[assignment]
    """(route, name) of every URL under /fr/staff/ the resolver knows."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found += _staff_routes(entry, route)
        elif isinstance(entry, URLPattern) and route.startswith("fr/staff/"):
            found.append((route, entry.name or ""))
    return found


def _as_pattern(route: str) -> re.Pattern[str]:
    # A path converter becomes "one segment"; a regex route's named group (?P<name>…) stays as it is.
    return re.compile("^/" + re.sub(r"(?<!\?P)<[^>]+>", "[^/]+", route) + "$")


def test_the_matrix_names_every_staff_url():
    written = [re.sub(r"\{[a-z_]+\}", "x", path) for _method, path, _allowed in MATRIX]
    missing = [
        route
        for route, name in _staff_routes()
        if name not in OPEN and not any(_as_pattern(route).match(path) for path in written)
    ]
    assert missing == []

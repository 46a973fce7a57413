"""Every back-office URL by every persona: only the expected ones get through; the others
get the same not-found answer as for an object that does not exist. A last test checks that
the matrix names every URL the resolver knows (a new page must say who may open it)."""

import re
from datetime import date

import pytest
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from sanad.accounts.models import Organisation, Region, User
from sanad.api import actions as api_actions
from sanad.cases import actions
from sanad.cases.pack import build_referral_pack
from sanad.cases.tests.casework import attach, noisy_png
from sanad.evidence.tests import samples
from sanad.operations import actions as operations
from sanad.operations.models import AuthenticatorReset
from sanad.personas import make_report, make_world_of_personas
from sanad.reference import current
from sanad.reference.models import AdviceWording, Deadline, EmergencyNumber, Platform
from sanad.schools import actions as school_actions
from sanad.schools.actions import Attachment, PupilEntry
from sanad.schools.models import Author, ToldBy
from sanad.stats import actions as stats_actions
from sanad.stats.models import Campaign, PilotPeriod, Review
from sanad.training.tests.world import make_training_world

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
    "trainer",
    "outsider",
}
TEAM = {"school_team"}
ADMINISTRATOR = {"administrator"}
# Who practises (training/gates.py): whoever handles reports, and trainers; who trains: trainers and supervisors.
TRAINEES = CENTRE | {"liaison", "unrelated_liaison", "school_team", "trainer"}
TRAINERS = {"trainer", "supervisor", "administrator"}
APPROVERS = {"supervisor", "administrator", "ministry_viewer"}
PERSONAS = [
    "analyst",
    "supervisor",
    "administrator",
    "liaison",
    "unrelated_liaison",
    "school_team",
    "ministry_viewer",
    "trainer",
    "outsider",
]


def _make_world(people, organisations, school, capture_on_commit):
    """Something of every kind each address names, and what the pages need to show it."""
    analyst, supervisor, trainer = people["analyst"], people["supervisor"], people["trainer"]
    school_team, police, centre = people["school_team"], organisations["police"], organisations["centre"]
    new_report, _ = make_report(description="Un nouveau signalement (fictif).", identifiers=("@demo.new",))
    handled, _ = make_report(description="Un signalement traité (fictif).", identifiers=("@demo.handled",))
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
    with capture_on_commit(execute=True):
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
    with capture_on_commit(execute=True):
        school_actions.assess(run, by=school_team, level=3, serious_because=["threats"])
    # A case the centre transferred to the school, whose report holds a file it may show the team.
    transferred, _ = make_report(description="Un signalement transmis à l'école (fictif).")
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
    # A published yearly review (figures of an empty year) and an action of the plan.
    review = Review.objects.create(year=2025, drafted_by=analyst, status="approved", approved_by=supervisor)
    stats_actions.publish_review(review, by=analyst)
    plan_action = stats_actions.add_action(
        title_fr="Action (fictive)", title_ar="إجراء (مثال)", owner=analyst.organisation, deadline=date(2025, 12, 31),
        indicator="month", direction="at_least", target=10, by=analyst,
    )  # fmt: skip
    # A pilot period that has ended (every region: the school team is asked), and a campaign period.
    period = PilotPeriod.objects.create(
        name_fr="Pilote (fictif)", name_ar="تجربة (مثال)", starts_on=date(2025, 1, 1), ends_on=date(2025, 6, 30)
    )
    campaign = Campaign.objects.create(
        name_fr="Campagne (fictive)", name_ar="حملة (مثال)", starts_on=date(2025, 3, 1), ends_on=date(2025, 4, 1)
    )
    closed, _ = make_report(description="Un signalement clos (fictif).", identifiers=("@demo.closed",))
    training = make_training_world(analyst=analyst, school_team=school_team, trainer=trainer, report=closed)
    # Administration: a second administrator asked to reset the analyst's authenticator; a hold.
    other_admin = User.objects.create_user("second.admin", organisation=centre, role=User.Role.ADMINISTRATOR)
    reset = AuthenticatorReset.objects.create(
        account=analyst, reason="Téléphone perdu (fictif).", requested_by=other_admin
    )
    build_referral_pack(referral.pk)  # the pack its recipient downloads
    hold = operations.set_hold(case=case, reason="Enquête en cours (fictif).", by=other_admin)
    return training | {
        "account": analyst.pk,
        "organisation": police.pk,
        "reset": reset.pk,
        "hold": str(hold.pk),
        "region": Region.objects.order_by("pk").first().pk,
        "platform": Platform.objects.order_by("pk").first().pk,
        "deadline": Deadline.objects.exclude(kind=Deadline.Kind.REFERRAL).order_by("pk").first().pk,
        "number": EmergencyNumber.objects.order_by("pk").first().pk,
        "wording": AdviceWording.objects.create(source="Talk to an adult you trust.", text_fr="Parles-en (fictif).").pk,
        "year": 2025,
        "action": plan_action.pk,
        "period": period.pk,
        "campaign": campaign.pk,
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


@pytest.fixture(scope="module")
def made(django_db_setup, django_db_blocker, tmp_path_factory):
    """The personas and the world, made once for the module (about 190 addresses by 10 visitors):
    each test runs in a savepoint of this transaction and leaves it as it found it."""
    checkpoints = tmp_path_factory.mktemp("audit") / "checkpoints.jsonl"
    quick = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        SANAD_AUDIT_CHECKPOINTS=[f"file:{checkpoints}"],
    )
    with django_db_blocker.unblock(), quick, transaction.atomic():
        current.forget()
        organisations, school, people = make_world_of_personas()
        world = _make_world(people, organisations, school, TestCase.captureOnCommitCallbacks)
        yield {name: user.pk for name, user in people.items()}, world
        transaction.set_rollback(True)
    current.forget()


@pytest.fixture
def world(made):
    return made[1]


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
    # Administration (operations): accounts, organisations, second factors, retention.
    ("get", "/fr/staff/admin/", ADMINISTRATOR),
    ("get", "/fr/staff/admin/accounts/", ADMINISTRATOR),
    ("get", "/fr/staff/admin/accounts/new/", ADMINISTRATOR),
    ("get", "/fr/staff/admin/accounts/{account}/", ADMINISTRATOR),
    ("post", "/fr/staff/admin/accounts/{account}/role/", ADMINISTRATOR),
    ("post", "/fr/staff/admin/accounts/{account}/deactivate/", ADMINISTRATOR),
    ("post", "/fr/staff/admin/accounts/{account}/reactivate/", ADMINISTRATOR),
    ("post", "/fr/staff/admin/accounts/{account}/new-link/", ADMINISTRATOR),
    ("post", "/fr/staff/admin/accounts/{account}/authenticator-reset/", ADMINISTRATOR),
    ("post", "/fr/staff/admin/authenticator-resets/{reset}/approve/", ADMINISTRATOR),
    ("post", "/fr/staff/admin/authenticator-resets/{reset}/cancel/", ADMINISTRATOR),
    ("get", "/fr/staff/admin/organisations/", ADMINISTRATOR),
    ("get", "/fr/staff/admin/organisations/new/", ADMINISTRATOR),
    ("get", "/fr/staff/admin/organisations/{organisation}/", ADMINISTRATOR),
    # Legal holds: supervisors too.
    ("get", "/fr/staff/admin/retention/", {"supervisor", "administrator"}),
    ("post", "/fr/staff/admin/retention/holds/", {"supervisor", "administrator"}),
    ("post", "/fr/staff/admin/retention/holds/{hold}/lift/", {"supervisor", "administrator"}),
    # Reference data in Django's admin: administrators only, every page of it.
    ("get", "/fr/staff/reference/", ADMINISTRATOR),
    ("get", "/fr/staff/reference/reference/", ADMINISTRATOR),
    ("get", "/fr/staff/reference/jsi18n/", ADMINISTRATOR),
    ("get", "/fr/staff/reference/password_change/", ADMINISTRATOR),
    ("get", "/fr/staff/reference/password_change/done/", ADMINISTRATOR),
    ("get", "/fr/staff/accounts/locked/", {"administrator"}),
    ("get", "/fr/staff/schools/import/", {"administrator"}),
    ("get", "/fr/staff/schools/protocol/", {"administrator"}),
    ("get", "/fr/staff/schools/protocol/edit/", {"administrator"}),
    ("get", "/fr/staff/schools/figures/", CENTRE | {"ministry_viewer"}),
    ("get", "/fr/staff/statistics/", CENTRE | {"ministry_viewer"}),
    ("get", "/fr/staff/statistics/export/category.csv", CENTRE | {"ministry_viewer"}),
    # The yearly review: the committee's secretary (no persona here) drafts and publishes; approvers read and approve.
    ("get", "/fr/staff/statistics/reviews/", APPROVERS),
    ("post", "/fr/staff/statistics/reviews/", set()),
    ("get", "/fr/staff/statistics/reviews/{year}/", APPROVERS),
    ("post", "/fr/staff/statistics/reviews/{year}/", set()),
    ("post", "/fr/staff/statistics/reviews/{year}/approve/", APPROVERS),
    ("post", "/fr/staff/statistics/reviews/{year}/publish/", set()),
    ("get", "/fr/staff/statistics/reviews/{year}/v1.fr.pdf", APPROVERS),
    ("get", "/fr/staff/statistics/actions/", APPROVERS),
    ("post", "/fr/staff/statistics/actions/", set()),
    ("post", "/fr/staff/statistics/actions/{action}/progress/", APPROVERS),
    # The pilot review is for the school's own team, after the case is closed (this one is open).
    ("get", "/fr/staff/statistics/pilot/{run}/", set()),
    # The end of a pilot period: each school's own team.
    ("get", "/fr/staff/statistics/pilot/period/{period}/", TEAM),
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
    ("get", "/fr/staff/training/", TRAINEES),
    ("get", "/fr/staff/training/practice/", TRAINEES),
    ("post", "/fr/staff/training/practice/{study}/start/", TRAINEES),
    # A trainee's own attempts and courses only (the analyst's attempts, the school team's course).
    ("get", "/fr/staff/training/attempts/{attempt}/", {"analyst"}),
    ("get", "/fr/staff/training/attempts/{attempt}/triage/", {"analyst"}),
    ("post", "/fr/staff/training/attempts/{attempt}/triage/", {"analyst"}),
    ("get", "/fr/staff/training/attempts/{attempt}/referral/", {"analyst"}),
    ("post", "/fr/staff/training/attempts/{attempt}/referral/", {"analyst"}),
    ("get", "/fr/staff/training/attempts/{attempt}/protocol/", {"analyst"}),
    ("get", "/fr/staff/training/attempts/{attempt}/feedback/", {"analyst"}),
    ("get", "/fr/staff/training/attempts/{qattempt}/questions/", {"analyst"}),
    ("get", "/fr/staff/training/courses/{enrolment}/", TEAM),
    ("post", "/fr/staff/training/courses/{enrolment}/items/{item}/start/", TEAM),
    ("get", "/fr/staff/training/courses/{enrolment}/certificate.pdf", TEAM),
    ("get", "/fr/staff/training/trainer/", TRAINERS),
    ("get", "/fr/staff/training/trainer/courses/new/", TRAINERS),
    ("get", "/fr/staff/training/trainer/courses/{course}/cohorts/new/", TRAINERS),
    # The cohort's own trainer and the centre's supervisors.
    ("get", "/fr/staff/training/trainer/cohorts/{cohort}/", TRAINERS),
    ("post", "/fr/staff/training/trainer/certificates/{certificate}/revoke/", TRAINERS),
    ("post", "/fr/staff/training/trainer/from-case/", TRAINERS),
    ("get", "/fr/staff/training/trainer/drafts/{draft}/", TRAINERS),
    # Only a supervisor publishes (this draft was not sent yet: a 400 that says so, past the gate).
    ("post", "/fr/staff/training/trainer/drafts/{draft}/approve/", {"supervisor", "administrator"}),
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
# Every page Django's admin makes for each kind of reference data.
REFERENCE = {"accounts/region": "region", "reference/platform": "platform", "reference/deadline": "deadline"}
REFERENCE |= {"reference/emergencynumber": "number", "reference/advicewording": "wording"}
REFERENCE |= {"stats/campaign": "campaign", "stats/pilotperiod": "period"}
for model, key in REFERENCE.items():
    for page in ("", "add/", f"{{{key}}}/", f"{{{key}}}/change/", f"{{{key}}}/history/", f"{{{key}}}/delete/"):
        MATRIX.append(("get", f"/fr/staff/reference/{model}/{page}", ADMINISTRATOR))
# A platform is never deleted (past reports name it), nor a deadline every urgency needs.
MATRIX.remove(("get", "/fr/staff/reference/reference/platform/{platform}/delete/", ADMINISTRATOR))
MATRIX.append(("get", "/fr/staff/reference/reference/platform/{platform}/delete/", set()))
MATRIX.remove(("get", "/fr/staff/reference/reference/deadline/{deadline}/delete/", ADMINISTRATOR))
MATRIX.append(("get", "/fr/staff/reference/reference/deadline/{deadline}/delete/", set()))

# What a POST needs beyond its address to reach its gate: the file to share.
DATA = {
    "/fr/staff/cases/{school_case}/share-with-school/": {"evidence": "{shared}"},
    "/fr/staff/training/trainer/from-case/": {"reference": "{closed}"},
}


def _data(pattern: str, values: dict) -> dict[str, str]:
    return {name: value.format(**values) for name, value in DATA.get(pattern, {}).items()}


# Pages anyone may open: signing in and its steps, the e-mailed links (they check their own token),
# and the reference admin's own sign-in and sign-out, which only send to Sanad's.
OPEN = {"sign_in", "two_factor", "two_factor_setup", "sign_out", "set_password", "unlock", "login", "logout"}
MISSING = {
    "year": 1999,
    "action": 999999,
    "period": 999999,
    "campaign": 999999,
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
    "account": 999999,
    "organisation": 999999,
    "reset": 999999,
    "hold": "00000000-0000-0000-0000-000000000000",
    "region": 999999,
    "platform": 999999,
    "deadline": 999999,
    "number": 999999,
    "wording": 999999,
    "study": 999999,
    "attempt": 999999,
    "qattempt": 999999,
    "enrolment": 999999,
    "item": 999999,
    "course": 999999,
    "cohort": 999999,
    "certificate": 999999,
    "draft": 999999,
    "closed": "C-NONE",
}


def _strip(body: bytes, path: str) -> str:
    # The CSRF token and the echoed path (the language switcher's "next") differ; nothing else may.
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", body.decode()).replace(path, "PATH")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("method", "pattern", "allowed"), MATRIX, ids=[f"{m} {p}" for m, p, _ in MATRIX])
def test_access(persona, method, pattern, allowed, made, world, sign_in):
    user = User.objects.get(pk=made[0][persona])
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


def _regex(entry: URLPattern | URLResolver) -> str:
    """The regular expression of one level of a route, whether written as a path or a regex
    (the admin's), without its anchors."""
    with translation.override("fr"):
        expression = entry.pattern.regex.pattern
    return re.sub(r"(\\Z|\$)$", "", expression.removeprefix("^"))


def _staff_routes(resolver: URLResolver = None, prefix: str = "") -> list[tuple[str, str]]:  # type: ignore[assignment]
    """(regex, name) of every URL under /fr/staff/ the resolver knows."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + _regex(entry)
        if isinstance(entry, URLResolver):
            found += _staff_routes(entry, route)
        elif isinstance(entry, URLPattern) and route.startswith("fr/staff/"):
            found.append((route, entry.name or ""))
    return found


def _as_pattern(route: str) -> re.Pattern[str]:
    return re.compile("^/" + route + "$")


def test_the_matrix_names_every_staff_url():
    written = [path.format(**MISSING) for _method, path, _allowed in MATRIX]
    missing = [
        route
        for route, name in _staff_routes()
        if name not in OPEN and not any(_as_pattern(route).match(path) for path in written)
    ]
    assert missing == []

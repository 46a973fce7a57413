"""Journey 4: a school's resource team runs the protocol, in both languages.

A teacher signs in with a second factor, records what a pupil told her, and runs every
step to closure (with the one-week follow-up). A second case is assessed level 3: it
appears at once in the national centre's queue as P1, the head of school gets an e-mail,
and the analyst reads the school's record from the case page. The regional academy's
dashboard counts both cases, without a single name. When a pilot period has ended, the team
reviews the protocol over it from its page, on a phone with JavaScript off.
"""

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from sanad.accounts.models import Organisation, Region, User
from sanad.cases.models import Case
from sanad.schools import actions
from sanad.schools.models import Level, ProtocolRun, ProtocolVersion, RunStatus, School, StepState, TeamMember
from sanad.stats.models import PilotPeriod, PilotReview
from sanad.testing import PASSWORD
from tests.browser import journey
from tests.browser.conftest import LANGUAGES
from tests.browser.test_accessibility import Audit
from tests.browser.test_backoffice_journey import submit

pytestmark = [pytest.mark.browser]

TEACHER_KEY = "5a5b5c5d5e5f606162636465666768696a6b6c6d"
ANALYST_KEY = "3132333435363738393031323334353637383930"
ACADEMY_KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c"
ADMIN_KEY = "00112233445566778899aabbccddeeff00112233"
VICTIM = "Salma Exemple"
AUTHOR = "Youssef Fictif"
SECOND_VICTIM = "Nour Imaginaire"
FACTS = "Des moqueries et une photo détournée dans le groupe de la classe (exemple fictif)."
SERIOUS_FACTS = "Un élève menace de publier des photos intimes d'une camarade (exemple fictif)."


def make_people() -> dict[str, User]:
    region = Region.objects.get(code="casablanca-settat")
    academy = Organisation.objects.create(name="AREF Casablanca-Settat (test)", kind="academy", region=region)
    organisation = Organisation.objects.create(name="Collège Al Amal (test)", kind="school", region=region)
    school = School.objects.create(
        organisation=organisation,
        code="TEST-1",
        region=region,
        province="Casablanca",
        academy=academy,
        level=Level.MIDDLE,
    )
    centre = Organisation.objects.create(name="Centre national Sanad (test)", kind="centre")
    people = {
        "teacher": User.objects.create_user(
            "n.enseignante",
            password=PASSWORD,
            organisation=organisation,
            role=User.Role.SCHOOL_TEAM,
            first_name="Nadia",
            last_name="Enseignante",
            email="n.enseignante@school.invalid",
        ),
        "head": User.objects.create_user(
            "k.directeur",
            password=PASSWORD,
            organisation=organisation,
            role=User.Role.SCHOOL_TEAM,
            email="k.directeur@school.invalid",
        ),
        "analyst": User.objects.create_user(
            "s.analyste", password=PASSWORD, organisation=centre, role=User.Role.ANALYST
        ),
        "academy": User.objects.create_user(
            "a.academie", password=PASSWORD, organisation=academy, role=User.Role.MINISTRY
        ),
    }
    TeamMember.objects.create(school=school, user=people["teacher"], position=TeamMember.Position.TEACHER)
    TeamMember.objects.create(school=school, user=people["head"], position=TeamMember.Position.HEAD)
    for name, key in [("teacher", TEACHER_KEY), ("analyst", ANALYST_KEY), ("academy", ACADEMY_KEY)]:
        TOTPDevice.objects.create(user=people[name], name="authenticator", confirmed=True, key=key)
    return people


def sign_in(page: Page, language: str, user: User, key: str) -> None:
    page.goto(journey.path(language, "staff/sign-in/"))
    page.fill('input[name="username"]', user.username)
    page.fill('input[name="password"]', PASSWORD)
    submit(page)
    page.wait_for_url(f"**/{language}/staff/two-factor/**")
    page.fill('input[name="token"]', f"{totp(bytes.fromhex(key)):06d}")
    submit(page)
    page.wait_for_load_state()


def record_case(page: Page, language: str, *, facts: str, victim: str, categories: list[str]) -> ProtocolRun:
    page.goto(journey.path(language, "staff/school/cases/new/"))
    page.check('input[name="told_by"][value="victim"]')
    for category in categories:
        page.check(f'input[name="categories"][value="{category}"]')
    page.fill('textarea[name="facts"]', facts)
    page.check('input[name="evidence_kept"]')
    page.check('input[name="author"][value="pupil"]')
    page.fill('input[name="victim_name"]', victim)
    page.fill('input[name="victim_class"]', "2e année B")
    page.fill('input[name="involved_name"]', AUTHOR)
    page.locator("main form.school-record button[type=submit]").click()
    page.wait_for_url(f"**/{language}/staff/school/cases/*/")
    return ProtocolRun.objects.order_by("-pk").first()


def step_done(page: Page, code: str, *, note: str = "", choice: tuple[str, str] | None = None) -> None:
    form = page.locator(f"#form-step-{code}")
    if choice:
        form.locator(f'input[name="{choice[0]}"][value="{choice[1]}"]').check()
    if note:
        form.locator('textarea[name="note"]').fill(note)
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**#step-{code}")
    expect(page.locator(f"#step-{code} .badge-done")).to_be_visible()


def step_not_applicable(page: Page, code: str, reason: str) -> None:
    page.locator(f"#step-{code} summary").last.click()
    form = page.locator(f"#form-skip-{code}")
    form.locator('input[name="reason"]').fill(reason)
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**#step-{code}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_school_journey(language: str, new_context, screenshot: Callable[[Page, str], Path]) -> None:
    def shot(page: Page, name: str) -> None:
        screenshot(page, f"{language}-{name}")

    people = make_people()
    teacher = new_context().new_page()
    sign_in(teacher, language, people["teacher"], TEACHER_KEY)
    teacher.wait_for_url(f"**/{language}/staff/school/")
    shot(teacher, "50-school-dashboard")

    # Case 1: recorded, then every step to closure.
    run = record_case(teacher, language, facts=FACTS, victim=VICTIM, categories=["harassment"])
    expect(teacher.locator("main")).to_contain_text(VICTIM)
    expect(teacher.locator(".path-notice")).to_be_visible()  # the author is a pupil: educational path
    assert run.steps.get(code="record").state == StepState.DONE
    shot(teacher, "51-school-case")
    step_done(teacher, "listen", choice=("safety", "safe"), note="Entretien confidentiel (fictif).")
    assess = teacher.locator("#form-assess")
    assess.locator('input[name="level"][value="2"]').check()
    assess.locator("button[type=submit]").click()
    teacher.wait_for_url("**#assess-title")
    teacher.locator("#step-parents summary").first.click()
    parents = teacher.locator("#form-parents")
    parents.locator('select[name="relation"]').select_option("mother")
    parents.locator('select[name="means"]').select_option("phone")
    parents.locator('textarea[name="response"]').fill("La mère remercie l'équipe (fictif).")
    parents.locator("button[type=submit]").click()
    teacher.wait_for_url("**#parents-title")
    step_done(teacher, "parents")
    step_done(teacher, "hear", note="Témoins entendus séparément (fictif).")
    step_done(teacher, "protect", note="Rendez-vous avec la conseillère (fictif).")
    step_done(teacher, "measures", choice=("approach", "restorative"), note="Cercle restauratif (fictif).")
    step_not_applicable(teacher, "takedown", "La photo a été supprimée par son auteur (fictif).")
    step_done(teacher, "follow_up_week", note="Une semaine après : les moqueries ont cessé (fictif).")
    step_done(teacher, "follow_up_month", note="Un mois après : tout va bien (fictif).")
    shot(teacher, "52-school-steps")
    close = teacher.locator("#form-close")
    close.locator('select[name="outcome"]').select_option("stopped")
    close.locator('textarea[name="review"]').fill("Réaction rapide, parents impliqués (fictif).")
    close.locator("button[type=submit]").click()
    teacher.wait_for_load_state()
    run.refresh_from_db()
    assert run.status == RunStatus.CLOSED and run.outcome == "stopped"
    assert not run.steps.filter(state=StepState.PENDING).exists()

    # Case 2: level 3 — escalated to the national centre, the head told.
    serious = record_case(
        teacher, language, facts=SERIOUS_FACTS, victim=SECOND_VICTIM, categories=["sexual_exploitation", "threats"]
    )
    teacher.locator("#assess-title").click()  # straight to the severity: the interview can wait
    assess = teacher.locator("#form-assess")
    assess.locator('input[name="level"][value="3"]').check()
    assess.locator('input[name="serious_because"][value="sexual_content"]').check()
    assess.locator('input[name="serious_because"][value="threats"]').check()
    assess.locator("button[type=submit]").click()
    teacher.wait_for_url("**#assess-title")
    expect(teacher.locator(".notice-danger")).to_be_visible()
    shot(teacher, "53-school-level-3")
    serious.refresh_from_db()
    assert serious.escalated_at is not None
    assert [message.to for message in mail.outbox if serious.reference in message.subject] == [[people["head"].email]]

    # The national centre sees it at once in its queue, P1, reads the school's record and opens a case.
    assert serious.centre_asked_at is not None and serious.centre_urgency <= "P1"
    analyst = new_context().new_page()
    sign_in(analyst, language, people["analyst"], ANALYST_KEY)
    analyst.wait_for_url(f"**/{language}/staff/queue/")
    analyst.locator("table.queue").get_by_role("link", name=serious.reference).click()
    expect(analyst.locator("main")).to_contain_text(SECOND_VICTIM)
    shot(analyst, "55-centre-school-request")
    analyst.locator("#open-title ~ form button[type=submit]").click()
    analyst.wait_for_url("**/staff/cases/*/")
    case = Case.objects.get(school_case=serious)
    assert case.urgency <= "P1"
    expect(analyst.locator("main")).to_contain_text(SECOND_VICTIM)
    expect(analyst.locator("main")).to_contain_text(serious.reference)
    shot(analyst, "55-centre-school-case")

    # The academy counts both cases, and sees no name.
    academy = new_context().new_page()
    sign_in(academy, language, people["academy"], ACADEMY_KEY)
    academy.goto(journey.path(language, "staff/schools/figures/"))
    main = academy.locator("main")
    expect(main).to_contain_text("Collège Al Amal (test)")
    for name in (VICTIM, SECOND_VICTIM, AUTHOR, run.reference, serious.reference):
        expect(main).not_to_contain_text(name)
    shot(academy, "54-academy-figures")
    assert ProtocolRun.objects.filter(school__code="TEST-1").count() == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_school_pages_have_no_serious_accessibility_problems(language: str, new_context, axe_source: str) -> None:
    """axe-core on the team's, the academy's and the administrator's school pages."""
    people = make_people()
    school = School.objects.get(code="TEST-1")
    run = actions.record_case(
        school,
        by=people["teacher"],
        told_by="victim",
        categories=["harassment"],
        facts=FACTS,
        evidence_kept=True,
        author="pupil",
        pupils=[actions.PupilEntry("victim", VICTIM, "2e année B"), actions.PupilEntry("involved", AUTHOR)],
    )
    audit = Audit(axe_source)
    teacher = new_context(bypass_csp=True).new_page()
    sign_in(teacher, language, people["teacher"], TEACHER_KEY)
    teacher.wait_for_url(f"**/{language}/staff/school/")
    audit(teacher, "school-dashboard")
    teacher.goto(journey.path(language, "staff/school/cases/new/"))
    audit(teacher, "school-record")
    teacher.locator("main form.school-record button[type=submit]").click()  # everything missing
    teacher.wait_for_load_state()
    expect(teacher.locator(".error-summary")).to_be_visible()
    audit(teacher, "school-record-errors")
    teacher.goto(journey.path(language, f"staff/school/cases/{run.pk}/"))
    audit(teacher, "school-case")

    academy = new_context(bypass_csp=True).new_page()
    sign_in(academy, language, people["academy"], ACADEMY_KEY)
    academy.goto(journey.path(language, "staff/schools/figures/"))
    audit(academy, "academy-figures")

    centre = Organisation.objects.get(kind="centre")
    administrator = User.objects.create_user(
        "d.admin", password=PASSWORD, organisation=centre, role=User.Role.ADMINISTRATOR
    )
    TOTPDevice.objects.create(user=administrator, name="authenticator", confirmed=True, key=ADMIN_KEY)
    admin = new_context(bypass_csp=True).new_page()
    sign_in(admin, language, administrator, ADMIN_KEY)
    for name, rest in [
        ("protocol", "staff/schools/protocol/"),
        ("protocol-edit", "staff/schools/protocol/edit/"),
        ("import", "staff/schools/import/"),
        ("national-figures", "staff/schools/figures/"),
    ]:
        admin.goto(journey.path(language, rest))
        expect(admin.locator("h1")).to_be_visible()
        audit(admin, name)

    assert len(audit.audited) == 9, audit.audited
    assert not audit.problems, audit.report()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_team_reviews_a_pilot_period_without_javascript(language: str, new_context, screenshot) -> None:
    """A pilot period has ended: the teacher finds it on the team's page, answers every step on a
    phone with JavaScript off, first forgetting one answer (nothing sent, nothing typed lost; the
    server's own messages for bad answers are in sanad/stats/tests/test_pilot_period.py)."""
    people = make_people()
    today = timezone.localdate()
    period = PilotPeriod.objects.create(
        name_fr="Pilote (test)", name_ar="تجربة (اختبار)", starts_on=today - timedelta(days=200),
        ends_on=today - timedelta(days=1),
    )  # fmt: skip
    teacher = new_context(javascript=False).new_page()
    sign_in(teacher, language, people["teacher"], TEACHER_KEY)
    teacher.goto(journey.path(language, "staff/school/"))
    teacher.locator("#pilot-title ~ ul a").click()
    teacher.wait_for_url(f"**/{language}/staff/statistics/pilot/period/{period.pk}/")
    steps = ProtocolVersion.objects.current().steps
    form = teacher.locator("main form")
    for step in steps:
        if step != steps[0]:
            form.locator(f'input[name="{step.code}_workable"][value="yes"]').check()
        form.locator(f'input[name="{step.code}_minutes"]').fill("25")
    form.locator(f'textarea[name="{steps[0].code}_missing"]').fill("Un modèle de lettre aux parents (fictif).")
    screenshot(teacher, f"{language}-56-pilot-period-review", at="main h1")
    submit(teacher)  # the forgotten answer is required: the phone's browser asks for it, nothing is sent
    expect(form.locator(f'textarea[name="{steps[0].code}_missing"]')).to_have_value(
        "Un modèle de lettre aux parents (fictif)."
    )
    assert not PilotReview.objects.exists()
    form.locator(f'input[name="{steps[0].code}_workable"][value="no"]').check()
    submit(teacher)
    teacher.wait_for_url(f"**/{language}/staff/school/")
    expect(teacher.locator("#pilot-title")).to_have_count(0)  # nothing left to do
    review = PilotReview.objects.get(period=period)
    assert review.answers.count() == len(steps) and review.answers.filter(workable=False).count() == 1

"""What a partner receives stays what was sent, and no text can widen or reverse a page.

- A police liaison reads a referral and downloads its pack; the analyst then links another
  report to the case; the liaison reloads: the page and the pack are unchanged, the new
  report appears nowhere. (Arabic and French.)
- A 3,000-character unbroken string in a school case's facts, a pupil's name and a note does
  not make the school case page (or the centre's case page) wider than the phone.
"""

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import BrowserContext, Page, expect

from sanad.accounts.models import User
from sanad.cases.actions import link_report, open_case, open_case_from_school, refer_case
from sanad.cases.models import Case
from sanad.cases.pack import build_referral_pack
from sanad.cases.tests.conftest import make_report
from sanad.evidence.actions import capture_file
from sanad.schools import actions as school_actions
from sanad.schools.actions import PupilEntry
from sanad.schools.models import Author, ToldBy
from sanad.testing import make_school
from tests.browser import journey
from tests.browser.conftest import LANGUAGES, PHONE
from tests.browser.test_backoffice_journey import ANALYST_KEY, BRIEF, LEGAL_GROUND, LIAISON_KEY, make_staff
from tests.browser.test_school_journey import TEACHER_KEY, sign_in

pytestmark = [pytest.mark.browser]

LATER = "Un autre message, reçu après l'envoi à la police (exemple fictif)."
LATER_HANDLE = "@demo.later.account"


def pack_digest(page: Page) -> str:
    with page.expect_download() as download:
        page.locator("a[download]").first.click()
    return hashlib.sha256(Path(download.value.path()).read_bytes()).hexdigest()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_referral_page_and_its_pack_do_not_change_after_a_later_link(
    language: str, new_context: Callable[..., BrowserContext], tmp_path: Path, screenshot
) -> None:
    staff = make_staff()
    first, _ = make_report(description=journey.DESCRIPTION, identifiers=("@demo.blackmailer",))
    first.evidence.add(capture_file(journey.make_png(tmp_path).read_bytes(), name="capture.png", actor="reporter"))
    case = open_case(first, by=staff.analyst)
    referral = refer_case(
        case, target="police", organisation=staff.police, brief=BRIEF, legal_ground=LEGAL_GROUND, by=staff.analyst
    )
    build_referral_pack(referral.pk)

    liaison = new_context().new_page()
    sign_in(liaison, language, staff.liaison, LIAISON_KEY)
    liaison.goto(journey.path(language, f"staff/referrals/{referral.pk}/"))
    package = liaison.locator(".package").inner_html()
    before = pack_digest(liaison)

    later, _ = make_report(description=LATER, identifiers=(LATER_HANDLE,))
    later.evidence.add(
        capture_file(journey.make_png(tmp_path, "later.png").read_bytes(), name="later.png", actor="reporter")
    )
    link_report(later, case=Case.objects.get(pk=case.pk), by=staff.analyst)

    liaison.reload()
    expect(liaison.locator(".package")).to_be_visible()
    assert liaison.locator(".package").inner_html() == package
    assert LATER not in liaison.content() and "demo.later.account" not in liaison.content()
    assert pack_digest(liaison) == before
    screenshot(liaison, f"{language}-47-liaison-after-later-link")


def long_school_case(school, teacher: User, text: str):
    run = school_actions.record_case(
        school,
        by=teacher,
        told_by=ToldBy.VICTIM,
        categories=["harassment"],
        facts=text,
        evidence_kept=True,
        author=Author.PUPIL,
        pupils=[PupilEntry("victim", text[:200], text[:100])],
    )
    school_actions.complete_step(run, "listen", by=teacher, note=text, details={"safety": "safe"})
    return run


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unbroken_string_never_widens_the_page(
    language: str, new_context: Callable[..., BrowserContext], django_capture_on_commit_callbacks
) -> None:
    staff = make_staff()
    school = make_school("TEST-WRAP", "Collège (test)")
    teacher = User.objects.create_user(
        "t.enseignant", password="correct horse battery staple", organisation=school.organisation, role="school_team"
    )
    from sanad.schools.models import TeamMember

    TeamMember.objects.create(school=school, user=teacher, position=TeamMember.Position.TEACHER)
    TOTPDevice.objects.create(user=teacher, name="authenticator", confirmed=True, key=TEACHER_KEY)
    text = "ب" * 1500 + "x" * 1500
    run = long_school_case(school, teacher, text)
    with django_capture_on_commit_callbacks(execute=True):
        school_actions.assess(run, by=teacher, level=3, serious_because=["threats"])
    school_case = open_case_from_school(run, by=staff.analyst)  # the centre triages the school's request
    report, _ = make_report(description="y" * 3000, identifiers=("@" + "z" * 280,))
    case = open_case(report, by=staff.analyst)

    page = new_context().new_page()
    sign_in(page, language, teacher, TEACHER_KEY)
    analyst = new_context().new_page()
    sign_in(analyst, language, staff.analyst, ANALYST_KEY)
    for viewer, path in [
        (page, f"staff/school/cases/{run.pk}/"),
        (analyst, f"staff/cases/{school_case.pk}/"),
        (analyst, f"staff/cases/{case.pk}/"),
        (analyst, f"staff/reports/{report.pk}/"),
        (analyst, "staff/queue/"),
    ]:
        viewer.goto(journey.path(language, path))
        width = viewer.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width} px wide"

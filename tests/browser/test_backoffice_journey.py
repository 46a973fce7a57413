"""Journey 3: the back-office, in both languages.

An analyst signs in with a second factor, triages a P0 report sent through the portal,
opens a case, links a second report found through a shared identifier, writes to the
reporter (who answers through the portal), refers the case to the police with an evidence
pack; the police liaison downloads the pack, acknowledges and answers; the analyst closes
the case and the reporter sees it closed. Then axe-core checks the same back-office pages.

Each person has their own browser context: the reporter never holds a staff session.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import BrowserContext, Page, expect

from sanad.accounts.models import Organisation, User
from sanad.cases import queue as queue_module
from sanad.cases.actions import open_case, refer_case
from sanad.cases.models import Case, CaseStatus, Outcome, Referral, ReferralStatus
from sanad.cases.tests.conftest import PASSWORD, make_report
from sanad.evidence.actions import capture_file
from sanad.intake.models import PUBLIC_STATUS_MESSAGES, PublicStatus, Report, Urgency
from tests.browser import journey
from tests.browser.conftest import LANGUAGES
from tests.browser.test_accessibility import Audit

pytestmark = [pytest.mark.browser]

# Known TOTP keys (40 hex characters, django-otp's format), so the test computes the codes.
ANALYST_KEY = "3132333435363738393031323334353637383930"
LIAISON_KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
IDENTIFIER = "@demo.blackmailer"
# Report B: another young person, the same account (synthetic, in French).
SECOND_DESCRIPTION = "Le compte @demo.blackmailer me demande des photos et menace de les publier (exemple fictif)."
MESSAGE = "Merci pour votre signalement. Ne payez rien. Depuis quand ce compte vous écrit-il ?"
BRIEF = "Chantage sexuel sur deux mineures par le même compte Instagram (exemple fictif). Merci d'identifier l'auteur."
LEGAL_GROUND = "Article 503-1 du Code pénal (fictif)"
ANSWER = "Enquête ouverte, réquisition envoyée à la plateforme (exemple fictif)."


@dataclass
class Staff:
    analyst: User
    liaison: User
    police: Organisation


def make_staff() -> Staff:
    centre = Organisation.objects.create(name="Centre national Sanad (test)", kind=Organisation.Kind.CENTRE)
    police = Organisation.objects.create(name="DGSN – cybercriminalité (test)", kind=Organisation.Kind.POLICE)
    analyst = User.objects.create_user(
        username="s.analyste", password=PASSWORD, organisation=centre, role=User.Role.ANALYST
    )
    liaison = User.objects.create_user(
        username="o.liaison", password=PASSWORD, organisation=police, role=User.Role.LIAISON
    )
    for user, key in [(analyst, ANALYST_KEY), (liaison, LIAISON_KEY)]:
        TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True, key=key)
    return Staff(analyst=analyst, liaison=liaison, police=police)


def second_report() -> Report:
    """Report B, received through another channel: the same account, another description."""
    report, _receipt = make_report(
        description=SECOND_DESCRIPTION,
        categories=("sexual_exploitation",),
        platforms=("instagram",),
        identifiers=(IDENTIFIER,),
    )
    return report


def submit(page: Page) -> None:
    """The page's one form in <main> (the header holds the language and sign-out forms)."""
    page.locator("main form button[type=submit]").click()


def sign_in(page: Page, language: str, user: User, key: str, visit: journey.Visit = journey.no_visit) -> None:
    """Password, then the code the authenticator app shows now. Each code works once per
    device and 30-second step, so each user signs in once per test."""
    page.goto(journey.path(language, "staff/sign-in/"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    visit(page, "40-staff-sign-in")
    page.fill('input[name="username"]', user.username)
    page.fill('input[name="password"]', PASSWORD)
    submit(page)
    page.wait_for_url(f"**/{language}/staff/two-factor/**")
    page.fill('input[name="token"]', f"{totp(bytes.fromhex(key)):06d}")
    submit(page)
    page.wait_for_load_state()


def open_follow_up(page: Page, language: str, receipt: str) -> None:
    page.goto(journey.path(language, "follow-up/"))
    page.fill('input[name="receipt"]', receipt)
    submit(page)
    page.wait_for_url(f"**/{language}/follow-up/report/")


def reporter_sees_status(page: Page, language: str, status: PublicStatus) -> None:
    expect(page.locator(".status-line .status")).to_have_text(journey.t(language, status.label))
    expect(page.locator("main")).to_contain_text(journey.t(language, PUBLIC_STATUS_MESSAGES[status]))


def send_first_report(page: Page, language: str, folder: Path) -> str:
    """Report A through the public wizard: sextortion with a deadline (P0), one picture."""
    picture = journey.make_png(folder)
    journey.open_report(page, language)
    journey.answer_danger(page, language, sextortion=True)
    journey.see_help(page, language)
    journey.answer_what(page, language, sextortion=True)
    journey.answer_where(page, language)
    journey.answer_evidence(page, language, [picture])
    journey.answer_child(page, language, then="contact")
    journey.answer_contact(page, language, javascript=True)
    journey.check_review(page, language, expected=[journey.DESCRIPTION, IDENTIFIER, picture.name])
    return journey.send(page, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_backoffice_journey(
    language: str,
    new_context: Callable[..., BrowserContext],
    tmp_path: Path,
    screenshot: Callable[[Page, str], Path],
) -> None:
    def shot(page: Page, name: str) -> None:
        screenshot(page, f"{language}-{name}")

    staff = make_staff()
    reporter = new_context().new_page()
    receipt = send_first_report(reporter, language, tmp_path)
    first = Report.objects.get()
    assert first.urgency == Urgency.P0
    assert first.evidence.count() == 1
    second = second_report()
    assert second.urgency != Urgency.P0

    # The analyst signs in and lands on the queue, the P0 report first.
    analyst = new_context().new_page()
    sign_in(analyst, language, staff.analyst, ANALYST_KEY, shot)
    analyst.wait_for_url(f"**/{language}/staff/queue/")
    rows = analyst.locator("table.queue tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text(first.reference)
    expect(rows.nth(1)).to_contain_text(second.reference)
    shot(analyst, "41-staff-queue")

    # Triage: open the report, then a case for it.
    rows.first.locator(f'a[href$="/staff/reports/{first.pk}/"]').click()
    analyst.wait_for_url(f"**/{language}/staff/reports/{first.pk}/")
    expect(analyst.locator("main")).to_contain_text(journey.DESCRIPTION)
    # Report B names the same account: it is suggested already.
    expect(analyst.locator(".related")).to_contain_text(second.reference)
    shot(analyst, "42-triage")
    analyst.locator('.in-page a[href="#open-title"]').click()  # on a phone the forms come after the report
    analyst.locator('form[action$="/open-case/"] button[type=submit]').click()
    analyst.wait_for_url(f"**/{language}/staff/cases/*/")
    case = Case.objects.get()
    assert case.assignee == staff.analyst
    case_url = journey.path(language, f"staff/cases/{case.pk}/")
    expect(analyst.locator(".related")).to_contain_text(second.reference)

    # Report B, found through the queue's search by the shared identifier, joins the case.
    analyst.goto(journey.path(language, "staff/queue/"))
    analyst.fill('input[name="q"]', IDENTIFIER)
    analyst.locator("form.queue-search .search-row button[type=submit]").click()
    analyst.wait_for_url("**/staff/queue/?q=*")
    found = analyst.locator("table.queue tbody tr")
    expect(found).to_have_count(2)  # the new case (through report A) and report B
    expect(analyst.locator("table.queue")).to_contain_text(case.reference)
    found.locator(f'a[href$="/staff/reports/{second.pk}/"]').click()
    analyst.wait_for_url(f"**/{language}/staff/reports/{second.pk}/")
    expect(analyst.locator(".related")).to_contain_text(first.reference)
    analyst.fill('form[action$="/link/"] input[name="case"]', case.reference)
    analyst.locator('form[action$="/link/"] button[type=submit]').click()
    analyst.wait_for_url(f"**{case_url}")
    assert set(case.case_reports.values_list("report", flat=True)) == {first.pk, second.pk}
    expect(analyst.locator("main")).to_contain_text(SECOND_DESCRIPTION)

    # A message to the reporter of report A.
    message_form = analyst.locator('form[action$="/messages/"]')
    message_form.locator('select[name="report"]').select_option(str(first.pk))
    message_form.locator('textarea[name="body"]').fill(MESSAGE)
    message_form.locator("button[type=submit]").click()
    analyst.wait_for_url(f"**{case_url}#timeline")
    assert [(m.author, m.body) for m in first.messages.all()] == [("centre", MESSAGE)]

    # Refer to the police: target, organisation, brief and legal ground, preview, send.
    analyst.locator(f'a[href$="/staff/cases/{case.pk}/refer/"]').click()
    analyst.check('input[name="target"][value="police"]')
    submit(analyst)
    analyst.wait_for_url("**/refer/?target=police")
    analyst.select_option('select[name="organisation"]', str(staff.police.pk))
    analyst.fill('textarea[name="brief"]', BRIEF)
    analyst.fill('input[name="legal_ground"]', LEGAL_GROUND)
    analyst.locator('button[name="preview"]').click()
    analyst.wait_for_load_state()
    package = analyst.locator(".package")
    expect(package).to_contain_text(BRIEF)
    expect(package).to_contain_text(LEGAL_GROUND)
    expect(package).to_contain_text(journey.DESCRIPTION)
    expect(package).to_contain_text(SECOND_DESCRIPTION)
    expect(package).to_contain_text(first.evidence.get().sha256)
    shot(analyst, "44-refer-preview")
    analyst.locator('button[name="send"]').click()
    analyst.wait_for_url(f"**/{language}/staff/referrals/*/")
    # The pack is built after the commit (tasks run at once in the tests).
    referral = Referral.objects.get()
    assert referral.organisation == staff.police
    assert len(referral.pack_sha256) == 64
    assert Case.objects.get().status == CaseStatus.REFERRED

    # The reporter reads the centre's message and answers.
    open_follow_up(reporter, language, receipt)
    reporter_sees_status(reporter, language, PublicStatus.REFERRED)
    expect(reporter.locator(".message-centre")).to_contain_text(MESSAGE)
    journey.reply(reporter, language)

    analyst.goto(case_url)
    expect(analyst.locator("#timeline")).to_contain_text(journey.REPLY)

    # The liaison reads the referral, downloads the pack, acknowledges, then answers.
    liaison = new_context().new_page()
    sign_in(liaison, language, staff.liaison, LIAISON_KEY)
    liaison.wait_for_url(f"**/{language}/staff/referrals/")
    liaison.locator(f'a[href$="/staff/referrals/{referral.pk}/"]').click()
    liaison.wait_for_url(f"**/{language}/staff/referrals/{referral.pk}/")
    expect(liaison.locator(".package")).to_contain_text(journey.DESCRIPTION)
    with liaison.expect_download() as download_info:
        liaison.locator(f'a[href$="/staff/referrals/{referral.pk}/pack/"]').click()
    download = download_info.value
    assert download.suggested_filename.endswith(".zip"), download.suggested_filename
    assert hashlib.sha256(Path(download.path()).read_bytes()).hexdigest() == referral.pack_sha256

    update_form = liaison.locator('form[action$="/update/"]')
    update_form.locator('input[name="status"][value="received"]').check()
    update_form.locator("button[type=submit]").click()
    liaison.wait_for_url(f"**/{language}/staff/referrals/{referral.pk}/")
    expect(liaison.locator(".notices")).to_be_visible()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.RECEIVED and referral.acknowledged_at

    update_form.locator('input[name="status"][value="investigating"]').check()
    update_form.locator('textarea[name="answer"]').fill(ANSWER)
    update_form.locator("button[type=submit]").click()
    liaison.wait_for_url(f"**/{language}/staff/referrals/{referral.pk}/")
    expect(liaison.locator(".referral-head")).to_contain_text(ANSWER)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.INVESTIGATING and referral.answer == ANSWER
    shot(liaison, "45-liaison-referral")

    # The analyst sees the answer, then closes the case.
    analyst.goto(case_url)
    expect(analyst.locator("main")).to_contain_text(journey.t(language, ReferralStatus.INVESTIGATING.label))
    shot(analyst, "43-case")
    close_form = analyst.locator('form[action$="/close/"]')
    close_form.locator('select[name="outcome"]').select_option(Outcome.REFERRED_TO_JUSTICE)
    close_form.locator("button[type=submit]").click()
    analyst.wait_for_url(f"**{case_url}")
    expect(analyst.locator(".page-head .status")).to_have_text(journey.t(language, CaseStatus.CLOSED.label))
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.outcome == Outcome.REFERRED_TO_JUSTICE

    # The reporter sees the report closed, with its message.
    reporter.reload()
    if "/follow-up/report/" not in reporter.url:  # the follow-up session ended: the receipt again
        open_follow_up(reporter, language, receipt)
    reporter_sees_status(reporter, language, PublicStatus.CLOSED)
    shot(reporter, "46-followup-closed")


# --- Accessibility of the back-office -----------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_backoffice_pages_have_no_serious_accessibility_problems(
    language: str,
    new_context: Callable[..., BrowserContext],
    axe_source: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """axe-core on each back-office page of the journey (these contexts bypass the CSP to inject it)."""
    staff = make_staff()
    first, _receipt = make_report(
        description=journey.DESCRIPTION,
        categories=("sexual_exploitation", "harassment"),
        identifiers=(IDENTIFIER,),
        sextortion_deadline=True,
    )
    first.evidence.add(capture_file(journey.make_png(tmp_path).read_bytes(), name="capture.png", actor="reporter"))
    second = second_report()
    case = open_case(first, by=staff.analyst)
    referral = refer_case(
        case, target="police", organisation=staff.police, brief=BRIEF, legal_ground=LEGAL_GROUND, by=staff.analyst
    )
    audit = Audit(axe_source)

    analyst = new_context(bypass_csp=True).new_page()
    analyst.goto(journey.path(language, "staff/sign-in/"))
    audit(analyst, "sign-in")
    analyst.fill('input[name="username"]', staff.analyst.username)
    analyst.fill('input[name="password"]', PASSWORD)
    submit(analyst)
    analyst.wait_for_url("**/staff/two-factor/**")
    audit(analyst, "two-factor")
    analyst.fill('input[name="token"]', f"{totp(bytes.fromhex(ANALYST_KEY)):06d}")
    submit(analyst)
    analyst.wait_for_url(f"**/{language}/staff/queue/")
    audit(analyst, "queue")
    # The links between the queue's pages, here one row a page (the live server shares this process).
    monkeypatch.setattr(queue_module, "PAGE_SIZE", 1)
    analyst.goto(journey.path(language, "staff/queue/"))
    analyst.locator('nav.pager a[rel="next"]').click()
    analyst.wait_for_url("**/staff/queue/?after=*")
    expect(analyst.locator('nav.pager a[rel="prev"]')).to_be_visible()
    audit(analyst, "queue-next-page")
    monkeypatch.undo()
    analyst.goto(journey.path(language, f"staff/reports/{second.pk}/"))  # not triaged yet: every form
    expect(analyst.locator("h1")).to_contain_text(second.reference)
    audit(analyst, "triage")
    analyst.goto(journey.path(language, f"staff/cases/{case.pk}/"))
    expect(analyst.locator("h1")).to_contain_text(case.reference)
    audit(analyst, "case")
    analyst.goto(journey.path(language, f"staff/cases/{case.pk}/refer/"))
    expect(analyst.locator('input[name="target"]')).to_have_count(7)
    audit(analyst, "refer-target")
    analyst.goto(journey.path(language, f"staff/cases/{case.pk}/refer/?target=police"))
    audit(analyst, "refer-form")
    analyst.select_option('select[name="organisation"]', str(staff.police.pk))
    analyst.fill('textarea[name="brief"]', BRIEF)
    analyst.fill('input[name="legal_ground"]', LEGAL_GROUND)
    analyst.locator('button[name="preview"]').click()
    expect(analyst.locator(".package")).to_be_visible()
    audit(analyst, "refer-preview")

    liaison = new_context(bypass_csp=True).new_page()
    sign_in(liaison, language, staff.liaison, LIAISON_KEY)
    liaison.wait_for_url(f"**/{language}/staff/referrals/")
    audit(liaison, "liaison-referrals")
    liaison.goto(journey.path(language, f"staff/referrals/{referral.pk}/"))
    expect(liaison.locator('form[action$="/update/"]')).to_be_visible()
    audit(liaison, "liaison-referral")

    assert len(audit.audited) == 11, audit.audited
    assert not audit.problems, audit.report()

"""Journey: the centre's administration, in both languages.

The first administrator invites a police liaison (who gets the welcome link by e-mail), asks
for the reset of a colleague's lost authenticator, which a second administrator approves; then
opens the reference data and changes an emergency number's hours, which the portal shows; and
sets a legal hold on a case. axe-core checks the administration's own pages.
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import BrowserContext, Page, expect

from sanad.accounts.models import Organisation, User
from sanad.cases.actions import close_case, open_case
from sanad.cases.tests.conftest import PASSWORD, make_report
from sanad.operations.models import LegalHold
from sanad.reference.models import EmergencyNumber
from tests.browser import journey
from tests.browser.conftest import LANGUAGES
from tests.browser.test_accessibility import Audit

pytestmark = [pytest.mark.browser]

FIRST_KEY = "1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5"
SECOND_KEY = "f0e1d2c3b4a5968778695a4b3c2d1e0f0a1b2c3d"


def administrators() -> tuple[User, User, User]:
    centre = Organisation.objects.create(name="Centre national Sanad (test)", kind=Organisation.Kind.CENTRE)
    Organisation.objects.create(name="DGSN – cybercriminalité (test)", kind=Organisation.Kind.POLICE)
    people = []
    for username, key in [("n.admin", FIRST_KEY), ("y.admin", SECOND_KEY)]:
        user = User.objects.create_user(
            username=username, password=PASSWORD, organisation=centre, role=User.Role.ADMINISTRATOR
        )
        TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True, key=key)
        people.append(user)
    analyst = User.objects.create_user(
        username="k.analyste", password=PASSWORD, organisation=centre, role=User.Role.ANALYST, email="k@centre.invalid"
    )
    TOTPDevice.objects.create(user=analyst, name="authenticator", confirmed=True)
    return people[0], people[1], analyst


def sign_in(page: Page, language: str, user: User, key: str) -> None:
    page.goto(journey.path(language, "staff/sign-in/"))
    page.fill('input[name="username"]', user.username)
    page.fill('input[name="password"]', PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/staff/two-factor/**")
    page.fill('input[name="token"]', f"{totp(bytes.fromhex(key)):06d}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", LANGUAGES)
def test_administration_journey(
    language: str,
    new_context: Callable[..., BrowserContext],
    screenshot: Callable[[Page, str], Path],
    axe_source: str,
) -> None:
    first, second, analyst = administrators()
    page = new_context().new_page()
    sign_in(page, language, first, FIRST_KEY)
    page.goto(journey.path(language, "staff/admin/"))
    expect(page.locator("h1")).to_have_text(journey.t(language, "Administration of the centre"))
    screenshot(page, f"{language}-60-administration")

    # Invite a police liaison: the welcome e-mail carries the link to choose a password.
    page.goto(journey.path(language, "staff/admin/accounts/new/"))
    page.fill('input[name="username"]', "h.liaison")
    page.fill('input[name="first_name"]', "Hamid")
    page.fill('input[name="last_name"]', "Test")
    page.fill('input[name="email"]', "h.liaison@police.invalid")
    police = Organisation.objects.get(kind=Organisation.Kind.POLICE)
    page.select_option('select[name="organisation"]', str(police.pk))
    page.select_option('select[name="role"]', "liaison")
    screenshot(page, f"{language}-61-invite")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/admin/accounts/*/")
    expect(page.locator(".notices")).to_contain_text(
        journey.t(language, "The account is made. Its owner gets an e-mail with a link to choose a password.")
    )
    invited = User.objects.get(username="h.liaison")
    assert not invited.has_usable_password() and invited.is_liaison
    assert [message.to for message in mail.outbox] == [["h.liaison@police.invalid"]]
    screenshot(page, f"{language}-62-account")

    # A colleague lost their phone: one administrator asks, the other approves.
    page.goto(journey.path(language, f"staff/admin/accounts/{analyst.pk}/"))
    page.fill('textarea[name="reason"]', "Téléphone perdu ; identité vérifiée en personne (fictif).")
    page.locator("#reset form button[type=submit]").click()
    expect(page.locator("#reset")).to_contain_text("Téléphone perdu")
    other = new_context().new_page()
    sign_in(other, language, second, SECOND_KEY)
    other.goto(journey.path(language, f"staff/admin/accounts/{analyst.pk}/"))
    screenshot(other, f"{language}-63-approve-reset")
    other.locator('#reset form[action*="/approve/"] button').click()
    expect(other.locator(".notices")).to_contain_text(
        journey.t(language, "The authenticator is removed. At the next sign-in, its owner sets up a new one.")
    )
    assert not TOTPDevice.objects.filter(user=analyst).exists()

    # Reference data: the first emergency number gets its hours; the portal shows them.
    number = EmergencyNumber.objects.order_by("position").first()
    page.goto(journey.path(language, f"staff/reference/reference/emergencynumber/{number.pk}/change/"))
    page.fill('input[name="hours"]', "24/7")
    screenshot(page, f"{language}-64-reference-data")
    page.locator('input[name="_save"]').click()
    page.wait_for_url("**/reference/emergencynumber/")
    portal = new_context().new_page()
    portal.goto(journey.path(language))
    expect(portal.locator(".emergency")).to_contain_text("24/7")

    # A legal hold on a closed case, with its reason.
    report, _receipt = make_report()
    case = open_case(report, by=analyst)
    close_case(case, outcome="resolved", by=analyst)
    page.goto(journey.path(language, "staff/admin/retention/"))
    page.fill('input[name="reference"]', case.reference)
    page.fill('textarea[name="reason"]', "Réquisition du parquet, dossier 2026/42 (fictif).")
    page.locator('form[action$="/retention/holds/"] button').click()
    expect(page.locator("#holds")).to_contain_text(case.reference)
    assert LegalHold.objects.in_force().filter(case=case).exists()
    screenshot(page, f"{language}-65-retention")

    # axe needs its script injected: a context that bypasses the CSP, holding the same session.
    checked = new_context(bypass_csp=True)
    checked.add_cookies(page.context.cookies())
    audit, reader = Audit(axe_source), checked.new_page()
    for name, address in [
        ("administration", "staff/admin/"),
        ("accounts", "staff/admin/accounts/"),
        ("account", f"staff/admin/accounts/{invited.pk}/"),
        ("invite", "staff/admin/accounts/new/"),
        ("organisations", "staff/admin/organisations/"),
        ("retention", "staff/admin/retention/"),
    ]:
        reader.goto(journey.path(language, address))
        audit(reader, name)
    assert not audit.problems, audit.report()

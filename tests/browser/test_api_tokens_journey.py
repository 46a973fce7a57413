"""Journey: an administrator issues a partner API token, sees its secret once, and revokes it;
in Arabic and French, with screenshots. The token works, then no longer does."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import BrowserContext, Page, expect

from sanad.accounts.models import Organisation
from sanad.api.models import ApiToken
from tests.browser import journey
from tests.browser.conftest import LANGUAGES
from tests.browser.test_administration_journey import FIRST_KEY, administrators, sign_in

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("language", LANGUAGES)
def test_issue_show_once_and_revoke_a_token(
    language: str, new_context: Callable[..., BrowserContext], screenshot: Callable[[Page, str], Path]
) -> None:
    first, _second, _analyst = administrators()
    platform = Organisation.objects.create(name="Plateforme (test)", kind=Organisation.Kind.PLATFORM)
    page = new_context().new_page()
    sign_in(page, language, first, FIRST_KEY)
    page.goto(journey.path(language, "staff/admin/"))
    page.get_by_role("link", name=journey.t(language, "API tokens")).click()
    expect(page.locator("h1")).to_have_text(journey.t(language, "API tokens"))

    page.get_by_role("link", name=journey.t(language, "Issue a token")).click()
    page.select_option('select[name="organisation"]', str(platform.pk))
    page.fill('input[name="name"]', "Trust & safety (test)")
    page.check('input[name="scopes"][value="notices:read"]')
    page.check('input[name="scopes"][value="notices:answer"]')
    screenshot(page, f"{language}-70-api-token-issue")
    page.locator("main form button[type=submit]").click()

    expect(page.locator("h1")).to_have_text(journey.t(language, "Copy the secret now"))
    secret = page.locator("#secret").inner_text().strip()
    assert secret.startswith("sanad_")
    screenshot(page, f"{language}-71-api-token-shown-once")
    assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/notices").status_code == 200

    # Shown once: going back to it shows the list, not the secret.
    page.goto(journey.path(language, "staff/admin/api/tokens/shown/"))
    expect(page.locator("h1")).to_have_text(journey.t(language, "API tokens"))
    assert secret not in page.content()

    token = ApiToken.objects.get()
    page.locator(f'tr[data-token="{token.pk}"] form[action$="/revoke/"] button').click()
    expect(page.locator(f'tr[data-token="{token.pk}"]')).to_contain_text(journey.t(language, "revoked"))
    screenshot(page, f"{language}-72-api-token-revoked")
    assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/notices").status_code == 401

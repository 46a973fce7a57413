"""A receipt code typed with Arabic-Indic digits (an Arabic keyboard) opens the report; a code of
the wrong length is named, and costs no try. Arabic and French, JavaScript on and off."""

from collections.abc import Callable

import pytest
from django.test import Client
from playwright.sync_api import BrowserContext, expect

from sanad.intake.tests.conftest import ANSWERS, receipt_on, step_url, walk_wizard
from tests.browser import journey
from tests.browser.conftest import LANGUAGES
from tests.browser.journey import t

pytestmark = [pytest.mark.browser]

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
COMBINATIONS = [(language, javascript) for language in LANGUAGES for javascript in (True, False)]
IDS = [f"{language}-{'js' if javascript else 'no-js'}" for language, javascript in COMBINATIONS]


def a_sent_report() -> str:
    """A report sent over HTTP; its receipt."""
    client = Client()
    walk_wizard(client, ANSWERS)
    client.post(step_url("review"), {"next": ""})
    return receipt_on(client.get("/en/report/sent/").content.decode())


@pytest.mark.parametrize(("language", "javascript"), COMBINATIONS, ids=IDS)
def test_an_arabic_indic_code_opens_the_report(
    language: str, javascript: bool, new_context: Callable[..., BrowserContext]
) -> None:
    receipt = a_sent_report()
    page = new_context(javascript=javascript).new_page()
    page.goto(journey.path(language, "follow-up/"))
    page.fill('input[name="receipt"]', receipt[:9])
    page.get_by_role("button", name=t(language, "Open my report")).click()
    expect(page.locator("#field-receipt .error")).to_contain_text(
        t(language, "A receipt code has 16 letters and digits, in four groups of four. You typed %(count)s.")
        % {"count": 8}
    )
    page.fill('input[name="receipt"]', receipt.lower().translate(ARABIC_INDIC))
    page.get_by_role("button", name=t(language, "Open my report")).click()
    page.wait_for_url(f"**/{language}/follow-up/report/")
    expect(page.locator(".status")).to_have_text(t(language, "Received"))

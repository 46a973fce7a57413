"""Journey 5: choosing Arabic turns the page right to left, the choice is remembered, and on a
report step what was typed is kept."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser import journey
from tests.browser.journey import t

pytestmark = [pytest.mark.browser]


def test_switching_to_arabic_is_remembered(page: Page) -> None:
    # The browser asks for French (see the context's locale), so "/" first opens in French.
    page.goto("/")
    page.wait_for_url("**/fr/")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "ltr")

    page.goto("/fr/help/")
    arabic = page.locator('.language button[value="ar"]')
    expect(arabic).to_have_attribute("lang", "ar")
    arabic.click()
    page.wait_for_url("**/ar/help/")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text(t("ar", "Advice for each situation"))

    page.goto("/")
    page.wait_for_url("**/ar/")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text(t("ar", "Something online is hurting you or someone you know?"))

    page.locator('.language button[value="fr"]').click()
    page.wait_for_url("**/fr/")
    expect(html).to_have_attribute("dir", "ltr")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_switching_language_on_a_step_keeps_what_was_typed(new_context, javascript: bool) -> None:
    page = new_context(javascript=javascript).new_page()
    journey.open_report(page, "fr")
    journey.answer_danger(page, "fr", sextortion=False)
    journey.fill_what(page, categories=["harassment"])  # typed, not yet sent

    page.locator('.language button[value="ar"]').click()
    page.wait_for_url("**/ar/report/step/what/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator('textarea[name="description"]')).to_have_value(journey.DESCRIPTION)
    expect(page.locator('input[name="categories"][value="harassment"]')).to_be_checked()
    expect(page.locator('input[name="reporter_role"][value="victim"]')).to_be_checked()
    expect(page.locator("#error-summary")).to_have_count(0)  # switching is not a mistake

"""Journey 5: choosing Arabic turns the page right to left, and the choice is remembered."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.journey import t

pytestmark = [pytest.mark.browser]


def test_switching_to_arabic_is_remembered(page: Page) -> None:
    # The browser asks for French (see the context's locale), so "/" first opens in French.
    page.goto("/")
    page.wait_for_url("**/fr/")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "ltr")

    page.goto("/fr/report/")
    arabic = page.locator('.language button[value="ar"]')
    expect(arabic).to_have_attribute("lang", "ar")
    arabic.click()
    page.wait_for_url("**/ar/report/")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text(t("ar", "Report what is happening"))

    page.goto("/")
    page.wait_for_url("**/ar/")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text(t("ar", "Something online is hurting you or someone you know?"))

    page.locator('.language button[value="fr"]').click()
    page.wait_for_url("**/fr/")
    expect(html).to_have_attribute("dir", "ltr")

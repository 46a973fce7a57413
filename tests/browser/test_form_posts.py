"""Every public form is a POST: a real browser's POST must reach the form, not a CSRF refusal.

Django's test client sends no Origin header, so only a browser shows this. Chromium and
Firefox send `Origin: null` when the page's Referrer-Policy is `no-referrer`, and Django's
CSRF check then refuses every form with 403 (the portal needs `same-origin` or stricter-but-
origin-preserving, set by SECURE_REFERRER_POLICY).
"""

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser]


def test_a_wizard_step_posts_from_the_browser(page: Page) -> None:
    page.goto("/fr/report/step/danger/")
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.locator('button[name="next"]').click()
    response = posted.value
    assert response.status != 403, (
        f"the browser's POST was refused (403); it sent Origin={response.request.header_value('origin')!r} "
        f"under Referrer-Policy={page.context.request.get('/fr/').headers.get('referrer-policy')!r}"
    )
    assert response.status == 400  # nothing answered: the step shows its errors
    expect(page.locator("#error-summary")).to_be_visible()

"""Journey: the committee's secretary and the national picture, in both languages.

The secretary opens the national dashboard (charts and tables, suppressed), exports a table as
CSV, opens the yearly review, writes its summary and sends it for approval; a ministry viewer
approves it; the secretary publishes it and opens the frozen version's PDF. Screenshots of the
dashboards and of the PDF's first page (rendered with pypdfium2) go to the README.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pypdfium2
import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import BrowserContext, Page, expect

from sanad.accounts.models import Organisation, Region, User
from sanad.cases.tests.conftest import PASSWORD
from sanad.stats import actions, refresh
from sanad.stats.models import Campaign, Review, ReviewVersion
from sanad.stats.tests.data import report
from tests.browser import journey
from tests.browser.conftest import LANGUAGES

pytestmark = [pytest.mark.browser]

KEY = "3c4d5e6f708192a3b4c5d6e7f80912a3b4c5d6e7"


def people() -> tuple[User, User]:
    ministry = Organisation.objects.create(
        name="Ministère de l'Éducation nationale (test)", kind=Organisation.Kind.MINISTRY
    )
    secretary = User.objects.create_user(
        username="a.secretaire", password=PASSWORD, organisation=ministry, role=User.Role.COMMITTEE,
        first_name="Amina", last_name="Test",
    )  # fmt: skip
    TOTPDevice.objects.create(user=secretary, name="authenticator", confirmed=True, key=KEY)
    viewer = User.objects.create_user(
        username="d.ministere", password=PASSWORD, organisation=ministry, role=User.Role.MINISTRY
    )
    return secretary, viewer


def figures() -> None:
    regions = list(Region.objects.all())
    for year in (2024, 2025):
        for month in range(1, 13):
            for day in range(1, 3 + month + (year - 2024) * 4):
                region = regions[(day * 7 + month) % len(regions)]
                told = ("teacher",) if day % 9 == 0 else ("parent",) if day % 3 == 0 else ("nobody",)
                category = ("harassment", "threats", "personal_data", "scam")[day % 4]
                report(
                    datetime(year, month, min(day, 28), 10, tzinfo=UTC),
                    region=region,
                    told=told,
                    categories=(category,),
                )
    Campaign.objects.create(
        name_fr="Campagne de printemps (test)",
        name_ar="حملة الربيع (اختبار)",
        starts_on=date(2025, 3, 1),
        ends_on=date(2025, 4, 15),
    )
    refresh.refresh_all()


def sign_in(page: Page, language: str, user: User) -> None:
    page.goto(journey.path(language, "staff/sign-in/"))
    page.fill('input[name="username"]', user.username)
    page.fill('input[name="password"]', PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/staff/two-factor/**")
    page.fill('input[name="token"]', f"{totp(bytes.fromhex(KEY)):06d}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committee_secretary_journey(
    language: str,
    new_context: Callable[..., BrowserContext],
    screenshot: Callable[[Page, str], Path],
    screenshot_dir: Path,
    tmp_path: Path,
) -> None:
    secretary, viewer = people()
    figures()
    page = new_context().new_page()
    sign_in(page, language, secretary)
    # The secretary's first page is the national picture.
    page.goto(journey.path(language, "staff/statistics/?start=2024-01&end=2025-12"))
    expect(page.locator("h1")).to_have_text(journey.t(language, "Statistics: the national picture"))
    expect(page.locator('[data-table="month"] svg > title')).to_have_count(1)
    expect(page.locator('[data-table="region"] svg g.tile')).to_have_count(12)
    expect(page.locator('[data-figure="open_cases"]')).to_have_count(0)  # the centre's block is not theirs
    screenshot(page, f"{language}-70-statistics-national", at='[data-table="month"] svg')

    # Export the table of whom the child had told.
    with page.expect_download() as download:
        page.locator('[data-table="told"] a[href*=".csv"]').click()
    saved = tmp_path / "told.csv"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8-sig")
    assert journey.t(language, "Whom the child had told before reporting") in text

    # The yearly review: start it, write the summary, send it for approval.
    page.goto(journey.path(language, "staff/statistics/reviews/"))
    page.fill('input[name="year"]', "2025")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/statistics/reviews/2025/")
    summary = "Une année de signalements (exemple)." if language == "fr" else "سنة من التبليغات (مثال)."
    page.fill(f'textarea[name="summary_{language}"]', summary)
    page.locator("main form.panel button[type=submit]").click()
    expect(page.locator(".notice")).to_have_text(journey.t(language, "The review's text is saved."))
    page.locator('form[action$="/submit/"] button').click()
    expect(page.locator('[data-status="submitted"]')).to_have_count(1)
    # A ministry viewer approves it (their own page is tested in sanad/stats/tests).
    actions.approve_review(Review.objects.get(year=2025), by=viewer)
    page.reload()
    page.locator('form[action$="/publish/"] button').click()
    expect(page.locator('[data-version="1"]')).to_have_count(1)
    screenshot(page, f"{language}-71-review-published")

    # The frozen version's PDF, rebuilt from its JSON.
    version = ReviewVersion.objects.get(review__year=2025, number=1)
    response = page.request.get(
        journey.path(language, f"staff/statistics/reviews/2025/v1.{language}.pdf"), timeout=180_000
    )
    assert response.status == 200 and response.body().startswith(b"%PDF")
    pdf_path = tmp_path / "review.pdf"
    pdf_path.write_bytes(response.body())
    document = pypdfium2.PdfDocument(str(pdf_path))
    image = document[0].render(scale=1.3).to_pil()
    image.save(screenshot_dir / f"{language}-72-review-pdf.png")
    assert version.sha256 in page.content()

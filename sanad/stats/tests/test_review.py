"""The yearly review: named roles, a frozen version with its hash, rebuilt the same; the action plan."""

from datetime import UTC, date, datetime

import pytest

from sanad.accounts.models import Organisation, User
from sanad.audit.models import AuditEvent
from sanad.stats import actions, refresh
from sanad.stats import review as reviews
from sanad.stats.models import ReviewStatus
from sanad.stats.tests.data import report
from sanad.testing import staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(db):
    ministry = Organisation.objects.create(name="Ministère (comité, test)", kind=Organisation.Kind.MINISTRY)
    return staff_user("secretary", ministry, User.Role.COMMITTEE, first_name="Secrétaire", last_name="Exemple")


@pytest.fixture
def year_of_reports(db):
    for month in range(1, 13):
        for day in range(1, 4 + month):
            report(datetime(2025, month, day, tzinfo=UTC), told=("teacher",) if day % 5 == 0 else ("nobody",))
    for day in range(1, 12):
        report(datetime(2024, 6, day, tzinfo=UTC))
    refresh.refresh_all()


def _published(secretary, approver):  # type: ignore[no-untyped-def]
    review = actions.start_review(2025, by=secretary)
    actions.write_sections(review, texts={"summary": {"fr": "Une année (exemple).", "ar": "سنة (مثال)."}}, by=secretary)
    actions.submit_review(review, by=secretary)
    actions.approve_review(review, by=approver)
    return actions.publish_review(review, by=secretary)


def test_a_published_version_is_frozen_with_its_hash_and_rebuilt_the_same(year_of_reports, secretary, ministry_viewer):
    version = _published(secretary, ministry_viewer)
    assert version.sha256 == reviews.digest(version.frozen)
    html = reviews.review_html(version.frozen, "fr", sha256=version.sha256, number=1)
    # New reports for 2025 arrive and the figures are rebuilt: the published version does not move.
    for day in range(1, 28):
        report(datetime(2025, 3, day, tzinfo=UTC))
    refresh.refresh_all()
    version.refresh_from_db()
    assert reviews.review_html(version.frozen, "fr", sha256=version.sha256, number=1) == html
    assert reviews.digest(version.frozen) == version.sha256
    total = version.frozen["tables"]["fr"]["month"]["total"][1][0][0]
    assert total in html and "Une année (exemple)." in html
    key = {figure["spec"]: figure for figure in version.frozen["key_figures"]}
    assert key["month"]["last_year"] == 10  # eleven reports in 2024, rounded to a multiple of 5
    assert AuditEvent.objects.filter(action="review.published", object_id="2025").exists()


def test_the_pdf_is_built_in_french_and_arabic(year_of_reports, secretary, ministry_viewer):
    version = _published(secretary, ministry_viewer)
    for language in ("fr", "ar"):
        pdf = reviews.review_pdf(version.frozen, language, sha256=version.sha256, number=version.number)
        assert pdf.startswith(b"%PDF")
    assert 'dir="rtl"' in reviews.review_html(version.frozen, "ar")


def test_named_roles_draft_approve_and_publish(year_of_reports, secretary, ministry_viewer, analyst, sign_in):
    review = actions.start_review(2025, by=secretary)
    with pytest.raises(actions.ReviewError):
        actions.publish_review(review, by=secretary)  # not approved
    actions.submit_review(review, by=secretary)
    with pytest.raises(actions.ReviewError):
        actions.approve_review(review, by=secretary)  # the drafter cannot approve
    # Through the pages: the analyst may not open reviews; the ministry viewer approves but cannot write.
    assert sign_in(analyst).get("/fr/staff/statistics/reviews/2025/").status_code == 404
    viewer = sign_in(ministry_viewer)
    assert viewer.post("/fr/staff/statistics/reviews/2025/", {"summary_fr": "x"}).status_code == 404
    assert viewer.post("/fr/staff/statistics/reviews/2025/approve/").status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.APPROVED and review.approved_by == ministry_viewer
    # A change of text after approval sends it back to draft.
    writer = sign_in(secretary)
    assert (
        writer.post("/fr/staff/statistics/reviews/2025/", {"summary_fr": "Nouveau texte (exemple)."}).status_code == 302
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT and review.approved_by is None


def test_the_next_review_shows_each_action_against_its_target(year_of_reports, secretary, ministry_viewer, centre):
    actions.add_action(
        title_fr="Former les enseignants (exemple)", title_ar="تكوين المدرسين (مثال)", owner=centre,
        deadline=date(2025, 12, 31), indicator="told:teacher", direction="at_least", target=0.5, by=secretary,
    )  # fmt: skip
    action = actions.add_action(
        title_fr="Plus de signalements (exemple)", title_ar="مزيد من التبليغات (مثال)", owner=centre,
        deadline=date(2025, 12, 31), indicator="month", direction="at_least", target=50, by=secretary,
    )  # fmt: skip
    actions.update_action(action, progress=80, note="En bonne voie (exemple).", by=secretary)
    version = _published(secretary, ministry_viewer)
    results = {a["indicator"]: a for a in version.frozen["actions"]}
    assert results["told:teacher"]["reached"] is False and results["told:teacher"]["result"] < 0.5
    assert results["month"]["reached"] is True and results["month"]["progress"] == 80
    html = reviews.review_html(version.frozen, "fr")
    assert "Former les enseignants (exemple)" in html and "✗" in html and "✓" in html


def test_the_public_page_shows_published_figures_only(year_of_reports, secretary, ministry_viewer, client):
    assert "No yearly review" in client.get("/en/figures/").content.decode()
    _published(secretary, ministry_viewer)
    for language in ("ar", "fr", "en"):
        page = client.get(f"/{language}/figures/")
        assert page.status_code == 200 and 'data-table="month"' in page.content.decode()
    assert 'data-table="repeat"' not in client.get("/fr/figures/").content.decode()  # staff only
    csv = client.get("/fr/figures/2025/category.csv")
    assert csv.status_code == 200 and "SHA-256" in csv.content.decode("utf-8-sig")
    assert client.get("/fr/figures/2025/repeat.csv").status_code == 404
    assert client.get("/fr/figures/2019/month.csv").status_code == 404

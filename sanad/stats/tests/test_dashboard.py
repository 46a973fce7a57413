"""The dashboards and their exports, through HTTP: who sees what, at what detail."""

import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from sanad.accounts.models import Organisation, Region, User
from sanad.audit.models import AuditEvent
from sanad.stats import refresh
from sanad.stats.tests.data import report
from sanad.testing import staff_user

pytestmark = pytest.mark.django_db
QUERY = "?start=2026-01&end=2026-06"


@pytest.fixture
def figures(db):
    oriental = Region.objects.get(code="oriental")
    casablanca = Region.objects.get(code="casablanca-settat")
    made = [report(datetime(2026, 3, day, tzinfo=UTC), region=casablanca) for day in range(1, 21)]
    made += [report(datetime(2026, 4, day, tzinfo=UTC), region=oriental) for day in range(1, 4)]
    refresh.refresh_all()
    return made


@pytest.fixture
def academy_viewer(db):
    academy = Organisation.objects.create(
        name="Académie de l'Oriental (test)", kind=Organisation.Kind.ACADEMY, region=Region.objects.get(code="oriental")
    )
    return staff_user("academy", academy, User.Role.MINISTRY)


def _cells(body: str, table: str) -> str:
    start = body.index(f'data-table="{table}"')
    return body[start : body.index("</section>", start)]


def test_the_ministry_sees_national_figures_suppressed_and_no_record(figures, ministry_viewer, sign_in):
    body = sign_in(ministry_viewer).get(f"/fr/staff/statistics/{QUERY}").content.decode()
    region_table = _cells(body, "region")
    assert "&lt; 5" in region_table  # the Oriental's three reports
    assert 'data-row="oriental"' in region_table
    for made in figures:
        assert made.reference not in body
    assert "Aujourd" not in body and 'data-figure="open_cases"' not in body  # the centre's block is not theirs


def test_the_centre_sees_exact_figures_and_its_operational_block(figures, analyst, sign_in):
    body = sign_in(analyst).get(f"/fr/staff/statistics/{QUERY}").content.decode()
    assert 'data-figure="open_cases"' in body
    assert '<td class="number">3</td>' in _cells(body, "region")


def test_an_academy_sees_its_own_region_only(figures, academy_viewer, sign_in):
    client = sign_in(academy_viewer)
    body = client.get(f"/fr/staff/statistics/{QUERY}&region=casablanca-settat").content.decode()
    assert 'data-table="region"' not in body
    trend = _cells(body, "month")
    # Three reports in the Oriental in April, none of Casablanca's twenty in March.
    assert 'data-row="2026-04"' in trend and "&lt; 5" in trend
    march = trend.split('data-row="2026-03"')[1].split("</tr>")[0]
    assert '<td class="number">0</td>' in march
    exported = client.get(f"/fr/staff/statistics/export/month.csv{QUERY}&region=casablanca-settat")
    lines = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert ["mars 2026", "0"] in [line[:2] for line in lines]


def test_bad_filters_are_named_and_keep_what_was_typed(figures, ministry_viewer, sign_in):
    response = sign_in(ministry_viewer).get("/fr/staff/statistics/?start=mars&region=atlantis&category=x&age_band=99")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'role="alert"' in body and 'value="mars"' in body


def test_exports_are_suppressed_audited_and_never_formulas(figures, ministry_viewer, sign_in, platform_org):
    client = sign_in(ministry_viewer)
    response = client.get(f"/fr/staff/statistics/export/region.csv{QUERY}")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "< 5" in text and ",3\r\n" not in text
    event = AuditEvent.objects.filter(action="stats.exported").latest("seq")
    assert event.object_id == "region" and event.detail["format"] == "csv" and event.actor_id == ministry_viewer.pk
    xlsx = client.get(f"/fr/staff/statistics/export/category.xlsx{QUERY}")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert all(not str(value).startswith(("=", "+", "-", "@")) for value in values if value is not None)


def test_a_table_someone_may_not_see_is_not_found(figures, ministry_viewer, academy_viewer, sign_in):
    assert sign_in(ministry_viewer).get("/fr/staff/statistics/export/nothing.csv").status_code == 404
    assert sign_in(ministry_viewer).get("/fr/staff/statistics/export/region.pdf").status_code == 404
    # An academy has no table of the regions.
    assert sign_in(academy_viewer).get("/fr/staff/statistics/export/region.csv").status_code == 404


def test_the_arabic_page_draws_right_to_left(figures, ministry_viewer, sign_in):
    body = sign_in(ministry_viewer).get(f"/ar/staff/statistics/{QUERY}").content.decode()
    assert 'dir="rtl"' in body and "<svg" in body and "<title" in body and "<desc" in body

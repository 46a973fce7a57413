"""The regional academy's and the national figures of the school protocol: right, scoped, nameless."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sanad.accounts.models import Organisation, Region, User
from sanad.schools import actions
from sanad.schools.figures import Period, national_figures, region_figures
from sanad.schools.models import TRAINED_TEAM_MINIMUM, RunOutcome, TeamMember
from sanad.schools.tests.conftest import AUTHOR_NAME, VICTIM_NAME, record
from sanad.testing import make_school, staff_user, team_member

pytestmark = pytest.mark.django_db

PAGE = "/fr/staff/schools/figures/"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NOW = T0 + timedelta(hours=96)  # four days after every case of the caseload was opened
FACTS = "Des messages moqueurs dans un groupe de classe"
NOTE = "Entretien confidentiel mené avec la victime (note fictive)"
SKIPPABLE = ("parents", "hear", "protect", "measures", "takedown", "follow_up_week", "follow_up_month")


def interview(run, by, *, at: datetime) -> None:
    with time_machine.travel(at, tick=False):
        actions.complete_step(run, "listen", by=by, note=NOTE, details={"safety": "safe"})


def assess(run, by, level: int, *, at: datetime) -> None:
    with time_machine.travel(at, tick=False):
        actions.assess(run, by=by, level=level, serious_because=["threats"] if level == 3 else [])


@pytest.fixture
def teacher_c(school_c):
    return team_member("teacher_c", school_c)


@pytest.fixture
def caseload(school_a, school_b, school_c, teacher_a, teacher_b, teacher_c):
    """Five cases opened at T0, seen at NOW (T0 + 96 h); each comment lists its steps overdue at NOW.

    A1: interview at 6 h, level 1, every other step not applicable, closed (stopped): none.
    A2: interview at 30 h, level 3 at 30 h, open: parents (72 h), takedown (assessment + 24 h).
    A3: nothing after recording, open: listen (48 h), assess (72 h), parents (72 h).
    B1: interview at 10 h, not assessed, open: assess, parents.
    C1 (another region): interview at 50 h, level 2 at 50 h, open: parents, takedown.
    """
    with time_machine.travel(T0, tick=False):
        runs = {
            "A1": record(school_a, teacher_a),
            "A2": record(school_a, teacher_a),
            "A3": record(school_a, teacher_a),
            "B1": record(school_b, teacher_b),
            "C1": record(school_c, teacher_c),
        }
    interview(runs["A1"], teacher_a, at=T0 + timedelta(hours=6))
    assess(runs["A1"], teacher_a, 1, at=T0 + timedelta(hours=6))
    with time_machine.travel(T0 + timedelta(hours=8), tick=False):
        for code in SKIPPABLE:
            actions.skip_step(runs["A1"], code, by=teacher_a, reason="Sans objet (exemple fictif).")
        actions.close_run(runs["A1"], by=teacher_a, outcome=RunOutcome.STOPPED, review="Bilan court (fictif).")
    interview(runs["A2"], teacher_a, at=T0 + timedelta(hours=30))
    assess(runs["A2"], teacher_a, 3, at=T0 + timedelta(hours=30))
    interview(runs["B1"], teacher_b, at=T0 + timedelta(hours=10))
    interview(runs["C1"], teacher_c, at=T0 + timedelta(hours=50))
    assess(runs["C1"], teacher_c, 2, at=T0 + timedelta(hours=50))
    return runs


def page(user, sign_in, query: str = "", *, at: datetime = NOW, language: str = "fr"):
    with time_machine.travel(at, tick=False):
        return sign_in(user).get(PAGE.replace("/fr/", f"/{language}/") + query)


def cell(html: str, table: str, row: str, figure: str) -> str:
    """The text of one figure, without its mark's symbol."""
    section = re.search(rf'data-table="{table}">(.*?)</section>', html, re.S)
    assert section is not None, f"no {table} table"
    line = re.search(rf'<tr data-row="{re.escape(row)}"[^>]*>(.*?)</tr>', section.group(1), re.S)
    assert line is not None, f"no row {row} in the {table} table"
    td = re.search(rf'data-figure="{re.escape(figure)}">(.*?)</td>', line.group(1), re.S)
    assert td is not None, f"no {figure} in row {row}"
    return re.sub(r"<[^>]+>", "", re.sub(r'<span aria-hidden="true">.*?</span>', "", td.group(1))).strip()


def marked(html: str, table: str, row: str, figure: str) -> str | None:
    section = re.search(rf'data-table="{table}">(.*?)</section>', html, re.S).group(1)
    line = re.search(rf'<tr data-row="{re.escape(row)}"[^>]*>(.*?)</tr>', section, re.S).group(1)
    td = re.search(rf'data-figure="{re.escape(figure)}">(.*?)</td>', line, re.S).group(1)
    mark = re.search(r'class="figure-mark figure-mark-(\w+)"', td)
    return mark and mark.group(1)


# The figures


def test_region_figures_count_each_school_s_cases(caseload, region):
    dashboard = region_figures(region, now=NOW)
    a, b = dashboard.rows
    assert (a.key, b.key) == ("TEST-A", "TEST-B")
    assert (a.open, a.closed, a.level_1, a.level_2, a.level_3, a.unassessed, a.level_3_open) == (2, 1, 1, 0, 1, 1, 1)
    assert (a.overdue_steps, a.cases_overdue) == (5, 2)
    assert (a.interviews, a.interview_median, a.interview_p90) == (2, timedelta(hours=18), timedelta(hours=30))
    assert a.outcomes == {**dict.fromkeys(RunOutcome.values, 0), RunOutcome.STOPPED: 1}
    assert (b.open, b.closed, b.unassessed, b.level_3_open, b.overdue_steps, b.cases_overdue) == (1, 0, 1, 0, 2, 1)
    assert (b.interviews, b.interview_median, b.interview_p90) == (1, timedelta(hours=10), timedelta(hours=10))
    total = dashboard.total
    assert (total.open, total.closed, total.level_3_open, total.overdue_steps, total.cases_overdue) == (3, 1, 1, 7, 3)
    # The total's median is that of the three interviews (6, 10, 30 h), not a median of medians.
    assert (total.interviews, total.interview_median, total.interview_p90) == (
        3,
        timedelta(hours=10),
        timedelta(hours=30),
    )


def test_national_figures_count_each_region(caseload, region, other_region):
    dashboard = national_figures(now=NOW)
    assert len(dashboard.rows) == Region.objects.count()
    rows = {row.key: row for row in dashboard.rows}
    first, second = rows[region.code], rows[other_region.code]
    assert (first.schools, first.open, first.closed, first.overdue_steps, first.cases_overdue) == (2, 3, 1, 7, 3)
    assert (second.schools, second.open, second.level_2, second.overdue_steps, second.cases_overdue) == (1, 1, 1, 2, 1)
    assert second.interview_median == timedelta(hours=50)
    total = dashboard.total
    assert (total.schools, total.open, total.closed, total.overdue_steps, total.cases_overdue) == (3, 4, 1, 9, 4)
    # Interviews at 6, 10, 30 and 50 h: median 20 h; nearest rank 4 of 4 for the 90th percentile.
    assert (total.interview_median, total.interview_p90) == (timedelta(hours=20), timedelta(hours=50))


def test_an_interview_marked_not_applicable_has_no_time(school_a, teacher_a, region):
    with time_machine.travel(T0, tick=False):
        run = record(school_a, teacher_a)
    with time_machine.travel(T0 + timedelta(hours=5), tick=False):
        actions.skip_step(run, "listen", by=teacher_a, reason="La victime a quitté l'établissement (fictif).")
    row = region_figures(region, now=NOW).rows[0]
    assert (row.interviews, row.interview_median) == (0, None)


def test_steps_are_overdue_only_after_their_deadline(school_a, teacher_a, region):
    with time_machine.travel(T0, tick=False):
        record(school_a, teacher_a)
    assert region_figures(region, now=T0 + timedelta(hours=47)).rows[0].overdue_steps == 0
    assert region_figures(region, now=T0 + timedelta(hours=49)).rows[0].overdue_steps == 1  # listen (48 h)
    assert region_figures(region, now=T0 + timedelta(hours=73)).rows[0].overdue_steps == 3  # + assess, parents


def test_schools_with_no_trained_team(school_a, school_b, school_c, teacher_a, head_a, teacher_b, region):
    third = team_member("counsellor_a", school_a, TeamMember.Position.COUNSELLOR)
    TeamMember.objects.filter(user__in=[teacher_a, head_a, third, teacher_b]).update(trained_on="2025-10-01")
    dashboard = region_figures(region, now=NOW)
    assert [(row.key, row.trained_members) for row in dashboard.rows] == [("TEST-A", 3), ("TEST-B", 1)]
    assert [row.key for row in dashboard.untrained] == ["TEST-B"]
    national = {row.key: row for row in national_figures(now=NOW).rows}
    assert (national[region.code].schools, national[region.code].untrained_schools) == (2, 1)
    assert national[school_c.region.code].untrained_schools == 1  # no team at all

    # A member who left (account disabled) no longer counts: A falls below the minimum.
    User.objects.filter(pk=third.pk).update(is_active=False)
    assert TRAINED_TEAM_MINIMUM == 3
    assert [row.key for row in region_figures(region, now=NOW).untrained] == ["TEST-A", "TEST-B"]
    assert {row.key: row.untrained_schools for row in national_figures(now=NOW).rows}[region.code] == 2


def test_the_period_counts_cases_by_the_day_they_were_opened(school_a, teacher_a, region):
    for days_ago in (3, 40, 400):
        with time_machine.travel(NOW - timedelta(days=days_ago), tick=False):
            record(school_a, teacher_a)
    opened = {period: region_figures(region, period=period, now=NOW).total.open for period in Period.values}
    assert opened == {Period.DAYS_30: 1, Period.MONTHS_12: 2, Period.ALL: 3}
    # Overdue steps follow the same cases.
    assert region_figures(region, period=Period.DAYS_30, now=NOW).total.cases_overdue == 1
    assert region_figures(region, period=Period.ALL, now=NOW).total.cases_overdue == 3


# The page: who sees what


def test_the_academy_sees_its_schools_figures(caseload, academy_viewer, sign_in):
    response = page(academy_viewer, sign_in)
    assert response.status_code == 200
    html = response.content.decode()
    assert cell(html, "cases", "TEST-A", "open") == "2"
    assert cell(html, "cases", "TEST-A", "closed") == "1"
    assert cell(html, "cases", "TEST-A", "level_3_open") == "1"
    assert marked(html, "cases", "TEST-A", "level_3_open") == "serious"
    assert marked(html, "cases", "TEST-B", "level_3_open") is None
    assert cell(html, "deadlines", "TEST-A", "overdue_steps") == "5"
    assert marked(html, "deadlines", "TEST-A", "overdue_steps") == "overdue"
    assert cell(html, "deadlines", "TEST-B", "cases_overdue") == "1"
    assert cell(html, "deadlines", "TEST-A", "interview_median") == "18,0"  # hours, written the French way
    assert cell(html, "deadlines", "total", "interview_p90") == "30,0"
    assert cell(html, "outcomes", "TEST-A", f"outcome:{RunOutcome.STOPPED}") == "1"
    assert cell(html, "cases", "total", "open") == "3"
    # Schools of another region are not there.
    assert "TEST-C" not in html and "Al Massira" not in html
    assert 'scope="col"' in html and 'scope="row"' in html


def test_the_academy_lists_its_schools_with_no_trained_team(school_a, school_b, teacher_b, academy_viewer, sign_in):
    TeamMember.objects.filter(user=teacher_b).update(trained_on="2025-10-01")
    html = page(academy_viewer, sign_in).content.decode()
    assert cell(html, "teams", "TEST-A", "trained_members") == "0"
    assert cell(html, "teams", "TEST-B", "trained_members") == "1"
    assert re.search(r'data-total="untrained_schools"[^>]*><span class="figure">.*?2</span>', html)


def test_another_academy_sees_nothing_of_region_a(caseload, other_academy_viewer, region, sign_in):
    # Even asking for region A by its code: an academy sees its own region, and only it.
    response = page(other_academy_viewer, sign_in, f"?region={region.code}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "TEST-A" not in html and "TEST-B" not in html
    assert "Al Amal" not in html and "Ibn Battouta" not in html
    assert cell(html, "cases", "TEST-C", "open") == "1"
    assert cell(html, "cases", "total", "open") == "1"


@pytest.mark.parametrize("viewer", ["ministry_viewer", "analyst", "administrator"])
def test_the_ministry_and_the_centre_see_one_row_per_region(caseload, viewer, region, other_region, sign_in, request):
    response = page(request.getfixturevalue(viewer), sign_in)
    assert response.status_code == 200
    html = response.content.decode()
    assert cell(html, "cases", region.code, "open") == "3"
    assert cell(html, "cases", other_region.code, "open") == "1"
    assert cell(html, "deadlines", "total", "overdue_steps") == "9"
    assert cell(html, "teams", region.code, "schools") == "2"
    assert "TEST-A" not in html  # regions only, until one is opened
    assert f'href="/fr/staff/schools/figures/?region={region.code}"' in html


def test_the_ministry_opens_one_region(caseload, ministry_viewer, region, sign_in):
    html = page(ministry_viewer, sign_in, f"?region={region.code}&period=all").content.decode()
    assert cell(html, "cases", "TEST-A", "open") == "2"
    assert cell(html, "cases", "TEST-B", "open") == "1"
    assert "TEST-C" not in html
    assert 'href="/fr/staff/schools/figures/"' in html  # back to every region


@pytest.fixture
def liaison(db):
    police = Organisation.objects.create(name="Police (test)", kind=Organisation.Kind.POLICE)
    return staff_user("liaison", police, User.Role.LIAISON)


@pytest.fixture
def no_organisation(db):
    return User.objects.create_user(username="nobody", password="x" * 20, role=User.Role.MINISTRY)


@pytest.mark.parametrize("viewer", ["teacher_a", "liaison"])
def test_a_school_team_or_a_liaison_get_not_found(caseload, viewer, sign_in, request):
    assert page(request.getfixturevalue(viewer), sign_in).status_code == 404


def test_an_academy_account_that_is_not_a_viewer_gets_not_found(region, sign_in):
    academy = Organisation.objects.get(kind=Organisation.Kind.ACADEMY, region=region)
    analyst_at_academy = staff_user("academy_analyst", academy, User.Role.ANALYST)
    assert page(analyst_at_academy, sign_in).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "/staff/" in response["Location"] and "next=" in response["Location"]


@pytest.mark.parametrize("viewer", ["academy_viewer", "ministry_viewer"])
def test_the_page_never_shows_a_pupil_a_fact_or_a_case(caseload, viewer, region, sign_in, request):
    user = request.getfixturevalue(viewer)
    for query in ("", f"?region={region.code}"):
        html = page(user, sign_in, query).content.decode()
        for secret in (VICTIM_NAME, AUTHOR_NAME, "Salma", "Youssef", FACTS, NOTE, "Bilan court", "2e année"):
            assert secret not in html
        for run in caseload.values():
            assert run.reference not in html


# Bad filters never break the page


def test_an_unknown_period_shows_all_cases_and_says_so(caseload, academy_viewer, sign_in):
    response = page(academy_viewer, sign_in, "?period=forever")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'data-period="all"' in html
    assert cell(html, "cases", "total", "open") == "3"


def test_an_unknown_region_shows_the_national_figures_and_says_so(caseload, ministry_viewer, sign_in):
    response = page(ministry_viewer, sign_in, "?region=atlantide&period=30d")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'data-period="30d"' in html  # the valid part of the filter still applies
    assert cell(html, "cases", "total", "open") == "4"


@pytest.mark.parametrize("query", ["?period=", "?region=", "?period=%00&region=%ff", "?region[]=x&period=12m&x=1"])
def test_odd_queries_render(caseload, ministry_viewer, sign_in, query):
    assert page(ministry_viewer, sign_in, query).status_code == 200


def test_the_period_filter_on_the_page(school_a, teacher_a, academy_viewer, sign_in):
    for days_ago in (2, 40):
        with time_machine.travel(NOW - timedelta(days=days_ago), tick=False):
            record(school_a, teacher_a)
    assert cell(page(academy_viewer, sign_in, "?period=30d").content.decode(), "cases", "total", "open") == "1"
    assert cell(page(academy_viewer, sign_in, "?period=12m").content.decode(), "cases", "total", "open") == "2"


def test_the_ministry_keeps_the_period_when_it_opens_a_region(caseload, ministry_viewer, region, sign_in):
    html = page(ministry_viewer, sign_in, "?period=12m").content.decode()
    assert f'href="/fr/staff/schools/figures/?region={region.code}&amp;period=12m"' in html


def test_the_page_in_arabic_is_right_to_left(caseload, academy_viewer, sign_in):
    response = page(academy_viewer, sign_in, language="ar")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'dir="rtl"' in html
    assert cell(html, "cases", "TEST-A", "open") == "2"


# A fixed number of queries, however many schools


def queries_for(client, url: str) -> int:
    client.get(url)  # warm-up: the once-a-minute session save is not the page's cost
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    # Counts only: no query reads a pupil, a sealed field (facts, notes, reviews) or a case reference.
    for query in context.captured_queries:
        assert "schools_pupil" not in query["sql"]
        assert "_sealed" not in query["sql"]
        assert '"reference"' not in query["sql"]
    return len(context.captured_queries)


def add_schools(region: Region, count: int, start: int) -> None:
    for number in range(start, start + count):
        school = make_school(f"TEST-N{number}", f"Collège Numéro {number} (test)", region)
        teacher = team_member(f"teacher_n{number}", school)
        TeamMember.objects.filter(user=teacher).update(trained_on="2025-10-01")
        record(school, teacher)


# Counted once and pinned. Academy: the sign-in checks (session, user, second factor), the
# account's organisation and its region, then five for the figures (protocol versions, schools
# with their trained members, cases, overdue steps, interviews). Ministry: the sign-in checks
# and the organisation, the regions (rows and filter), then the same five figures, with the
# schools counted per region instead of listed.
ACADEMY_QUERIES = 10
NATIONAL_QUERIES = 10
REGION_QUERIES = 10


def test_the_pages_cost_the_same_for_2_or_12_schools(
    caseload, academy_viewer, ministry_viewer, region, sign_in, django_assert_max_num_queries
):
    academy, ministry = sign_in(academy_viewer), sign_in(ministry_viewer)
    urls = [(academy, PAGE), (ministry, PAGE), (ministry, f"{PAGE}?region={region.code}")]
    few = [queries_for(client, url) for client, url in urls]
    add_schools(region, 10, start=1)
    many = [queries_for(client, url) for client, url in urls]
    assert few == many
    for (client, url), most in zip(urls, (ACADEMY_QUERIES, NATIONAL_QUERIES, REGION_QUERIES), strict=True):
        with django_assert_max_num_queries(most):
            assert client.get(url).status_code == 200

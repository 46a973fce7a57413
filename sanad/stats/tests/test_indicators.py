"""Each indicator's definition, on a few hand-made reports, cases and referrals."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from sanad.accounts.models import Organisation, Region
from sanad.cases import actions, notices
from sanad.cases.models import Case, CaseReport, Referral
from sanad.stats import catalogue, refresh
from sanad.stats.catalogue import Audience
from sanad.stats.models import ReportFigure
from sanad.stats.tables import Filters, Scope, count_table, duration_table, tally_table, told_trend_table, trend_table
from sanad.stats.tests.data import report
from sanad.testing import team_member

pytestmark = pytest.mark.django_db

MARCH = datetime(2026, 3, 10, 12, tzinfo=UTC)
APRIL = datetime(2026, 4, 10, 12, tzinfo=UTC)
CENTRE = Scope(Audience.CENTRE)
SPRING = Filters(start=date(2026, 3, 1), end=date(2026, 4, 1))


def exact(table) -> dict[str, list]:  # type: ignore[no-untyped-def]
    return {line.key: line.cells for line in table.lines}


def test_reports_by_category_count_a_report_once_per_category_and_once_in_the_total():
    report(MARCH, categories=("harassment", "threats"))
    report(MARCH, categories=("harassment",))
    report(APRIL, categories=("scam",))
    refresh.refresh_all()
    table = count_table(catalogue.BY_CODE["category"], SPRING, CENTRE)
    assert exact(table)["harassment"] == [2]
    assert exact(table)["threats"] == [1]
    assert exact(table)["scam"] == [1]
    assert table.total.cells == [3]


def test_the_category_filter_counts_only_reports_filed_under_it():
    report(MARCH, categories=("harassment", "threats"), urgency="P1")
    report(MARCH, categories=("harassment",), urgency="P2")
    report(MARCH, categories=("scam",), urgency="P3")
    refresh.refresh_all()
    filters = Filters(start=SPRING.start, end=SPRING.end, category="harassment")
    table = count_table(catalogue.BY_CODE["urgency"], filters, CENTRE)
    assert exact(table)["P1"] == [1] and exact(table)["P2"] == [1] and exact(table)["P3"] == [0]
    assert table.total.cells == [2]


@pytest.mark.parametrize(
    ("code", "kwargs", "key"),
    [
        ("channel", {"channel": "phone"}, "phone"),
        ("gender", {"gender": "boy"}, "boy"),
        ("age_band", {"age_band": "10_12"}, "10_12"),
        ("platform", {"platforms": ("tiktok", "instagram")}, "tiktok"),
        ("heard_from", {"heard_from": "school"}, "school"),
    ],
)
def test_single_dimensions_count_the_reports_with_that_value(code, kwargs, key):
    report(MARCH, **kwargs)
    report(MARCH)
    refresh.refresh_all()
    assert exact(count_table(catalogue.BY_CODE[code], SPRING, CENTRE))[key] == [1]


def test_reports_by_region_and_the_region_filter():
    north, south = Region.objects.get(code="oriental"), Region.objects.get(code="souss-massa")
    report(MARCH, region=north)
    report(MARCH, region=north)
    report(MARCH, region=south)
    report(MARCH)
    refresh.refresh_all()
    by_region = exact(count_table(catalogue.BY_CODE["region"], SPRING, CENTRE))
    assert by_region["oriental"] == [2] and by_region["souss-massa"] == [1] and by_region["unknown"] == [1]
    only_north = Filters(start=SPRING.start, end=SPRING.end, region=north)
    assert trend_table(only_north, CENTRE).total.cells == [2]
    # An academy sees its own region, whatever it asks for.
    academy = Scope(Audience.ACADEMY, region=south)
    assert trend_table(only_north, academy).lines[0].cells[0] is not None
    assert sum(line.cells[0] for line in trend_table(only_north, academy).lines) == 1


def test_whom_the_child_had_told_and_its_trend():
    report(MARCH, told=("parent", "teacher"))
    report(MARCH, told=("nobody",))
    report(APRIL, told=())
    report(APRIL, told=("friend",))
    refresh.refresh_all()
    told = exact(count_table(catalogue.BY_CODE["told"], SPRING, CENTRE))
    assert told["parent"] == [1] and told["teacher"] == [1] and told["nobody"] == [1]
    assert told["unanswered"] == [1] and told["friend"] == [1] and told["other_adult"] == [0]
    trend = exact(told_trend_table(SPRING, CENTRE))
    # columns: reports, parent, teacher, friend, other_adult, nobody, unanswered
    assert trend["2026-03"] == [2, 1, 1, 0, 0, 1, 0]
    assert trend["2026-04"] == [2, 0, 0, 1, 0, 0, 1]


def test_repeat_identifiers_name_what_an_earlier_report_named():
    report(MARCH, identifiers=("a",))
    report(MARCH + timedelta(days=1), identifiers=("a", "b"))
    report(APRIL, identifiers=("c",))
    report(APRIL)
    refresh.refresh_all()
    repeat = exact(count_table(catalogue.BY_CODE["repeat"], SPRING, CENTRE))
    assert repeat == {"repeat": [1], "first": [2], "none": [1]}


def test_a_case_with_no_report_is_not_counted_as_a_report(centre):
    report(MARCH)
    Case.objects.create(urgency="P2", organisation=centre, first_action_due=MARCH, opened_at=MARCH)
    refresh.refresh_all()
    assert trend_table(SPRING, CENTRE).total.cells == [1]
    assert ReportFigure.objects.filter(dimension="month", category="*", age_band="*").count() == 1


def _case(centre, received, *, urgency="P1", hours_to_act=None, due_hours=24, closed=None):  # type: ignore[no-untyped-def]
    made = report(received, urgency=urgency)
    case = Case.objects.create(
        urgency=urgency,
        organisation=centre,
        opened_at=received + timedelta(minutes=5),
        first_action_due=received + timedelta(hours=due_hours),
        first_action_at=None if hours_to_act is None else received + timedelta(hours=hours_to_act),
        status="closed" if closed else "triaged",
        outcome=closed or "",
        closed_at=received + timedelta(days=2) if closed else None,
    )
    CaseReport.objects.create(case=case, report=made)
    return case


def test_time_to_first_action_share_on_time_median_and_p90(centre):
    now = datetime(2026, 5, 1, tzinfo=UTC)
    _case(centre, MARCH, hours_to_act=1)  # bucket 60 min, met
    _case(centre, MARCH, hours_to_act=3)  # bucket 180 min, met
    _case(centre, MARCH, hours_to_act=30)  # bucket 2160 min, late
    _case(centre, MARCH, hours_to_act=None)  # never acted, overdue: counted, not met
    _case(centre, APRIL + timedelta(days=15), hours_to_act=None, due_hours=24 * 30)  # still running: not judged
    refresh.refresh_all(now=now)
    p1 = exact(duration_table(catalogue.BY_CODE["first_action"], SPRING, CENTRE))["P1"]
    count, overdue, share, median, p90 = p1
    assert count == 5 and overdue == 1
    assert share == pytest.approx(2 / 4)
    assert median == 3.0  # of 1 h, 3 h, 30 h: the bucket holding 3 h ends at 3 h
    assert p90 == 36.0  # the bucket holding 30 h ends at 36 h


def test_referral_answer_time_per_kind_of_recipient(centre, analyst, police, platform_org):
    case = _case(centre, MARCH, hours_to_act=1)
    for organisation, target, hours, status in (
        (police, "police", 10, "closed"),
        (platform_org, "platform", 2, "content_removed"),
    ):
        Referral.objects.create(
            case=case,
            target=target,
            organisation=organisation,
            status=status,
            sent_at=MARCH,
            sent_by=analyst,
            answer_due=MARCH + timedelta(hours=48),
            answered_at=MARCH + timedelta(hours=hours),
        )
    refresh.refresh_all()
    answers = exact(duration_table(catalogue.BY_CODE["referral_answer"], SPRING, CENTRE))
    assert answers[Organisation.Kind.POLICE][:3] == [1, 0, 1.0]
    assert answers[Organisation.Kind.POLICE][3] == 12.0
    removals = exact(duration_table(catalogue.BY_CODE["removal"], SPRING, CENTRE))
    assert removals[platform_org.name][0] == 1 and removals[platform_org.name][3] == 2.0


def test_outcomes_of_closed_cases(centre):
    _case(centre, MARCH, hours_to_act=1, closed="resolved")
    _case(centre, MARCH, hours_to_act=1, closed="resolved")
    _case(centre, MARCH, hours_to_act=1, closed="duplicate")
    _case(centre, MARCH, hours_to_act=1)
    refresh.refresh_all()
    outcomes = exact(tally_table(catalogue.BY_CODE["outcome"], SPRING, CENTRE))
    assert outcomes["resolved"] == [2] and outcomes["duplicate"] == [1] and outcomes["unfounded"] == [0]


def test_trained_team_members_per_region(school):
    trained = team_member("trained", school).team_membership
    trained.trained_on = date(2026, 3, 2)
    trained.save()
    team_member("untrained", school)
    refresh.refresh_all()
    per_region = exact(tally_table(catalogue.BY_CODE["trained"], SPRING, CENTRE))
    assert per_region[school.region.code] == [1, 0, 0, 0]  # a resource-team teacher
    assert sum(sum(cells) for cells in per_region.values()) == 1


def test_refreshing_one_month_leaves_the_others():
    report(MARCH)
    refresh.refresh_all()
    report(APRIL)
    report(MARCH + timedelta(days=2))
    refresh.refresh_months({date(2026, 4, 1)})
    assert exact(trend_table(SPRING, CENTRE)) == {"2026-03": [1], "2026-04": [1]}


def test_time_to_removal_counts_each_notice_taken_down_once(analyst, platform_org, report_factory):
    """The notice ledger is the source for referrals that have notices: two items taken down count
    twice, the referral's own "content removed" answer is not counted a third time."""
    with time_machine.travel(MARCH, tick=False):
        report_, _ = report_factory(
            categories=("harassment",), platforms=("instagram",), identifiers=("@demo.one", "@demo.two")
        )
        referral = actions.refer_case(
            actions.open_case(report_, by=analyst),
            target="platform",
            organisation=platform_org,
            brief="Retrait (fictif).",
            legal_ground="Loi (fictif)",
            by=analyst,
        )
    first, second = referral.notices.order_by("position")
    with time_machine.travel(MARCH + timedelta(hours=3), tick=False):
        notices.answer_notice(first, state="removed", by=None, via="api")
    with time_machine.travel(MARCH + timedelta(hours=30), tick=False):
        notices.answer_notice(second, state="restricted", by=None, via="api")
    Referral.objects.filter(pk=referral.pk).update(status="content_removed", answered_at=MARCH + timedelta(hours=30))
    refresh.refresh_all()
    count, overdue, share, _median, _p90 = exact(duration_table(catalogue.BY_CODE["removal"], SPRING, CENTRE))[
        platform_org.name
    ]
    assert (count, overdue) == (2, 0)
    assert share == 1.0  # 3 h and 30 h, both within the 48-hour clock of harmful content

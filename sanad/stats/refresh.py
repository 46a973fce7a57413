"""Rebuild the aggregate tables (models.py) with GROUP BY queries: the only code that reads reports.

`refresh_months(months)` recomputes the given months (the periodic task: this month and the last,
so a late reclassification is picked up); `refresh_all()` rebuilds everything (nightly, and after a
change of definition). Each dimension is one GROUP BY over the reports of the months, and one more
joined with their categories for the category filter; durations are bucketed in Python from two
timestamps per row (portable to SQLite, a few seconds per million rows).

Second sources: time to removal is a list of functions yielding rows (`REMOVAL_SOURCES`: platform
referrals and the per-item notice ledger). Trained professionals come from the training app's
certificates (`sanad.training.figures`, the one module of training that stats reads) and from
resource-team members' training dates, each person counted once per kind (`trained_people`).
"""

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any, cast

from django.db import connection, transaction
from django.db.models import Case as CaseWhen
from django.db.models import (
    CharField,
    Count,
    Exists,
    Expression,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf, TruncDate, TruncMonth
from django.utils import timezone

from sanad.accounts.models import Region
from sanad.cases.models import ANSWERED, Case, CaseReport, Notice, NoticeState, Referral, ReferralStatus
from sanad.intake.models import Identifier, Report
from sanad.schools.figures import national_figures
from sanad.schools.models import TeamMember
from sanad.stats.models import ALL, CaseFigure, DailyFigure, Refresh, ReportFigure, Snapshot
from sanad.training import figures as training_figures

# Upper bounds of the duration buckets, in minutes: 15 min to 60 days, finer where deadlines fall.
BUCKETS = [
    15, 30, 60, 120, 180, 240, 360, 480, 720, 1080, 1440, 2160, 2880, 4320, 5760, 7200, 10080, 14400, 20160,
    30240, 43200, 86400,
]  # fmt: skip
LONGER = 10_000_000  # beyond the last bucket
PENDING = 99_999_998  # no answer yet, and its deadline has not passed: counted, not judged
OVERDUE = 99_999_999  # no answer yet, and its deadline has passed: counted, not met

TOLD = ("parent", "teacher", "friend", "other_adult", "nobody")


def bucket_of(minutes: float) -> int:
    for bound in BUCKETS:
        if minutes <= bound:
            return bound
    return LONGER


def month_start(moment: datetime | date) -> date:
    if isinstance(moment, datetime):
        moment = timezone.localtime(moment).date()
    return moment.replace(day=1)


def _next_month(month: date) -> date:
    return (month + timedelta(days=32)).replace(day=1)


def _bounds(month: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = datetime(month.year, month.month, 1, tzinfo=tz)
    end_month = _next_month(month)
    return start, datetime(end_month.year, end_month.month, 1, tzinfo=tz)


# --- reports -------------------------------------------------------------------------------------


def _repeat_value() -> object:
    """'repeat' when one of the report's identifiers was named by an earlier report, 'first' when it
    names identifiers never named before, 'none' when it names none."""
    earlier = Identifier.objects.filter(
        digest=OuterRef("digest"), report__submitted_at__lt=OuterRef(OuterRef("submitted_at"))
    )
    named = Identifier.objects.filter(report=OuterRef("pk"))
    return CaseWhen(
        When(Exists(named.filter(Exists(earlier))), then=Value("repeat")),
        When(Exists(named), then=Value("first")),
        default=Value("none"),
    )


# dimension -> the expression of its value on a Report (a join for the multi-valued ones)
SINGLE = {
    "month": lambda: Value("reports"),
    "urgency": lambda: F("urgency"),
    "channel": lambda: F("channel"),
    "reporter_role": lambda: F("reporter_role"),
    "gender": lambda: F("victim_gender"),
    "heard_from": lambda: Coalesce(F("heard_from"), Value("")),
    "platform": lambda: Coalesce(F("platforms__platform"), Value("none")),
    "repeat": _repeat_value,
}


def _report_rows(reports: QuerySet[Report], dimension: str) -> Iterator[ReportFigure]:
    keys = ("m", "region", "victim_age_band")
    base = reports.annotate(m=TruncMonth("submitted_at"))
    if dimension == "category":
        rows = base.values(*keys, value=F("categories__category")).annotate(n=Count("pk")).order_by()
        for row in rows:
            yield _figure(row, dimension, ALL, row["value"] or "none", row["n"])
        return
    if dimension == "told":
        counts = {name: Count("pk", filter=Q(**{f"told_{name}": True})) for name in TOLD}
        counts["unanswered"] = Count("pk", filter=Q(**{f"told_{name}": False for name in TOLD}))
        for grouped, category in ((base.values(*keys), None), (base.values(*keys, cat=F("categories__category")), 1)):
            if category:
                grouped = grouped.filter(categories__isnull=False)
            for row in grouped.annotate(**counts).order_by():
                for name in (*TOLD, "unanswered"):
                    if row[name]:
                        yield _figure(row, dimension, row.get("cat", ALL), name, row[name])
        return
    expression = SINGLE[dimension]()
    every = base.annotate(value=expression).values(*keys, "value").annotate(n=Count("pk")).order_by()
    for row in every:
        yield _figure(row, dimension, ALL, row["value"] or "none", row["n"])
    per_category = (
        base.filter(categories__isnull=False)
        .annotate(value=expression, cat=F("categories__category"))
        .values(*keys, "cat", "value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in per_category:
        yield _figure(row, dimension, row["cat"], row["value"] or "none", row["n"])


def _figure(row: dict, dimension: str, category: str, value: str, count: int) -> ReportFigure:
    return ReportFigure(
        month=month_start(row["m"]),
        region_id=row["region"],
        age_band=row["victim_age_band"],
        category=category,
        dimension=dimension,
        value=str(value)[:40],
        reports=count,
    )


COLUMNS = "month, region_id, age_band, category, dimension, value, reports"


def _insert_in_database(reports: QuerySet[Report], dimension: str) -> None:
    """INSERT … SELECT … GROUP BY: the database counts and writes the rows, none cross to Python
    (a million reports make a few million rows of figures)."""
    text: CharField[str, str] = CharField()
    base = {"m": TruncMonth("submitted_at"), "r": F("region"), "a": F("victim_age_band")}
    queries: list[tuple[QuerySet[Report], Expression]] = []
    if dimension == "told":
        for name in (*TOLD, "unanswered"):
            told = (
                Q(**{f"told_{other}": False for other in TOLD}) if name == "unanswered" else Q(**{f"told_{name}": True})
            )
            queries.append((reports.filter(told), Value(name, output_field=text)))
    else:
        value = F("categories__category") if dimension == "category" else SINGLE[dimension]()
        value = Coalesce(
            NullIf(value, Value("", output_field=text)), Value("none", output_field=text), output_field=text
        )
        queries.append((reports, value))
    for chosen, value in queries:
        every = chosen.values(**base, c=Value(ALL, output_field=text), d=Value(dimension, output_field=text), v=value)
        _insert(every.annotate(n=Count("pk")).order_by())
        if dimension != "category":
            per = chosen.filter(categories__isnull=False).values(
                **base, c=F("categories__category"), d=Value(dimension, output_field=text), v=value
            )
            _insert(per.annotate(n=Count("pk")).order_by())


def _insert(grouped: QuerySet[Any, Any]) -> None:
    sql, params = grouped.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {ReportFigure._meta.db_table} ({COLUMNS}) {sql}", params)


def _sum_ages_in_database(months: set[date] | None) -> None:
    table = ReportFigure._meta.db_table
    where = "age_band <> %s"
    params: list[Any] = [ALL]  # and the months, a list
    if months is not None:
        where += " AND month = ANY(%s)"
        params.append(sorted(months))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({COLUMNS}) SELECT month, region_id, %s, category, dimension, value, SUM(reports) "  # noqa: S608
            f"FROM {table} WHERE {where} GROUP BY month, region_id, category, dimension, value",
            [ALL, *params],
        )


def _with_every_age(rows: Iterable[ReportFigure]) -> Iterator[ReportFigure]:
    """The rows, then the same summed over age bands (age_band ALL): a page with no age filter
    reads those, several times fewer rows."""
    every: Counter[tuple] = Counter()
    for row in rows:
        every[(row.month, row.region_id, row.category, row.dimension, row.value)] += row.reports
        yield row
    for (month, region, category, dimension, value), count in every.items():
        yield ReportFigure(
            month=month,
            region_id=region,
            age_band=ALL,
            category=category,
            dimension=dimension,
            value=value,
            reports=count,
        )


DIMENSIONS = ["month", "category", "urgency", "channel", "reporter_role", "gender", "platform", "told"]
DIMENSIONS += ["heard_from", "repeat"]


# --- cases, referrals, removals, training --------------------------------------------------------

Row = tuple[date, int | None, str, float | None, bool | None]  # month, region, key, minutes, met (None: pending)


def _case_region() -> object:
    first_report = CaseReport.objects.filter(case=OuterRef("pk")).order_by("report__submitted_at")
    return Coalesce(
        Subquery(first_report.values("report__region")[:1], output_field=IntegerField()),
        F("school_case__school__region"),
        output_field=IntegerField(),
    )


def _first_action_rows(months: set[date] | None, now: datetime) -> Iterator[Row]:
    cases = Case.objects.all()
    if months is not None:
        cases = cases.filter(_within("opened_at", months))
    received = Subquery(
        CaseReport.objects.filter(case=OuterRef("pk"))
        .order_by("report__submitted_at")
        .values("report__submitted_at")[:1]
    )
    rows = cases.annotate(region_id_=_case_region(), received=Coalesce(received, F("opened_at"))).values_list(
        "opened_at", "region_id_", "urgency", "received", "first_action_due", "first_action_at"
    )
    for opened_at, region, urgency, received, due, acted in rows.iterator(chunk_size=5000):
        if acted is None:
            yield month_start(opened_at), region, urgency, None, (False if now > due else None)
        else:
            yield month_start(opened_at), region, urgency, (acted - received).total_seconds() / 60, acted <= due


def _referral_rows(months: set[date] | None, now: datetime) -> Iterator[Row]:
    referrals = Referral.objects.all()
    if months is not None:
        referrals = referrals.filter(_within("sent_at", months))
    rows = referrals.annotate(region_id_=_case_region_of("case__")).values_list(
        "sent_at", "region_id_", "organisation__kind", "answer_due", "answered_at", "status"
    )
    for sent_at, region, kind, due, answered_at, status in rows.iterator(chunk_size=5000):
        if status in ANSWERED and answered_at is not None:
            yield month_start(sent_at), region, kind, (answered_at - sent_at).total_seconds() / 60, answered_at <= due
        else:
            yield month_start(sent_at), region, kind, None, (False if now > due else None)


def _case_region_of(prefix: str) -> object:
    first_report = CaseReport.objects.filter(case=OuterRef(f"{prefix}pk")).order_by("report__submitted_at")
    return Coalesce(
        Subquery(first_report.values("report__region")[:1], output_field=IntegerField()),
        F(f"{prefix}school_case__school__region"),
        output_field=IntegerField(),
    )


def removals_from_referrals(months: set[date] | None, now: datetime) -> Iterator[Row]:
    """One removal per platform referral answered 'content removed', keyed by the platform's organisation:
    referrals sent before the notice ledger (those with notices are counted item by item below)."""
    removed = Referral.objects.filter(
        target="platform", status=ReferralStatus.CONTENT_REMOVED, answered_at__isnull=False, notices__isnull=True
    )
    if months is not None:
        removed = removed.filter(_within("sent_at", months))
    rows = removed.annotate(region_id_=_case_region_of("case__")).values_list(
        "sent_at", "region_id_", "organisation__name", "answer_due", "answered_at"
    )
    for sent_at, region, platform, due, answered_at in rows.iterator(chunk_size=5000):
        answered = cast(datetime, answered_at)  # answered_at__isnull=False
        yield month_start(sent_at), region, platform, (answered - sent_at).total_seconds() / 60, answered <= due


def removals_from_notices(months: set[date] | None, now: datetime) -> Iterator[Row]:
    """One removal per notice the platform took down (removed or restricted), from the ledger of
    cases/notices.py: the time from sending to the answer, and whether its legal clock was met."""
    taken_down = Notice.objects.filter(
        state__in=[NoticeState.REMOVED, NoticeState.RESTRICTED], answered_at__isnull=False
    )
    if months is not None:
        taken_down = taken_down.filter(_within("sent_at", months))
    rows = taken_down.annotate(region_id_=_case_region_of("referral__case__")).values_list(
        "sent_at", "region_id_", "referral__organisation__name", "due_at", "answered_at"
    )
    for sent_at, region, platform, due, answered_at in rows.iterator(chunk_size=5000):
        answered = cast(datetime, answered_at)  # answered_at__isnull=False
        yield month_start(sent_at), region, platform, (answered - sent_at).total_seconds() / 60, answered <= due


REMOVAL_SOURCES: list[Callable[[set[date] | None, datetime], Iterable[Row]]] = [
    removals_from_referrals,
    removals_from_notices,
]


def _outcome_rows(months: set[date] | None, now: datetime) -> Iterator[Row]:
    closed = Case.objects.filter(status="closed", closed_at__isnull=False)
    if months is not None:
        closed = closed.filter(_within("closed_at", months))
    rows = (
        closed.annotate(m=TruncMonth("closed_at"), region_id_=_case_region())
        .values("m", "region_id_", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        for _ in range(row["n"]):
            yield month_start(row["m"]), row["region_id_"], row["outcome"] or "none", None, None


def trained_people(now: datetime) -> Iterator[Row]:
    """Each trained professional once per kind (a TraineeRole code), in the month of their first
    training of that kind and the region of their organisation (or school). Two sources: the
    training app's valid certificates of active accounts, and resource-team members' `trained_on`
    (heads as `head`, the others as `resource_teacher`) for those trained outside Sanad's courses:
    a member who holds a certificate of a course that sets `trained_on` is counted by it alone."""
    first: dict[tuple[int, str], tuple[date, int | None]] = {}

    def note(person: int, kind: str, month: date, region: int | None) -> None:
        if (person, kind) not in first or month < first[(person, kind)][0]:
            first[(person, kind)] = (month, region)

    recorded = set()  # members whose trained_on the training app set (pass_course): already counted
    for person, region, kind, issued_at, sets_trained_on in training_figures.certificates_issued():
        note(person, kind, month_start(issued_at), region)
        if sets_trained_on:
            recorded.add(person)
    members = TeamMember.objects.filter(trained_on__isnull=False, user__is_active=True).exclude(user__in=recorded)
    for person, trained_on, region, position in members.values_list("user", "trained_on", "school__region", "position"):
        note(
            person,
            "head" if position == TeamMember.Position.HEAD else "resource_teacher",
            month_start(cast(date, trained_on)),  # the filter keeps only dated members
            region,
        )
    for (_person, kind), (month, region) in first.items():
        yield month, region, kind, None, None


CASE_INDICATORS: dict[str, list[Callable[[set[date] | None, datetime], Iterable[Row]]]] = {
    "first_action": [_first_action_rows],
    "referral_answer": [_referral_rows],
    "removal": REMOVAL_SOURCES,
    "outcome": [_outcome_rows],
}


def _case_figures(indicator: str, rows: Iterable[Row]) -> list[CaseFigure]:
    counted: Counter[tuple] = Counter()
    met: Counter[tuple] = Counter()
    for month, region, key, minutes, was_met in rows:
        if minutes is not None:
            bucket = bucket_of(minutes)
        elif was_met is None and indicator in {"outcome", "trained"}:
            bucket = 0
        else:
            bucket = PENDING if was_met is None else OVERDUE
        group = (month, region, str(key)[:60], bucket)
        counted[group] += 1
        met[group] += bool(was_met)
    return [
        CaseFigure(indicator=indicator, month=m, region_id=r, key=k, bucket=b, count=n, met=met[(m, r, k, b)])
        for (m, r, k, b), n in counted.items()
    ]


def _within(field: str, months: set[date]) -> Q:
    condition = Q()
    for month in months:
        start, end = _bounds(month)
        condition |= Q(**{f"{field}__gte": start, f"{field}__lt": end})
    return condition


# --- the refresh itself --------------------------------------------------------------------------


def _snapshot_schools() -> None:
    dashboard = national_figures(regions=list(Region.objects.all()))
    counted: tuple[str, ...] = (
        "schools",
        "untrained_schools",
        "open",
        "closed",
        "level_1",
        "level_2",
        "level_3",
        "level_3_open",
    )
    counted += ("overdue_steps", "cases_overdue")
    data = {
        "rows": {row.key: {**{name: getattr(row, name) for name in counted}, **row.outcomes} for row in dashboard.rows}
    }
    Snapshot.objects.update_or_create(name="school_protocol", defaults={"data": data, "computed_at": timezone.now()})


def _refresh_days(now: datetime) -> None:
    since = timezone.localtime(now).date() - timedelta(days=8)
    tz = timezone.get_current_timezone()
    start = datetime(since.year, since.month, since.day, tzinfo=tz)
    rows = (
        Report.objects.filter(submitted_at__gte=start)
        .annotate(day=TruncDate("submitted_at"))
        .values("day", "urgency")
        .annotate(n=Count("pk"))
        .order_by()
    )
    DailyFigure.objects.filter(day__gte=since).delete()
    DailyFigure.objects.bulk_create([DailyFigure(day=r["day"], urgency=r["urgency"], reports=r["n"]) for r in rows])


@transaction.atomic
def refresh_months(months: set[date] | None, *, now: datetime | None = None) -> Refresh:
    """Recompute the figures of these months (None: every month). Readers see the old figures or
    the new ones, never a half-done table: one transaction."""
    now = now or timezone.now()
    began = time.monotonic()
    reports = Report.objects.all()
    figures = ReportFigure.objects.all()
    if months is not None:
        reports = reports.filter(_within("submitted_at", months))
        figures = figures.filter(month__in=months)
    figures.delete()
    if connection.vendor == "postgresql":
        for dimension in DIMENSIONS:
            _insert_in_database(reports, dimension)
        _sum_ages_in_database(months)
    else:  # SQLite (the demo): the same rows, made in Python
        for dimension in DIMENSIONS:
            ReportFigure.objects.bulk_create(_with_every_age(_report_rows(reports, dimension)), batch_size=5000)
    for indicator, sources in CASE_INDICATORS.items():
        old = CaseFigure.objects.filter(indicator=indicator)
        old.filter(month__in=months).delete() if months is not None else old.delete()
        rows = (row for source in sources for row in source(months, now))
        CaseFigure.objects.bulk_create(_case_figures(indicator, rows), batch_size=5000)
    # Training dates are few and can be entered late: always recounted in full.
    CaseFigure.objects.filter(indicator="trained").delete()
    CaseFigure.objects.bulk_create(_case_figures("trained", trained_people(now)), batch_size=5000)
    _snapshot_schools()
    _refresh_days(now)
    scope = "full" if months is None else ",".join(sorted(f"{m:%Y-%m}" for m in months))
    return Refresh.objects.create(scope=scope[:16], started_at=now, seconds=time.monotonic() - began)


def refresh_all(*, now: datetime | None = None) -> Refresh:
    return refresh_months(None, now=now)


def recent_months(now: datetime | None = None) -> set[date]:
    """This month and the one before: what the periodic task recomputes."""
    this = month_start(now or timezone.now())
    return {this, month_start(this - timedelta(days=1))}

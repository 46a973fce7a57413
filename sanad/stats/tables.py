"""The tables people see, read from the aggregate tables only (never from reports), then protected.

`tables_for(scope, filters)` returns every table a person of this scope may see, in the order the
dashboards show them; the exports and the yearly review take the same tables, so a figure is the
same wherever it appears.
"""

import hashlib
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db.models import Max, Min, QuerySet, Subquery, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Organisation, Region
from sanad.cases.models import Outcome
from sanad.intake.models import AgeBand, Channel, Gender, HeardFrom, ReporterRole, Urgency
from sanad.lib.categories import Category
from sanad.reference import platforms
from sanad.schools.models import ProtocolVersion, RunOutcome
from sanad.stats import catalogue
from sanad.stats.catalogue import Audience
from sanad.stats.models import ALL, CaseFigure, PilotReview, PilotStepAnswer, Refresh, ReportFigure, Snapshot
from sanad.stats.refresh import BUCKETS, LONGER, OVERDUE, PENDING
from sanad.stats.suppression import HOURS, SHARE, Column, Line, Table, protect
from sanad.training import figures as training_figures

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class Scope:
    """Who is looking: their audience and, for an academy, the one region they may see."""

    audience: Audience
    region: Region | None = None  # fixed for an academy

    @property
    def protect(self) -> bool:
        return self.audience != Audience.CENTRE


@dataclass
class Filters:
    start: date  # first month counted
    end: date  # last month counted (inclusive)
    region: Region | None = None
    category: str = ALL
    age_band: str = ""

    @property
    def months(self) -> list[date]:
        months, month = [], self.start
        while month <= self.end:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return months

    def as_query(self) -> dict[str, str]:
        query = {"start": f"{self.start:%Y-%m}", "end": f"{self.end:%Y-%m}"}
        if self.region:
            query["region"] = self.region.code
        if self.category != ALL:
            query["category"] = self.category
        if self.age_band:
            query["age_band"] = self.age_band
        return query


def known_months() -> tuple[date, date] | None:
    """The first and last month with figures."""
    # The rows summed over ages name every month with figures: MIN and MAX straight from the index.
    found = ReportFigure.objects.filter(dimension="month", category=ALL, age_band=ALL).aggregate(
        first=Min("month"), last=Max("month")
    )
    return (found["first"], found["last"]) if found["first"] else None


TOLD_LABELS = {
    "parent": _("a parent"),
    "teacher": _("a teacher"),
    "friend": _("a friend"),
    "other_adult": _("another adult"),
    "nobody": _("nobody"),
    "unanswered": _("not answered"),
}
REPEAT_LABELS = {
    "repeat": _("names an identifier named before"),
    "first": _("names only new identifiers"),
    "none": _("names no identifier"),
}


def labels(dimension: str) -> Mapping[str, "StrOrPromise"]:
    """The label of each value of a dimension, in the order tables list them."""
    if dimension == "category":
        return dict(Category.choices)
    if dimension == "urgency":
        return dict(Urgency.choices)
    if dimension == "channel":
        return dict(Channel.choices)
    if dimension == "reporter_role":
        return dict(ReporterRole.choices)
    if dimension == "gender":
        return dict(Gender.choices)
    if dimension == "age_band":
        return dict(AgeBand.choices)
    if dimension == "platform":
        return {**dict(platforms.all_choices()), "none": _("no platform named")}
    if dimension == "told":
        return TOLD_LABELS
    if dimension == "heard_from":
        return {**dict(HeardFrom.choices), "none": _("not answered")}
    if dimension == "repeat":
        return REPEAT_LABELS
    if dimension == "outcome":
        return {**dict(Outcome.choices), "none": _("no outcome recorded")}
    if dimension == "referral_answer":
        return dict(Organisation.Kind.choices)
    if dimension == "first_action":
        return dict(Urgency.choices)
    return {}


def month_label(month: date) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")


# --- reading the aggregates ----------------------------------------------------------------------


def _report_figures(dimension: str, filters: Filters, scope: Scope) -> QuerySet[ReportFigure]:
    rows = ReportFigure.objects.filter(month__gte=filters.start, month__lte=filters.end)
    if dimension == "category" and filters.category != ALL:
        rows = rows.filter(dimension="category", category=ALL, value=filters.category)
    else:
        rows = rows.filter(dimension=dimension, category=filters.category)
    region = scope.region or filters.region
    if region is not None:
        rows = rows.filter(region=region)
    # Rows summed over ages (ALL) unless one age band is asked for; never both, or they count twice.
    return rows.filter(age_band=filters.age_band or ALL)


def _by_age(filters: Filters, scope: Scope) -> QuerySet[ReportFigure]:
    """Reports per age band: the rows of each band (not the rows summed over them)."""
    rows = ReportFigure.objects.filter(
        month__gte=filters.start, month__lte=filters.end, dimension="month", category=filters.category
    ).exclude(age_band=ALL)
    region = scope.region or filters.region
    return rows.filter(region=region) if region is not None else rows


def _sum(rows: QuerySet[ReportFigure], *group: str) -> dict:
    found = rows.values(*group).annotate(n=Sum("reports")).order_by()
    return {tuple(row[name] for name in group) if len(group) > 1 else row[group[0]]: row["n"] for row in found}


def _total(filters: Filters, scope: Scope) -> int:
    return _report_figures("month", filters, scope).aggregate(n=Sum("reports"))["n"] or 0


def count_table(indicator: catalogue.Indicator, filters: Filters, scope: Scope) -> Table:
    """One line per value of the indicator's dimension, the reports counted, and the total."""
    dimension = indicator.dimension
    if dimension in {"age_band", "region"}:
        field = "age_band" if dimension == "age_band" else "region"
        rows = _report_figures("month", filters, scope)
        if dimension == "age_band" and not filters.age_band:
            rows = _by_age(filters, scope)
        counted = _sum(rows, field)
    else:
        counted = _sum(_report_figures(dimension, filters, scope), "value")
    if dimension == "region":
        regions = [scope.region] if scope.region else list(Region.objects.all())
        lines = [Line(region.code, region.name, [counted.get(region.pk, 0)]) for region in regions]
        if scope.region is None and counted.get(None):
            lines.append(Line("unknown", _("region not given"), [counted[None]]))
    else:
        named = labels(dimension)
        keys = list(named) + sorted(key for key in counted if key not in named)
        lines = [Line(key, named.get(key, key), [counted.get(key, 0)]) for key in keys]
    if dimension == "category" and filters.category != ALL:
        lines = [line for line in lines if line.key == filters.category]
    table = Table(
        code=indicator.code,
        title=indicator.title,
        description=_describe(indicator),
        head=_("Value"),
        columns=[Column("reports", _("Reports"))],
        lines=lines,
        total=Line("total", _("All reports"), [_total(filters, scope)]),
        chart="map" if dimension == "region" and scope.region is None else "bars",
    )
    return protect(table, apply=scope.protect)


def trend_table(filters: Filters, scope: Scope) -> Table:
    counted = _sum(_report_figures("month", filters, scope), "month")
    table = Table(
        code="month",
        title=catalogue.BY_CODE["month"].title,
        description=_describe(catalogue.BY_CODE["month"]),
        head=_("Month"),
        columns=[Column("reports", _("Reports"))],
        lines=[Line(f"{m:%Y-%m}", month_label(m), [counted.get(m, 0)]) for m in filters.months],
        total=Line("total", _("All reports"), [sum(counted.values())]),
        chart="line",
    )
    return protect(table, apply=scope.protect)


def told_trend_table(filters: Filters, scope: Scope) -> Table:
    """Whom the child had told, month by month: the seed study's indicator and its trend."""
    counted = _sum(_report_figures("told", filters, scope), "month", "value")
    totals = _sum(_report_figures("month", filters, scope), "month")
    values = list(TOLD_LABELS)
    table = Table(
        code="told_trend",
        title=_("Whom the child had told, month by month"),
        description=_describe(catalogue.BY_CODE["told"]),
        head=_("Month"),
        columns=[Column("reports", _("Reports")), *(Column(value, TOLD_LABELS[value]) for value in values)],
        lines=[
            Line(f"{m:%Y-%m}", month_label(m), [totals.get(m, 0), *(counted.get((m, v), 0) for v in values)])
            for m in filters.months
        ],
        total=Line(
            "total",
            _("Whole period"),
            [sum(totals.values()), *(sum(n for (_m, v), n in counted.items() if v == value) for value in values)],
        ),
        chart="line",
    )
    return protect(table, apply=scope.protect)


def _case_figures(indicator: str, filters: Filters, scope: Scope, *, cumulative: bool = False) -> QuerySet[CaseFigure]:
    rows = CaseFigure.objects.filter(indicator=indicator, month__lte=filters.end)
    if not cumulative:
        rows = rows.filter(month__gte=filters.start)
    region = scope.region or filters.region
    if region is not None:
        rows = rows.filter(region=region)
    return rows


def spread(buckets: dict[int, int]) -> tuple[float | None, float | None]:
    """Median and 90th percentile (nearest rank) in hours, as the upper bound of their bucket."""
    timed = sorted((bucket, n) for bucket, n in buckets.items() if bucket < PENDING)
    count = sum(n for _b, n in timed)
    if not count:
        return None, None
    found = []
    for share in (0.5, 0.9):
        rank, seen = math.ceil(share * count), 0
        for bucket, n in timed:
            seen += n
            if seen >= rank:
                found.append((bucket if bucket != LONGER else 2 * BUCKETS[-1]) / 60)
                break
    return found[0], found[1]


def duration_table(indicator: catalogue.Indicator, filters: Filters, scope: Scope) -> Table:
    rows = (
        _case_figures(indicator.dimension, filters, scope)
        .values("key", "bucket")
        .annotate(n=Sum("count"), m=Sum("met"))
    )
    per_key: dict[str, dict[int, tuple[int, int]]] = {}
    for row in rows.order_by():
        per_key.setdefault(row["key"], {})[row["bucket"]] = (row["n"], row["m"])
    named = labels(indicator.dimension)
    keys = [key for key in named if key in per_key] + sorted(key for key in per_key if key not in named)
    if indicator.dimension == "first_action":
        keys = list(named)

    def line(key: str, buckets: dict[int, tuple[int, int]]) -> Line:
        count = sum(n for n, _m in buckets.values())
        decided = count - buckets.get(PENDING, (0, 0))[0]
        met = sum(m for _n, m in buckets.values())
        median, p90 = spread({bucket: n for bucket, (n, _m) in buckets.items()})
        overdue = buckets.get(OVERDUE, (0, 0))[0]
        return Line(key, named.get(key, key), [count, overdue, met / decided if decided else None, median, p90])

    merged: dict[int, tuple[int, int]] = {}
    for buckets in per_key.values():
        for bucket, (n, m) in buckets.items():
            old = merged.get(bucket, (0, 0))
            merged[bucket] = (old[0] + n, old[1] + m)
    total = line("total", merged)
    total.label = _("All")
    table = Table(
        code=indicator.code,
        title=indicator.title,
        description=_describe(indicator),
        head=_("Kind") if indicator.dimension != "first_action" else _("Urgency"),
        columns=[
            Column("count", _("How many")),
            Column("overdue", _("Still waiting past the deadline")),
            Column("share_met", _("Within the deadline"), SHARE),
            Column("median_hours", _("Median (hours)"), HOURS),
            Column("p90_hours", _("90th percentile (hours)"), HOURS),
        ],
        lines=[line(key, per_key.get(key, {})) for key in keys],
        total=total,
        chart="bars",
    )
    return protect(table, apply=scope.protect)


def tally_table(indicator: catalogue.Indicator, filters: Filters, scope: Scope) -> Table:
    if indicator.dimension == "trained":
        return trained_table(indicator, filters, scope)
    counted = _sum_count(_case_figures(indicator.dimension, filters, scope), "key")
    named = labels(indicator.dimension)
    keys = list(named) + sorted(key for key in counted if key not in named)
    lines = [Line(key, named.get(key, key), [counted.get(key, 0)]) for key in keys]
    table = Table(
        code=indicator.code,
        title=indicator.title,
        description=_describe(indicator),
        head=_("Value"),
        columns=[Column("count", _("How many"))],
        lines=lines,
        total=Line("total", _("All"), [sum(line.cells[0] or 0 for line in lines)]),
        chart="bars",
    )
    return protect(table, apply=scope.protect)


def trained_table(indicator: catalogue.Indicator, filters: Filters, scope: Scope) -> Table:
    """Trained professionals up to the last month, one line per region, one column per kind (the
    map shades the first, resource-team teachers). No column adds the kinds up: a person trained
    for two kinds counts in both, and a row total beside suppressed cells would give them away."""
    rows = _case_figures("trained", filters, scope, cumulative=True).values("region", "key").annotate(n=Sum("count"))
    counted = {(row["region"], row["key"]): row["n"] for row in rows.order_by()}
    kinds = list(training_figures.KINDS)
    regions = [scope.region] if scope.region else list(Region.objects.all())
    lines = [
        Line(region.code, region.name, [counted.get((region.pk, kind), 0) for kind in kinds]) for region in regions
    ]
    if scope.region is None and any(region is None for region, _kind in counted):
        lines.append(Line("national", _("national organisations"), [counted.get((None, kind), 0) for kind in kinds]))
    table = Table(
        code=indicator.code,
        title=indicator.title,
        description=_describe(indicator),
        head=_("Region"),
        columns=[Column(kind, label) for kind, label in training_figures.KINDS.items()],
        lines=lines,
        total=Line("total", _("All"), [sum(line.cells[c] or 0 for line in lines) for c in range(len(kinds))]),
        chart="map" if scope.region is None else "bars",
    )
    return protect(table, apply=scope.protect)


def _sum_count(rows: QuerySet[CaseFigure], group: str) -> dict:
    return {row[group]: row["n"] for row in rows.values(group).annotate(n=Sum("count")).order_by()}


SCHOOL_COLUMNS = [
    ("schools", _("Schools")),
    ("untrained_schools", _("Schools with no trained team")),
    ("open", _("Open school cases")),
    ("closed", _("Closed school cases")),
    ("level_3", _("Level 3 cases")),
    ("level_3_open", _("Level 3 cases still open")),
    ("cases_overdue", _("Cases with a step overdue")),
]


def school_table(indicator: catalogue.Indicator, filters: Filters, scope: Scope) -> Table:
    snapshot = Snapshot.objects.filter(name="school_protocol").first()
    data = snapshot.data.get("rows", {}) if snapshot else {}
    regions = [scope.region] if scope.region else list(Region.objects.all())
    columns = [Column(key, label) for key, label in SCHOOL_COLUMNS]
    columns += [Column(f"outcome:{value}", label) for value, label in RunOutcome.choices]

    def value(row: dict, key: str) -> int:
        return int(row.get(key.removeprefix("outcome:"), 0))

    lines = [Line(r.code, r.name, [value(data.get(r.code, {}), c.key) for c in columns]) for r in regions]
    total = Line("total", _("All"), [sum(line.cells[i] or 0 for line in lines) for i in range(len(columns))])
    table = Table(
        code=indicator.code,
        title=indicator.title,
        description=_describe(indicator),
        head=_("Region"),
        columns=columns,
        lines=lines,
        total=total,
    )
    return protect(table, apply=scope.protect)


def _describe(indicator: catalogue.Indicator) -> str:
    return indicator.definition


def figures_stamp() -> tuple[Refresh | None, str]:
    """The last rebuild of the aggregates, and a stamp of everything the dashboards' figures rest on
    besides the filters: that rebuild and the newest pilot review (those are read as they are). A
    new stamp is a new cache key, so nothing cached outlives the figures it was drawn from."""
    newest = PilotReview.objects.order_by("-pk").values("pk")[:1]
    refreshed = Refresh.objects.annotate(reviewed=Subquery(newest)).first()  # one query for both
    if refreshed is None:
        return None, f":{PilotReview.objects.aggregate(n=Max('pk'))['n'] or ''}"
    return refreshed, f"{refreshed.pk}:{refreshed.reviewed or ''}"


def cached_html(key_parts: object, build: Callable[[], str], *, timeout: int = 24 * 3600) -> str:
    """`build()`'s HTML, kept in this process's memory under a key made of `key_parts`, which must
    name everything the HTML depends on (the figures' stamp, the audience, the language, the
    filters…). A plain string: pickling the tables themselves (hundreds of lazy translations) cost
    more than drawing them again."""
    key = "stats:" + hashlib.sha256(repr(key_parts).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, timeout=timeout)
    return found


def tables_for(scope: Scope, filters: Filters) -> list[Table]:
    """Every table this scope may see, protected for it."""
    tables = [trend_table(filters, scope), told_trend_table(filters, scope)]
    for indicator in catalogue.visible(scope.audience):
        if indicator.code != "month":
            table = _build(indicator, scope, filters)
            if table is not None:
                tables.append(table)
    return tables


def table_for(scope: Scope, filters: Filters, code: str) -> Table | None:
    """One table by its code (exports), or None when this scope may not see it."""
    if code == "month":
        return trend_table(filters, scope)
    if code == "told_trend":
        return told_trend_table(filters, scope)
    indicator = catalogue.BY_CODE.get(code)
    if indicator is None or scope.audience not in indicator.audiences:
        return None
    return _build(indicator, scope, filters)


def _build(indicator: catalogue.Indicator, scope: Scope, filters: Filters) -> Table | None:
    if indicator.kind == catalogue.Kind.COUNT:
        if indicator.code == "month":
            return trend_table(filters, scope)
        if indicator.code == "region" and scope.region is not None:
            return None
        return count_table(indicator, filters, scope)
    if indicator.kind == catalogue.Kind.DURATION:
        return duration_table(indicator, filters, scope)
    if indicator.kind == catalogue.Kind.TALLY:
        return tally_table(indicator, filters, scope)
    if indicator.kind == catalogue.Kind.PILOT:
        return pilot_table(indicator, filters, scope)
    return school_table(indicator, filters, scope)


PILOT_KINDS = ("case", "period")  # after a closed case; at the end of a pilot period


def _pilot_kind_columns(kind: str, what: "StrOrPromise") -> list[Column]:
    if kind == "case":
        labels_ = {"count": _("%(what)s after a case") % {"what": what}, "workable": _("Found workable after a case")}
        labels_ |= {"minutes": _("Median minutes per case"), "missing": _("Something was missing (after a case)")}
    else:
        labels_ = {"count": _("%(what)s at the end of a period") % {"what": what}}
        labels_ |= {"workable": _("Found workable over the period"), "minutes": _("Usual minutes per case (period)")}
        labels_ |= {"missing": _("Something was missing (period)")}
    return [
        Column(f"{kind}_count", labels_["count"]),
        Column(f"{kind}_workable", labels_["workable"], SHARE, base=f"{kind}_count"),
        Column(f"{kind}_minutes", labels_["minutes"], HOURS, base=f"{kind}_count"),
        Column(f"{kind}_missing", labels_["missing"]),
    ]


def pilot_table(indicator: catalogue.Indicator, filters: Filters, scope: Scope) -> Table:
    """The teams' reviews of the protocol, after a case and at the end of a period, each kind in its
    own columns (a few hundred rows a year: read as they are)."""
    tz = timezone.get_current_timezone()
    start = datetime(filters.start.year, filters.start.month, 1, tzinfo=tz)
    end_month = (filters.end + timedelta(days=32)).replace(day=1)
    answers = PilotStepAnswer.objects.filter(
        review__answered_at__gte=start, review__answered_at__lt=datetime(end_month.year, end_month.month, 1, tzinfo=tz)
    )
    region = scope.region or filters.region
    if region is not None:
        answers = answers.filter(review__region=region)
    rows = answers.values_list("review__run", "review__region", "review", "step", "workable", "minutes", "missing")
    grouped: dict[tuple[str, Any], list[tuple[int, bool, int, bool]]] = {}
    by_step = indicator.dimension == "step"
    for run, in_region, review, step, workable, minutes, missing in rows:
        kind = "case" if run is not None else "period"
        grouped.setdefault((kind, step if by_step else in_region), []).append(
            (review, workable, minutes, bool(missing))
        )

    def cells(found: list[tuple[int, bool, int, bool]]) -> list[float | None]:
        if not found:
            return [0, None, None, 0]
        minutes = sorted(row[2] for row in found)
        count = len(found) if by_step else len({row[0] for row in found})  # answers per step, reviews per region
        return [
            count,
            sum(row[1] for row in found) / len(found),
            minutes[(len(minutes) - 1) // 2],
            sum(row[3] for row in found),
        ]

    if by_step:
        names: dict[str, str] = {}
        for version in ProtocolVersion.objects.only("definition"):
            names.update(version.step_names())
        order = list(names)  # the protocol's own order; steps of older versions after
        steps = sorted(
            {step for (_kind, step) in grouped},
            key=lambda step: (order.index(step) if step in order else len(order), step),
        )
        lines = [
            Line(step, names.get(step, step), [c for kind in PILOT_KINDS for c in cells(grouped.get((kind, step), []))])
            for step in steps
        ]
        columns = [c for kind in PILOT_KINDS for c in _pilot_kind_columns(kind, _("Answers"))]
        table = Table(
            code=indicator.code, title=indicator.title, description=indicator.definition, head=_("Step"),
            columns=columns, lines=lines, chart="bars",
        )  # fmt: skip
        return protect(table, apply=scope.protect)
    regions = [scope.region] if scope.region else list(Region.objects.all())
    lines = []
    for r in regions:
        per_kind = [cells(grouped.get((kind, r.pk), [])) for kind in PILOT_KINDS]
        lines.append(Line(r.code, r.name, [c for found in per_kind for c in (found[0], found[1])]))
    region_columns: list[Column] = []
    for kind in PILOT_KINDS:
        reviews, found_workable, _minutes, _missing = _pilot_kind_columns(kind, _("Reviews"))
        region_columns += [reviews, found_workable]
    total = Line(
        "total",
        _("All"),
        [sum(line.cells[0] or 0 for line in lines), None, sum(line.cells[2] or 0 for line in lines), None],
    )
    table = Table(
        code=indicator.code, title=indicator.title, description=indicator.definition, head=_("Region"),
        columns=region_columns, lines=lines, total=total, chart="bars",
    )  # fmt: skip
    return protect(table, apply=scope.protect)

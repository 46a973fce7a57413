"""Figures of the school protocol for the regional academies and the ministry: counts only.

Nothing here reads a pupil, a fact, a note, a review or a case reference: every query
selects counts, group keys and two timestamps. The number of queries is fixed (one per
kind of figure, grouped by school or by region), whatever the number of schools or cases.
docs/school-figures.md says what each figure means.
"""

import math
import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import cast

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Region
from sanad.schools.models import (
    TRAINED_TEAM_MINIMUM,
    ProtocolRun,
    ProtocolVersion,
    RunOutcome,
    RunStatus,
    School,
    Severity,
    StepRecord,
    StepState,
    TeamMember,
)

# The step whose definition records "safety" is the victim interview ("listen" in the reference version).
INTERVIEW_RECORD = "safety"


class Period(models.TextChoices):
    """Which cases the figures count, by the day they were opened."""

    DAYS_30 = "30d", _("opened in the last 30 days")
    MONTHS_12 = "12m", _("opened in the last 12 months")
    ALL = "all", _("all cases")


DEFAULT_PERIOD = Period.ALL  # oversight must not lose sight of an old case still open


def period_start(period: str, now: datetime) -> datetime | None:
    """The first moment counted, or None for all time."""
    if period == Period.DAYS_30:
        return now - timedelta(days=30)
    if period == Period.MONTHS_12:
        try:
            return now.replace(year=now.year - 1)
        except ValueError:  # 29 February: a year earlier has no such day
            return now.replace(year=now.year - 1, day=28)
    return None


@dataclass
class Row:
    """The figures of one school, one region or a total. Counts only."""

    key: str
    name: str
    schools: int = 0
    untrained_schools: int = 0
    trained_members: int | None = None  # school rows only
    open: int = 0
    closed: int = 0
    level_1: int = 0
    level_2: int = 0
    level_3: int = 0
    unassessed: int = 0
    level_3_open: int = 0
    overdue_steps: int = 0
    cases_overdue: int = 0
    interviews: int = 0
    interview_median: timedelta | None = None
    interview_p90: timedelta | None = None
    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RunOutcome.values, 0))
    # Extra words for a school row (province, level of education); never a person.
    detail: str = ""

    @property
    def cases(self) -> int:
        return self.open + self.closed

    @property
    def has_untrained_team(self) -> bool:
        return self.trained_members is not None and self.trained_members < TRAINED_TEAM_MINIMUM


@dataclass
class Dashboard:
    """One row per school (a region) or per region (national), and their total."""

    region: Region | None  # None: the national view
    period: str
    since: datetime | None
    now: datetime
    rows: list[Row]
    total: Row
    trained_minimum: int = TRAINED_TEAM_MINIMUM

    @property
    def untrained(self) -> list[Row]:
        """Schools with no trained team (region views): names and counts only."""
        return [row for row in self.rows if row.has_untrained_team]


def region_figures(region: Region, *, period: str = DEFAULT_PERIOD, now: datetime | None = None) -> Dashboard:
    """One row per school of the region: what its regional academy sees. Four or five queries."""
    now = now or timezone.now()
    since = period_start(period, now)
    schools = list(
        School.objects.filter(region=region)
        .select_related("organisation")
        .annotate(trained=Count("team", filter=_trained("team__")))
        .order_by(*cast(list[str], School._meta.ordering))  # an aggregate query ignores Meta.ordering
    )
    rows = {
        school.pk: Row(
            key=school.code,
            name=school.name,
            schools=1,
            untrained_schools=int(school.trained < TRAINED_TEAM_MINIMUM),
            trained_members=school.trained,
            detail=f"{school.province} · {school.get_level_display()}",
        )
        for school in schools
    }
    waits = _fill(rows, group="school", scope={"school__region": region}, since=since, now=now)
    return _dashboard(region, period, since, now, list(rows.values()), waits)


def national_figures(
    *, period: str = DEFAULT_PERIOD, now: datetime | None = None, regions: list[Region] | None = None
) -> Dashboard:
    """One row per region: what the ministry and the national centre see. Five queries, six without `regions`."""
    now = now or timezone.now()
    since = period_start(period, now)
    regions = list(Region.objects.all()) if regions is None else regions
    rows = {region.pk: Row(key=region.code, name=region.name) for region in regions}
    trained_schools = (
        TeamMember.objects.filter(_trained())
        .values("school")
        .annotate(members=Count("pk"))
        .filter(members__gte=TRAINED_TEAM_MINIMUM)
        .values("school")
    )
    schools = (
        School.objects.values("region")
        .annotate(schools=Count("pk"), untrained=Count("pk", filter=~Q(pk__in=trained_schools)))
        .order_by()
    )
    for counted in schools:
        row = rows[counted["region"]]
        row.schools, row.untrained_schools = counted["schools"], counted["untrained"]
    waits = _fill(rows, group="school__region", scope={}, since=since, now=now)
    return _dashboard(None, period, since, now, list(rows.values()), waits)


def _dashboard(
    region: Region | None, period: str, since: datetime | None, now: datetime, rows: list[Row], waits: list[timedelta]
) -> Dashboard:
    total = Row(key="", name="")  # the template names it
    summed = (
        "schools", "untrained_schools", "open", "closed", "level_1", "level_2", "level_3", "unassessed",
        "level_3_open", "overdue_steps", "cases_overdue",
    )  # fmt: skip
    for row in rows:
        for name in summed:
            setattr(total, name, getattr(total, name) + getattr(row, name))
        for value, count in row.outcomes.items():
            total.outcomes[value] += count
    total.interviews, total.interview_median, total.interview_p90 = _spread(waits)
    return Dashboard(region=region, period=period, since=since, now=now, rows=rows, total=total)


def _trained(prefix: str = "") -> Q:
    """A team member who followed the training and whose account is still active."""
    return Q(**{f"{prefix}trained_on__isnull": False, f"{prefix}user__is_active": True})


def _counted(scope: dict[str, object], since: datetime | None, *, through: str = "") -> Q:
    """The runs counted: those in scope, opened in the period; `through` reaches them from another model."""
    condition = Q(**{f"{through}{name}": value for name, value in scope.items()})
    return condition if since is None else condition & Q(**{f"{through}opened_at__gte": since})


def _fill(
    rows: dict[int, Row], *, group: str, scope: dict[str, object], since: datetime | None, now: datetime
) -> list[timedelta]:
    """Add the case figures to the rows, keyed by the value of `group` on a run (a school or a region id).

    Returns every interview wait counted: the total's median is that of every interview,
    not a median of the rows' medians.
    """
    runs = ProtocolRun.objects.filter(_counted(scope, since))
    is_open, is_closed = Q(status=RunStatus.OPEN), Q(status=RunStatus.CLOSED)
    counts = {
        "open": Count("pk", filter=is_open),
        "closed": Count("pk", filter=is_closed),
        "level_1": Count("pk", filter=Q(level=Severity.ISOLATED)),
        "level_2": Count("pk", filter=Q(level=Severity.REPEATED)),
        "level_3": Count("pk", filter=Q(level=Severity.SERIOUS)),
        "unassessed": Count("pk", filter=Q(level__isnull=True)),
        "level_3_open": Count("pk", filter=is_open & Q(level=Severity.SERIOUS)),
        **{f"outcome_{value}": Count("pk", filter=is_closed & Q(outcome=value)) for value in RunOutcome.values},
    }
    for counted in runs.values(group).annotate(**counts).order_by():
        row = rows.get(counted[group])
        if row is None:
            continue
        for name in ("open", "closed", "level_1", "level_2", "level_3", "unassessed", "level_3_open"):
            setattr(row, name, counted[name])
        row.outcomes = {value: counted[f"outcome_{value}"] for value in RunOutcome.values}

    overdue = (
        StepRecord.objects.overdue(now)
        .filter(_counted(scope, since, through="run__"))
        .values(f"run__{group}")
        .annotate(steps=Count("pk"), cases=Count("run", distinct=True))
        .order_by()
    )
    for counted in overdue:
        row = rows.get(counted[f"run__{group}"])
        if row is not None:
            row.overdue_steps, row.cases_overdue = counted["steps"], counted["cases"]

    waits: dict[int, list[timedelta]] = {key: [] for key in rows}
    interview = _interview_steps()
    if interview is not None:
        held = (
            StepRecord.objects.filter(interview, state=StepState.DONE, done_at__isnull=False)
            .filter(_counted(scope, since, through="run__"))
            .values_list(f"run__{group}", "done_at", "run__opened_at")
            .order_by()
        )
        for key, done_at, opened_at in held:
            if key in waits:
                waits[key].append(max(done_at - opened_at, timedelta(0)))
    for key, row in rows.items():
        row.interviews, row.interview_median, row.interview_p90 = _spread(waits[key])
    return [wait for key in rows for wait in waits[key]]


def _interview_steps() -> Q | None:
    """The victim-interview step of each protocol version: the step recording the safety check."""
    interview = Q()
    found = False
    for version in ProtocolVersion.objects.only("pk", "definition"):
        step = next((step for step in version.steps if INTERVIEW_RECORD in step.records), None)
        if step is not None:
            interview |= Q(run__protocol=version.pk, code=step.code)
            found = True
    return interview if found else None


def _spread(waits: list[timedelta]) -> tuple[int, timedelta | None, timedelta | None]:
    """How many, the median and the 90th percentile (nearest rank: at least 90% took no longer)."""
    if not waits:
        return 0, None, None
    ordered = sorted(waits)
    rank = math.ceil(0.9 * len(ordered))
    # median() adds and halves the middle two: timedeltas can, though typeshed asks for numbers.
    return len(ordered), statistics.median(ordered), ordered[rank - 1]  # type: ignore[type-var]

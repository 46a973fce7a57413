"""The aggregate tables the statistics pages read (refresh.py fills them; docs/statistics.md).

No row here names a person, a report or a case: each is a count for one month, one region and
one value of one indicator. Pages and exports read these tables only, never the reports.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Region

# The category and age-band filters' "every report" value: a report is counted once in it.
ALL = "*"


class ReportFigure(models.Model):
    """Reports received in one month, in one region, of one age band, for one value of a dimension.

    `category` is ALL (each report counted once) or one harm category (reports filed under it):
    the dashboards' category filter reads the matching rows. A report with two platforms counts
    once under each; that is why a dimension's values may add up to more than its total.
    """

    month = models.DateField(help_text="the first day of the month the report arrived in")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    age_band = models.CharField(max_length=8)
    category = models.CharField(max_length=24, default=ALL)
    dimension = models.CharField(max_length=16)
    value = models.CharField(max_length=40)
    reports = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["dimension", "category", "age_band", "month"], name="report_figure_read")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.dimension}={self.value}: {self.reports}"


class CaseFigure(models.Model):
    """Cases, referrals or removals of one month (when the clock started), one region, one key.

    Durations are kept as counts per duration bucket (`bucket`, its upper bound in minutes; 0 when
    the indicator is a plain count), so that a median or a 90th percentile over any period is read
    from summed buckets without reading a case. `met` counts those within their deadline.
    """

    indicator = models.CharField(max_length=32)
    month = models.DateField()
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=60)
    bucket = models.PositiveIntegerField(default=0)
    count = models.PositiveIntegerField()
    met = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["indicator", "month"], name="case_figure_read")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.month:%Y-%m} {self.key}: {self.count}"


class DailyFigure(models.Model):
    """The centre's operational counts per day (reports received by urgency), for "today" and "this week"."""

    day = models.DateField()
    urgency = models.CharField(max_length=2)
    reports = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "urgency"], name="daily_figure_once")]

    def __str__(self) -> str:
        return f"{self.day} {self.urgency}: {self.reports}"


class Snapshot(models.Model):
    """A figure set computed by another app's own counting code (the school protocol's), kept as JSON."""

    name = models.CharField(max_length=80, unique=True)
    data = models.JSONField(default=dict)
    computed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class Refresh(models.Model):
    """When the aggregates were last rebuilt, and how long it took (shown under every dashboard)."""

    scope = models.CharField(max_length=16, help_text="full, or the months recomputed")
    started_at = models.DateTimeField(default=timezone.now)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.scope} at {self.started_at:%Y-%m-%d %H:%M}"


class Campaign(models.Model):
    """A period of the awareness campaign, shown on every trend chart."""

    name_ar = models.CharField(max_length=120)
    name_fr = models.CharField(max_length=120)
    starts_on = models.DateField()
    ends_on = models.DateField()
    channels = models.CharField(max_length=200, blank=True, help_text=_("radio, television, schools, social media…"))

    class Meta:
        ordering = ["starts_on"]

    def __str__(self) -> str:
        return self.name_fr

    @property
    def name(self) -> str:
        return self.name_ar if (get_language() or "")[:2] == "ar" else self.name_fr


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("waiting for approval")
    APPROVED = "approved", _("approved")
    PUBLISHED = "published", _("published")


# The narrative sections of a yearly review, in the order of the document.
SECTIONS = {
    "summary": _("The year in brief"),
    "reporting": _("Reports and whom children told"),
    "handling": _("Handling, referrals and removals"),
    "schools": _("The school protocol"),
    "training": _("Training"),
    "limits": _("What the figures cannot say"),
}


class Review(models.Model):
    """The national committee's review of one year: drafted by the committee's secretary,
    approved by another named person (a ministry viewer or a centre supervisor), then published
    as a frozen version (ReviewVersion). Editing after publication starts a new draft."""

    year = models.PositiveSmallIntegerField(unique=True)
    status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    sections = models.JSONField(default=dict, help_text="section code -> {'fr': text, 'ar': text}")
    drafted_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"review {self.year}"

    def text(self, section: str, language: str) -> str:
        return (self.sections.get(section) or {}).get(language, "")


class ReviewVersion(models.Model):
    """A published review, frozen: its figures and texts as JSON and the SHA-256 of that JSON.
    The PDF is rebuilt from `frozen` alone, so it shows the same figures whenever it is made."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    frozen = models.JSONField()
    sha256 = models.CharField(max_length=64)
    published_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-review__year", "-number"]
        constraints = [models.UniqueConstraint(fields=["review", "number"], name="review_version_once")]

    def __str__(self) -> str:
        return f"review {self.review_id} v{self.number}"


class Direction(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")


class Action(models.Model):
    """One action of the committee's plan: who does it, by when, and which indicator says whether it worked."""

    title_fr = models.CharField(max_length=200)
    title_ar = models.CharField(max_length=200)
    owner = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    deadline = models.DateField()
    indicator = models.CharField(max_length=32)
    direction = models.CharField(max_length=8, choices=Direction.choices, default=Direction.AT_LEAST)
    target = models.FloatField(help_text="the indicator's headline value to reach (a share as 0.25 for 25 %)")
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.title_fr

    @property
    def title(self) -> str:
        return self.title_ar if (get_language() or "")[:2] == "ar" else self.title_fr

    def reached(self, value: float | None) -> bool | None:
        if value is None:
            return None
        return value >= self.target if self.direction == Direction.AT_LEAST else value <= self.target


class ActionUpdate(models.Model):
    """A progress note on an action, by a named person."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    progress = models.PositiveSmallIntegerField(help_text="percent done")
    note = models.TextField(max_length=2000, blank=True)
    written_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action_id}: {self.progress} %"


class PilotPeriod(models.Model):
    """A period of the school protocol's pilot (administrators' data). Once it ends, the resource
    team of each school in its regions (every region when none is chosen) is asked for its review
    of the protocol over the period, once."""

    name_ar = models.CharField(max_length=120)
    name_fr = models.CharField(max_length=120)
    starts_on = models.DateField()
    ends_on = models.DateField(help_text=_("the teams are asked for their review the day after"))
    regions = models.ManyToManyField(Region, blank=True, related_name="+", help_text=_("none: every region"))

    class Meta:
        ordering = ["-ends_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="pilot_period_dates")
        ]

    def __str__(self) -> str:
        return self.name_fr

    @property
    def name(self) -> str:
        return self.name_ar if (get_language() or "")[:2] == "ar" else self.name_fr


class PilotReview(models.Model):
    """A resource team's review of the school protocol: after one closed school case (`run`), or at
    the end of a pilot period (`period` and `school`, once per school). Per step: was it workable,
    how long it took, what was missing. Summarised per step and region, each kind apart."""

    run = models.OneToOneField("schools.ProtocolRun", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(PilotPeriod, null=True, blank=True, on_delete=models.PROTECT, related_name="reviews")
    school = models.ForeignKey("schools.School", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answered_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            # Either after a case, or at the end of a period for one school: never both, never neither.
            models.CheckConstraint(
                condition=models.Q(run__isnull=False, period__isnull=True, school__isnull=True)
                | models.Q(run__isnull=True, period__isnull=False, school__isnull=False),
                name="pilot_review_kind",
            ),
            models.UniqueConstraint(fields=["period", "school"], name="pilot_period_review_once"),
        ]

    def __str__(self) -> str:
        if self.run_id:
            return f"pilot review of run {self.run_id}"
        return f"pilot review of period {self.period_id} by school {self.school_id}"


class PilotStepAnswer(models.Model):
    review = models.ForeignKey(PilotReview, on_delete=models.CASCADE, related_name="answers")
    step = models.CharField(max_length=40)
    workable = models.BooleanField()
    minutes = models.PositiveIntegerField(help_text="time the team spent on the step")
    missing = models.TextField(max_length=1000, blank=True, help_text="what was missing (no pupil's name)")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "step"], name="pilot_step_once")]

    def __str__(self) -> str:
        return f"{self.step}: {'workable' if self.workable else 'not workable'}"

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Organisation, User
from sanad.evidence import crypto
from sanad.intake.models import Report, Urgency
from sanad.schools.models import ProtocolRun


class CaseStatus(models.TextChoices):
    NEW = "new", _("new")
    TRIAGED = "triaged", _("triaged")
    IN_PROGRESS = "in_progress", _("in progress")
    WAITING = "waiting", _("waiting")
    REFERRED = "referred", _("referred")
    CLOSED = "closed", _("closed")


class Outcome(models.TextChoices):
    RESOLVED = "resolved", _("resolved")
    CONTENT_REMOVED = "content_removed", _("content removed")
    REFERRED_TO_JUSTICE = "referred_to_justice", _("referred to justice")
    NO_ACTION_POSSIBLE = "no_action_possible", _("no action possible")
    DUPLICATE = "duplicate", _("duplicate")
    UNFOUNDED = "unfounded", _("unfounded")


def new_case_reference() -> str:
    return "C-" + "".join(secrets.choice("23456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(8))


class CaseQuerySet(models.QuerySet["Case"]):
    def visible_to(self, user: User) -> "CaseQuerySet":
        """The one scoped entry to cases: what this user's organisation and role allow."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.handles_cases:
            return self
        if user.is_liaison:
            return self.filter(referrals__organisation=user.organisation_id).distinct()
        return self.none()

    def open(self) -> "CaseQuerySet":
        return self.exclude(status=CaseStatus.CLOSED)


class Case(models.Model):
    """The unit of handling: one or more reports about one situation."""

    reference = models.CharField(max_length=12, unique=True, default=new_case_reference, editable=False)
    urgency = models.CharField(max_length=2, choices=Urgency.choices)
    status = models.CharField(max_length=12, choices=CaseStatus.choices, default=CaseStatus.TRIAGED)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    assignee = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_cases")
    waiting_on = models.CharField(max_length=12, blank=True, help_text="reporter, authority or platform")
    opened_at = models.DateTimeField(default=timezone.now)
    first_action_due = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    school_case = models.OneToOneField(
        ProtocolRun,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="national_case",
        help_text="the school case escalated to, transferred from or taken down for by the centre",
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        indexes = [
            # The queue walks open cases in its order; closed ones (nearly all) stay out of the index.
            models.Index(
                fields=["urgency", "first_action_due", "opened_at"],
                condition=~models.Q(status="closed"),
                name="case_open_queue_order",
            ),
            models.Index(fields=["assignee", "status"], name="case_assignee_status"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED

    def is_overdue(self, now: datetime | None = None) -> bool:
        return not self.is_closed and (now or timezone.now()) > self.first_action_due

    def is_at_risk(self, now: datetime | None = None) -> bool:
        """Less than a quarter of its urgency's deadline left."""
        now = now or timezone.now()
        margin = settings.SANAD_URGENCY_DEADLINES[self.urgency] / 4
        return not self.is_closed and not self.is_overdue(now) and self.first_action_due - now < margin


class CaseReport(models.Model):
    """A report handled in a case; a report belongs to at most one case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_reports")
    report = models.OneToOneField(Report, on_delete=models.PROTECT, related_name="case_link")
    linked_at = models.DateTimeField(default=timezone.now)
    linked_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    duplicate = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.report_id} in {self.case_id}"


class Note(models.Model):
    """An internal note on a case: staff only, sealed."""

    SEALED_FIELDS = ("body_sealed",)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    body_sealed = models.BinaryField()
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"note on {self.case_id}"

    def seal_context(self, field: str) -> str:
        return f"note:{self.case_id}:{self.written_at.isoformat()}:{field}"

    body = crypto.SealedText("body_sealed")


class ReferralTarget(models.TextChoices):
    POLICE = "police", _("police")
    GENDARMERIE = "gendarmerie", _("gendarmerie")
    PROSECUTOR = "prosecutor", _("public prosecutor")
    PLATFORM = "platform", _("platform")
    SCHOOL = "school", _("school")
    SUPPORT = "support", _("psychological support or child protection")
    HELPLINE = "helpline", _("child helpline")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("sent")
    RECEIVED = "received", _("received")
    INVESTIGATING = "investigating", _("investigating")
    CONTENT_REMOVED = "content_removed", _("content removed")
    REFUSED = "refused", _("refused")
    CLOSED = "closed", _("closed")


ANSWERED = {ReferralStatus.CONTENT_REMOVED, ReferralStatus.REFUSED, ReferralStatus.CLOSED}


class ReferralQuerySet(models.QuerySet["Referral"]):
    def visible_to(self, user: User) -> "ReferralQuerySet":
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.handles_cases:
            return self
        if user.is_liaison:
            return self.filter(organisation=user.organisation_id)
        return self.none()

    def overdue(self, now: datetime | None = None) -> "ReferralQuerySet":
        return self.exclude(status__in=ANSWERED).filter(answer_due__lt=now or timezone.now())

    def in_follow_up_order(self, now: datetime | None = None) -> "ReferralQuerySet":
        """Overdue first (oldest deadline first), then those awaiting an answer, then the answered."""
        waiting = ~models.Q(status__in=ANSWERED)
        rank = models.Case(
            models.When(waiting & models.Q(answer_due__lt=now or timezone.now()), then=0),
            models.When(waiting, then=1),
            default=2,
            output_field=models.IntegerField(),
        )
        return self.annotate(follow_up_rank=rank).order_by("follow_up_rank", "answer_due", "-sent_at", "pk")


class Referral(models.Model):
    """A case sent to an authority, a platform, a school or a support service."""

    SEALED_FIELDS = ("answer_sealed", "brief_sealed")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    target = models.CharField(max_length=12, choices=ReferralTarget.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="referrals")
    status = models.CharField(max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.SENT)
    legal_ground = models.CharField(max_length=300, blank=True)
    brief_sealed = models.BinaryField(null=True, blank=True, help_text="what the analyst wrote for this recipient")
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    answer_due = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_sealed = models.BinaryField(null=True, blank=True)
    pack_name = models.CharField(max_length=200, blank=True, help_text="sealed evidence pack in evidence storage")
    pack_sha256 = models.CharField(max_length=64, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["status", "answer_due"], name="referral_due")]

    def __str__(self) -> str:
        return f"{self.target} referral of {self.case_id}"

    def seal_context(self, field: str) -> str:
        return f"referral:{self.case_id}:{self.sent_at.isoformat()}:{field}"

    answer = crypto.SealedText("answer_sealed")

    brief = crypto.SealedText("brief_sealed")

    def is_overdue(self, now: datetime | None = None) -> bool:
        return self.status not in ANSWERED and (now or timezone.now()) > self.answer_due


class TriageReview(models.Model):
    """An analyst's answer to the triage assistant about one report: what its words really show.

    With the report's (sealed) description it is a labelled example: `export_triage_examples`
    writes them out to measure the assistant and to improve its rules (docs/triage-assistant.md).
    Only the latest answer is kept; each one is in the audit log.
    """

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="triage_review")
    engine = models.CharField(max_length=20, blank=True, help_text="the assistant that made the suggestion")
    suggested = models.JSONField(default=dict, help_text="urgency, signals and categories as suggested")
    urgency = models.CharField(max_length=2, choices=Urgency.choices, help_text="what the words alone call for")
    signals = models.JSONField(default=list)
    categories = models.JSONField(default=list)
    reviewed_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"triage review of {self.report_id}"

    def _labels(self, suggested: bool) -> set[str]:
        source = self.suggested if suggested else {"signals": self.signals, "categories": self.categories}
        return {*(source.get("signals") or []), *(source.get("categories") or [])}

    @property
    def confirmed(self) -> list[str]:
        return sorted(self._labels(True) & self._labels(False))

    @property
    def rejected(self) -> list[str]:
        """Suggested, and wrong: false alarms."""
        return sorted(self._labels(True) - self._labels(False))

    @property
    def missed(self) -> list[str]:
        """Not suggested, and there."""
        return sorted(self._labels(False) - self._labels(True))


def referral_deadline(target: str) -> timedelta:
    return settings.SANAD_REFERRAL_DEADLINES.get(target, settings.SANAD_REFERRAL_DEADLINES["default"])

import json
import secrets
from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Organisation, User
from sanad.cases import deadlines
from sanad.cases.deadlines import NO_DEADLINE
from sanad.evidence import crypto
from sanad.evidence.models import Evidence
from sanad.intake.models import Report, Urgency
from sanad.reference import deadlines as reference_deadlines
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
    waiting_since = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(default=timezone.now)
    first_action_due = models.DateTimeField()
    first_action_at = models.DateTimeField(null=True, blank=True, help_text="when the centre first acted on it")
    reporter_waiting_since = models.DateTimeField(
        null=True, blank=True, help_text="the reporter wrote (a message or a file) and nobody has answered yet"
    )
    next_due_at = models.DateTimeField(default=NO_DEADLINE, help_text="the earliest deadline running (deadlines.py)")
    next_due_kind = models.CharField(max_length=20, blank=True)
    school_seen_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="when the centre last picked up its school case's requests (school_requests.py)",
    )
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
                fields=["urgency", "next_due_at", "opened_at"],
                condition=~models.Q(status="closed"),
                name="case_open_queue_next_due",
            ),
            models.Index(fields=["assignee", "status"], name="case_assignee_status"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED

    def is_overdue(self, now: datetime | None = None) -> bool:
        """Its next deadline has passed (a met deadline no longer counts)."""
        return not self.is_closed and (now or timezone.now()) > self.next_due_at

    def is_at_risk(self, now: datetime | None = None) -> bool:
        """Less than a quarter of its running clock left."""
        now = now or timezone.now()
        margin = deadlines.window(self.next_due_kind, self.urgency, self.waiting_on) / 4
        return not self.is_closed and not self.is_overdue(now) and self.next_due_at - now < margin

    @property
    def first_action_met(self) -> bool | None:
        """Whether the centre acted before the first-action deadline; None while it has not acted."""
        return None if self.first_action_at is None else self.first_action_at <= self.first_action_due

    @property
    def next_due_label(self) -> str:
        return str(deadlines.LABELS.get(self.next_due_kind, ""))

    @property
    def has_deadline(self) -> bool:
        return self.next_due_at < deadlines.NO_DEADLINE


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
    """A case sent to an authority, a platform, a school or a support service.

    `snapshot` is what was sent (redaction.freeze), sealed when it was sent: the recipient's
    page, the files they may open and the evidence pack come from it, never from the case as
    it is now. An addendum is a referral of its own to the same recipient (`addendum_to`),
    carrying only what the earlier ones did not.
    """

    SEALED_FIELDS = ("answer_sealed", "brief_sealed", "snapshot_sealed")
    SEALED_FILES = {"pack_name": "pack_context"}

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
    snapshot_sealed = models.BinaryField(null=True, blank=True, help_text="what was sent, frozen (sealed JSON)")
    addendum_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="addenda",
        help_text="the referral it adds to",
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        indexes = [
            models.Index(fields=["status", "answer_due"], name="referral_due"),
            # The referrals still waiting for an answer, by deadline: "past their deadline" is counted on
            # the centre's statistics page among hundreds of thousands of answered ones.
            models.Index(fields=["answer_due"], condition=~models.Q(status__in=ANSWERED), name="referral_waiting_due"),
        ]

    def __str__(self) -> str:
        return f"{self.target} referral of {self.case_id}"

    def seal_context(self, field: str) -> str:
        return f"referral:{self.case_id}:{self.sent_at.isoformat()}:{field}"

    answer = crypto.SealedText("answer_sealed")

    @property
    def pack_context(self) -> str:
        """What the sealed evidence pack is bound to."""
        return f"pack:{self.pk}"

    brief = crypto.SealedText("brief_sealed")

    _snapshot_json = crypto.SealedText("snapshot_sealed")

    @property
    def snapshot(self) -> dict:
        return json.loads(self._snapshot_json or "{}")

    @snapshot.setter
    def snapshot(self, value: dict) -> None:
        self._snapshot_json = json.dumps(value, ensure_ascii=False, sort_keys=True)

    @property
    def first(self) -> "Referral":
        """The referral an addendum belongs to (itself when it is not an addendum)."""
        return self.addendum_to if self.addendum_to is not None else self  # no query when it is none

    def is_overdue(self, now: datetime | None = None) -> bool:
        return self.status not in ANSWERED and (now or timezone.now()) > self.answer_due


class ReferralFile(models.Model):
    """An evidence file a referral sent (from its snapshot): what its recipient may open, and nothing else."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="files")
    # A file erased at the end of its retention period leaves the referral (whose frozen
    # snapshot keeps its name and hashes) with nothing to open.
    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["referral", "evidence"], name="referral_file_once")]

    def __str__(self) -> str:
        return f"{self.evidence_id} sent with referral {self.referral_id}"


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
    return reference_deadlines.referral(target)


class NoticeState(models.TextChoices):
    SENT = "sent", _("sent")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    REMOVED = "removed", _("removed")
    RESTRICTED = "restricted", _("restricted")
    REFUSED = "refused", _("refused")
    EXPIRED = "expired", _("expired")


# A platform's answer: the clock is met (or missed) and stops counting.
NOTICE_ANSWERS = {NoticeState.REMOVED, NoticeState.RESTRICTED, NoticeState.REFUSED}
# The content is no longer reachable as it was: what "time to removal" measures.
NOTICE_TAKEN_DOWN = {NoticeState.REMOVED, NoticeState.RESTRICTED}


class NoticeQuerySet(models.QuerySet["Notice"]):
    def waiting(self) -> "NoticeQuerySet":
        """Not answered yet (an expired notice still waits for the platform's answer)."""
        return self.exclude(state__in=NOTICE_ANSWERS)


class Notice(models.Model):
    """One item of content at one platform (a URL, a post, an account, an in-game id), sent with a
    platform referral, with its legal ground, its category and its clock (cases/notices.py).

    The content is the exact text the reporter typed, copied from the referral's frozen snapshot
    when it was sent (never read again from the case), sealed like the snapshot.
    """

    SEALED_FIELDS = ("content_sealed", "reason_sealed")

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="notices")
    position = models.PositiveSmallIntegerField(help_text="its place among the referral's identifiers")
    kind = models.CharField(max_length=20, help_text="identifier kind: url, handle, phone, game id…")
    platform = models.CharField(max_length=40, blank=True)
    content_sealed = models.BinaryField(help_text="the exact link or handle as the reporter typed it")
    category = models.CharField(max_length=30, help_text="the case's main category when it was sent")
    legal_ground = models.CharField(max_length=300, blank=True)
    clock = models.CharField(max_length=40, help_text="kind of content whose clock applies (SANAD_NOTICE_CLOCKS)")
    state = models.CharField(max_length=14, choices=NoticeState.choices, default=NoticeState.SENT)
    sent_at = models.DateTimeField()
    due_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True, help_text="removed, restricted or refused")
    answered_via = models.CharField(max_length=10, blank=True, help_text="api or staff")
    reason_sealed = models.BinaryField(null=True, blank=True, help_text="the platform's reason for a refusal")
    expired_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["sent_at", "referral_id", "position"]
        constraints = [models.UniqueConstraint(fields=["referral", "position"], name="notice_once_per_item")]
        indexes = [models.Index(fields=["state", "due_at"], name="notice_clock")]

    def __str__(self) -> str:
        return f"notice {self.pk} of referral {self.referral_id}"

    def seal_context(self, field: str) -> str:
        return f"notice:{self.referral_id}:{self.position}:{field}"

    content = crypto.SealedText("content_sealed")
    reason = crypto.SealedText("reason_sealed")

    @property
    def is_answered(self) -> bool:
        return self.state in NOTICE_ANSWERS

    def is_overdue(self, now: datetime | None = None) -> bool:
        """Its clock ran out with no answer (a met clock stops counting)."""
        return not self.is_answered and (now or timezone.now()) > self.due_at

    @property
    def time_to_removal(self) -> timedelta | None:
        """From sending to the platform's removal or restriction; None otherwise."""
        if self.state not in NOTICE_TAKEN_DOWN or self.answered_at is None:
            return None
        return self.answered_at - self.sent_at

    @property
    def met_clock(self) -> bool | None:
        """Whether the platform answered within the clock; None while it has not answered."""
        return None if self.answered_at is None else self.answered_at <= self.due_at

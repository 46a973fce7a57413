"""What running the centre keeps: authenticator resets awaiting a second administrator, legal
holds, the counts that outlive erased data, and the task workers' heartbeats."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import User
from sanad.cases.models import Case
from sanad.evidence import crypto
from sanad.schools.models import ProtocolRun


class AuthenticatorReset(models.Model):
    """A staff member lost their authenticator: one administrator asks, another approves."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a second administrator")
        APPROVED = "approved", _("approved: authenticator removed")
        CANCELLED = "cancelled", _("cancelled")

    account = models.ForeignKey(User, on_delete=models.CASCADE, related_name="authenticator_resets")
    reason = models.CharField(max_length=300, help_text="how the loss was reported and the person's identity checked")
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["account"], condition=models.Q(status="pending"), name="one_pending_reset_per_account"
            )
        ]

    def __str__(self) -> str:
        return f"authenticator reset of {self.account_id} ({self.status})"


class LegalHoldQuerySet(models.QuerySet["LegalHold"]):
    def in_force(self) -> "LegalHoldQuerySet":
        return self.filter(lifted_at__isnull=True)


class LegalHold(models.Model):
    """Keeps a national case or a school case (and everything in it) from erasure until lifted."""

    SEALED_FIELDS = ("reason_sealed", "lift_reason_sealed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="legal_holds")
    school_case = models.ForeignKey(
        ProtocolRun, null=True, blank=True, on_delete=models.CASCADE, related_name="legal_holds"
    )
    reason_sealed = models.BinaryField()
    set_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)
    lifted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason_sealed = models.BinaryField(null=True, blank=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-set_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(case__isnull=False, school_case__isnull=True)
                | models.Q(case__isnull=True, school_case__isnull=False),
                name="hold_on_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return f"legal hold {self.id}"

    def seal_context(self, field: str) -> str:
        return f"hold:{self.id}:{field}"

    reason = crypto.SealedText("reason_sealed")
    lift_reason = crypto.SealedText("lift_reason_sealed")

    @property
    def in_force(self) -> bool:
        return self.lifted_at is None


class ErasedCount(models.Model):
    """What statistics keep of erased reports and school cases: counts per month and per value of
    one dimension at a time (urgency, category, region...), never a row per person."""

    class Kind(models.TextChoices):
        REPORT = "report", _("report")
        SCHOOL_CASE = "school_case", _("school case")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    month = models.DateField(help_text="first day of the month the report arrived or the school case opened")
    dimension = models.CharField(max_length=24)
    value = models.CharField(max_length=40)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind", "month", "dimension", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "month", "dimension", "value"], name="one_count_per_cell")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.month:%Y-%m} {self.dimension}={self.value}: {self.count}"


class WorkerHeartbeat(models.Model):
    """A task worker says it is alive every few seconds; /healthz and the metrics read it, and a
    worker that stopped beating has its running tasks put back in the queue."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"worker {self.worker_id} on {self.host}"

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from sanad.evidence import crypto


class Evidence(models.Model):
    """One file someone gave us, sealed at rest; knows nothing of reports or cases."""

    class State(models.TextChoices):
        RECEIVED = "received", _("received")
        PROCESSED = "processed", _("processed")
        FAILED = "failed", _("failed")

    SEALED_FIELDS = ("original_name_sealed",)
    # Sealed files this row names in evidence storage, and the attribute giving each one's seal context.
    SEALED_FILES = {"storage_name": "context"}

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    storage_name = models.CharField(max_length=200, unique=True)
    content_type = models.CharField(max_length=100, help_text="sniffed from the content, never trusted from the client")
    size = models.PositiveBigIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, db_index=True)
    md5 = models.CharField(max_length=32)
    original_name_sealed = models.BinaryField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.RECEIVED)
    attempts = models.PositiveSmallIntegerField(default=0)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return f"evidence {self.id}"

    @property
    def context(self) -> str:
        """What the sealed file is bound to."""
        return f"evidence:{self.id}"

    def seal_context(self, field: str) -> str:
        return f"{self.context}:{field}"

    @property
    def original_name(self) -> str:
        return crypto.unseal_text(bytes(self.original_name_sealed), context=self.seal_context("original_name_sealed"))

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def kind_label(self) -> str:
        family = self.content_type.partition("/")[0]
        if family == "image":
            return str(_("image"))
        if family == "video":
            return str(_("video"))
        if family == "audio":
            return str(_("audio"))
        return str(_("document"))


class CustodyEvent(models.Model):
    """Chain of custody: every time the file was captured, checked, opened or exported."""

    class Action(models.TextChoices):
        CAPTURED = "captured", _("captured")
        VERIFIED = "verified", _("integrity verified")
        INTEGRITY_FAILED = "integrity_failed", _("integrity check failed")
        REVEALED = "revealed", _("viewed unblurred")
        EXPORTED = "exported", _("exported in an evidence pack")
        DELETED = "deleted", _("deleted")

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="custody")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.CharField(max_length=100, help_text="'reporter', 'system' or a staff reference")
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.evidence_id} at {self.at:%Y-%m-%d %H:%M}"

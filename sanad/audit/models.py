import json

from django.conf import settings
from django.db import models

from sanad.audit.keys import link_hash


class AuditEvent(models.Model):
    """Who saw or changed what, when, in which role. Append-only and hash-chained.

    `hash` is a keyed hash (HMAC, keys.py) of this event's content and the previous event's
    hash, so changing, removing or reordering any event breaks every link after it, and only
    the key's holder can compute a new link. Never holds report text.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True, help_text="as it was when the event happened")
    role = models.CharField(max_length=20, blank=True)
    action = models.CharField(max_length=60, db_index=True)
    object_type = models.CharField(max_length=30, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def content(self) -> bytes:
        return json.dumps(
            {
                "seq": self.seq,
                "at": self.at.isoformat(),
                "actor": self.actor_id,
                "actor_name": self.actor_name,
                "role": self.role,
                "action": self.action,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "detail": self.detail,
            },
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()

    def compute_hash(self) -> str:
        return link_hash(self.prev_hash, self.content())


class AuditVerified(models.Model):
    """One row: how far the chain was last found intact, so the audit page checks only what came since.

    `verify_audit` (daily) always walks the whole chain from the start; a change before this
    point is found there, not on the page.
    """

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)
    at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"verified up to #{self.seq}"


class AuditHead(models.Model):
    """One row: the end of the chain. Locking it serialises appends across processes."""

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit head #{self.last_seq}"


class Notification(models.Model):
    """One notification sent (notify.py): claimed by its key, so it is sent once whatever retries.

    Says which kind, about what, by which channel and when; never to which address (the audit
    event beside it names staff recipients by id) nor what it said.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", "e-mail"
        SMS = "sms", "SMS"

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40, db_index=True)
    object_type = models.CharField(max_length=30, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    recipients = models.JSONField(default=list, help_text="ids of the staff accounts told (never addresses)")
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_type}:{self.object_id}"

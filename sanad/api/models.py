"""The partner API's own rows: organisation tokens, webhook endpoints and their delivery log,
and the answers kept for idempotency keys. Everything else it serves belongs to the domain apps."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Organisation, User
from sanad.evidence import crypto


class Scope(models.TextChoices):
    NOTICES_READ = "notices:read", _("read its notices")
    NOTICES_ANSWER = "notices:answer", _("acknowledge and answer its notices")
    REFERRALS_READ = "referrals:read", _("read its referrals")
    REFERRALS_ANSWER = "referrals:answer", _("acknowledge and update its referrals")
    PACKS_READ = "packs:read", _("download its referrals' evidence packs")
    REPORTS_SUBMIT = "reports:submit", _("submit reports (trusted reporter)")


# What each kind of organisation may be given: a platform its notices, an authority its referrals
# and packs, a helpline or support service (or a school network) reports; never another's.
SCOPES_FOR_KIND: dict[str, list[str]] = {
    Organisation.Kind.PLATFORM: [Scope.NOTICES_READ, Scope.NOTICES_ANSWER],
    Organisation.Kind.POLICE: [Scope.REFERRALS_READ, Scope.REFERRALS_ANSWER, Scope.PACKS_READ],
    Organisation.Kind.GENDARMERIE: [Scope.REFERRALS_READ, Scope.REFERRALS_ANSWER, Scope.PACKS_READ],
    Organisation.Kind.PROSECUTOR: [Scope.REFERRALS_READ, Scope.REFERRALS_ANSWER, Scope.PACKS_READ],
    Organisation.Kind.HELPLINE: [Scope.REPORTS_SUBMIT],
    Organisation.Kind.SUPPORT: [Scope.REPORTS_SUBMIT],
    Organisation.Kind.ACADEMY: [Scope.REPORTS_SUBMIT],
}


class TokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> "TokenQuerySet":
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """An organisation's key to the API. Only a keyed hash of the secret is stored; the secret is
    shown once, when it is issued or rotated."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(max_length=100)
    scopes = models.JSONField(default=list)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=16, help_text="the secret's first characters, to tell tokens apart")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    last_used_at = models.DateTimeField(null=True, blank=True)
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaced_by", help_text="rotation"
    )

    objects = TokenQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def allows(self, scope: str) -> bool:
        return scope in self.scopes


class WebhookEndpoint(models.Model):
    """An HTTPS address of a partner where Sanad posts signed events (docs/api.md)."""

    SEALED_FIELDS = ("secret_sealed",)

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="webhook_endpoints")
    url = models.URLField(max_length=500)
    secret_sealed = models.BinaryField(help_text="the HMAC key of its signatures")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    since = models.DateTimeField(default=timezone.now, help_text="events from this moment on are delivered")

    class Meta:
        ordering = ["organisation__name", "pk"]

    def __str__(self) -> str:
        return self.url

    def seal_context(self, field: str) -> str:
        return f"webhook:{self.organisation_id}:{self.created_at.isoformat()}:{field}"

    secret = crypto.SealedText("secret_sealed")


class Delivery(models.Model):
    """One event for one endpoint, and how its delivery went (the delivery log)."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("given up")

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40)
    event_id = models.CharField(max_length=80, help_text="what the event is about, e.g. notice:12")
    payload = models.JSONField(help_text="ids, states and times only: never content")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["endpoint", "event", "event_id"], name="delivery_once")]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.event} {self.event_id} to {self.endpoint_id}"


class IdempotentAnswer(models.Model):
    """The answer given to a request with an Idempotency-Key, kept (sealed: it holds a receipt)
    so that the same key and body get the same answer, and another body a 409."""

    SEALED_FIELDS = ("body_sealed",)

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64, help_text="keyed hash of the Idempotency-Key")
    request_sha256 = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body_sealed = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "key"], name="idempotency_key_once")]

    def __str__(self) -> str:
        return f"answer to key {self.key[:8]}"

    def seal_context(self, field: str) -> str:
        return f"idempotency:{self.token_id}:{self.key}:{field}"

    body = crypto.SealedText("body_sealed")

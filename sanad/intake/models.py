import secrets
import uuid
from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Region
from sanad.evidence import crypto
from sanad.evidence.models import Evidence
from sanad.lib.categories import Category


class Platform(models.TextChoices):
    INSTAGRAM = "instagram", "Instagram"
    TIKTOK = "tiktok", "TikTok"
    FACEBOOK = "facebook", "Facebook / Messenger"
    WHATSAPP = "whatsapp", "WhatsApp"
    SNAPCHAT = "snapchat", "Snapchat"
    YOUTUBE = "youtube", "YouTube"
    TELEGRAM = "telegram", "Telegram"
    DISCORD = "discord", "Discord"
    X = "x", "X (Twitter)"
    GAME = "game", _("An online game (Free Fire, PUBG, Roblox…)")
    SMS = "sms", _("Phone calls or text messages")
    OTHER = "other", _("Another app or website")


class Urgency(models.TextChoices):
    P0 = "P0", _("P0 · immediate danger")
    P1 = "P1", _("P1 · same day")
    P2 = "P2", _("P2 · within 72 hours")
    P3 = "P3", _("P3 · within 7 days")


class ReporterRole(models.TextChoices):
    VICTIM = "victim", _("It is happening to me")
    PARENT = "parent", _("I am a parent or family member")
    WITNESS = "witness", _("I saw it happen to someone else")
    PROFESSIONAL = "professional", _("I am a teacher or another professional")


class AgeBand(models.TextChoices):
    UNDER_10 = "under_10", _("Under 10")
    AGE_10_12 = "10_12", _("10 to 12")
    AGE_13_15 = "13_15", _("13 to 15")
    AGE_16_17 = "16_17", _("16 or 17")
    AGE_18_25 = "18_25", _("18 to 25")
    OVER_25 = "over_25", _("Over 25")
    UNKNOWN = "unknown", _("I don't know")


MINOR_AGE_BANDS = {AgeBand.UNDER_10, AgeBand.AGE_10_12, AgeBand.AGE_13_15, AgeBand.AGE_16_17}


class Gender(models.TextChoices):
    GIRL = "girl", _("Girl or woman")
    BOY = "boy", _("Boy or man")
    OTHER = "other", _("Another way")
    UNSAID = "unsaid", _("Prefer not to say")


class Started(models.TextChoices):
    TODAY = "today", _("Today")
    THIS_WEEK = "week", _("This week")
    THIS_MONTH = "month", _("This month")
    LONGER = "longer", _("More than a month ago")
    UNKNOWN = "unknown", _("I don't know")


class Ongoing(models.TextChoices):
    YES = "yes", _("Yes, it is still happening")
    NO = "no", _("No, it has stopped")
    UNKNOWN = "unknown", _("I don't know")


class PublicStatus(models.TextChoices):
    """What the reporter sees; the back-office moves it, the portal only shows it."""

    RECEIVED = "received", _("Received")
    BEING_HANDLED = "handled", _("Being handled")
    REFERRED = "referred", _("Referred")
    CLOSED = "closed", _("Closed")


PUBLIC_STATUS_MESSAGES = {
    PublicStatus.RECEIVED: _("We have received your report. A trained person will read it soon."),
    PublicStatus.BEING_HANDLED: _("A trained person is looking after your report."),
    PublicStatus.REFERRED: _(
        "We have passed your report to the people who can act on it (for example the police, "
        "the platform or the school)."
    ),
    PublicStatus.CLOSED: _("We have finished handling your report. You can still write to us here."),
}


class HeardFrom(models.TextChoices):
    """The portal's optional last question: how the reporter heard of Sanad (a campaign indicator)."""

    SCHOOL = "school", _("At school")
    SOCIAL_MEDIA = "social_media", _("On social media")
    TELEVISION_RADIO = "tv_radio", _("On television or the radio")
    FAMILY_FRIENDS = "family_friends", _("From family or friends")
    POSTER = "poster", _("A poster or a leaflet")
    SEARCH = "search", _("Searching the internet")
    OTHER = "other", _("Somewhere else")


class Channel(models.TextChoices):
    WEB = "web", _("web portal")
    API = "api", _("partner API")
    SCHOOL = "school", _("school")
    PHONE = "phone", _("phone")
    EMAIL = "email", _("e-mail")
    IN_PERSON = "in_person", _("in person")


def new_reference() -> str:
    """A short, non-secret reference for staff to say aloud (the receipt is the secret)."""
    return "SN-" + "".join(secrets.choice("23456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(8))


class Report(models.Model):
    """What one person submitted, through one channel. Sensitive fields are sealed."""

    SEALED_FIELDS = ("description_sealed", "contact_sealed", "school_sealed")

    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    receipt_digest = models.CharField(max_length=64, unique=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    language = models.CharField(max_length=8, help_text="the interface language the reporter used")
    # What the reporter sees; it follows the case's status (cases.actions.PUBLIC_STATUS_FOR).
    status = models.CharField(max_length=10, choices=PublicStatus.choices, default=PublicStatus.RECEIVED)
    # When the centre triaged it (opened a case for it or linked it to one): until then it waits
    # in the queue. Set once, by intake.actions.mark_triaged.
    triaged_at = models.DateTimeField(null=True, blank=True)
    urgency = models.CharField(max_length=2, choices=Urgency.choices)
    first_action_due = models.DateTimeField()

    danger_now = models.BooleanField()
    self_harm = models.BooleanField()
    sextortion_deadline = models.BooleanField()

    reporter_role = models.CharField(max_length=12, choices=ReporterRole.choices)
    description_sealed = models.BinaryField()
    started = models.CharField(max_length=8, choices=Started.choices)
    ongoing = models.CharField(max_length=8, choices=Ongoing.choices)

    victim_age_band = models.CharField(max_length=8, choices=AgeBand.choices)
    victim_gender = models.CharField(max_length=8, choices=Gender.choices)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT)
    school_sealed = models.BinaryField(null=True, blank=True)
    told_parent = models.BooleanField(default=False)
    told_teacher = models.BooleanField(default=False)
    told_friend = models.BooleanField(default=False)
    told_other_adult = models.BooleanField(default=False)
    told_nobody = models.BooleanField(default=False)

    contact_sealed = models.BinaryField(null=True, blank=True, help_text="deleted when the report is closed")
    consent_contact = models.BooleanField(default=False)
    consent_share = models.BooleanField(default=False, help_text="may we involve a trusted adult or the school")

    evidence = models.ManyToManyField(Evidence, blank=True, related_name="reports")
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    oncall_notified_at = models.DateTimeField(null=True, blank=True)
    reporter_waiting_since = models.DateTimeField(
        null=True, blank=True, help_text="the reporter wrote or added a file and the centre has not answered since"
    )
    # What the triage assistant read in the description (sanad.triage): its engine, the urgency
    # the answers gave ("answered"), the signals and categories it suggests, and each rule that
    # matched with offsets into the sealed description. Codes and numbers only, never the text.
    triage = models.JSONField(default=dict, blank=True)
    # A limit never refuses a report (docs/portal.md): one sent while its network's report limit
    # was met is saved and queued like any other, and marked, so staff can see a flood for what
    # it is. A report with a danger answer is never marked.
    arrived_over_limit = models.BooleanField(
        default=False, help_text="sent while its network's report limit was met (never set on a danger report)"
    )
    # The optional last question; null when it was skipped (or for reports made before it existed).
    heard_from = models.CharField(max_length=16, choices=HeardFrom.choices, null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["urgency", "first_action_due"], name="report_triage_order"),
            # The queue reads the few reports still waiting, in order, among a million handled ones.
            models.Index(
                fields=["urgency", "first_action_due", "submitted_at"],
                condition=models.Q(triaged_at__isnull=True),
                name="report_awaiting_triage",
            ),
            # The statistics recompute recent months by arrival (sanad/stats/refresh.py).
            models.Index(fields=["submitted_at"], name="report_submitted_at"),
        ]

    def __str__(self) -> str:
        return self.reference

    def seal_context(self, field: str) -> str:
        return f"report:{self.reference}:{field}"

    description = crypto.SealedText("description_sealed")
    school = crypto.SealedText("school_sealed")
    contact = crypto.SealedText("contact_sealed")

    @property
    def public_message(self) -> str:
        return str(PUBLIC_STATUS_MESSAGES[PublicStatus(self.status)])

    @property
    def danger_flags(self) -> set[str]:
        """The danger questions answered yes."""
        return {name for name in ("danger_now", "self_harm", "sextortion_deadline") if getattr(self, name)}

    @property
    def victim_is_minor(self) -> bool:
        return self.victim_age_band in MINOR_AGE_BANDS

    def is_overdue(self, now: datetime | None = None) -> bool:
        return self.triaged_at is None and (now or timezone.now()) > self.first_action_due

    @property
    def raised_by_text(self) -> bool:
        """Whether the assistant made this report more urgent than the reporter's answers did."""
        answered = self.triage.get("answered")
        return bool(answered) and self.urgency < answered  # "P0" < "P3"

    def status_history(self) -> list["StatusChange"]:
        """What the reporter sees of the status, oldest first: the arrival, then every move."""
        arrival = StatusChange(report=self, status=PublicStatus.RECEIVED, at=self.submitted_at)
        return [arrival, *self.status_changes.all()]


class ReportCategory(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="categories")
    category = models.CharField(max_length=24, choices=Category.choices, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "category"], name="report_category_once")]

    def __str__(self) -> str:
        return self.category


class ReportPlatform(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="platforms")
    platform = models.CharField(max_length=12, choices=Platform.choices, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "platform"], name="report_platform_once")]

    def __str__(self) -> str:
        return self.platform


class Identifier(models.Model):
    """An online identifier named in a report (handle, link, phone, e-mail, payment reference,
    player id), normalised (identifiers.py), with what the reporter typed kept beside it.

    Both are sealed; `digest` is the keyed hash of the normalised value in its place (a handle
    on one platform) and `loose_digest` of the value anywhere (a handle on any platform), so
    staff find every report naming the same identifier without the database holding it in clear.
    """

    SEALED_FIELDS = ("value_sealed", "typed_sealed")

    class Kind(models.TextChoices):
        HANDLE = "handle", _("username")
        URL = "url", _("link")
        PHONE = "phone", _("phone number")
        EMAIL = "email", _("e-mail address")
        PAYMENT = "payment", _("payment reference")
        PLAYER_ID = "player", _("player id in a game")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    platform = models.CharField(max_length=12, choices=Platform.choices, blank=True)
    service = models.CharField(
        max_length=16, blank=True, help_text="the game of a player id, the kind of a payment reference (iban, mtcn…)"
    )
    value_sealed = models.BinaryField()
    typed_sealed = models.BinaryField(null=True, blank=True, help_text="as the reporter typed it, when it differs")
    digest = models.CharField(max_length=64, db_index=True)
    loose_digest = models.CharField(max_length=64, db_index=True, default="")

    def __str__(self) -> str:
        return f"{self.kind} on report {self.report_id}"

    def seal_context(self, field: str) -> str:
        return f"identifier:{self.report_id}:{self.digest}:{field}"

    value = crypto.SealedText("value_sealed")
    typed = crypto.SealedText("typed_sealed")

    @property
    def as_typed(self) -> str:
        """What the reporter wrote (the exact link a platform needs), or the value when it was the same."""
        return self.typed or self.value


class ReportTerm(models.Model):
    """One word of a report's text, as a keyed hash (see search_terms.py)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=16)

    class Meta:
        indexes = [models.Index(fields=["term", "report"], name="report_term_lookup")]
        constraints = [models.UniqueConstraint(fields=["report", "term"], name="report_term_once")]

    def __str__(self) -> str:
        return self.term


class StatusChange(models.Model):
    """A move of the public status after the report arrived (its arrival is `Report.submitted_at`)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=10, choices=PublicStatus.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.status}"

    @property
    def public_message(self) -> str:
        return str(PUBLIC_STATUS_MESSAGES[PublicStatus(self.status)])


class Message(models.Model):
    """A message between the centre and the reporter, through the receipt."""

    SEALED_FIELDS = ("body_sealed",)

    class Author(models.TextChoices):
        CENTRE = "centre", _("The Sanad team")
        REPORTER = "reporter", _("You")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=10, choices=Author.choices)
    body_sealed = models.BinaryField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author} message on {self.report_id}"

    def seal_context(self, field: str) -> str:
        return f"message:{self.id}:{field}"

    body = crypto.SealedText("body_sealed")


class ReportDraft(models.Model):
    """A report being written: every step's answers, sealed, until it is sent.

    After sending it keeps the receipt (sealed) for a few minutes, so a double tap on
    "send" or a reload shows the same receipt instead of losing it.
    """

    SEALED_FIELDS = ("answers_sealed", "receipt_sealed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answers_sealed = models.BinaryField(null=True, blank=True)
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="+")
    report = models.OneToOneField(Report, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    receipt_sealed = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"draft {self.id}"

    def seal_context(self, field: str) -> str:
        return f"draft:{self.id}:{field}"

    # The receipt of the report this draft became (kept only for its display time).
    receipt = crypto.SealedText("receipt_sealed")


class RateBucket(models.Model):
    """The attempts one client made at one thing in one time window, for abuse limits.

    `bucket` is a keyed hash of (scope, client address, window): the address itself is never
    stored. A bucket is useless once its window has passed; `purge_drafts` deletes it.
    """

    bucket = models.CharField(max_length=32, primary_key=True)
    attempts = models.PositiveIntegerField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.attempts} attempts until {self.expires_at:%H:%M}"

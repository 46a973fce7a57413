import secrets
from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Organisation, Region, User
from sanad.evidence import crypto
from sanad.evidence.models import Evidence
from sanad.lib.categories import Category
from sanad.schools.protocol import Step, reference_definition, steps_of, validate

# A resource team is three to five trained staff (DOMAIN.md): below this, a school has no trained team.
TRAINED_TEAM_MINIMUM = 3


class Level(models.TextChoices):
    PRIMARY = "primary", _("primary school")
    MIDDLE = "middle", _("middle school")
    SECONDARY = "secondary", _("secondary school")


class School(models.Model):
    """A school, the organisation its resource team's accounts belong to."""

    organisation = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="school")
    code = models.CharField(max_length=20, unique=True, help_text="the ministry's school code")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="schools")
    province = models.CharField(max_length=80)
    academy = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="academy_schools", help_text="the regional academy (AREF)"
    )
    level = models.CharField(max_length=10, choices=Level.choices)

    class Meta:
        ordering = ["region__position", "province", "organisation__name"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.organisation.name


class TeamMember(models.Model):
    """A staff account in a school's resource team."""

    class Position(models.TextChoices):
        HEAD = "head", _("head of school")
        COUNSELLOR = "counsellor", _("counsellor")
        TEACHER = "teacher", _("teacher")
        OTHER = "other", _("other staff")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="team")
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="team_membership")
    position = models.CharField(max_length=12, choices=Position.choices)
    trained_on = models.DateField(null=True, blank=True, help_text="when they followed the resource-team training")

    class Meta:
        ordering = ["position", "user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return f"{self.user} ({self.position}) at {self.school_id}"


class ProtocolVersionQuerySet(models.QuerySet["ProtocolVersion"]):
    def current(self) -> "ProtocolVersion":
        """The newest published version; the reference version is installed the first time."""
        latest = self.order_by("-number").first()
        if latest is not None:
            return latest
        definition = reference_definition()
        validate(definition)
        version, _created = self.get_or_create(
            number=1, defaults={"definition": definition, "summary": "reference version (DOMAIN.md)"}
        )
        return version


class ProtocolVersion(models.Model):
    """One published version of the protocol; never changed once a case uses it."""

    number = models.PositiveIntegerField(unique=True)
    definition = models.JSONField()
    summary = models.CharField(max_length=300, blank=True, help_text="what changed")
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    objects = ProtocolVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"protocol v{self.number}"

    @property
    def steps(self) -> list[Step]:
        return steps_of(self.definition)

    def step(self, code: str) -> Step | None:
        return next((step for step in self.steps if step.code == code), None)

    def step_recording(self, what: str) -> Step | None:
        """The step that records `what` (see protocol.RECORDS): the level, the outcome, a take-down..."""
        return next((step for step in self.steps if what in step.records), None)

    def step_names(self) -> dict[str, str]:
        """Each step's title in the current language, by code."""
        return {step.code: step.name for step in self.steps}


class Origin(models.TextChoices):
    TEAM = "team", _("recorded by the resource team")
    CENTRE = "centre", _("transferred by the national centre")
    PORTAL = "portal", _("named in a report to the portal, shared by the national centre")


class ToldBy(models.TextChoices):
    VICTIM = "victim", _("the pupil concerned")
    PARENT = "parent", _("a parent")
    PUPIL = "pupil", _("another pupil")
    STAFF = "staff", _("a member of staff")
    CENTRE = "centre", _("the national centre")


class Author(models.TextChoices):
    PUPIL = "pupil", _("a pupil of this school")
    OTHER_PUPIL = "other_pupil", _("a pupil of another school")
    ADULT = "adult", _("an adult")
    UNKNOWN = "unknown", _("unknown")


# A pupil is a minor: the case takes the educational path first (DOMAIN.md, step 7).
PUPIL_AUTHORS = {Author.PUPIL, Author.OTHER_PUPIL}


class Severity(models.IntegerChoices):
    ISOLATED = 1, _("level 1: an isolated conflict")
    REPEATED = 2, _("level 2: repeated harassment")
    SERIOUS = 3, _("level 3: serious")


class SeriousBecause(models.TextChoices):
    SEXUAL_CONTENT = "sexual_content", _("sexual content")
    THREATS = "threats", _("threats")
    EXTORTION = "extortion", _("extortion")
    SELF_HARM = "self_harm", _("risk of self-harm")
    CRIME = "crime", _("another crime")


class Safety(models.TextChoices):
    """What the interview found (the step recording "safety")."""

    SAFE = "safe", _("Safe: no immediate risk")
    WORRIED = "worried", _("Worried: needs close support")
    DANGER = "danger", _("In danger: risk to the pupil's life or of self-harm")


class Approach(models.TextChoices):
    """The measures taken for the pupils responsible (the step recording "approach")."""

    RESTORATIVE = "restorative", _("Restorative approach")
    SANCTIONS = "sanctions", _("Sanctions under the school rules")
    BOTH = "both", _("Restorative approach, then sanctions")
    NONE = "none", _("No measure needed")


class RunStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class RunOutcome(models.TextChoices):
    STOPPED = "stopped", _("the harassment stopped")
    MONITORED = "monitored", _("improved, still watched")
    AUTHORITIES = "authorities", _("in the hands of the authorities")
    UNFOUNDED = "unfounded", _("unfounded")
    LEFT_SCHOOL = "left_school", _("the pupil left the school")


class Takedown(models.TextChoices):
    REQUESTED = "requested", _("asked of the national centre")
    WITH_PLATFORM = "with_platform", _("sent to the platform")
    REMOVED = "removed", _("content removed")
    REFUSED = "refused", _("refused by the platform")


class RunQuerySet(models.QuerySet["ProtocolRun"]):
    def visible_to(self, user: User) -> "RunQuerySet":
        """The one scoped entry to school cases.

        A resource team sees its own school's cases. The national centre sees those it
        is part of: transferred by it, or that asked it (escalated, or with content to take down).
        Academies and the ministry see figures only (figures.py), never a case.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_school_team:
            return self.filter(school__organisation=user.organisation_id)
        if user.handles_cases:
            # Those that asked the centre (level 3, a take-down) and those it transferred.
            return self.filter(models.Q(centre_asked_at__isnull=False) | ~models.Q(origin=Origin.TEAM))
        return self.none()

    def open(self) -> "RunQuerySet":
        return self.filter(status=RunStatus.OPEN)


def new_run_reference() -> str:
    return "E-" + "".join(secrets.choice("23456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(8))


class ProtocolRun(models.Model):
    """One school case going through the protocol's steps."""

    SEALED_FIELDS = ("facts_sealed", "review_sealed", "takedown_links_sealed")

    reference = models.CharField(max_length=12, unique=True, default=new_run_reference, editable=False)
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="runs")
    protocol = models.ForeignKey(ProtocolVersion, on_delete=models.PROTECT, related_name="runs")
    origin = models.CharField(max_length=8, choices=Origin.choices)
    told_by = models.CharField(max_length=8, choices=ToldBy.choices)
    safeguarding_override = models.BooleanField(
        default=False, help_text="shared with the school without the reporter's consent (reason in the audit log)"
    )
    categories = models.JSONField(default=list, help_text="category codes of DOMAIN.md")
    facts_sealed = models.BinaryField()
    evidence_kept = models.BooleanField(default=False)
    author = models.CharField(max_length=12, choices=Author.choices, default=Author.UNKNOWN)
    level = models.PositiveSmallIntegerField(null=True, blank=True, choices=Severity.choices)
    serious_because = models.JSONField(default=list)
    assessed_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    head_notified_at = models.DateTimeField(null=True, blank=True)
    takedown = models.CharField(max_length=14, choices=Takedown.choices, blank=True)
    takedown_links_sealed = models.BinaryField(null=True, blank=True)
    # The school asks the national centre (level 3, a take-down): its queue reads these, as it
    # reads new reports (cases/queue.py). The urgency comes from the same rules (reference/urgency.py).
    centre_asked_at = models.DateTimeField(null=True, blank=True, help_text="when the school first asked the centre")
    centre_asked_again_at = models.DateTimeField(null=True, blank=True, help_text="its latest request")
    centre_urgency = models.CharField(max_length=2, blank=True)
    centre_due = models.DateTimeField(null=True, blank=True, help_text="the centre's first-action deadline")
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.OPEN)
    outcome = models.CharField(max_length=12, choices=RunOutcome.choices, blank=True)
    review_sealed = models.BinaryField(null=True, blank=True)
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    shared_evidence = models.ManyToManyField(
        Evidence, blank=True, related_name="+", help_text="items the national centre chose to show the team"
    )

    objects = RunQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        indexes = [
            models.Index(fields=["school", "status"], name="run_school_status"),
            # The queue reads the few school cases that asked the centre, in its order.
            models.Index(
                fields=["centre_urgency", "centre_due", "centre_asked_at"],
                condition=models.Q(centre_asked_at__isnull=False),
                name="run_asking_the_centre",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def seal_context(self, field: str) -> str:
        return f"run:{self.reference}:{field}"

    facts = crypto.SealedText("facts_sealed")
    review = crypto.SealedText("review_sealed")
    takedown_links = crypto.SealedText("takedown_links_sealed")

    @property
    def is_closed(self) -> bool:
        return self.status == RunStatus.CLOSED

    def category_labels(self) -> list[str]:
        return [str(label) for code, label in Category.choices if code in self.categories]

    def serious_labels(self) -> list[str]:
        return [str(label) for code, label in SeriousBecause.choices if code in self.serious_because]

    @property
    def educational_path(self) -> bool:
        return self.author in PUPIL_AUTHORS

    @property
    def is_escalated(self) -> bool:
        return self.escalated_at is not None

    @property
    def danger_signals(self) -> tuple[bool, bool]:
        """(in danger now, risk of self-harm) as the team recorded them: at the interview and the assessment.
        Needs `steps` (their details) loaded or read."""
        interview = next((step.code for step in self.protocol.steps if "safety" in step.records), None)
        details = next((step.details for step in self.steps.all() if step.code == interview), None) or {}
        return details.get("safety") == Safety.DANGER, SeriousBecause.SELF_HARM in self.serious_because


class Pupil(models.Model):
    """A pupil in a school case, by the name the school already knows."""

    SEALED_FIELDS = ("name_sealed", "class_name_sealed")

    class Role(models.TextChoices):
        VICTIM = "victim", _("victim")
        INVOLVED = "involved", _("involved")
        WITNESS = "witness", _("witness")

    run = models.ForeignKey(ProtocolRun, on_delete=models.CASCADE, related_name="pupils")
    role = models.CharField(max_length=8, choices=Role.choices)
    name_sealed = models.BinaryField()
    class_name_sealed = models.BinaryField(null=True, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # The victim first, then the pupils involved, then witnesses.
        ordering = [
            models.Case(models.When(role="victim", then=0), models.When(role="involved", then=1), default=2),
            "added_at",
            "pk",
        ]

    def __str__(self) -> str:
        return f"{self.role} in {self.run_id}"

    def seal_context(self, field: str) -> str:
        return f"pupil:{self.run_id}:{self.added_at.isoformat()}:{field}"

    name = crypto.SealedText("name_sealed")
    class_name = crypto.SealedText("class_name_sealed")


class StepState(models.TextChoices):
    PENDING = "pending", _("to do")
    DONE = "done", _("done")
    NOT_APPLICABLE = "not_applicable", _("not applicable")


class StepRecordQuerySet(models.QuerySet["StepRecord"]):
    def pending(self) -> "StepRecordQuerySet":
        return self.filter(state=StepState.PENDING, run__status=RunStatus.OPEN)

    def overdue(self, now: datetime | None = None) -> "StepRecordQuerySet":
        return self.pending().filter(due_at__lt=now or timezone.now())


class StepRecord(models.Model):
    """Where one case stands on one step of its protocol version."""

    SEALED_FIELDS = ("note_sealed", "reason_sealed")

    run = models.ForeignKey(ProtocolRun, on_delete=models.CASCADE, related_name="steps")
    code = models.CharField(max_length=32)
    position = models.PositiveSmallIntegerField()
    due_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=16, choices=StepState.choices, default=StepState.PENDING)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note_sealed = models.BinaryField(null=True, blank=True)
    reason_sealed = models.BinaryField(null=True, blank=True, help_text="why the step is not applicable")
    details = models.JSONField(default=dict, help_text="structured answers: safety check, approach")
    attachments = models.ManyToManyField(Evidence, blank=True, related_name="+")
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    objects = StepRecordQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["run", "code"], name="one_record_per_step")]
        indexes = [
            # Reminders and dashboards look for pending steps by deadline.
            models.Index(fields=["due_at"], condition=models.Q(state="pending"), name="step_pending_due"),
        ]

    def __str__(self) -> str:
        return f"{self.code} of {self.run_id}"

    def seal_context(self, field: str) -> str:
        return f"step:{self.run_id}:{self.code}:{field}"

    note = crypto.SealedText("note_sealed")
    reason = crypto.SealedText("reason_sealed")

    def is_overdue(self, now: datetime | None = None) -> bool:
        return self.state == StepState.PENDING and self.due_at is not None and (now or timezone.now()) > self.due_at


class ParentContact(models.Model):
    """Parents informed: whose, who, when, how and what they answered."""

    SEALED_FIELDS = ("response_sealed",)

    class Relation(models.TextChoices):
        MOTHER = "mother", _("mother")
        FATHER = "father", _("father")
        GUARDIAN = "guardian", _("legal guardian")
        OTHER = "other", _("other family member")

    class Means(models.TextChoices):
        MEETING = "meeting", _("in person")
        PHONE = "phone", _("by phone")
        LETTER = "letter", _("by letter")
        MESSAGE = "message", _("by message")

    run = models.ForeignKey(ProtocolRun, on_delete=models.CASCADE, related_name="parent_contacts")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="parent_contacts")
    relation = models.CharField(max_length=10, choices=Relation.choices)
    informed_on = models.DateField()
    means = models.CharField(max_length=10, choices=Means.choices)
    response_sealed = models.BinaryField(null=True, blank=True)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["informed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.relation} of pupil {self.pupil_id}"

    def seal_context(self, field: str) -> str:
        return f"parents:{self.run_id}:{self.recorded_at.isoformat()}:{field}"

    response = crypto.SealedText("response_sealed")

"""Training: case studies and their reference answers, question sets, courses, cohorts,
attempts and certificates. Nothing here points at a real report, case or school case: practice
is stored in these tables only (docs/training.md).

Texts a trainee reads come in Arabic and French, kept as {"ar": ..., "fr": ...} (`Bilingual`),
so a case study and its answer are one row each per version, whatever the language of the page.
"""

import secrets
from typing import Any, cast

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import User

Bilingual = dict[str, str]


def in_language(text: object) -> str:
    """The reader's language of a {"ar": ..., "fr": ...} text (French when Arabic is missing, and back)."""
    if not isinstance(text, dict):
        return str(text or "")
    language = (get_language() or "fr")[:2]
    return text.get(language) or text.get("fr") or text.get("ar") or ""


class Difficulty(models.TextChoices):
    EASY = "easy", _("easy")
    MEDIUM = "medium", _("medium")
    HARD = "hard", _("hard")


class TraineeRole(models.TextChoices):
    """Whom a course or a case study is for (not an account role: a teacher and a head share one)."""

    ANALYST = "analyst", _("analyst")
    LIAISON = "liaison", _("liaison")
    RESOURCE_TEACHER = "resource_teacher", _("resource-team teacher")
    HEAD = "head", _("head of school")


# The courses whose passing is the school protocol's "trained" (TeamMember.trained_on).
TRAINED_ON_ROLES = frozenset({TraineeRole.RESOURCE_TEACHER, TraineeRole.HEAD})


class CaseStudy(models.Model):
    """A case study; trainees read its published version (`CaseStudyVersion`)."""

    class Origin(models.TextChoices):
        SYNTHETIC = "synthetic", _("written for training")
        CLOSED_CASE = "closed_case", _("made from a closed case")

    # The origin says *that* it came from a case, never *which*: the case's id is only in the
    # audit event of its drafting (training.study_drafted), which supervisors read.
    slug = models.SlugField(max_length=80, unique=True)
    origin = models.CharField(max_length=12, choices=Origin.choices, default=Origin.SYNTHETIC)
    difficulty = models.CharField(max_length=8, choices=Difficulty.choices, default=Difficulty.MEDIUM)
    roles = models.JSONField(default=list, help_text="TraineeRole codes")
    categories = models.JSONField(default=list, help_text="harm category codes (lib.categories)")
    school_case = models.BooleanField(default=False, help_text="handled through the school protocol")
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["slug"]
        verbose_name_plural = "case studies"

    def __str__(self) -> str:
        return self.slug

    def published(self) -> "CaseStudyVersion | None":
        return self.versions.filter(status=CaseStudyVersion.Status.PUBLISHED).order_by("-number").first()


class CaseStudyVersion(models.Model):
    """One version of a case study: its content and its reference answer, frozen once published.

    content: {"title", "report", "context": Bilingual; "language": code of the report's own words;
      "platforms": [codes]; "identifiers": [{"kind", "platform", "value"}];
      "files": [{"name", "kind", "description": Bilingual}] (placeholders: no file is stored);
      "reporter_role", "age_band", "region": codes}
    answer: {"categories": [codes], "urgency": "P0".."P3", "danger_signals": [triage.danger codes],
      "referral": ReferralTarget code or "", "redaction": [REDACTION_ITEMS shared],
      "protocol_level": 1..3 or None, "protocol_steps": [step codes, in order],
      "tell_child", "tell_parents": Bilingual, "reasons": {part: Bilingual}}
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("waiting for a supervisor's approval")
        PUBLISHED = "published", _("published")
        RETIRED = "retired", _("retired")

    study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    content = models.JSONField(default=dict)
    answer = models.JSONField(default=dict)
    edited_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["study", "number"]
        constraints = [models.UniqueConstraint(fields=["study", "number"], name="training_one_number_per_version")]

    def __str__(self) -> str:
        return f"{self.study.slug} v{self.number}"

    @property
    def title(self) -> str:
        return in_language(self.content.get("title"))

    @property
    def reference(self) -> str:
        """What the practice pages show where a real page shows a report's reference."""
        return f"EX-{self.study_id:04d}"


class QuestionSet(models.Model):
    """A short knowledge check, taken before and after a course."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.JSONField(default=dict, help_text="Bilingual")

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug

    @property
    def title_text(self) -> str:
        return in_language(self.title)


class Question(models.Model):
    """One question. options: [{"key", "ar", "fr"}]; for matching also `targets` (the right-hand column).

    answer: single: "key"; multiple: ["key", ...]; ordering: ["key", ...] in the right order;
    matching: {"option key": "target key"}.
    """

    class Kind(models.TextChoices):
        SINGLE = "single", _("one answer")
        MULTIPLE = "multiple", _("several answers")
        ORDERING = "ordering", _("put in order")
        MATCHING = "matching", _("match")

    question_set = models.ForeignKey(QuestionSet, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    prompt = models.JSONField(default=dict)
    options = models.JSONField(default=list)
    targets = models.JSONField(default=list, blank=True)
    answer = models.JSONField()
    reason = models.JSONField(default=dict)

    class Meta:
        ordering = ["question_set", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question_set", "position"], name="training_one_question_per_position")
        ]

    def __str__(self) -> str:
        return f"{self.question_set.slug} #{self.position}"


class Course(models.Model):
    """An ordered path of case studies and question sets for one role, with a pass mark."""

    title = models.JSONField(default=dict)
    role = models.CharField(max_length=20, choices=TraineeRole.choices)
    pass_mark = models.PositiveSmallIntegerField(default=70, help_text="percent of the scored items")
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return in_language(self.title)

    @property
    def title_text(self) -> str:
        return in_language(self.title)

    @property
    def sets_trained_on(self) -> bool:
        """Passing a resource-team course is the school protocol's "trained" (TeamMember.trained_on)."""
        return self.role in TRAINED_ON_ROLES


class CourseItem(models.Model):
    """One step of a course: a case study or a question set (before or after the case studies)."""

    class Stage(models.TextChoices):
        PRE = "pre", _("check before the course")
        STUDY = "study", _("case study")
        POST = "post", _("check after the course")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    stage = models.CharField(max_length=6, choices=Stage.choices, default=Stage.STUDY)
    study = models.ForeignKey(CaseStudy, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    question_set = models.ForeignKey(QuestionSet, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["course", "position"]
        constraints = [
            models.UniqueConstraint(fields=["course", "position"], name="training_one_item_per_position"),
            models.CheckConstraint(
                condition=models.Q(study__isnull=False, question_set__isnull=True)
                | models.Q(study__isnull=True, question_set__isnull=False),
                name="training_item_is_a_study_or_a_set",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course_id}#{self.position}"

    @property
    def counts_for_pass(self) -> bool:
        """The check before the course measures what trainees knew; it never fails anyone."""
        return self.stage != self.Stage.PRE

    @property
    def title_text(self) -> str:
        if self.study is not None:  # a study or a question set (the check constraint)
            version = self.study.published()
            return version.title if version else self.study.slug
        return cast(QuestionSet, self.question_set).title_text


class Cohort(models.Model):
    """A group of trainees following one course together (e.g. the pilot teachers of two regions)."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(max_length=200)
    trainer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="cohorts_trained")
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return self.name


class Enrolment(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrolments")
    trainee = models.ForeignKey(User, on_delete=models.CASCADE, related_name="enrolments")
    enrolled_at = models.DateTimeField(default=timezone.now)
    score = models.PositiveSmallIntegerField(null=True, blank=True, help_text="percent, once every item is done")
    passed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["cohort", "trainee__last_name", "trainee__username"]
        constraints = [models.UniqueConstraint(fields=["cohort", "trainee"], name="training_enrolled_once")]

    def __str__(self) -> str:
        return f"{self.trainee} in {self.cohort}"


class Attempt(models.Model):
    """A trainee's answer to a case study or a question set: practice lives here, never in cases."""

    trainee = models.ForeignKey(User, on_delete=models.CASCADE, related_name="training_attempts")
    enrolment = models.ForeignKey(Enrolment, null=True, blank=True, on_delete=models.CASCADE, related_name="attempts")
    item = models.ForeignKey(CourseItem, null=True, blank=True, on_delete=models.CASCADE, related_name="attempts")
    version = models.ForeignKey(
        CaseStudyVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="attempts"
    )
    question_set = models.ForeignKey(QuestionSet, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answer = models.JSONField(default=dict)
    parts = models.JSONField(default=list, help_text="the scored parts (scoring.Part as data)")
    score = models.FloatField(null=True, blank=True, help_text="0..1, once finished")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["trainee", "-started_at"], name="training_attempts_of_trainee")]

    def __str__(self) -> str:
        return f"attempt {self.pk} by {self.trainee_id}"

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def percent(self) -> int | None:
        return None if self.score is None else round(self.score * 100)

    # An attempt is at a case study (its version) or at a question set (practice.start_attempt,
    # courses.start_item, courses.start_questions): code that has checked which reads it here.
    @property
    def studied(self) -> CaseStudyVersion:
        return cast(CaseStudyVersion, self.version)

    @property
    def asked(self) -> QuestionSet:
        return cast(QuestionSet, self.question_set)

    def step(self, name: str) -> Any:
        return self.answer.get(name)


def new_certificate_code() -> str:
    """About 60 bits, grouped for reading aloud or typing from paper (no 0/O, 1/I)."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


class Certificate(models.Model):
    enrolment = models.OneToOneField(Enrolment, on_delete=models.PROTECT, related_name="certificate")
    code = models.CharField(max_length=14, unique=True, default=new_certificate_code)
    issued_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.code

    @property
    def valid(self) -> bool:
        return self.revoked_at is None

    @property
    def initials(self) -> str:
        """All the public verify page reveals of the holder."""
        user = self.enrolment.trainee
        names = [user.first_name, user.last_name] if (user.first_name or user.last_name) else [user.username]
        return " ".join(f"{name.strip()[0].upper()}." for name in names if name.strip())

"""Courses, cohorts and their progress: building a course, enrolling, scoring a question set,
passing, certificates, and what a trainer reads of a cohort. Changes are atomic and audited
(the practice answers themselves are not: practice.py)."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import User
from sanad.audit.log import record
from sanad.lib.errors import SanadError
from sanad.schools.actions import record_training
from sanad.training import scoring
from sanad.training.models import (
    Attempt,
    CaseStudy,
    Certificate,
    Cohort,
    Course,
    CourseItem,
    Enrolment,
    Question,
    QuestionSet,
    in_language,
)


class CourseError(SanadError):
    code = "course"


class EmptyCourse(CourseError):
    code = "course_empty"
    message = _("A course needs at least one case study or question set.")


class AlreadyFinished(CourseError):
    code = "questions_finished"
    message = _("These answers were already scored: start the questions again to try another answer.")


@transaction.atomic
def build_course(
    *,
    title: dict[str, str],
    role: str,
    pass_mark: int,
    studies: list[CaseStudy],
    pre: QuestionSet | None = None,
    post: QuestionSet | None = None,
    by: User | None,
) -> Course:
    """A course: the check before, the case studies in the order given, the check after."""
    if not studies and not pre and not post:
        raise EmptyCourse()
    course = Course.objects.create(title=title, role=role, pass_mark=pass_mark, created_by=by)
    items: list[CourseItem] = []
    if pre:
        items.append(CourseItem(course=course, stage=CourseItem.Stage.PRE, question_set=pre))
    items += [CourseItem(course=course, stage=CourseItem.Stage.STUDY, study=study) for study in studies]
    if post:
        items.append(CourseItem(course=course, stage=CourseItem.Stage.POST, question_set=post))
    for position, item in enumerate(items, start=1):
        item.position = position
    CourseItem.objects.bulk_create(items)
    record(by, "training.course_built", object_type="course", object_id=course.pk, item_count=len(items), role=role)
    return course


@transaction.atomic
def open_cohort(course: Course, *, name: str, trainees: list[User], by: User) -> Cohort:
    cohort = Cohort.objects.create(course=course, name=name, trainer=by)
    Enrolment.objects.bulk_create(Enrolment(cohort=cohort, trainee=trainee) for trainee in trainees)
    record(by, "training.cohort_opened", object_type="cohort", object_id=cohort.pk, trainees=len(trainees))
    return cohort


@transaction.atomic
def enrol(cohort: Cohort, trainees: list[User], *, by: User) -> int:
    already = set(cohort.enrolments.values_list("trainee_id", flat=True))
    new = [Enrolment(cohort=cohort, trainee=trainee) for trainee in trainees if trainee.pk not in already]
    Enrolment.objects.bulk_create(new)
    if new:
        record(by, "training.trainees_enrolled", object_type="cohort", object_id=cohort.pk, trainees=len(new))
    return len(new)


def start_item(enrolment: Enrolment, item: CourseItem) -> Attempt:
    """A new attempt at one step of a course (a trainee may try again; the latest counts)."""
    if item.study is not None:
        version = item.study.published()
        return Attempt.objects.create(trainee=enrolment.trainee, enrolment=enrolment, item=item, version=version)
    return Attempt.objects.create(
        trainee=enrolment.trainee, enrolment=enrolment, item=item, question_set=item.question_set
    )


def start_questions(trainee: User, question_set: QuestionSet) -> Attempt:
    return Attempt.objects.create(trainee=trainee, question_set=question_set)


@transaction.atomic
def answer_questions(attempt: Attempt, answers: dict[str, Any]) -> None:
    """Score a question set; `answers` maps each question's position (as text) to its answer."""
    if attempt.finished:
        raise AlreadyFinished()
    parts = []
    for question in attempt.asked.questions.all():
        given = answers.get(str(question.position))
        score = scoring.score_question(question.kind, question.answer, given)
        parts.append(scoring.Part(f"q{question.position}", score, 1, expected=question.answer, given=given).as_data())
    attempt.answer = answers
    attempt.parts = parts
    attempt.score = scoring.total([scoring.Part(p["name"], p["score"]) for p in parts])
    attempt.finished_at = timezone.now()
    attempt.save(update_fields=["answer", "parts", "score", "finished_at"])
    if attempt.enrolment_id:
        item_finished(attempt)


def latest_attempts(enrolment: Enrolment) -> dict[int, Attempt]:
    """The latest finished attempt of each item of the enrolment's course."""
    latest: dict[int, Attempt] = {}
    for attempt in enrolment.attempts.filter(finished_at__isnull=False).select_related("item").order_by("finished_at"):
        latest[cast(int, attempt.item_id)] = attempt  # an enrolment's attempts are at its course's items
    return latest


@dataclass
class Step:
    item: CourseItem
    attempt: Attempt | None
    open_attempt: Attempt | None


def progress(enrolment: Enrolment) -> list[Step]:
    latest = latest_attempts(enrolment)
    unfinished = {a.item_id: a for a in enrolment.attempts.filter(finished_at__isnull=True).order_by("started_at")}
    items = enrolment.cohort.course.items.select_related("study", "question_set")
    return [Step(item, latest.get(item.pk), unfinished.get(item.pk)) for item in items]


def course_score(enrolment: Enrolment) -> int | None:
    """Percent over the items that count, once each has a finished attempt; None before."""
    steps = [step for step in progress(enrolment) if step.item.counts_for_pass]
    attempts = [step.attempt for step in steps if step.attempt is not None]
    if not steps or len(attempts) < len(steps):
        return None
    return round(100 * sum(attempt.score or 0 for attempt in attempts) / len(steps))


@transaction.atomic
def item_finished(attempt: Attempt) -> None:
    """After a course's item is scored: the course's score, and passing when it reaches the mark."""
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("cohort__course", "trainee")
        .get(pk=cast(int, attempt.enrolment_id))  # an attempt at a course's item
    )
    score = course_score(enrolment)
    if score is None:
        return
    enrolment.score = score
    enrolment.save(update_fields=["score"])
    if enrolment.passed_at is None and score >= enrolment.cohort.course.pass_mark:
        pass_course(enrolment)


def pass_course(enrolment: Enrolment) -> Certificate:
    """Passing: the date, a certificate, and for a resource-team course the teacher's `trained_on`."""
    enrolment.passed_at = timezone.now()
    enrolment.save(update_fields=["passed_at"])
    certificate = Certificate.objects.create(enrolment=enrolment)
    record(
        enrolment.trainee,
        "training.course_passed",
        object_type="enrolment",
        object_id=enrolment.pk,
        course=enrolment.cohort.course_id,
        score=enrolment.score,
        certificate=certificate.pk,
    )
    if enrolment.cohort.course.sets_trained_on:
        record_training(enrolment.trainee, on=timezone.localdate(enrolment.passed_at), by=enrolment.trainee)
    return certificate


@transaction.atomic
def revoke_certificate(certificate: Certificate, *, by: User) -> None:
    if certificate.revoked_at is None:
        certificate.revoked_at = timezone.now()
        certificate.save(update_fields=["revoked_at"])
        record(by, "training.certificate_revoked", object_type="certificate", object_id=certificate.pk)


# --- What a trainer reads of a cohort -----------------------------------------------------------


@dataclass
class TraineeRow:
    enrolment: Enrolment
    done: int
    total: int
    score: int | None
    passed: bool


@dataclass
class HardItem:
    item: CourseItem
    title: str
    tried: int
    wrong: int
    percent_wrong: int
    parts_missed: list[tuple[str, int]] = field(default_factory=list)


# An item counts as "got wrong" by a trainee whose latest score on it is below this.
WRONG_BELOW = 0.7


def checks_before_and_after(cohort: Cohort) -> tuple[int | None, int | None]:
    """The cohort's mean score (percent) on the check before the course and on the check after:
    what was learnt. None while nobody has answered it."""
    means = []
    for stage in (CourseItem.Stage.PRE, CourseItem.Stage.POST):
        scores = [
            attempt.score or 0
            for enrolment in cohort.enrolments.all()
            for attempt in latest_attempts(enrolment).values()
            if attempt.item is not None and attempt.item.stage == stage
        ]
        means.append(round(100 * sum(scores) / len(scores)) if scores else None)
    return means[0], means[1]


def cohort_overview(cohort: Cohort) -> tuple[list[TraineeRow], list[HardItem]]:
    """Each trainee's progress and score, and the items most trainees got wrong (worst first)."""
    items = list(cohort.course.items.select_related("study", "question_set"))
    counted = [item for item in items if item.counts_for_pass]
    rows = []
    by_item: dict[int, list[Attempt]] = {item.pk: [] for item in items}
    enrolments = cohort.enrolments.select_related("trainee").order_by("trainee__last_name", "trainee__username")
    for enrolment in enrolments:
        latest = latest_attempts(enrolment)
        for item_id, attempt in latest.items():
            if item_id in by_item:
                by_item[item_id].append(attempt)
        rows.append(
            TraineeRow(
                enrolment,
                done=sum(1 for item in items if item.pk in latest),
                total=len(items),
                score=enrolment.score,
                passed=enrolment.passed_at is not None,
            )
        )
    hard = []
    for item in counted:
        attempts = by_item[item.pk]
        if not attempts:
            continue
        wrong = sum(1 for attempt in attempts if (attempt.score or 0) < WRONG_BELOW)
        missed: dict[str, int] = {}
        for attempt in attempts:
            for part in attempt.parts:
                if part["score"] < 0.999:
                    missed[part["name"]] = missed.get(part["name"], 0) + 1
        hard.append(
            HardItem(
                item,
                item.title_text,
                len(attempts),
                wrong,
                round(100 * wrong / len(attempts)),
                sorted(missed.items(), key=lambda pair: -pair[1])[:3],
            )
        )
    hard.sort(key=lambda entry: (-entry.percent_wrong, entry.item.position))
    return rows, hard


def course_title(course: Course) -> str:
    return in_language(course.title)


def questions_of(question_set: QuestionSet) -> list[Question]:
    return list(question_set.questions.all())


def passed_on(enrolment: Enrolment) -> date | None:
    return timezone.localdate(enrolment.passed_at) if enrolment.passed_at else None

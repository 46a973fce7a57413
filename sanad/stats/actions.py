"""Changes to the yearly review and the action plan: atomic, audited, by named people."""

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sanad.accounts.models import Organisation, User
from sanad.audit.log import record
from sanad.lib.errors import SanadError
from sanad.schools.models import ProtocolRun, School
from sanad.stats import review as reviews
from sanad.stats.models import (
    SECTIONS,
    Action,
    ActionUpdate,
    PilotPeriod,
    PilotReview,
    PilotStepAnswer,
    Review,
    ReviewStatus,
    ReviewVersion,
)


class ReviewError(SanadError):
    code = "review_error"
    status = 409


@transaction.atomic
def start_review(year: int, *, by: User) -> Review:
    review, created = Review.objects.get_or_create(year=year, defaults={"drafted_by": by})
    if created:
        record(by, "review.started", object_type="review", object_id=year)
    return review


@transaction.atomic
def write_sections(review: Review, *, texts: dict[str, dict[str, str]], by: User) -> None:
    """The secretary's text; any change sends an approved or published review back to draft."""
    review = Review.objects.select_for_update().get(pk=review.pk)  # one writer at a time
    changed = sorted(code for code in SECTIONS if texts.get(code, {}) != review.sections.get(code, {}))
    if not changed:
        return
    review.sections = {code: texts.get(code, {}) for code in SECTIONS}
    review.status, review.approved_by, review.approved_at = ReviewStatus.DRAFT, None, None
    review.updated_at = timezone.now()
    review.save()
    record(by, "review.sections_written", object_type="review", object_id=review.year, sections=changed)


@transaction.atomic
def submit_review(review: Review, *, by: User) -> None:
    if review.status != ReviewStatus.DRAFT:
        raise ReviewError(_("Only a draft can be sent for approval."))
    review.status = ReviewStatus.SUBMITTED
    review.save(update_fields=["status"])
    record(by, "review.submitted", object_type="review", object_id=review.year)


@transaction.atomic
def approve_review(review: Review, *, by: User) -> None:
    if review.status != ReviewStatus.SUBMITTED:
        raise ReviewError(_("Only a review sent for approval can be approved."))
    if by.pk == review.drafted_by_id:
        raise ReviewError(_("The person who drafted the review cannot approve it."))
    review.status, review.approved_by, review.approved_at = ReviewStatus.APPROVED, by, timezone.now()
    review.save(update_fields=["status", "approved_by", "approved_at"])
    record(by, "review.approved", object_type="review", object_id=review.year)


@transaction.atomic
def publish_review(review: Review, *, by: User) -> ReviewVersion:
    """Freeze the approved review's figures and texts as a new version, with its SHA-256."""
    review = Review.objects.select_for_update().get(pk=review.pk)  # two clicks make one version
    if review.status != ReviewStatus.APPROVED:
        raise ReviewError(_("Only an approved review can be published."))
    frozen = reviews.freeze(review)
    number = (review.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = ReviewVersion.objects.create(
        review=review, number=number, frozen=frozen, sha256=reviews.digest(frozen), published_by=by
    )
    review.status = ReviewStatus.PUBLISHED
    review.save(update_fields=["status"])
    record(by, "review.published", object_type="review", object_id=review.year, version=number, sha256=version.sha256)
    return version


@transaction.atomic
def add_action(
    *,
    title_fr: str,
    title_ar: str,
    owner: Organisation,
    deadline: date,
    indicator: str,
    direction: str,
    target: float,
    by: User,
) -> Action:
    action = Action.objects.create(
        title_fr=title_fr, title_ar=title_ar, owner=owner, deadline=deadline, indicator=indicator,
        direction=direction, target=target, created_by=by,
    )  # fmt: skip
    record(by, "action.added", object_type="action", object_id=action.pk, indicator=indicator, owner=owner.pk)
    return action


@transaction.atomic
def update_action(action: Action, *, progress: int, note: str, by: User) -> ActionUpdate:
    update = ActionUpdate.objects.create(action=action, progress=progress, note=note, written_by=by)
    record(by, "action.updated", object_type="action", object_id=action.pk, progress=progress)
    return update


def _keep_review(answers: list[dict[str, Any]], *, already_given: str, **fields: Any) -> PilotReview:
    """One review and its answers per step; two members sending at once: the database keeps one."""
    try:
        with transaction.atomic():
            review = PilotReview.objects.create(**fields)
    except IntegrityError:
        raise ReviewError(already_given) from None
    PilotStepAnswer.objects.bulk_create(PilotStepAnswer(review=review, **answer) for answer in answers)
    return review


@transaction.atomic
def answer_pilot_review(run: ProtocolRun, *, answers: list[dict[str, Any]], by: User) -> PilotReview:
    """The team's review of the protocol after a closed school case: once per case, kept as given."""
    review = _keep_review(
        answers,
        already_given=_("This school case's review of the protocol was already given."),
        run=run, region_id=run.school.region_id, answered_by=by,
    )  # fmt: skip
    record(by, "pilot.reviewed", object_type="school_case", object_id=run.pk, steps=len(answers))
    return review


@transaction.atomic
def answer_period_review(
    period: PilotPeriod, school: School, *, answers: list[dict[str, Any]], by: User
) -> PilotReview:
    """A school team's review of the protocol at the end of a pilot period: once per school and period."""
    review = _keep_review(
        answers,
        already_given=_("Your school's review of this pilot period was already given."),
        period=period, school=school, region_id=school.region_id, answered_by=by,
    )  # fmt: skip
    record(
        by,
        "pilot.period_reviewed",
        object_type="pilot_period",
        object_id=period.pk,
        school=school.pk,
        steps=len(answers),
    )
    return review

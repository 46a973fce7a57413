"""Who sees which figures: the one gate of the statistics pages and exports."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.db.models.fields.json import KT
from django.utils import timezone

from sanad.accounts.models import NATIONAL, User
from sanad.lib.errors import NotFound
from sanad.schools.access import team_school
from sanad.schools.models import ProtocolRun, School
from sanad.stats.catalogue import Audience
from sanad.stats.models import Action, PilotPeriod, PilotReview, Review, ReviewVersion
from sanad.stats.tables import Scope


class FiguresNotFound(NotFound):
    """Same answer as a page that does not exist: a role with no figures learns nothing."""


def figures_scope(user: User) -> Scope:
    """The centre's case handlers see exact national figures; the ministry (and the committee's
    secretary, who works for it) national figures protected; an academy its own region, protected."""
    scope = user.figures_scope
    if scope is None:
        raise FiguresNotFound()
    if scope == NATIONAL:
        return Scope(Audience.CENTRE if user.handles_cases else Audience.NATIONAL)
    # Neither None nor NATIONAL: a Region (== on a model does not narrow the union for mypy).
    return Scope(Audience.ACADEMY, region=scope)  # type: ignore[arg-type]


class ReviewNotFound(NotFound):
    """Same answer for a review that does not exist and one this person may not open."""


def may_review(user: User) -> bool:
    """The committee's secretary drafts; the approvers (ministry viewers, centre supervisors) approve."""
    return user.is_committee_secretary or user.approves_review


def access_review(user: User, year: int, *, drafting: bool = False, approving: bool = False) -> Review:
    if not may_review(user):
        raise ReviewNotFound()
    if drafting and not user.is_committee_secretary:
        raise ReviewNotFound()
    if approving and not user.approves_review:
        raise ReviewNotFound()
    review = Review.objects.filter(year=year).select_related("drafted_by", "approved_by").first()
    if review is None:
        raise ReviewNotFound()
    return review


def access_version(user: User, year: int, number: int) -> ReviewVersion:
    review = access_review(user, year)
    version = review.versions.filter(number=number).first()
    if version is None:
        raise ReviewNotFound()
    return version


def access_action(user: User, action_id: int) -> Action:
    if not may_review(user):
        raise ReviewNotFound()
    action = Action.objects.filter(pk=action_id).first()
    if action is None:
        raise ReviewNotFound()
    return action


def published_version(year: int) -> ReviewVersion | None:
    """The public's only door: the latest published version of a year (aggregates, suppressed)."""
    # The frozen figures (a large JSON) are read only when used: the page keeps its tables drawn and
    # needs only the threshold and rounding they were protected with.
    versions = ReviewVersion.objects.filter(review__year=year).order_by("-number").defer("frozen")
    return versions.annotate(threshold=KT("frozen__threshold"), rounding=KT("frozen__rounding")).first()


def pilot_answered(run: ProtocolRun) -> bool:
    """Whether the team already reviewed the protocol after this school case."""
    return PilotReview.objects.filter(run=run).exists()


class PeriodNotFound(NotFound):
    """Same answer for a period that does not exist, has not ended, or does not ask this school."""


def _periods_asking(school: School) -> QuerySet[PilotPeriod]:
    """The ended pilot periods that ask this school's team: its region is one of theirs, or they name none."""
    return PilotPeriod.objects.filter(ends_on__lt=timezone.localdate()).filter(
        Q(regions__isnull=True) | Q(regions=school.region_id)
    )


def access_pilot_period(user: User, period_id: int) -> tuple[PilotPeriod, School]:
    """The period a resource team member may review, and their school."""
    if not user.is_school_team:
        raise PeriodNotFound()
    school = team_school(user)
    period = _periods_asking(school).filter(pk=period_id).first()
    if period is None:
        raise PeriodNotFound()
    return period, school


def periods_waiting(user: User | AnonymousUser) -> list[PilotPeriod]:
    """The ended periods this member's team has not reviewed yet: the to-do on the team's page."""
    if not user.is_authenticated:
        return []
    try:
        school = team_school(user)
    except NotFound:
        return []
    answered = PilotReview.objects.filter(school=school, period__isnull=False).values("period")
    return list(_periods_asking(school).exclude(pk__in=answered).distinct())


def period_answered(period: PilotPeriod, school: School) -> bool:
    return PilotReview.objects.filter(period=period, school=school).exists()

"""What a supervisor reads: workload, deadlines at risk, late referrals, first actions on time,
who was told what, and a quality sample. Only a supervisor of the centre reads it (`read`)."""

import random
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.utils import timezone

from sanad.accounts.models import User
from sanad.audit.models import Notification
from sanad.audit.notify import KINDS
from sanad.cases import deadlines
from sanad.cases.forms import assignees, display_name
from sanad.cases.models import Case, CaseStatus, Referral
from sanad.lib.errors import NotFound

URGENT = ("P0", "P1")
# The roles whose open cases count as workload; analysts are listed even when they have none.
HANDLERS = (User.Role.ANALYST, User.Role.SUPERVISOR, User.Role.ADMINISTRATOR)
SHOWN = 50  # rows of each list on the supervision page; the totals count everything
QUALITY_SAMPLE = 10
QUALITY_WINDOW = timedelta(days=30)


def _due_soon(now: datetime) -> Q:
    """Open cases whose next deadline has passed or has less than a quarter of its clock left
    (Case.is_at_risk): each kind of clock with its own window."""
    soon = Q()
    for level in settings.SANAD_URGENCY_DEADLINES:
        for kind in (deadlines.FIRST_ACTION, deadlines.REPORTER_WROTE):
            margin = deadlines.window(kind, level, "") / 4
            soon |= Q(urgency=level, next_due_kind=kind, next_due_at__lt=now + margin)
    for who, kind in deadlines.WAITING.items():
        soon |= Q(next_due_kind=kind, next_due_at__lt=now + settings.SANAD_WAITING_DEADLINES[who] / 4)
    return soon


def _workload(supervisor: User, now: datetime) -> QuerySet[User]:
    """One row per member of the centre: counts of their open cases, in one aggregated query."""
    open_case = Q(assigned_cases__status__in=[s for s in CaseStatus.values if s != CaseStatus.CLOSED])
    return (
        User.objects.filter(organisation=supervisor.organisation_id, role__in=HANDLERS)
        .annotate(
            open_cases=Count("assigned_cases", filter=open_case),
            urgent_cases=Count("assigned_cases", filter=open_case & Q(assigned_cases__urgency__in=URGENT)),
            overdue_cases=Count("assigned_cases", filter=open_case & Q(assigned_cases__next_due_at__lt=now)),
        )
        # Analysts always; others (and former staff) only while cases still wait on them.
        .filter(Q(role=User.Role.ANALYST, is_active=True) | Q(open_cases__gt=0))
        .order_by("-overdue_cases", "-urgent_cases", "-open_cases", "username")
    )


def _quality_sample(cases: QuerySet[Case], today: date) -> list[Case]:
    """Up to ten cases closed in the last 30 days, drawn at random but the same all day."""
    since = timezone.make_aware(datetime.combine(today, time.min)) - QUALITY_WINDOW
    closed = list(
        cases.filter(status=CaseStatus.CLOSED, closed_at__gte=since).order_by("pk").values_list("pk", flat=True)
    )
    # Not a secret draw: a fixed seed per day keeps the sample stable across reloads and reviewers.
    chosen = random.Random(f"quality-review:{today.isoformat()}").sample(closed, min(QUALITY_SAMPLE, len(closed)))  # noqa: S311
    return list(cases.filter(pk__in=chosen).select_related("assignee").order_by("-closed_at"))


def read(user: User, now: datetime) -> dict[str, object]:
    """The supervision page's figures and lists; the same not-found answer for anyone else."""
    if not (user.is_authenticated and user.is_active and user.supervises):
        raise NotFound()
    cases = Case.objects.visible_to(user)
    open_cases = cases.open()
    totals = open_cases.aggregate(
        open=Count("pk"),
        unassigned=Count("pk", filter=Q(assignee__isnull=True)),
        urgent=Count("pk", filter=Q(urgency__in=URGENT)),
        overdue=Count("pk", filter=Q(next_due_at__lt=now)),
        at_risk=Count("pk", filter=_due_soon(now) & Q(next_due_at__gte=now)),
        reporter_waiting=Count("pk", filter=Q(reporter_waiting_since__isnull=False)),
    )
    due = (
        open_cases.filter(_due_soon(now))
        .annotate(overdue=ExpressionWrapper(Q(next_due_at__lt=now), output_field=BooleanField()))
        .select_related("assignee")
        .order_by("next_due_at", "urgency", "pk")
    )
    late_referrals = Referral.objects.visible_to(user).overdue(now)
    # The same people the case page's assignment form accepts (cases:assign validates again).
    team = list(assignees(user.organisation_id))
    return {
        "now": now,
        "totals": totals,
        "workload": list(_workload(user, now)),
        "due": list(due[:SHOWN]),
        "due_count": totals["overdue"] + totals["at_risk"],
        "late_referrals": list(late_referrals.select_related("case", "organisation").order_by("answer_due")[:SHOWN]),
        "late_referral_count": late_referrals.count(),
        "team": team,
        "sample": _quality_sample(cases, timezone.localdate(now)),
        "first_action": _first_action_this_month(cases, now),
        "told": _told(now),
        "quality_window_days": QUALITY_WINDOW.days,
        "shown": SHOWN,
    }


def _first_action_this_month(cases: QuerySet[Case], now: datetime) -> list[tuple[str, dict[str, object]]]:
    """Cases opened in the last 30 days: share whose first-action deadline was met, per urgency."""
    rows = list(
        cases.filter(opened_at__gte=now - QUALITY_WINDOW).values_list(
            "urgency", "opened_at", "first_action_due", "first_action_at"
        )
    )
    return sorted(deadlines.first_action_figures(rows).items())


def _told(now: datetime) -> list[Notification]:
    """Who was told what in the last week: the notifications ledger, with the staff names resolved."""
    told = list(Notification.objects.filter(sent_at__gte=now - timedelta(days=7))[:SHOWN])
    people = User.objects.in_bulk({pk for item in told for pk in item.recipients})
    kinds = KINDS
    # The page reads these off each notification (a model has no field for them: ignores).
    for item in told:
        item.kind_label = str(kinds.get(item.kind, item.kind))  # type: ignore[attr-defined]
        item.names = [display_name(people[pk]) for pk in item.recipients if pk in people]  # type: ignore[attr-defined]
    return told

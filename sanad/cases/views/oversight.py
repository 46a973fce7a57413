"""Oversight: the supervisor's view of workload and deadlines, and the administrator's audit log."""

import random
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from sanad.accounts.gates import require, staff_view
from sanad.accounts.models import User
from sanad.audit.forms import AuditFilterForm
from sanad.audit.log import verify
from sanad.audit.models import AuditEvent
from sanad.cases.forms import case_handlers
from sanad.cases.models import Case, CaseStatus, Referral

URGENT = ("P0", "P1")
# The roles whose open cases count as workload; analysts are listed even when they have none.
HANDLERS = (User.Role.ANALYST, User.Role.SUPERVISOR, User.Role.ADMINISTRATOR)
SHOWN = 50  # rows of each list on the supervision page; the totals count everything
QUALITY_SAMPLE = 10
QUALITY_WINDOW = timedelta(days=30)
AUDIT_PAGE_SIZE = 50
# verify()'s reasons, in the reader's language.
BROKEN_LINK_REASONS = {
    "missing event": _("an event is missing"),
    "link to the previous event does not match": _("its link to the previous event does not match"),
    "content was changed": _("its content was changed"),
    "events missing at the end of the chain": _("events are missing at the end of the chain"),
}


def _due_soon(now: datetime) -> Q:
    """Open cases overdue, or with less than a quarter of their urgency's deadline left (Case.is_at_risk)."""
    soon = Q()
    for level, deadline in settings.SANAD_URGENCY_DEADLINES.items():
        soon |= Q(urgency=level, first_action_due__lt=now + deadline / 4)
    return soon


def _workload(supervisor: User, now: datetime) -> QuerySet[User]:
    """One row per member of the centre: counts of their open cases, in one aggregated query."""
    open_case = Q(assigned_cases__status__in=[s for s in CaseStatus.values if s != CaseStatus.CLOSED])
    return (
        User.objects.filter(organisation=supervisor.organisation_id, role__in=HANDLERS)
        .annotate(
            open_cases=Count("assigned_cases", filter=open_case),
            urgent_cases=Count("assigned_cases", filter=open_case & Q(assigned_cases__urgency__in=URGENT)),
            overdue_cases=Count("assigned_cases", filter=open_case & Q(assigned_cases__first_action_due__lt=now)),
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


@require_GET
@staff_view
def supervision(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user.supervises)
    now = timezone.now()
    cases = Case.objects.visible_to(user)
    open_cases = cases.open()
    totals = open_cases.aggregate(
        open=Count("pk"),
        unassigned=Count("pk", filter=Q(assignee__isnull=True)),
        urgent=Count("pk", filter=Q(urgency__in=URGENT)),
        overdue=Count("pk", filter=Q(first_action_due__lt=now)),
        at_risk=Count("pk", filter=_due_soon(now) & Q(first_action_due__gte=now)),
    )
    due = (
        open_cases.filter(_due_soon(now))
        .annotate(overdue=ExpressionWrapper(Q(first_action_due__lt=now), output_field=BooleanField()))
        .select_related("assignee")
        .order_by("first_action_due", "urgency", "pk")
    )
    late_referrals = Referral.objects.visible_to(user).overdue(now)
    # The same people the case page's assignment form accepts (cases:assign validates again).
    team = list(case_handlers(user.organisation_id).queryset)
    context = {
        "now": now,
        "totals": totals,
        "workload": list(_workload(user, now)),
        "due": list(due[:SHOWN]),
        "due_count": totals["overdue"] + totals["at_risk"],
        "late_referrals": list(late_referrals.select_related("case", "organisation").order_by("answer_due")[:SHOWN]),
        "late_referral_count": late_referrals.count(),
        "team": team,
        "sample": _quality_sample(cases, timezone.localdate(now)),
        "quality_window_days": QUALITY_WINDOW.days,
        "shown": SHOWN,
    }
    return render(request, "cases/supervision.html", context)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _filtered(events: QuerySet[AuditEvent], criteria: dict[str, object]) -> QuerySet[AuditEvent]:
    if criteria.get("actor"):
        events = events.filter(actor_name__iexact=str(criteria["actor"]).strip())
    if criteria.get("action"):
        events = events.filter(action=criteria["action"])
    if criteria.get("object_type"):
        events = events.filter(object_type=criteria["object_type"])
    if criteria.get("object_id"):
        events = events.filter(object_id=str(criteria["object_id"]).strip())
    since, until = criteria.get("since"), criteria.get("until")
    if isinstance(since, date):
        events = events.filter(at__gte=_start_of(since))
    if isinstance(until, date):
        # Dates are days in the centre's time zone; "until" includes the whole day.
        events = events.filter(at__lt=_start_of(until + timedelta(days=1)))
    return events


@require_GET
@staff_view
def audit(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user.works_at_centre and user.role == User.Role.ADMINISTRATOR)
    events = AuditEvent.objects.all()
    form = AuditFilterForm(
        request.GET or None,
        actions=list(events.order_by("action").values_list("action", flat=True).distinct()),
        object_types=list(
            events.exclude(object_type="").order_by("object_type").values_list("object_type", flat=True).distinct()
        ),
    )
    filtered = form.is_bound and (not form.is_valid() or any(form.cleaned_data.values()))
    if form.is_bound:
        events = _filtered(events, form.cleaned_data) if form.is_valid() else events.none()
    page = Paginator(events.order_by("-seq"), AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    roles = dict(User.Role.choices)
    for event in page.object_list:
        event.role_label = roles.get(event.role, event.role)  # the role as it was, in today's words
    # verify() reads the whole chain: slow on a very large log, but it is the only honest answer.
    broken = verify()
    context = {
        "form": form,
        "page": page,
        "broken": broken,
        # Isolated: an English reason inside an Arabic sentence must not reorder it.
        "broken_reason": broken and format_html("<bdi>{}</bdi>", BROKEN_LINK_REASONS.get(broken.reason, broken.reason)),
        "total": AuditEvent.objects.count(),
        "filtered": filtered,
    }
    return render(request, "cases/audit.html", context)

"""The audit log's page, for the centre's administrators."""

from datetime import date, datetime, time, timedelta

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from sanad.audit.access import events_readable_by
from sanad.audit.forms import AuditFilterForm
from sanad.audit.log import verify_since_last_time
from sanad.audit.models import AuditEvent
from sanad.lib.gates import administrator_view

PAGE_SIZE = 50
# verify()'s reasons, in the reader's language.
BROKEN_LINK_REASONS = {
    "missing event": _("an event is missing"),
    "link to the previous event does not match": _("its link to the previous event does not match"),
    "content was changed": _("its content was changed"),
    "events missing at the end of the chain": _("events are missing at the end of the chain"),
    "does not match the checkpoint written outside the database": _(
        "it does not match the checkpoint written outside the database"
    ),
    "a checkpoint's signature does not verify": _("a checkpoint's signature does not verify"),
}
# The roles as they are named today (the audit app knows staff only by these codes).
ROLE_LABELS = {
    "administrator": _("administrator"),
    "supervisor": _("supervisor"),
    "analyst": _("analyst"),
    "school_team": _("school resource team"),
    "liaison": _("liaison"),
    "ministry": _("ministry viewer"),
}


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
@administrator_view
def log(request: HttpRequest) -> HttpResponse:
    everything = events_readable_by(request.user)
    events = everything
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
    page = Paginator(events.order_by("-seq"), PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page.object_list:
        event.role_label = ROLE_LABELS.get(event.role, event.role)  # the role as it was, in today's words
    # Only the events since the chain was last found intact are hashed again here (and the
    # checkpoints beyond it); verify_audit walks the whole chain every day.
    broken = verify_since_last_time()
    context = {
        "form": form,
        "page": page,
        "broken": broken,
        # Isolated: an English reason inside an Arabic sentence must not reorder it.
        "broken_reason": broken and format_html("<bdi>{}</bdi>", BROKEN_LINK_REASONS.get(broken.reason, broken.reason)),
        "total": everything.count(),
        "filtered": filtered,
    }
    return render(request, "audit/log.html", context)

"""The protocol for centre administrators: the current version, its history, and the editor.

Editing never changes a version: publishing makes a new one, and a case keeps the version
it started with (ProtocolRun.protocol).
"""

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from sanad.accounts.requests import StaffRequest
from sanad.lib.gates import administrator_view
from sanad.schools.actions import ProtocolChanged, publish_protocol
from sanad.schools.models import ProtocolVersion
from sanad.schools.protocol import FROM_ASSESSMENT, RECORDS, Step
from sanad.schools.protocol_forms import BaseStepFormSet, PublishForm, StepFormSet, step_initial

# Up to three days a deadline reads in hours (as DOMAIN.md writes them), beyond in days.
HOURS_SHOWN_UP_TO = 72


def deadline_words(step: Step) -> str:
    hours = step.deadline_hours
    if hours is None:
        return _("no deadline")
    if hours > HOURS_SHOWN_UP_TO and hours % 24 == 0:
        span = ngettext("%(count)s day", "%(count)s days", hours // 24) % {"count": hours // 24}
    else:
        span = ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
    if step.deadline_from == FROM_ASSESSMENT:
        return _("%(span)s after the assessment") % {"span": span}
    return span


@dataclass(frozen=True)
class StepRow:
    position: int
    step: Step
    deadline: str
    records: list[str]


@require_GET
@administrator_view
def protocol(request: StaffRequest) -> HttpResponse:
    current = ProtocolVersion.objects.current()
    rows = [
        StepRow(position, step, deadline_words(step), [str(RECORDS[name]) for name in step.records])
        for position, step in enumerate(current.steps, start=1)
    ]
    # Explicit order: an aggregate query ignores Meta.ordering.
    versions = ProtocolVersion.objects.select_related("published_by").annotate(cases=Count("runs")).order_by("-number")
    return render(request, "schools/protocol.html", {"current": current, "rows": rows, "versions": versions})


@require_http_methods(["GET", "POST"])
@administrator_view
def protocol_edit(request: StaffRequest) -> HttpResponse:
    current = ProtocolVersion.objects.current()
    name = str(current.definition.get("name") or "")
    if request.method == "GET":
        steps = StepFormSet(initial=[step_initial(step) for step in current.steps], name=name)
        return _render_edit(request, current, steps, PublishForm(initial={"based_on": current.number}))

    steps = StepFormSet(request.POST, name=name)
    publish = PublishForm(request.POST)
    if not steps.management_form.is_valid():
        # Not sent by our page (or a truncated request): nothing typed can be put back in its place.
        fresh = StepFormSet(initial=[step_initial(step) for step in current.steps], name=name)
        publish = PublishForm(initial={"based_on": current.number, "summary": request.POST.get("summary", "")})
        return _render_edit(
            request,
            current,
            fresh,
            publish,
            status=400,
            problem=_("This form is incomplete: reload the page and try again."),
        )
    if not (steps.is_valid() and publish.is_valid()):
        return _render_edit(request, current, steps, publish, status=400)
    try:
        version = publish_protocol(
            steps.definition(),
            summary=publish.cleaned_data["summary"],
            by=request.user,
            based_on=publish.cleaned_data["based_on"],
        )
    except ProtocolChanged as error:
        # Keep everything typed; publishing again now builds on the version just published.
        data: QueryDict = request.POST.copy()
        data["based_on"] = str(error.number)
        latest = ProtocolVersion.objects.current()
        return _render_edit(
            request, latest, StepFormSet(data, name=name), PublishForm(data), status=409, problem=str(error.message)
        )
    messages.success(
        request,
        _("Version %(number)s of the protocol is published. Cases opened from now on follow it.")
        % {"number": version.number},
    )
    return redirect("schools:protocol")


def _render_edit(
    request: HttpRequest,
    current: ProtocolVersion,
    steps: BaseStepFormSet,
    publish: PublishForm,
    *,
    status: int = 200,
    problem: str = "",
) -> HttpResponse:
    context = {
        "current": current,
        "next_number": current.number + 1,
        "steps": steps,
        "publish": publish,
        "problem": problem,
        "records": [(str(label), name) for name, label in RECORDS.items()],
    }
    return render(request, "schools/protocol_edit.html", context, status=status)

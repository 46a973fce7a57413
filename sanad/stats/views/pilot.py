"""The school protocol's pilot review: after a closed school case, its resource team says for each
step whether it was workable, how long it took and what was missing (once per case); at the end of
a pilot period, each school's team says the same of the period (once per school and period)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from sanad.accounts.requests import StaffRequest
from sanad.lib.gates import staff_view
from sanad.schools.access import RunNotFound, access_run
from sanad.schools.models import ProtocolVersion
from sanad.schools.protocol import Step
from sanad.stats import actions
from sanad.stats.access import access_pilot_period, period_answered, pilot_answered

YES_NO = [("yes", gettext_lazy("yes")), ("no", gettext_lazy("no"))]


class PilotForm(forms.Form):
    def __init__(self, *args: Any, steps: list[Step], per_case: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.steps = steps
        minutes = _("Usual minutes per case spent on it") if per_case else _("Minutes the team spent on it")
        for step in steps:
            self.fields[f"{step.code}_workable"] = forms.ChoiceField(
                label=_("Was “%(step)s” workable?") % {"step": step.name}, choices=YES_NO, widget=forms.RadioSelect
            )
            self.fields[f"{step.code}_minutes"] = forms.IntegerField(label=minutes, min_value=0, max_value=100_000)
            self.fields[f"{step.code}_missing"] = forms.CharField(
                label=_("What was missing (never a pupil's name)"), required=False, max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip

    def answers(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "step": step.code,
                "workable": data[f"{step.code}_workable"] == "yes",
                "minutes": data[f"{step.code}_minutes"],
                "missing": data[f"{step.code}_missing"].strip(),
            }
            for step in self.steps
        ]


@require_http_methods(["GET", "POST"])
@staff_view
def pilot_review(request: StaffRequest, run_id: int) -> HttpResponse:
    run = access_run(request.user, run_id, handling=True)
    if not run.is_closed:  # the same answer as for a case that is not theirs
        raise RunNotFound()
    if pilot_answered(run):
        messages.info(request, _("Your team already reviewed the protocol after this case."))
        return redirect("schools:run", run_id=run.pk)
    form = PilotForm(request.POST if request.method == "POST" else None, steps=run.protocol.steps)
    if request.method == "POST" and form.is_valid():
        actions.answer_pilot_review(run, answers=form.answers(), by=request.user)
        messages.success(request, _("Thank you: your review of the protocol is recorded."))
        return redirect("schools:run", run_id=run.pk)
    return render(request, "stats/pilot.html", {"run": run, "form": form}, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@staff_view
def period_review(request: StaffRequest, period_id: int) -> HttpResponse:
    period, school = access_pilot_period(request.user, period_id)
    if period_answered(period, school):
        messages.info(request, _("Your team already reviewed the protocol for this pilot period."))
        return redirect("schools:dashboard")
    steps = ProtocolVersion.objects.current().steps
    form = PilotForm(request.POST if request.method == "POST" else None, steps=steps, per_case=True)
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer_period_review(period, school, answers=form.answers(), by=request.user)
        except actions.ReviewError as error:  # a colleague's review arrived first: theirs is kept
            messages.info(request, str(error))
        else:
            messages.success(request, _("Thank you: your review of the pilot period is recorded."))
        return redirect("schools:dashboard")
    context = {"period": period, "school": school, "form": form}
    return render(request, "stats/pilot_period.html", context, status=400 if form.is_bound else 200)

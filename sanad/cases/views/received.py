"""Reports that do not come through the portal: a call, an e-mail, a visit.

An analyst types what the person said into the wizard's own questions (the same forms, the
same validation and urgency rules, the same sealing: intake.actions.receive_answers), records
the channel, and reads the receipt code to the caller, who can then follow the report on the
portal like anyone else. The receipt is shown once, then forgotten.
"""

import base64
import time

from django import forms
from django.conf import settings
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from sanad.accounts.requests import StaffRequest
from sanad.audit.log import record
from sanad.cases.access import access_report
from sanad.evidence import crypto
from sanad.intake import actions as intake_actions
from sanad.intake import wizard
from sanad.intake.models import Channel
from sanad.lib.gates import case_handler_view

RECEIPT_KEY = "sanad_staff_receipt"
RECEIPT_SECONDS = 10 * 60
OFF_PORTAL = [(channel.value, channel.label) for channel in (Channel.PHONE, Channel.EMAIL, Channel.IN_PERSON)]


class ChannelForm(forms.Form):
    channel = forms.ChoiceField(label=_("How did the report reach you?"), choices=OFF_PORTAL, widget=forms.RadioSelect)
    language = forms.ChoiceField(label=_("Language of the person reporting"), choices=settings.LANGUAGES)


# The portal's questions that mean nothing here: files come by the case page, not this form.
PORTAL_ONLY = {"has_files"}


def _step_forms(data: QueryDict | None) -> dict[str, forms.Form]:
    """The wizard's questions, each step's form under its own prefix, all on one page."""
    step_forms = {
        step.slug: step.form_class(data, prefix=step.slug) for step in wizard.STEPS if step.form_class is not None
    }
    for form in step_forms.values():
        for name in PORTAL_ONLY & set(form.fields):
            del form.fields[name]
    return step_forms


@case_handler_view
@require_http_methods(["GET", "POST"])
def new_report(request: StaffRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    channel_form = ChannelForm(data, initial={"language": request.LANGUAGE_CODE})
    step_forms = _step_forms(data)
    if data is not None and channel_form.is_valid() and all(form.is_valid() for form in step_forms.values()):
        report, receipt = intake_actions.receive_answers(
            step_forms,
            language=channel_form.cleaned_data["language"],
            channel=channel_form.cleaned_data["channel"],
            evidence=[],
        )
        record(
            request.user,
            "report.received_by_staff",
            object_type="report",
            object_id=report.pk,
            channel=report.channel,
            urgency=report.urgency,
        )
        # The receipt waits, sealed, in the staff member's session until it has been read out.
        sealed = crypto.seal_text(receipt, context=f"staff-receipt:{report.pk}")
        request.session[RECEIPT_KEY] = {
            "report": report.pk,
            "receipt": base64.b64encode(sealed).decode(),
            "until": time.time() + RECEIPT_SECONDS,
        }
        return redirect("cases:received_report")
    context = {
        "failed": data is not None,
        "channel_form": channel_form,
        "step_forms": [(step, step_forms[step.slug]) for step in wizard.STEPS if step.slug in step_forms],
    }
    return render(request, "cases/new_report.html", context, status=400 if data is not None else 200)


@case_handler_view
@require_http_methods(["GET", "POST"])
def received_report(request: StaffRequest) -> HttpResponse:
    """The receipt to read to the caller, once; "done" forgets it."""
    held = request.session.get(RECEIPT_KEY)
    if request.method == "POST" or not held or held["until"] < time.time():
        request.session.pop(RECEIPT_KEY, None)
        return redirect("cases:report", held["report"]) if held else redirect("cases:queue")
    report = access_report(request.user, held["report"])
    receipt = crypto.unseal_text(base64.b64decode(held["receipt"]), context=f"staff-receipt:{report.pk}")
    return render(request, "cases/received_report.html", {"report": report, "receipt": receipt})

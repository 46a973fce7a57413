"""Trusted reporters (a helpline, a school network, an app for children): reports sent through the
API go through the portal's own questions and rules (intake's forms and `receive_answers`: the
same validation, sealing and urgency), recorded with the channel "api", and answered with a
receipt the child uses on the public follow-up page.

An `Idempotency-Key` header is required: the same key with the same body gets the same answer
(a retry after a lost connection makes no second report); the same key with another body, 409.
"""

import hashlib
import json
from collections.abc import Sequence

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from ninja import Header, Router

from sanad.api import idempotency
from sanad.api.auth import COMMON_ERRORS, require_scope
from sanad.api.models import ApiToken, Scope
from sanad.api.schemas import Error, ReportIn, ReportReceived
from sanad.audit.log import record
from sanad.intake import actions as intake_actions
from sanad.intake import wizard
from sanad.intake.models import Channel
from sanad.lib.errors import SanadError

router = Router(tags=["trusted reporters"])
ERRORS = dict.fromkeys(COMMON_ERRORS, Error)


class Invalid(SanadError):
    code = "invalid"
    status = 422
    message = "Some values are missing or wrong."

    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__()
        self.fields = fields


def _once(values: Sequence[str]) -> list[str]:
    """A list as ticked boxes give it: each value once (a JSON list may repeat one)."""
    return list(dict.fromkeys(values))


def step_data(body: ReportIn) -> dict[str, dict[str, object]]:
    """The wizard's answers, step by step, as the portal's forms receive them."""
    yes_no = {True: "yes", False: "no"}
    contact = body.contact
    return {
        "danger": {name: yes_no[getattr(body, name)] for name in ("danger_now", "self_harm", "sextortion_deadline")},
        "what": {
            "reporter_role": body.reporter_role,
            "categories": _once(body.categories),
            "description": body.description,
        },
        "where": {
            "platforms": _once(body.platforms),
            "identifiers": "\n".join(line.replace("\n", " ") for line in body.identifiers),
            "started": body.started,
            "ongoing": body.ongoing,
        },
        "child": {
            "victim_age_band": body.victim_age_band,
            "victim_gender": body.victim_gender,
            "region": body.region or "",
            "told": _once(body.told),
        },
        "contact": {
            "wants_contact": "yes" if contact else "no",
            "contact_method": contact.method if contact else "",
            "contact_value": contact.value if contact else "",
            "contact_safe": "on" if contact and contact.safe else "",
            "consent_share": yes_no[body.consent_share],
            "school": body.school,
        },
    }


def bound_forms(body: ReportIn) -> dict[str, forms.Form]:
    data = step_data(body)
    found = {}
    for step in wizard.STEPS:
        if step.form_class is None:
            continue
        kwargs = {"role": body.reporter_role} if step.slug == "child" else {}
        values = _as_query(data[step.slug])
        found[step.slug] = step.form_class(values, **kwargs)
    return found


def _as_query(values: dict[str, object]) -> MultiValueDict:
    return MultiValueDict({key: value if isinstance(value, list) else [value] for key, value in values.items()})


def _followup_path(language: str) -> str:
    with translation.override(language):
        return reverse("intake:followup")


def _receive(token: ApiToken, body: ReportIn) -> tuple[int, dict]:
    step_forms = bound_forms(body)
    errors = {
        f"{slug}.{name}" if name != "__all__" else slug: [str(message) for message in messages]
        for slug, form in step_forms.items()
        if not form.is_valid()
        for name, messages in form.errors.items()
    }
    if errors:
        raise Invalid(errors)
    report, receipt = intake_actions.receive_answers(
        step_forms, language=body.language, channel=Channel.API, evidence=[]
    )
    record(
        None,
        "report.received_by_api",
        object_type="report",
        object_id=report.pk,
        token=token.pk,
        organisation=token.organisation_id,
        urgency=report.urgency,
    )
    answer = {
        "reference": report.reference,
        "receipt": receipt,
        "urgency": report.urgency,
        "followup_url": settings.SANAD_SITE_URL + _followup_path(body.language),
    }
    return 201, answer


@router.post("/reports", response={201: ReportReceived, 409: Error, **ERRORS}, summary="Submit a report")
def submit_report(
    request: HttpRequest,
    body: ReportIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", min_length=8, max_length=200),
) -> tuple[int, dict]:
    """A report, as a child would send it on the portal, with the same questions and rules. The
    answer's receipt is shown once: give it to the child (it is how they follow the report)."""
    token = require_scope(request, Scope.REPORTS_SUBMIT)
    fingerprint = hashlib.sha256(json.dumps(body.dict(), sort_keys=True, default=str).encode()).hexdigest()
    return idempotency.answer_once(token, idempotency_key, fingerprint=fingerprint, make=lambda: _receive(token, body))

"""The report wizard: its steps, and the answers a draft holds between them."""

import json
from dataclasses import dataclass

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sanad.evidence import crypto
from sanad.intake.forms import ChildForm, ContactForm, DangerForm, WhatForm, WhereForm, WhoForm
from sanad.intake.models import ReportDraft

Answers = dict[str, dict[str, str | list[str]]]


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    form_class: type[forms.Form] | None = None


STEPS = [
    Step("danger", _("Your safety"), DangerForm),
    Step("who", _("About you"), WhoForm),
    Step("what", _("What happened"), WhatForm),
    Step("where", _("Where"), WhereForm),
    Step("evidence", _("Evidence")),
    Step("child", _("About the young person"), ChildForm),
    Step("contact", _("Contact"), ContactForm),
    Step("review", _("Check and send")),
]
BY_SLUG = {step.slug: step for step in STEPS}


def index_of(slug: str) -> int:
    return [step.slug for step in STEPS].index(slug)


def load_answers(draft: ReportDraft) -> Answers:
    if not draft.answers_sealed:
        return {}
    return json.loads(crypto.unseal(bytes(draft.answers_sealed), context=draft.seal_context("answers_sealed")))


def seal_answers(draft: ReportDraft, answers: Answers) -> None:
    draft.answers_sealed = crypto.seal(json.dumps(answers).encode(), context=draft.seal_context("answers_sealed"))


def raw_values(form_class: type[forms.Form], data: MultiValueDict) -> dict[str, str | list[str]]:
    """Exactly what was typed for this step, valid or not, so nothing is ever lost."""
    values: dict[str, str | list[str]] = {}
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.MultipleChoiceField):
            values[name] = [str(value) for value in data.getlist(name)]
        else:
            values[name] = str(data.get(name, ""))
    return values


def bound_form(step: Step, answers: Answers) -> forms.Form:
    assert step.form_class is not None
    stored = answers.get(step.slug, {})
    data = MultiValueDict({key: value if isinstance(value, list) else [value] for key, value in stored.items()})
    return step.form_class(data=data)


def unbound_form(step: Step, answers: Answers) -> forms.Form:
    assert step.form_class is not None
    return step.form_class(initial=answers.get(step.slug) or None)


def check(answers: Answers) -> tuple[Step | None, dict[str, forms.Form]]:
    """The first step whose answers are missing or no longer valid (None when all are done),
    and the bound forms of the valid steps before it, each validated once."""
    valid: dict[str, forms.Form] = {}
    for step in STEPS:
        if step.slug == "review":
            return None, valid
        if step.slug not in answers:
            return step, valid
        if step.form_class is not None:
            form = bound_form(step, answers)
            if not form.is_valid():
                return step, valid
            valid[step.slug] = form
    return None, valid


def first_unfinished(answers: Answers) -> Step | None:
    """The first step whose answers are missing or no longer valid."""
    return check(answers)[0]


def danger_flags(answers: Answers) -> set[str]:
    danger = answers.get("danger", {})
    return {name for name, value in danger.items() if value == "yes"}

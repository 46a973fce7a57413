"""The report wizard: its steps, the way through them, and the answers a draft holds between them."""

import json
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sanad.evidence import crypto
from sanad.intake.forms import ChildForm, ContactForm, DangerForm, WhatForm, WhereForm
from sanad.intake.models import ReportDraft, ReporterRole

Answers = dict[str, dict[str, str | list[str]]]
# Where the reporter last was, kept with the answers (sealed): "Continue my report" goes back there.
STOPPED = "_stopped"


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    form_class: type[forms.Form] | None = None


STEPS = [
    Step("danger", _("Your safety"), DangerForm),
    # After a danger answer only: who to call, in full, once (later steps show one line).
    Step("help", _("Help now")),
    Step("what", _("What happened?"), WhatForm),
    Step("where", _("Where and when"), WhereForm),
    Step("evidence", _("Screenshots")),
    Step("child", _("About the young person"), ChildForm),
    Step("contact", _("Contact"), ContactForm),
    Step("review", _("Check and send")),
]
BY_SLUG = {step.slug: step for step in STEPS}
# A step whose answers are optional has defaults; a reporter who skips it has given them.
DEFAULTS: Answers = {"contact": dict(ContactForm.DEFAULTS)}


def index_of(slug: str) -> int:
    return [step.slug for step in STEPS].index(slug)


def danger_flags(answers: Answers) -> set[str]:
    danger = answers.get("danger", {})
    return {name for name, value in danger.items() if value == "yes"}


def role(answers: Answers) -> str:
    value = answers.get("what", {}).get("reporter_role", "")
    return value if isinstance(value, str) else ""


# Steps on the way only after a danger answer: "help" (who to call now) and "contact" (a child
# in danger may want to be called back; otherwise the review page shows its defaults,
# anonymous, with a link to change them).
AFTER_DANGER = {"help", "contact"}
# Steps that ask nothing: nothing needs answering before the steps after them.
NOTHING_TO_ANSWER = {"help"}


def flow(answers: Answers) -> list[Step]:
    """The steps this reporter goes through, in order: "evidence" when they said they have
    screenshots to send (the review page offers it too), "help" and "contact" after a danger answer."""
    in_danger = bool(danger_flags(answers))
    has_files = answers.get("where", {}).get("has_files") == "on"
    return [
        step
        for step in STEPS
        if (step.slug not in AFTER_DANGER or in_danger) and (step.slug != "evidence" or has_files)
    ]


def title(step: Step, answers: Answers) -> str:
    if step.slug == "child" and role(answers) == ReporterRole.VICTIM:
        return str(_("About you"))
    return str(step.title)


def following(step: Step, answers: Answers, *, back: bool = False) -> Step:
    """The step after this one (or before it) on this reporter's way. A step off the way (one
    opened from the review page) leads on to the next step that is on it."""
    steps = flow(answers)
    position = index_of(step.slug)
    candidates = reversed(STEPS[:position]) if back else STEPS[position + 1 :]
    return next((candidate for candidate in candidates if candidate in steps), steps[0] if back else steps[-1])


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


def _stored(step: Step, answers: Answers) -> dict[str, str | list[str]] | None:
    return answers.get(step.slug) or DEFAULTS.get(step.slug)


def _form_kwargs(step: Step, answers: Answers) -> dict[str, Any]:
    """The step's form's own keyword arguments (the child form asks its questions in the words for the reporter's role)."""
    return {"role": role(answers)} if step.form_class is ChildForm else {}


def bound_form(step: Step, answers: Answers) -> forms.Form:
    assert step.form_class is not None
    stored = _stored(step, answers) or {}
    data = MultiValueDict({key: value if isinstance(value, list) else [value] for key, value in stored.items()})
    return step.form_class(data=data, **_form_kwargs(step, answers))


def unbound_form(step: Step, answers: Answers) -> forms.Form:
    assert step.form_class is not None
    return step.form_class(initial=_stored(step, answers), **_form_kwargs(step, answers))


def form_from_post(step: Step, answers: Answers, data: MultiValueDict) -> forms.Form:
    assert step.form_class is not None
    return step.form_class(data=data, **_form_kwargs(step, answers))


def check(answers: Answers) -> tuple[Step | None, dict[str, forms.Form]]:
    """The first step whose answers are missing or no longer valid (None when all are done),
    and the bound forms of the valid steps before it, each validated once."""
    valid: dict[str, forms.Form] = {}
    steps = flow(answers)
    for step in STEPS:
        if step.slug == "review":
            return None, valid
        if step.slug in NOTHING_TO_ANSWER:
            continue
        if step.slug not in answers and step in steps:
            return step, valid
        if step.slug not in answers and step.form_class is None:
            continue  # a step that asks nothing, off the way
        if step.form_class is not None:
            form = bound_form(step, answers)
            if not form.is_valid():
                return step, valid
            valid[step.slug] = form
    return None, valid


def first_unfinished(answers: Answers) -> Step | None:
    """The first step whose answers are missing or no longer valid."""
    return check(answers)[0]


def resume_step(answers: Answers) -> Step:
    """Where "Continue my report" leads: where the reporter stopped, unless a step before it
    still needs an answer."""
    unfinished = first_unfinished(answers) or BY_SLUG["review"]
    stopped = BY_SLUG.get(str(answers.get(STOPPED, {}).get("at", "")))
    if stopped is not None and index_of(stopped.slug) <= index_of(unfinished.slug):
        return stopped
    return unfinished


def started(answers: Answers) -> bool:
    """Whether the reporter has answered anything yet."""
    return any(slug in answers for slug in BY_SLUG)

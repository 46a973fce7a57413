"""The review page: the answers of each step in a line of a few words, with a link to change them.

Each answer is said once, in the fewest words that still say what it is: "Age: 13 to 15",
"Still happening", "Anonymous". A default nobody chose (no danger, no contact) is one short line.
"""

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sanad.evidence.models import Evidence
from sanad.intake import wizard
from sanad.lib.lists import joined

# Answers shown as "Label: value", where the value alone would not say what it answers.
LABELLED = {
    "started": _("Started"),
    "victim_age_band": _("Age"),
    "told": _("Already told"),
    "school": _("School"),
    "contact_method": _("How"),
    "contact_value": _("Number or e-mail"),
}
# Answers whose value is a whole phrase of its own.
PHRASES = {
    ("danger_now", "yes"): _("In danger now"),
    ("self_harm", "yes"): _("Thinking of self-harm"),
    ("sextortion_deadline", "yes"): _("A demand with a deadline"),
    ("ongoing", "yes"): _("Still happening"),
    ("ongoing", "no"): _("It stopped"),
    ("ongoing", "unknown"): _("Still happening? Don't know"),
    ("wants_contact", "no"): _("Anonymous"),
    ("wants_contact", "yes"): _("You can be contacted"),
    ("consent_share", "yes"): _("We may talk with an adult or your school"),
}
# What is left out: an answer that only repeats the default.
UNSAID = {("danger_now", "no"), ("self_harm", "no"), ("sextortion_deadline", "no"), ("consent_share", "no")}
NOTHING = {"danger": _("Nobody in danger now."), "evidence": _("No files.")}


@dataclass(frozen=True)
class Section:
    step: wizard.Step
    title: str
    lines: list[tuple[str, str]]  # (label, or "", value): the value is isolated for bidi on the page
    text: str = ""  # the reporter's own words, shown as written
    empty: str = ""


def _labels(field: forms.ChoiceField) -> dict[Any, Any]:
    # Django keeps a field's choices as a list of (value, label) by now, whatever it was given.
    return dict(cast(list[tuple[Any, Any]], field.choices))


def _value(field: forms.Field, value: Any) -> str:
    if isinstance(field, forms.ModelChoiceField):
        return str(value) if value else ""
    if isinstance(field, forms.MultipleChoiceField):
        labels = _labels(field)
        return joined(labels.get(item, item) for item in value)
    if isinstance(field, forms.ChoiceField):
        return str(_labels(field).get(value, value))
    if isinstance(field, forms.BooleanField):
        return ""
    return ", ".join(line.strip() for line in str(value).splitlines() if line.strip())


def _line(slug: str, name: str, field: forms.Field, data: dict[str, object]) -> tuple[str, str]:
    value = data.get(name)
    if slug == "contact" and name.startswith("contact_") and data.get("wants_contact") != "yes":
        return "", ""
    if isinstance(value, str):
        if (name, value) in UNSAID:
            return "", ""
        if (name, value) in PHRASES:
            return "", str(PHRASES[(name, value)])
    shown = _value(field, value)
    return (str(LABELLED[name]) if shown and name in LABELLED else ""), shown


def summarise(answers: wizard.Answers, *, files: list[Evidence]) -> list[Section]:
    """Every step but the review, "contact" included even when skipped (its defaults can be changed)."""
    sections = []
    for step in wizard.STEPS:
        if step.slug == "review" or step.slug in wizard.NOTHING_TO_ANSWER:
            continue
        title = wizard.title(step, answers)
        empty = str(NOTHING.get(step.slug, _("Nothing added.")))
        if step.form_class is None:
            lines = [(f.kind_label, f.original_name) for f in files]
            sections.append(Section(step, title, lines, empty=empty))
            continue
        form = wizard.bound_form(step, answers)
        form.is_valid()
        data = form.cleaned_data
        lines = [
            _line(step.slug, name, field, data)
            for name, field in form.fields.items()
            if name in data and name != "description"
        ]
        text = str(data.get("description", "")).strip()
        sections.append(Section(step, title, [line for line in lines if line[1]], text=text, empty=empty))
    return sections

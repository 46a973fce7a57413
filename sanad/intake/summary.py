"""The review page: every answer in words, grouped by step, with a link to change it."""

from dataclasses import dataclass

from django import forms

from sanad.evidence.models import Evidence
from sanad.intake import wizard
from sanad.lib.lists import joined


@dataclass(frozen=True)
class Section:
    step: wizard.Step
    rows: list[tuple[str, str]]


def _display(field: forms.Field, value: object) -> str:
    if isinstance(field, forms.ModelChoiceField):
        return str(value) if value else str(field.empty_label or "—")
    if isinstance(field, forms.MultipleChoiceField):
        labels = dict(field.choices)
        return joined(labels.get(item, item) for item in value) or "—"  # type: ignore[union-attr]
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value)) or "—"
    if isinstance(field, forms.BooleanField):
        return "✓" if value else "—"
    return str(value).strip() or "—"


def summarise(answers: wizard.Answers, *, files: list[Evidence]) -> list[Section]:
    sections = []
    for step in wizard.STEPS:
        if step.form_class is None:
            if step.slug == "evidence":
                sections.append(Section(step, [(f.kind_label, f.original_name) for f in files]))
            continue
        form = wizard.bound_form(step, answers)
        form.is_valid()
        rows = [
            (str(field.label), _display(field, form.cleaned_data.get(name)))
            for name, field in form.fields.items()
            if name in form.cleaned_data and _shown(step.slug, name, form.cleaned_data)
        ]
        sections.append(Section(step, rows))
    return sections


def _shown(slug: str, name: str, data: dict[str, object]) -> bool:
    # Contact details only matter when the reporter asked to be contacted.
    return not (slug == "contact" and name.startswith("contact_") and data.get("wants_contact") != "yes")

"""The protocol editor: one fieldset per step, and what changed.

Each form checks its own values (a code, a number of hours, a title in each language).
Whether the steps together make a protocol the platform can run is protocol.validate()'s
decision; its problems are listed above the form and placed next to the steps they concern.
"""

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sanad.schools.protocol import (
    FROM_ASSESSMENT,
    FROM_OPENING,
    LANGUAGES,
    RECORDS,
    REQUIRED,
    SINGLE,
    InvalidProtocol,
    Step,
    validate,
)

MAX_STEPS = 40
MAX_HOURS = 24 * 366
MAX_TITLE = 120
MAX_GUIDANCE = 2000
MAX_SUMMARY = 300  # ProtocolVersion.summary
WRITTEN = {"ar": "rtl", "fr": "ltr", "en": "ltr"}
TITLE_LABELS = {"ar": _("Title in Arabic"), "fr": _("Title in French"), "en": _("Title in English")}
TITLE_NEEDED = {
    "ar": _("Give the step's title in Arabic."),
    "fr": _("Give the step's title in French."),
    "en": _("Give the step's title in English."),
}
GUIDANCE_LABELS = {"ar": _("Guidance in Arabic"), "fr": _("Guidance in French"), "en": _("Guidance in English")}
DEADLINE_FROM = [
    (FROM_OPENING, _("from the opening of the case")),
    (FROM_ASSESSMENT, _("from the severity assessment")),
]


def _in(language: str) -> dict[str, str]:
    """The attributes of an input written in one language, so it is spelled and read in that language."""
    return {"lang": language, "dir": WRITTEN[language]}


class StepForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("Letters, digits and _; it names the step in figures and cannot change once published."),
        validators=[RegexValidator(r"^[A-Za-z0-9_]+\Z", message=_("Use only letters, digits and _ in the code."))],
        error_messages={"required": _("Give the new step a code.")},
        widget=forms.TextInput(attrs={"dir": "ltr", "autocapitalize": "none", "spellcheck": "false"}),
    )
    title_ar = forms.CharField(
        label=TITLE_LABELS["ar"],
        max_length=MAX_TITLE,
        error_messages={"required": TITLE_NEEDED["ar"]},
        widget=forms.TextInput(attrs=_in("ar")),
    )
    title_fr = forms.CharField(
        label=TITLE_LABELS["fr"],
        max_length=MAX_TITLE,
        error_messages={"required": TITLE_NEEDED["fr"]},
        widget=forms.TextInput(attrs=_in("fr")),
    )
    title_en = forms.CharField(
        label=TITLE_LABELS["en"],
        max_length=MAX_TITLE,
        error_messages={"required": TITLE_NEEDED["en"]},
        widget=forms.TextInput(attrs=_in("en")),
    )
    guidance_ar = forms.CharField(
        label=GUIDANCE_LABELS["ar"],
        max_length=MAX_GUIDANCE,
        required=False,
        widget=forms.Textarea(attrs={**_in("ar"), "rows": 3}),
    )
    guidance_fr = forms.CharField(
        label=GUIDANCE_LABELS["fr"],
        max_length=MAX_GUIDANCE,
        required=False,
        widget=forms.Textarea(attrs={**_in("fr"), "rows": 3}),
    )
    guidance_en = forms.CharField(
        label=GUIDANCE_LABELS["en"],
        max_length=MAX_GUIDANCE,
        required=False,
        widget=forms.Textarea(attrs={**_in("en"), "rows": 3}),
    )
    deadline_hours = forms.IntegerField(
        label=_("Deadline in hours"),
        required=False,
        min_value=1,
        max_value=MAX_HOURS,
        help_text=_("Leave blank for no deadline. 48 is two days, 120 five days, 720 thirty days."),
        error_messages={
            "invalid": _("Write the deadline as a whole number of hours."),
            "min_value": _("A deadline is at least 1 hour."),
            "max_value": _("A deadline is at most a year (%(limit_value)s hours)."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )
    deadline_from = forms.ChoiceField(
        label=_("The deadline counts"),
        choices=DEADLINE_FROM,
        initial=FROM_OPENING,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say where the deadline counts from.")},
    )
    records = forms.MultipleChoiceField(
        label=_("What the step records"),
        choices=list(RECORDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The platform acts on some of these: see the list below the form."),
    )
    not_applicable = forms.BooleanField(
        label=_("May be marked not applicable (the team says why)"),
        required=False,
    )

    def __init__(self, *args: Any, existing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A published step keeps its code: figures and reminders follow a step across versions by it.
        self.existing = existing
        if existing:
            self.fields["code"].widget.attrs["readonly"] = True
            self.fields["code"].help_text = _("The code of a published step cannot change.")

    @property
    def heading(self) -> str:
        """The step's title as typed, in the interface language if there is one."""
        language = (get_language() or "en")[:2]
        field = f"title_{language}" if language in LANGUAGES else "title_en"
        return str(self[field].value() or self["code"].value() or "")

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().lower()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        required = [record for record in cleaned.get("records") or [] if record in REQUIRED]
        if cleaned.get("not_applicable") and required:
            self.add_error(
                "not_applicable",
                _("A step recording %(what)s cannot be marked not applicable: every case needs it.")
                % {"what": RECORDS[required[0]]},
            )
        return cleaned

    def step_data(self) -> dict[str, Any]:
        """The step as it is stored in a protocol version's definition (Step.as_data)."""
        data = self.cleaned_data
        return {
            "code": data["code"],
            "title": {language: data[f"title_{language}"] for language in LANGUAGES},
            "guidance": {language: data[f"guidance_{language}"] for language in LANGUAGES},
            "deadline_hours": data["deadline_hours"],
            "deadline_from": data["deadline_from"],
            "records": [record for record in RECORDS if record in data["records"]],
            "not_applicable": data["not_applicable"],
        }


def step_initial(step: Step) -> dict[str, object]:
    initial: dict[str, object] = {
        "code": step.code,
        "deadline_hours": step.deadline_hours,
        "deadline_from": step.deadline_from,
        "records": list(step.records),
        "not_applicable": step.not_applicable,
    }
    for language in LANGUAGES:
        initial[f"title_{language}"] = step.title.get(language, "")
        initial[f"guidance_{language}"] = step.guidance.get(language, "")
    return initial


class BaseStepFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, name: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.name = name

    if TYPE_CHECKING:  # Django's own (BaseFormSet), missing from django-stubs

        def _should_delete_form(self, form: forms.Form) -> bool: ...

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "existing": index is not None and index < self.initial_form_count()}

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        position = form.fields[ORDERING_FIELD_NAME]
        position.label = _("Position")
        position.help_text = _("Steps are put in the order of these numbers.")
        position.error_messages["invalid"] = _("Write the position as a whole number.")
        position.widget.attrs.update({"inputmode": "numeric", "dir": "ltr"})
        form.fields[DELETION_FIELD_NAME].label = _("Remove this step from the new version")

    def kept_forms(self) -> list[StepForm]:
        """The steps of the new version, in the order asked: not removed, not the blank step left blank."""
        kept = []
        for index, form in enumerate(self.forms):
            if index >= self.initial_form_count() and not form.has_changed():
                continue
            if self._should_delete_form(form):
                continue
            kept.append((index, form))

        def position(item: tuple[int, StepForm]) -> tuple[int, int, bool, int]:
            index, form = item
            value = form.cleaned_data.get(ORDERING_FIELD_NAME)
            # Blank positions go last. A step given the position of another goes before it
            # (moving a step to 2 makes it the second); otherwise the order of the page.
            moved = ORDERING_FIELD_NAME in form.changed_data
            return (1, 0, True, index) if value is None else (0, value, not moved, index)

        return [form for _index, form in sorted(kept, key=position)]

    def forms_to_correct(self) -> list[tuple[int, StepForm]]:
        """(position on the page, form) of each step with a problem; a step being removed has none."""
        return [
            (number, form)
            for number, form in enumerate(self.forms, start=1)
            if form.errors and not (self.is_bound and self._should_delete_form(form))
        ]

    def definition(self) -> dict[str, object]:
        return {"name": self.name, "steps": [form.step_data() for form in self.kept_forms()]}

    def clean(self) -> None:
        if not self.management_form.is_valid():
            return
        kept = self.kept_forms()
        if any(form.errors for form in kept):
            # The steps as a whole are checked once each step makes sense on its own.
            return
        try:
            validate(self.definition())
        except InvalidProtocol as error:
            self._place_problems(kept)
            raise ValidationError(list(error.problems)) from error

    def _place_problems(self, kept: list[StepForm]) -> None:
        """Repeat next to each step the problems of validate() that concern it."""
        steps = [form.step_data() for form in kept]
        codes = [step["code"] for step in steps]
        for form, step in zip(kept, steps, strict=True):
            if codes.count(step["code"]) > 1:
                form.add_error("code", _("Another step has the same code."))
            shared = [
                record
                for record in step["records"]
                if record in SINGLE and sum(record in other["records"] for other in steps) > 1
            ]
            for record in shared:
                form.add_error("records", _("Only one step may record %(what)s.") % {"what": RECORDS[record]})
            if "outcome" in step["records"] and step is not steps[-1]:
                form.add_error(ORDERING_FIELD_NAME, _("The step recording the outcome must be the last one."))


# formset_factory makes a subclass of the formset it is given; django-stubs types it as BaseFormSet.
StepFormSet = cast(
    type[BaseStepFormSet],
    forms.formset_factory(
        StepForm,
        formset=BaseStepFormSet,
        extra=1,
        can_order=True,
        can_delete=True,
        max_num=MAX_STEPS,
        validate_max=True,
        absolute_max=MAX_STEPS + 10,
    ),
)


class PublishForm(forms.Form):
    summary = forms.CharField(
        label=_("What changed"),
        max_length=MAX_SUMMARY,
        help_text=_("One or two sentences for the history of versions: which steps, which deadlines, and why."),
        error_messages={"required": _("Say what changed in this version.")},
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # The version the administrator started from: publishing over someone else's newer version is refused.
    based_on = forms.IntegerField(
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form is incomplete: reload the page and try again."),
            "invalid": _("This form is incomplete: reload the page and try again."),
            "min_value": _("This form is incomplete: reload the page and try again."),
        },
    )

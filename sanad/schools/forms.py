"""Forms of a resource team's workspace. They check the shape of answers; the actions decide."""

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanad.lib.categories import Category
from sanad.schools.models import (
    Approach,
    Author,
    ParentContact,
    ProtocolRun,
    Pupil,
    RunOutcome,
    Safety,
    SeriousBecause,
    Severity,
    ToldBy,
)
from sanad.schools.protocol import Step

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_TEXT = 10_000
MAX_NAME = 200
MAX_FILES = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files in one input; each is checked and sealed by the evidence app."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: object, initial: object = None) -> list[object]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Attach at most %(count)d files at a time.") % {"count": MAX_FILES})
        return [super(FilesField, self).clean(item, initial) for item in files]


class TeamForm(forms.Form):
    """Several forms share the case page: each gets its own prefix for element ids."""

    id_prefix = "form"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


def _text(
    label: "StrOrPromise", *, required: bool = True, rows: int = 4, help_text: "StrOrPromise" = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "dir": "auto"}),
    )


def _name(label: "StrOrPromise", *, required: bool) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=MAX_NAME, widget=forms.TextInput(attrs={"dir": "auto"})
    )


class RecordCaseForm(TeamForm):
    id_prefix = "record"

    told_by = forms.ChoiceField(
        label=_("Who told the team?"),
        choices=[item for item in ToldBy.choices if item[0] != ToldBy.CENTRE],
        widget=forms.RadioSelect,
    )
    categories = forms.MultipleChoiceField(
        label=_("What happened? (one or more)"), choices=Category.choices, widget=forms.CheckboxSelectMultiple
    )
    facts = _text(
        _("The facts"),
        rows=6,
        help_text=_("What happened, since when, where online. Only what the protocol needs."),
    )
    evidence_kept = forms.BooleanField(label=_("Evidence has been kept (screenshots, messages, links)"), required=False)
    author = forms.ChoiceField(label=_("Who is the author?"), choices=Author.choices, widget=forms.RadioSelect)
    victim_name = _name(_("Name of the pupil concerned"), required=True)
    victim_class = _name(_("Their class"), required=False)
    involved_name = _name(_("Name of a pupil involved (optional)"), required=False)
    involved_class = _name(_("Their class"), required=False)
    witness_name = _name(_("Name of a witness (optional)"), required=False)
    witness_class = _name(_("Their class"), required=False)
    # The form's metaclass takes declared fields off the class, so this field does not hide the
    # form's uploaded `files`; mypy sees only the class attribute.
    files = FilesField(label=_("Files kept as evidence (optional)"))  # type: ignore[assignment]


class PupilForm(TeamForm):
    id_prefix = "pupil"

    role = forms.ChoiceField(label=_("Role"), choices=Pupil.Role.choices)
    name = _name(_("Name"), required=True)
    class_name = _name(_("Class"), required=False)


class AuthorForm(TeamForm):
    id_prefix = "author"

    author = forms.ChoiceField(label=_("Who is the author?"), choices=Author.choices, widget=forms.RadioSelect)


class StepForm(TeamForm):
    """Mark one step done with what its definition records."""

    def __init__(self, *args: Any, step: Step, **kwargs: Any) -> None:
        self.id_prefix = f"step-{step.code}"
        super().__init__(*args, **kwargs)
        self.step = step
        if "safety" in step.records:
            self.fields["safety"] = forms.ChoiceField(
                label=_("How safe is the pupil now?"), choices=Safety.choices, widget=forms.RadioSelect
            )
        if "approach" in step.records:
            self.fields["approach"] = forms.ChoiceField(
                label=_("Approach taken"), choices=Approach.choices, widget=forms.RadioSelect
            )
        if "note" in step.records:
            self.fields["note"] = _text(_("Note"), required=False)
        if "attachments" in step.records:
            self.fields["files"] = FilesField(label=_("Files (optional)"))


class SkipForm(TeamForm):
    def __init__(self, *args: Any, step: Step, **kwargs: Any) -> None:
        self.id_prefix = f"skip-{step.code}"
        super().__init__(*args, **kwargs)

    reason = forms.CharField(label=_("Why does this step not apply?"), max_length=1000)


class AssessForm(TeamForm):
    id_prefix = "assess"

    level = forms.TypedChoiceField(label=_("Severity"), choices=Severity.choices, coerce=int, widget=forms.RadioSelect)
    serious_because = forms.MultipleChoiceField(
        label=_("For level 3: what makes it serious?"),
        choices=SeriousBecause.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = _text(_("Note"), required=False, rows=3)

    def clean(self) -> dict[str, object]:
        super().clean()
        data = self.cleaned_data
        if data.get("level") == Severity.SERIOUS and not data.get("serious_because"):
            self.add_error("serious_because", _("Please say what makes it serious."))
        return data


class PupilField(forms.ModelChoiceField):
    """A pupil of the case, labelled with the names its form was given (ParentForm)."""

    names: dict[int, str] = {}

    def label_from_instance(self, obj: Pupil) -> str:
        return self.names.get(obj.pk, str(obj.pk))


class ParentForm(TeamForm):
    id_prefix = "parents"

    pupil = PupilField(label=_("Parents of"), queryset=Pupil.objects.none(), empty_label=None)
    relation = forms.ChoiceField(label=_("Who was informed"), choices=ParentContact.Relation.choices)
    informed_on = forms.DateField(label=_("When"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    means = forms.ChoiceField(label=_("How"), choices=ParentContact.Means.choices)
    response = _text(_("Their response"), required=False, rows=3)

    def __init__(self, *args: Any, run: ProtocolRun, pupils: list[Pupil], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"informed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        field = cast(PupilField, self.fields["pupil"])
        field.queryset = Pupil.objects.filter(run=run)
        field.names = {pupil.pk: f"{pupil.name} ({pupil.get_role_display()})" for pupil in pupils}

    def clean_informed_on(self) -> object:
        informed_on = self.cleaned_data["informed_on"]
        if informed_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return informed_on


class TakedownForm(TeamForm):
    id_prefix = "takedown"

    links = _text(
        _("Where is the content?"),
        rows=3,
        help_text=_("One link, account name or phone number per line. The national centre asks the platform."),
    )


class CloseForm(TeamForm):
    id_prefix = "close"

    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *RunOutcome.choices])
    review = _text(_("Short review"), rows=4, help_text=_("What worked, what did not, what the team would change."))

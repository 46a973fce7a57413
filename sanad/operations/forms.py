"""Forms of the centre's administration. They check what was typed; the actions decide."""

from typing import Any, cast

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sanad.accounts.forms import OrganisationField
from sanad.accounts.models import Organisation, Region, User
from sanad.operations.actions import RoleDoesNotFit, fits

Kind = Organisation.Kind
# Accounts of schools come with their team membership (the schools import), not from here.
INVITABLE_ROLES = [(value, label) for value, label in User.Role.choices if value != User.Role.SCHOOL_TEAM]


class PrefixedForm(forms.Form):
    """Several forms share one page: each gets its own prefix for element ids (not for field names)."""

    id_prefix = "form"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


def _organisation_field(queryset: QuerySet[Organisation]) -> OrganisationField:
    return OrganisationField(label=_("Organisation"), queryset=queryset, empty_label=None)


class RoleChecked(PrefixedForm):
    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        role, organisation = cleaned.get("role"), cleaned.get("organisation")
        if role and organisation and not fits(str(role), organisation):
            self.add_error("role", RoleDoesNotFit.message)
        return cleaned


class InviteForm(RoleChecked):
    id_prefix = "invite"

    username = forms.CharField(
        label=_("Account name"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, digits and . _ - only, for example n.alaoui. It is used to sign in."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "autocapitalize": "none"}),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("Work e-mail address"),
        help_text=_("The welcome link is sent there."),
        widget=forms.EmailInput(attrs={"dir": "ltr"}),
    )
    organisation = _organisation_field(Organisation.objects.exclude(kind=Kind.SCHOOL).order_by("kind", "name"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=INVITABLE_ROLES,
        help_text=_(
            "Centre: analyst, supervisor or administrator. Ministry and academies: ministry viewer. "
            "Police, gendarmerie, prosecutors, platforms and services: liaison."
        ),
    )


class RoleForm(RoleChecked):
    id_prefix = "role"

    organisation = _organisation_field(Organisation.objects.order_by("kind", "name"))
    role = forms.ChoiceField(label=_("Role"), choices=User.Role.choices)


class ReasonForm(PrefixedForm):
    id_prefix = "reason"

    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Staff words about the decision, never a child's name or what a report says."),
    )


class ResetForm(ReasonForm):
    id_prefix = "reset"

    reason = forms.CharField(
        label=_("How was the loss reported, and how was the person's identity checked?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OrganisationForm(PrefixedForm):
    id_prefix = "organisation"

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[(value, label) for value, label in Kind.choices if value != Kind.SCHOOL]
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("National (no region)"),
        help_text=_("Required for a regional academy: it sees the figures of its region's schools."),
    )
    contact_email = forms.EmailField(
        label=_("Contact e-mail address"), required=False, widget=forms.EmailInput(attrs={"dir": "ltr"})
    )

    def __init__(self, *args: Any, organisation: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisation is not None and organisation.kind == Kind.SCHOOL:
            # A school keeps its kind; its other details change here.
            cast(forms.ChoiceField, self.fields["kind"]).choices = [(Kind.SCHOOL, Kind.SCHOOL.label)]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("kind") == Kind.ACADEMY and not cleaned.get("region"):
            self.add_error("region", _("A regional academy needs its region."))
        return cleaned


class HoldForm(PrefixedForm):
    id_prefix = "hold"

    reference = forms.CharField(
        label=_("Case reference"),
        max_length=12,
        help_text=_("A national case (C-…) or a school case (E-…)."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "autocapitalize": "characters"}),
    )
    reason = forms.CharField(
        label=_("Why it must be kept"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the authority that asked and its file number. Kept sealed."),
    )

    def clean_reference(self) -> str:
        return self.cleaned_data["reference"].strip().upper()

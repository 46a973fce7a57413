"""The administrators' forms for tokens and webhook endpoints. They check what was typed; the
actions decide (scopes that fit the organisation, https)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sanad.accounts.forms import OrganisationField
from sanad.accounts.models import Organisation
from sanad.api.models import SCOPES_FOR_KIND, Scope


def _organisations(kinds: list[str]) -> OrganisationField:
    return OrganisationField(
        label=_("Organisation"), queryset=Organisation.objects.filter(kind__in=kinds).order_by("kind", "name")
    )


class TokenForm(forms.Form):
    organisation = _organisations(list(SCOPES_FOR_KIND))
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What it is for, e.g. “trust and safety tooling”: shown in the list and the audit log."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Permissions"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only those that fit the organisation's kind: a platform its notices, an authority its referrals and packs, a helpline reports."
        ),
        error_messages={"required": _("Choose at least one permission.")},
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        organisation, scopes = data.get("organisation"), data.get("scopes") or []
        if organisation is not None and not set(scopes) <= set(SCOPES_FOR_KIND.get(organisation.kind, [])):
            self.add_error("scopes", _("This organisation cannot be given these permissions."))
        return data


class WebhookForm(forms.Form):
    organisation = _organisations(
        [
            Organisation.Kind.PLATFORM,
            Organisation.Kind.POLICE,
            Organisation.Kind.GENDARMERIE,
            Organisation.Kind.PROSECUTOR,
        ]
    )
    url = forms.URLField(
        label=_("Address (https)"),
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"dir": "ltr"}),
        help_text=_("Where Sanad posts signed events for this organisation (new notices, new referrals)."),
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if not url.startswith("https://"):
            raise forms.ValidationError(_("A webhook address must start with https://."))
        return url

"""The audit log's filter; the page that uses it is in the back-office (cases/views/oversight.py)."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"  # the phone's own date picker, no JavaScript of ours

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class AuditFilterForm(forms.Form):
    """What an administrator narrows the audit log to. Every field is optional."""

    actor = forms.CharField(label=_("Account name"), max_length=150, required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    object_id = forms.CharField(label=_("Object id"), max_length=64, required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Until (inclusive)"), required=False, widget=DateInput())

    def __init__(self, *args: Any, actions: list[str], object_types: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        cast(forms.ChoiceField, self.fields["action"]).choices = anything + [(name, name) for name in actions]
        cast(forms.ChoiceField, self.fields["object_type"]).choices = anything + [(name, name) for name in object_types]
        for field in ("actor", "object_id"):
            self.fields[field].widget.attrs.update({"dir": "ltr", "autocomplete": "off"})

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        return cleaned

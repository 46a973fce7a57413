from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Organisation


class OrganisationField(forms.ModelChoiceField):
    """Organisations listed as "name · kind"."""

    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} · {obj.get_kind_display()}"


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("This name and password do not match an active account."),
        "inactive": _("This account is not active."),
    }


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split())


class NewPasswordForm(SetPasswordForm):
    """Django's form with the password validators; their rules as a sentence, not an HTML list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = " ".join(password_validation.password_validators_help_texts())

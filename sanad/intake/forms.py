"""The report wizard's questions, one form per step, in words a 12-year-old understands."""

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Region
from sanad.intake import receipts
from sanad.intake.identifiers import EMAIL, NormalisedIdentifier, parse_lines
from sanad.intake.models import AgeBand, Category, Gender, Ongoing, Platform, ReporterRole, Started

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
MAX_TEXT = 10_000

CATEGORY_WORDS = {
    Category.HARASSMENT: (
        _("Someone keeps insulting, mocking or humiliating me online"),
        _("insults, rumours, being left out on purpose, fake accounts to make fun of someone"),
    ),
    Category.SEXUAL_EXPLOITATION: (
        _("Someone asks for or shares intimate photos or videos"),
        _(
            "pressure to send photos, threats to share them, photos shared without consent, an adult flirting with a child"
        ),
    ),
    Category.HATE_SPEECH: (
        _("Attacks because of origin, religion, language, gender or disability"),
        _("hateful messages or posts aimed at who someone is"),
    ),
    Category.PERSONAL_DATA: (
        _("My personal information or photos were shared"),
        _("address, phone number, school or photos posted without permission"),
    ),
    Category.SHOCKING_CONTENT: (
        _("I was shown violent, sexual or dangerous content"),
        _("violence, pornography, dangerous challenges"),
    ),
    Category.GAMING_EXPLOITATION: (
        _("A problem in an online game"),
        _("someone asking for items or money, a player pressuring you, scams in a game"),
    ),
    Category.THREATS: (
        _("Someone threatens to hurt me, or pushes me to hurt myself"),
        _("threats of violence, being told to hurt yourself"),
    ),
    Category.ACCOUNT_TAKEOVER: (
        _("My account was hacked, or someone pretends to be me"),
        _("a stolen account, a fake profile with your name or photos"),
    ),
    Category.SCAM: (
        _("A scam or a trick to get money or passwords"),
        _("fake offers, fake prizes, messages asking for codes"),
    ),
    Category.OTHER: (_("Something else"), _("tell us in your own words")),
}


class DangerForm(forms.Form):
    danger_now = forms.ChoiceField(
        label=_("Are you, or the person you are writing about, in danger right now?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    self_harm = forms.ChoiceField(
        label=_("Are you thinking about hurting yourself?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    sextortion_deadline = forms.ChoiceField(
        label=_("Is someone demanding money, photos or videos, and giving a deadline?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )


class WhoForm(forms.Form):
    reporter_role = forms.ChoiceField(label=_("Who are you?"), choices=ReporterRole.choices, widget=forms.RadioSelect)


class WhatForm(forms.Form):
    categories = forms.MultipleChoiceField(
        label=_("What happened? Choose everything that fits."),
        choices=[(code, CATEGORY_WORDS[code][0]) for code in Category.values],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one answer.")},
    )
    description = forms.CharField(
        label=_("Tell us what happened, in your own words"),
        help_text=_("Darija, Arabic, French or English, in any script. Write as much or as little as you like."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_TEXT,
    )
    started = forms.ChoiceField(label=_("When did it start?"), choices=Started.choices, widget=forms.RadioSelect)
    ongoing = forms.ChoiceField(label=_("Is it still going on?"), choices=Ongoing.choices, widget=forms.RadioSelect)


class WhereForm(forms.Form):
    platforms = forms.MultipleChoiceField(
        label=_("Where did it happen?"),
        choices=Platform.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    identifiers = forms.CharField(
        label=_("Links, usernames or phone numbers of the people involved"),
        help_text=_(
            "One per line, for example @username, a link to a profile or post, or a phone number. Leave empty if you don't know."
        ),
        widget=forms.Textarea(attrs={"rows": 4, "dir": "ltr"}),
        required=False,
        max_length=4000,
    )

    def clean_identifiers(self) -> str:
        text = self.cleaned_data["identifiers"]
        if len([line for line in text.splitlines() if line.strip()]) > 20:
            raise forms.ValidationError(_("Please give at most 20 lines."))
        return text

    def parsed_identifiers(self) -> list[NormalisedIdentifier]:
        return parse_lines(self.cleaned_data["identifiers"], platforms=self.cleaned_data["platforms"])


class ChildForm(forms.Form):
    victim_age_band = forms.ChoiceField(
        label=_("How old is the person this is happening to?"), choices=AgeBand.choices, widget=forms.RadioSelect
    )
    victim_gender = forms.ChoiceField(
        label=_("Are they a girl or a boy?"), choices=Gender.choices, widget=forms.RadioSelect
    )
    region = forms.ModelChoiceField(
        label=_("Which region do they live in?"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("I'd rather not say"),
        to_field_name="code",
    )
    school = forms.CharField(
        label=_("Their school (optional)"),
        help_text=_("Only if you want the school's trained team to be able to help."),
        required=False,
        max_length=200,
    )
    told = forms.MultipleChoiceField(
        label=_("Who have they already told?"),
        choices=[
            ("parent", _("A parent or family member")),
            ("teacher", _("A teacher or someone at school")),
            ("friend", _("A friend")),
            ("other_adult", _("Another adult")),
            ("nobody", _("Nobody yet")),
        ],
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_told(self) -> list[str]:
        told = self.cleaned_data["told"]
        if "nobody" in told and len(told) > 1:
            raise forms.ValidationError(_("“Nobody yet” cannot be chosen with someone else."))
        return told


PHONE = re.compile(r"^[+0-9 ().-]{6,24}$")


class ContactForm(forms.Form):
    wants_contact = forms.ChoiceField(
        label=_("Do you want us to be able to contact you?"),
        help_text=_(
            "You can stay anonymous. With your receipt code you can read our answers here without giving any contact."
        ),
        choices=[("no", _("No, I stay anonymous")), ("yes", _("Yes, you can contact me"))],
        widget=forms.RadioSelect,
        initial="no",
    )
    contact_method = forms.ChoiceField(
        label=_("How?"),
        choices=[("", "—"), ("phone", _("Phone call or SMS")), ("whatsapp", "WhatsApp"), ("email", _("E-mail"))],
        required=False,
    )
    contact_value = forms.CharField(
        label=_("Your number or e-mail address"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    contact_safe = forms.BooleanField(
        label=_("It is safe for us to contact you there: nobody who could hurt you reads these messages."),
        required=False,
    )
    consent_share = forms.ChoiceField(
        label=_("If it would help, may we talk with a trusted adult or your school's trained team?"),
        choices=[("yes", _("Yes")), ("no", _("No, ask me first"))],
        widget=forms.RadioSelect,
        initial="no",
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("wants_contact") != "yes":
            return data
        method, value = data.get("contact_method"), (data.get("contact_value") or "").strip()
        if not method:
            self.add_error("contact_method", _("Choose how we can contact you."))
        if not value:
            self.add_error("contact_value", _("Write the number or address where we can contact you."))
        elif method == "email" and not EMAIL.match(value):
            self.add_error("contact_value", _("This does not look like an e-mail address."))
        elif method in {"phone", "whatsapp"} and not PHONE.match(value):
            self.add_error("contact_value", _("This does not look like a phone number."))
        if not data.get("contact_safe"):
            self.add_error(
                "contact_safe", _("Please confirm it is safe to contact you there, or choose to stay anonymous.")
            )
        return data


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=MAX_TEXT)


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label=_("Your receipt code"),
        help_text=_("The code you got when you sent your report, for example K7QF-9XRM-2HTP-4WNB."),
        max_length=60,
        error_messages={
            "required": _("Type the code you got when you sent your report."),
            "max_length": _("A receipt code has 16 letters and digits, in four groups of four. This is much longer."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "dir": "ltr"}
        ),
    )

    def clean_receipt(self) -> str:
        """The code as typed, once it can be one; a mistake is named, and costs no try."""
        typed = self.cleaned_data["receipt"]
        code = receipts.compact(typed)
        if len(code) != receipts.LENGTH:
            raise forms.ValidationError(
                _("A receipt code has 16 letters and digits, in four groups of four. You typed %(count)s."),
                params={"count": len(code)},
            )
        if receipts.normalise(typed) is None:
            raise forms.ValidationError(
                _("A receipt code has only digits and the letters A to Z, without U. Check each character.")
            )
        return typed


def upload_limits() -> dict[str, int]:
    return {"max_mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024), "max_files": settings.UPLOAD_MAX_FILES}

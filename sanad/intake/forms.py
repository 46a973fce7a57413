"""The report wizard's questions, one form per step, in words a 12-year-old understands."""

import re
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sanad.accounts.models import Region
from sanad.intake import receipts
from sanad.intake.identifiers import EMAIL, NormalisedIdentifier, parse_lines
from sanad.intake.models import AgeBand, Category, Gender, HeardFrom, Ongoing, ReporterRole, Started
from sanad.reference import platforms

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
MAX_TEXT = 10_000
# A tampered answer: nothing a reporter can pick on the page gives this.
NOT_A_CHOICE = _("Choose one of the answers shown.")


class Chips(forms.RadioSelect):
    """Short answers side by side (yes/no, ages): one row or two on a phone, not a column."""

    inline = True


class ChipBoxes(forms.CheckboxSelectMultiple):
    inline = True


class FoldedChipBoxes(ChipBoxes):
    """Chips whose rarer answers fold under "More" (opened when one of them is chosen)."""

    fold_after = 7


# The portal's own words for each answer, short enough to read at a glance; the model's
# labels are the staff wording (Category, Platform, ReporterRole, ...).
CATEGORY_WORDS: dict[str, "StrOrPromise"] = {
    Category.HARASSMENT: _("Insults, mockery or rumours"),
    Category.SEXUAL_EXPLOITATION: _("Intimate photos or videos"),
    Category.HATE_SPEECH: _("Hate (origin, religion, gender…)"),
    Category.PERSONAL_DATA: _("Private info or photos shared"),
    Category.SHOCKING_CONTENT: _("Violent or shocking content"),
    Category.GAMING_EXPLOITATION: _("Trouble in a game"),
    Category.THREATS: _("Threats"),
    Category.ACCOUNT_TAKEOVER: _("Hacked account or fake profile"),
    Category.SCAM: _("A scam"),
    Category.OTHER: _("Something else"),
}
ROLE_WORDS = {
    ReporterRole.VICTIM: _("The one it’s happening to"),
    ReporterRole.PARENT: _("A parent or relative"),
    ReporterRole.WITNESS: _("A witness"),
    ReporterRole.PROFESSIONAL: _("A teacher or professional"),
}
# The most used first: the rest fold under "More" (FoldedChipBoxes).
STARTED_WORDS = {
    Started.TODAY: _("Today"),
    Started.THIS_WEEK: _("This week"),
    Started.THIS_MONTH: _("This month"),
    Started.LONGER: _("Longer ago"),
    Started.UNKNOWN: _("I don't know"),
}
ONGOING_WORDS = {Ongoing.YES: _("Yes"), Ongoing.NO: _("No, it stopped"), Ongoing.UNKNOWN: _("I don't know")}
AGE_WORDS = {
    AgeBand.UNDER_10: _("Under 10"),
    AgeBand.AGE_10_12: "10–12",
    AgeBand.AGE_13_15: "13–15",
    AgeBand.AGE_16_17: "16–17",
    AgeBand.AGE_18_25: "18–25",
    AgeBand.OVER_25: _("Over 25"),
    AgeBand.UNKNOWN: _("I don't know"),
}
GENDER_WORDS = {
    Gender.GIRL: _("A girl"),
    Gender.BOY: _("A boy"),
    Gender.OTHER: _("Another way"),
    Gender.UNSAID: _("Rather not say"),
}
TOLD_WORDS = [
    ("parent", _("Family")),
    ("teacher", _("Someone at school")),
    ("friend", _("A friend")),
    ("other_adult", _("Another adult")),
    ("nobody", _("Nobody yet")),
]


def _required(message: "StrOrPromise") -> dict[str, "StrOrPromise"]:
    return {"required": message, "invalid_choice": NOT_A_CHOICE}


class DangerForm(forms.Form):
    danger_now = forms.ChoiceField(
        label=_("Are you, or the person you are writing about, in danger right now?"),
        choices=YES_NO,
        widget=Chips,
        error_messages=_required(_("Tell us if someone is in danger right now: yes or no.")),
    )
    self_harm = forms.ChoiceField(
        label=_("Are you thinking about hurting yourself?"),
        choices=YES_NO,
        widget=Chips,
        error_messages=_required(_("Tell us if you are thinking about hurting yourself: yes or no.")),
    )
    sextortion_deadline = forms.ChoiceField(
        label=_("Is someone demanding money, photos or videos, and giving a deadline?"),
        choices=YES_NO,
        widget=Chips,
        error_messages=_required(_("Tell us if someone is demanding something with a deadline: yes or no.")),
    )


class WhatForm(forms.Form):
    reporter_role = forms.ChoiceField(
        label=_("You are"),
        choices=list(ROLE_WORDS.items()),
        widget=Chips,
        error_messages=_required(_("Tell us who you are, so we can talk to you the right way.")),
    )
    categories = forms.MultipleChoiceField(
        label=_("Choose all that fit"),
        choices=[(code, CATEGORY_WORDS[code]) for code in Category.values],
        widget=ChipBoxes,
        error_messages=_required(_("Choose at least one thing that happened, or “Something else”.")),
    )
    description = forms.CharField(
        label=_("In your own words"),
        help_text=_("Darija, Arabic or French, in any letters."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_TEXT,
        error_messages={
            "required": _("Tell us what happened in a few words."),
            "max_length": _("This is very long: please keep it under 10,000 characters."),
        },
    )


class WhereForm(forms.Form):
    platforms = forms.MultipleChoiceField(
        label=_("Where did it happen?"),
        choices=platforms.offered_choices,  # reference data, in the administrators' order
        widget=FoldedChipBoxes,
        required=False,
        error_messages={"invalid_choice": NOT_A_CHOICE},
    )
    identifiers = forms.CharField(
        label=_("Usernames or links, if you know them"),
        help_text=_("One per line."),
        widget=forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
        required=False,
        max_length=4000,
        error_messages={"max_length": _("This is very long: please keep it under 4,000 characters.")},
    )
    started = forms.ChoiceField(
        label=_("When did it start?"),
        choices=list(STARTED_WORDS.items()),
        widget=Chips,
        error_messages=_required(_("Choose when it started, or “I don't know”.")),
    )
    ongoing = forms.ChoiceField(
        label=_("Still happening?"),
        choices=list(ONGOING_WORDS.items()),
        widget=Chips,
        error_messages=_required(_("Tell us if it is still happening, or “I don't know”.")),
    )

    @property
    def more_platforms_chosen(self) -> bool:
        """Whether a folded platform is chosen, so "More" opens by itself."""
        # Bound to request.POST, a QueryDict.
        chosen = (
            cast(QueryDict, self.data).getlist("platforms") if self.is_bound else (self.initial.get("platforms") or [])
        )
        folded = [code for code, _label in platforms.offered_choices()][FoldedChipBoxes.fold_after :]
        return bool(set(chosen) & set(folded))

    # Only who has something to send sees the evidence step (the review page offers it too).
    has_files = forms.BooleanField(label=_("I have screenshots to send"), required=False)

    def clean_identifiers(self) -> str:
        text = self.cleaned_data["identifiers"]
        if len([line for line in text.splitlines() if line.strip()]) > 20:
            raise forms.ValidationError(_("Please give at most 20 lines."))
        return text

    def parsed_identifiers(self) -> list[NormalisedIdentifier]:
        return parse_lines(self.cleaned_data["identifiers"], platforms=self.cleaned_data["platforms"])


# The questions about the young person, in the words of who is writing (the "what" step's role).
CHILD_QUESTIONS = {
    ReporterRole.VICTIM: {
        "victim_age_band": _("Your age"),
        "victim_gender": pgettext_lazy("a girl or a boy", "You are"),
        "region": _("Your region"),
        "told": _("Who knows already?"),
    },
    ReporterRole.PARENT: {
        "victim_age_band": _("Your child’s age"),
        "victim_gender": _("Your child is"),
        "region": _("Your child’s region"),
        "told": _("Who knows already?"),
    },
    "": {
        "victim_age_band": _("Their age"),
        "victim_gender": _("They are"),
        "region": _("Their region"),
        "told": _("Who knows already?"),
    },
}


class ChildForm(forms.Form):
    victim_age_band = forms.ChoiceField(
        choices=list(AGE_WORDS.items()),
        widget=Chips,
        error_messages=_required(_("Choose an age, or “I don't know”.")),
    )
    victim_gender = forms.ChoiceField(
        choices=list(GENDER_WORDS.items()),
        widget=Chips,
        error_messages=_required(_("Choose an answer, or “Rather not say”.")),
    )
    region = forms.ModelChoiceField(
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("Rather not say"),
        to_field_name="code",
        error_messages={"invalid_choice": NOT_A_CHOICE},
    )
    told = forms.MultipleChoiceField(
        choices=TOLD_WORDS,
        widget=ChipBoxes,
        error_messages=_required(_("Choose who knows already, or “Nobody yet”.")),
    )

    def __init__(self, *args: Any, role: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        questions = CHILD_QUESTIONS.get(role, CHILD_QUESTIONS[""])
        for name, label in questions.items():
            self.fields[name].label = label

    def clean_told(self) -> list[str]:
        told = self.cleaned_data["told"]
        if "nobody" in told and len(told) > 1:
            raise forms.ValidationError(_("“Nobody yet” cannot be chosen with someone else."))
        return told


PHONE = re.compile(r"^[+0-9 ().-]{6,24}$")


class ContactForm(forms.Form):
    # What a reporter who never opens this step has answered (it is in the flow only after a
    # danger answer; otherwise the review page shows these and a "change" link).
    DEFAULTS: ClassVar[dict[str, str]] = {
        "wants_contact": "no",
        "contact_method": "",
        "contact_value": "",
        "consent_share": "no",
        "school": "",
    }

    wants_contact = forms.ChoiceField(
        label=_("Do you want us to be able to contact you?"),
        choices=[("no", _("No, I stay anonymous")), ("yes", _("Yes, you can contact me"))],
        widget=Chips,
        initial="no",
        error_messages=_required(_("Tell us if we may contact you, or stay anonymous.")),
    )
    contact_method = forms.ChoiceField(
        label=_("How?"),
        choices=[("", "—"), ("phone", _("Phone call or SMS")), ("whatsapp", "WhatsApp"), ("email", _("E-mail"))],
        required=False,
        error_messages={"invalid_choice": NOT_A_CHOICE},
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
        widget=Chips,
        initial="no",
        error_messages=_required(_("Tell us if we may talk with an adult or the school, or ask you first.")),
    )
    school = forms.CharField(
        label=_("Your school, only if you want its trained team to be able to help (optional)"),
        required=False,
        max_length=200,
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


# The danger questions of the first step, short, for a message on a report already sent.
DANGER_NOW_CHOICES = [
    ("danger_now", _("I am, or someone is, in danger right now")),
    ("self_harm", _("I am thinking about hurting myself")),
    ("sextortion_deadline", _("Someone demands money, photos or videos, with a deadline")),
]


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT,
        error_messages={
            "required": _("Write your message before sending it."),
            "max_length": _("This is very long: please keep it under 10,000 characters."),
        },
    )
    danger = forms.MultipleChoiceField(
        label=_("Is something urgent now? Tick what is true (you can leave it empty)."),
        choices=DANGER_NOW_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ReturnForm(forms.Form):
    """The four digits that reopen a kept draft (drafts.py)."""

    code = forms.CharField(
        label=_("The code to come back"),
        help_text=_("The four digits shown at the top of your report."),
        max_length=20,
        error_messages={"required": _("Type the four digits of your code.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric", "dir": "ltr"}),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).translate(receipts.DIGITS)
        if len(code) != 4 or not code.isascii() or not code.isdigit():
            raise forms.ValidationError(_("The code has four digits, for example 0427."))
        return code


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


class HeardFromForm(forms.Form):
    """The optional last question, on the receipt page: how the reporter heard of Sanad (the
    campaign's own indicator, docs/indicators.md). Never asked before the report is sent."""

    heard_from = forms.ChoiceField(
        label=_("One last question, if you like: how did you hear of Sanad?"),
        choices=HeardFrom.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Choose one answer, or leave this question.")),
    )

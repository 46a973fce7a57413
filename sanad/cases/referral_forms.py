"""Forms of the referral pages: choosing a target, writing the referral, answering it, verifying a pack."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Organisation
from sanad.cases.actions import LIAISON_STATUSES, ORGANISATION_FOR_TARGET
from sanad.cases.models import NoticeState, ReferralStatus, ReferralTarget
from sanad.cases.redaction import takes_legal_ground
from sanad.evidence.uploads import RefusedUpload

BRIEF_MAX = 4000
ANSWER_MAX = 4000
# schools.actions.transfer_to_school keeps this much of the reason in the audit log.
SAFEGUARDING_REASON_MAX = 300


class TargetForm(forms.Form):
    target = forms.ChoiceField(
        label=_("Who should receive this case?"), choices=ReferralTarget.choices, widget=forms.RadioSelect
    )


class ReferralForm(forms.Form):
    target = forms.ChoiceField(choices=ReferralTarget.choices, widget=forms.HiddenInput)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=_("Choose an organisation")
    )
    brief = forms.CharField(
        label=_("What you tell this recipient"),
        help_text=_(
            "What happened, what you ask of them and, for a support service, what the young person needs. "
            "It is sent as you write it: leave out what this recipient should not know."
        ),
        max_length=BRIEF_MAX,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
    )
    legal_ground = forms.CharField(
        label=_("Legal ground"),
        help_text=_("The law or the platform rule the request relies on (for example an article of the penal code)."),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )

    safeguarding_reason = forms.CharField(
        label=_("Safeguarding decision"),
        help_text=_(
            "The reporter did not agree to involve the school. Say why sharing this case with its resource team "
            "protects the child. The reason is kept in the audit log."
        ),
        max_length=SAFEGUARDING_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        error_messages={
            "required": _(
                "Without the reporter's consent, write the safeguarding decision that justifies involving the school."
            )
        },
    )

    def __init__(self, *args: Any, target: str, consent: bool = True, **kwargs: Any) -> None:
        """`consent`: for a school, whether a reporter agreed to involve it."""
        super().__init__(*args, **kwargs)
        self.fields["target"].initial = target
        organisations = Organisation.objects.filter(kind=ORGANISATION_FOR_TARGET[target])
        if target == ReferralTarget.SCHOOL:
            # A school receives a case through its resource team's protocol: only registered schools can.
            organisations = organisations.filter(school__isnull=False)
        self.organisations = organisations
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations
        if not takes_legal_ground(target):
            del self.fields["legal_ground"]
        elif target == ReferralTarget.PLATFORM:
            # A takedown request without its legal basis is easy for a platform to set aside.
            self.fields["legal_ground"].required = True
        if target != ReferralTarget.SCHOOL or consent:
            del self.fields["safeguarding_reason"]


class AddendumForm(forms.Form):
    brief = forms.CharField(
        label=_("What you tell this recipient"),
        help_text=_(
            "Why you send more: what is new and what you ask of them. It is sent as you write it, "
            "with only the material they do not have yet."
        ),
        max_length=BRIEF_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )


class UpdateReferralForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Where it stands"),
        choices=[(value, label) for value, label in ReferralStatus.choices if value in LIAISON_STATUSES],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Your answer"),
        help_text=_("What you did or decided. A refusal needs its reason."),
        max_length=ANSWER_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
    )


class NoticeAnswerForm(forms.Form):
    """The platform's answer to one notice, recorded on the referral page."""

    state = forms.ChoiceField(
        label=_("The platform's answer"),
        choices=[
            (value, label) for value, label in NoticeState.choices if value in {"removed", "restricted", "refused"}
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("The platform's reason (for a refusal)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )

    def __init__(self, *args: Any, notice: int, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"notice-{notice}-%s")
        super().__init__(*args, **kwargs)


class VerifyPackForm(forms.Form):
    # Empty files pass the field: the upload handler empties a file it refused as too large.
    archive = forms.FileField(label=_("Evidence pack (ZIP archive)"), allow_empty_file=True)

    def __init__(self, *args: Any, max_megabytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_megabytes = max_megabytes
        self.fields["archive"].help_text = _("The archive as you received it, up to %(size)s MB.") % {
            "size": max_megabytes
        }

    def clean_archive(self) -> object:
        archive = self.cleaned_data["archive"]
        if isinstance(archive, RefusedUpload):
            raise forms.ValidationError(
                _("This archive is larger than %(size)s MB. Check it with the command verify_pack instead.")
                % {"size": self.max_megabytes}
            )
        if not archive.size:
            raise forms.ValidationError(_("This file is empty."))
        return archive

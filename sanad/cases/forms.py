"""Forms of the back-office. They check choices and required reasons; the actions decide."""

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Organisation, Region, User
from sanad.cases.models import Case, CaseStatus, Outcome
from sanad.intake.models import Category, Report, Urgency
from sanad.reference import platforms
from sanad.triage.danger import DANGERS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ANY = [("", _("Any"))]
MAX_REASON = 300
MAX_TEXT = 10_000


class WaitingOn:
    """Who an open case is waiting for (Case.waiting_on)."""

    CHOICES = [
        ("reporter", _("the reporter")),
        ("authority", _("an authority")),
        ("platform", _("a platform")),
    ]
    LABELS = dict(CHOICES)


def assignees(organisation_id: int | None) -> QuerySet[User]:
    """Analysts and supervisors of the centre that owns the case: the people a case may be assigned to."""
    return User.objects.filter(
        is_active=True,
        organisation=organisation_id,
        organisation__kind=Organisation.Kind.CENTRE,
        role__in=[User.Role.ANALYST, User.Role.SUPERVISOR],
    ).order_by("username")


class HandlerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return display_name(obj)


def case_handlers(organisation_id: int | None) -> HandlerField:
    """The assignment field: one of assignees(organisation_id), or nobody."""
    return HandlerField(
        queryset=assignees(organisation_id), required=False, empty_label=_("Nobody (unassigned)"), label=_("Assign to")
    )


def display_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def reason_field(label: "StrOrPromise | None" = None, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label or _("Reason"), max_length=MAX_REASON, required=required, strip=True, widget=forms.TextInput()
    )


class StaffForm(forms.Form):
    """Several forms share one page: each gets its own prefix for element ids (not for field names)."""

    id_prefix = "form"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class QueueFilterForm(StaffForm):
    id_prefix = "queue"

    """The queue's search box and filters (GET). Invalid values are reported and ignored."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("A receipt code, a reference (SN-…, C-…), a username, link or phone, or words of the report."),
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=ANY + Urgency.choices, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ANY + CaseStatus.choices, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=ANY + Category.choices, required=False)
    platform = forms.ChoiceField(label=_("Platform"), choices=lambda: ANY + platforms.all_choices(), required=False)
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), to_field_name="code", required=False, empty_label=_("Any")
    )
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("Any"),
        help_text=_("The case's owner, or an organisation it was referred to."),
    )

    UNASSIGNED = "none"
    FILTERS = ("urgency", "status", "category", "platform", "region", "assignee", "organisation")

    def __init__(self, *args: Any, handlers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = [(str(person.pk), display_name(person)) for person in handlers]
        cast(forms.ChoiceField, self.fields["assignee"]).choices = [
            *ANY,
            (self.UNASSIGNED, _("Nobody (unassigned)")),
            *people,
        ]
        # Short lists, read once with a plain query: a ModelChoiceField would read its choices
        # through a server-side cursor each time it is rendered. Checking a value still uses
        # the field's queryset.
        for name in ("region", "organisation"):
            field = cast(forms.ModelChoiceField, self.fields[name])
            # Declared with a queryset, so never None.
            listed = [
                (field.prepare_value(item), field.label_from_instance(item)) for item in cast(QuerySet, field.queryset)
            ]
            field.choices = [("", field.empty_label), *listed]

    def valid_values(self) -> dict[str, Any]:
        """What was chosen: an invalid filter is shown as an error and left out, the others still apply."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    @property
    def filter_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.FILTERS]

    @property
    def filtering(self) -> bool:
        """Whether any filter (not the search box) is set: the filter panel then starts open."""
        return self.is_bound and any(self.data.get(name) for name in self.FILTERS)


class OpenCaseForm(StaffForm):
    id_prefix = "open"

    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    reason = reason_field(_("Reason, if you change the urgency"), required=False)

    def __init__(self, *args: Any, urgency: str, **kwargs: Any) -> None:
        """`urgency`: what the rules gave the report (or the school case asking the centre)."""
        kwargs.setdefault("initial", {"urgency": urgency})
        super().__init__(*args, **kwargs)
        self.report_urgency = urgency

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("urgency") and data["urgency"] != self.report_urgency and not data.get("reason"):
            self.add_error("reason", _("Please say why you change the urgency."))
        return data


class LinkReportForm(StaffForm):
    id_prefix = "link"

    case = forms.CharField(
        label=_("Case reference"),
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "C-XXXXXXXX", "dir": "ltr", "autocomplete": "off"}),
    )
    duplicate = forms.BooleanField(
        label=_("This report is a duplicate of the case (it will not be handled separately)"), required=False
    )

    def clean_case(self) -> str:
        return "".join(self.cleaned_data["case"].split()).upper()


class CategoriesForm(StaffForm):
    id_prefix = "categories"

    categories = forms.MultipleChoiceField(
        label=_("Categories"), choices=Category.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    reason = reason_field()


class TriageReviewForm(StaffForm):
    """What the report's words show, as the analyst reads them: the assistant's suggestion, confirmed or corrected."""

    id_prefix = "assistant"

    signals = forms.MultipleChoiceField(
        label=_("Danger signals in the words"),
        choices=[(danger.code, danger.label) for danger in DANGERS.values()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    categories = forms.MultipleChoiceField(
        label=_("Harms the words show"), choices=Category.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    urgency = forms.ChoiceField(
        label=_("Urgency the words alone call for"),
        choices=Urgency.choices,
        help_text=_("Leave the reporter's answers aside."),
    )


class AssignForm(StaffForm):
    id_prefix = "assign"

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"assignee": case.assignee_id})
        super().__init__(*args, **kwargs)
        self.fields["assignee"] = case_handlers(case.organisation_id)


class UrgencyForm(StaffForm):
    id_prefix = "urgency"

    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    reason = reason_field()


class StatusForm(StaffForm):
    id_prefix = "status"

    # "Referred" comes from sending a referral and "closed" from closing with an outcome.
    CHOICES = [
        (CaseStatus.TRIAGED, CaseStatus.TRIAGED.label),
        (CaseStatus.IN_PROGRESS, CaseStatus.IN_PROGRESS.label),
        (CaseStatus.WAITING, CaseStatus.WAITING.label),
    ]
    status = forms.ChoiceField(label=_("Status"), choices=CHOICES)
    waiting_on = forms.ChoiceField(label=_("Waiting on"), choices=[("", "—"), *WaitingOn.CHOICES], required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"status": case.status, "waiting_on": case.waiting_on})
        super().__init__(*args, **kwargs)
        if case.status == CaseStatus.REFERRED:
            # Otherwise the list would show "triaged" as a referred case's status, and saving
            # another change (who it waits on) would quietly take it back to triaged.
            field = cast(forms.ChoiceField, self.fields["status"])
            field.choices = [(CaseStatus.REFERRED, CaseStatus.REFERRED.label), *self.CHOICES]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("status") == CaseStatus.WAITING and not data.get("waiting_on"):
            self.add_error("waiting_on", _("Say who the case is waiting on."))
        return data


class CloseForm(StaffForm):
    id_prefix = "close"

    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Outcome.choices])


class ReopenForm(StaffForm):
    id_prefix = "reopen"

    reason = reason_field(_("Why reopen it?"))


class NoteForm(StaffForm):
    id_prefix = "note"

    body = forms.CharField(label=_("Internal note"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4}))


class MessageForm(StaffForm):
    id_prefix = "message"

    report = forms.TypedChoiceField(label=_("To the reporter of"), coerce=int)
    body = forms.CharField(
        label=_("Message"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The reporter reads it on their follow-up page, with their receipt. Write simply."),
    )

    def __init__(self, *args: Any, reports: list[Report], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["report"]).choices = [(report.pk, report.reference) for report in reports]

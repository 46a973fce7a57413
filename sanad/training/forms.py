"""Forms of the practice screens, the question sets and the trainer's pages."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import User
from sanad.cases.models import ReferralTarget
from sanad.intake.models import Urgency
from sanad.lib.categories import Category
from sanad.schools.models import Severity
from sanad.training import library
from sanad.training.models import CaseStudy, Question, QuestionSet, TraineeRole, in_language
from sanad.training.practice import REDACTION_LABELS, protocol_steps
from sanad.triage.danger import DANGERS


class TriageForm(forms.Form):
    """The real triage page's decisions: what the words show, how urgent, which harms."""

    danger_signals = forms.MultipleChoiceField(
        label=_("Danger signals in the reporter's words"),
        help_text=_("Tick only what the words show; leave all unticked if there is none."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, widget=forms.RadioSelect)
    categories = forms.MultipleChoiceField(
        label=_("Categories"), choices=Category.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["danger_signals"]).choices = [
            (code, danger.label) for code, danger in DANGERS.items()
        ]


class ReferralForm(forms.Form):
    referral = forms.ChoiceField(
        label=_("Refer to"),
        choices=[("", _("No referral: answer the reporter")), *list(ReferralTarget.choices)],
        required=False,
        widget=forms.RadioSelect,
    )
    redaction = forms.MultipleChoiceField(
        label=_("What the recipient receives"),
        help_text=_("The preview shows exactly what your choices would send."),
        choices=[(code, REDACTION_LABELS[code]) for code in library.REDACTION_ITEMS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ProtocolForm(forms.Form):
    protocol_level = forms.TypedChoiceField(
        label=_("Severity level"), choices=Severity.choices, coerce=int, widget=forms.RadioSelect
    )
    protocol_steps = forms.MultipleChoiceField(
        label=_("Steps that apply to this case"),
        help_text=_("Leave unticked the steps you would mark not applicable."),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["protocol_steps"]).choices = protocol_steps()


def _option_choices(options: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(option["key"], in_language(option)) for option in options]


class QuestionsForm(forms.Form):
    """One field per question (single, multiple); one per option for ordering and matching,
    as plain selects, so the page works without JavaScript."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.groups: list[tuple[Question, list[str]]] = []
        for question in questions:
            prompt = in_language(question.prompt)
            choices = _option_choices(question.options)
            names = []
            if question.kind == Question.Kind.SINGLE:
                name = f"q{question.position}"
                self.fields[name] = forms.ChoiceField(label=prompt, choices=choices, widget=forms.RadioSelect)
                names.append(name)
            elif question.kind == Question.Kind.MULTIPLE:
                name = f"q{question.position}"
                self.fields[name] = forms.MultipleChoiceField(
                    label=prompt, choices=choices, widget=forms.CheckboxSelectMultiple
                )
                names.append(name)
            elif question.kind == Question.Kind.ORDERING:
                places = [(str(n), str(n)) for n in range(1, len(choices) + 1)]
                for key, text in choices:
                    name = f"q{question.position}_{key}"
                    self.fields[name] = forms.ChoiceField(label=text, choices=[("", "—"), *places])
                    names.append(name)
            else:
                targets = _option_choices(question.targets)
                for key, text in choices:
                    name = f"q{question.position}_{key}"
                    self.fields[name] = forms.ChoiceField(label=text, choices=[("", "—"), *targets])
                    names.append(name)
            self.groups.append((question, names))

    def sections(self) -> list[dict[str, Any]]:
        """Each question with its prompt, a hint for its kind, and its bound fields, for the template."""
        hints = {
            Question.Kind.SINGLE: _("One answer."),
            Question.Kind.MULTIPLE: _("Tick every right answer (a wrong tick takes a right one off)."),
            Question.Kind.ORDERING: _("Give each item its place: 1 first."),
            Question.Kind.MATCHING: _("Choose the match of each item."),
        }
        return [
            {
                "prompt": in_language(question.prompt),
                "hint": hints[Question.Kind(question.kind)],
                "grouped": question.kind in {Question.Kind.SINGLE, Question.Kind.MULTIPLE},
                "fields": [self[name] for name in names],
            }
            for question, names in self.groups
        ]

    def answers(self) -> dict[str, Any]:
        """The answers keyed by question position, in the shapes scoring.score_question reads."""
        data = self.cleaned_data
        answers: dict[str, Any] = {}
        for question in self.questions:
            keys = [option["key"] for option in question.options]
            if question.kind in {Question.Kind.SINGLE, Question.Kind.MULTIPLE}:
                answers[str(question.position)] = data[f"q{question.position}"]
            elif question.kind == Question.Kind.ORDERING:
                placed = {key: int(data[f"q{question.position}_{key}"]) for key in keys}
                answers[str(question.position)] = sorted(keys, key=lambda key: (placed[key], keys.index(key)))
            else:
                answers[str(question.position)] = {key: data[f"q{question.position}_{key}"] for key in keys}
        return answers

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for question in self.questions:
            if question.kind != Question.Kind.ORDERING:
                continue
            places = [data.get(f"q{question.position}_{option['key']}") for option in question.options]
            if all(places) and len(set(places)) != len(places):
                self.add_error(
                    f"q{question.position}_{question.options[0]['key']}",
                    _("Give each item a different place."),
                )
        return data


class QuestionSetField(forms.ModelChoiceField):
    def label_from_instance(self, obj: QuestionSet) -> str:
        return obj.title_text


class StudiesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: CaseStudy) -> str:
        published = obj.published()
        return f"{published.title if published else obj.slug} · {obj.get_difficulty_display()}"


class TraineesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.get_full_name() or obj.username} · {obj.organisation or '—'}"


class CourseForm(forms.Form):
    title_ar = forms.CharField(label=_("Title in Arabic"), max_length=200)
    title_fr = forms.CharField(label=_("Title in French"), max_length=200)
    role = forms.ChoiceField(label=_("For"), choices=TraineeRole.choices)
    pass_mark = forms.IntegerField(label=_("Pass mark (percent)"), min_value=1, max_value=100, initial=70)
    pre = QuestionSetField(label=_("Check before the course"), queryset=QuestionSet.objects.all(), required=False)
    studies = StudiesField(
        label=_("Case studies, in this order"),
        queryset=CaseStudy.objects.filter(versions__status="published").distinct(),
        widget=forms.CheckboxSelectMultiple,
    )
    post = QuestionSetField(label=_("Check after the course"), queryset=QuestionSet.objects.all(), required=False)


class CohortForm(forms.Form):
    name = forms.CharField(label=_("Name of the cohort"), max_length=200)
    trainees = TraineesField(label=_("Trainees"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, trainees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(TraineesField, self.fields["trainees"]).queryset = trainees


class DraftForm(forms.Form):
    """The trainer's edit of a study made from a closed case: the redacted text and the answer."""

    title_ar = forms.CharField(label=_("Title in Arabic"), max_length=200)
    title_fr = forms.CharField(label=_("Title in French"), max_length=200)
    report = forms.CharField(label=_("The report, redacted"), widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}))
    context_ar = forms.CharField(label=_("Context in Arabic"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    context_fr = forms.CharField(label=_("Context in French"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    categories = forms.MultipleChoiceField(
        label=_("Categories"), choices=Category.choices, widget=forms.CheckboxSelectMultiple
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    danger_signals = forms.MultipleChoiceField(
        label=_("Danger signals"), required=False, widget=forms.CheckboxSelectMultiple
    )
    referral = forms.ChoiceField(
        label=_("Refer to"), choices=[("", _("No referral")), *list(ReferralTarget.choices)], required=False
    )
    why_ar = forms.CharField(label=_("Why, in Arabic"), widget=forms.Textarea(attrs={"rows": 3}))
    why_fr = forms.CharField(label=_("Why, in French"), widget=forms.Textarea(attrs={"rows": 3}))
    tell_child_ar = forms.CharField(
        label=_("What to tell the child, in Arabic"), widget=forms.Textarea(attrs={"rows": 2})
    )
    tell_child_fr = forms.CharField(
        label=_("What to tell the child, in French"), widget=forms.Textarea(attrs={"rows": 2})
    )
    tell_parents_ar = forms.CharField(
        label=_("What to tell the parents, in Arabic"), widget=forms.Textarea(attrs={"rows": 2})
    )
    tell_parents_fr = forms.CharField(
        label=_("What to tell the parents, in French"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["danger_signals"]).choices = [
            (code, danger.label) for code, danger in DANGERS.items()
        ]

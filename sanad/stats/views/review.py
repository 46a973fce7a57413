"""The yearly review and the action plan: drafted by the committee's secretary, approved by a
ministry viewer or a centre supervisor, published as frozen versions (review.py)."""

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sanad.accounts.models import Organisation
from sanad.accounts.requests import StaffRequest
from sanad.lib.errors import NotFound
from sanad.lib.gates import require, staff_view
from sanad.stats import access, actions
from sanad.stats import review as reviews
from sanad.stats.catalogue import INDICATORS
from sanad.stats.models import SECTIONS, Action, Direction, Review, ReviewStatus


class StartForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)


class SectionsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, title in SECTIONS.items():
            for language, name in (("fr", "Français"), ("ar", "العربية")):
                self.fields[f"{code}_{language}"] = forms.CharField(
                    label=f"{title} ({name})",
                    required=False,
                    max_length=8000,
                    widget=forms.Textarea(
                        attrs={"rows": 4, "dir": "rtl" if language == "ar" else "ltr", "lang": language}
                    ),
                )

    def texts(self) -> dict[str, dict[str, str]]:
        return {
            code: {language: self.cleaned_data.get(f"{code}_{language}", "").strip() for language in ("fr", "ar")}
            for code in SECTIONS
        }


def indicator_choices() -> list[tuple[str, str]]:
    choices = [(i.code, str(i.title)) for i in INDICATORS if i.kind != "snapshot"]
    choices += [(spec, label()) for spec, label in reviews.KEY_LABELS.items() if ":" in spec]
    return choices


class ActionForm(forms.Form):
    title_fr = forms.CharField(label=gettext_lazy("Action (French)"), max_length=200)
    title_ar = forms.CharField(label=gettext_lazy("Action (Arabic)"), max_length=200)
    owner = forms.ModelChoiceField(label=gettext_lazy("Owner organisation"), queryset=Organisation.objects.all())
    deadline = forms.DateField(label=gettext_lazy("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    indicator = forms.ChoiceField(label=gettext_lazy("Indicator"))
    direction = forms.ChoiceField(label=gettext_lazy("Target direction"), choices=Direction.choices)
    target = forms.FloatField(
        label=gettext_lazy("Target"),
        help_text=gettext_lazy("A count, or a share written as 0.25 for 25 %."),
        min_value=0,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["indicator"]).choices = indicator_choices()


class UpdateForm(forms.Form):
    progress = forms.IntegerField(label=gettext_lazy("Progress (percent)"), min_value=0, max_value=100)
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


@require_http_methods(["GET", "POST"])
@staff_view
def review_list(request: StaffRequest) -> HttpResponse:
    require(access.may_review(request.user))
    form = StartForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    if request.method == "POST":
        require(request.user.is_committee_secretary)
        if form.is_valid():
            review = actions.start_review(form.cleaned_data["year"], by=request.user)
            return redirect("stats:review", year=review.year)
    context = {"reviews": list(Review.objects.prefetch_related("versions")), "form": form}
    return render(request, "stats/reviews.html", context)


@require_http_methods(["GET", "POST"])
@staff_view
def review_page(request: StaffRequest, year: int) -> HttpResponse:
    review = access.access_review(request.user, year, drafting=request.method == "POST")
    initial = {f"{code}_{lang}": review.text(code, lang) for code in SECTIONS for lang in ("fr", "ar")}
    form = SectionsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.write_sections(review, texts=form.texts(), by=request.user)
        messages.success(request, _("The review's text is saved."))
        return redirect("stats:review", year=year)
    context = {"review": review, "form": form, "versions": list(review.versions.all()), "Status": ReviewStatus}
    return render(request, "stats/review.html", context, status=400 if form.is_bound else 200)


@require_POST
@staff_view
def review_step(request: StaffRequest, year: int, step: str) -> HttpResponse:
    if step not in {"submit", "approve", "publish"}:
        raise NotFound()
    review = access.access_review(request.user, year, drafting=step != "approve", approving=step == "approve")
    try:
        if step == "submit":
            actions.submit_review(review, by=request.user)
            messages.success(request, _("The review is sent for approval."))
        elif step == "approve":
            actions.approve_review(review, by=request.user)
            messages.success(request, _("The review is approved: the secretary may publish it."))
        else:
            version = actions.publish_review(review, by=request.user)
            messages.success(request, _("Version %(number)s is published.") % {"number": version.number})
    except actions.ReviewError as error:
        messages.error(request, str(error.message))
    return redirect("stats:review", year=year)


@require_GET
@staff_view
def version_pdf(request: StaffRequest, year: int, number: int, language: str) -> HttpResponse:
    if language not in {"fr", "ar"}:
        raise NotFound()
    version = access.access_version(request.user, year, number)
    pdf = reviews.review_pdf(version.frozen, language, sha256=version.sha256, number=version.number)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sanad-review-{year}-v{number}-{language}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
@staff_view
def action_plan(request: StaffRequest) -> HttpResponse:
    require(access.may_review(request.user))
    form = ActionForm(request.POST or None)
    if request.method == "POST":
        require(request.user.is_committee_secretary)
        if form.is_valid():
            actions.add_action(**form.cleaned_data, by=request.user)
            messages.success(request, _("The action is added to the plan."))
            return redirect("stats:actions")
    plan = list(Action.objects.select_related("owner").prefetch_related("updates"))
    status = 400 if form.is_bound else 200
    return render(
        request, "stats/actions.html", {"plan": plan, "form": form, "update_form": UpdateForm()}, status=status
    )


@require_POST
@staff_view
def action_progress(request: StaffRequest, action_id: int) -> HttpResponse:
    action = access.access_action(request.user, action_id)
    form = UpdateForm(request.POST)
    if form.is_valid():
        actions.update_action(action, by=request.user, **form.cleaned_data)
        messages.success(request, _("The progress is recorded."))
    else:
        messages.error(request, _("Progress is a whole number from 0 to 100."))
    return redirect("stats:actions")

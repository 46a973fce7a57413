"""The trainer's pages: courses, cohorts and their progress, certificates, studies from closed cases."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sanad.accounts.requests import StaffRequest
from sanad.lib.errors import NotFound
from sanad.training import courses, from_case
from sanad.training.access import (
    access_certificate_for_trainer,
    access_closed_case,
    access_cohort,
    access_course,
    access_draft,
    enrollable_trainees,
)
from sanad.training.forms import CohortForm, CourseForm, DraftForm
from sanad.training.gates import trainer_view
from sanad.training.models import CaseStudyVersion, Cohort, Course


@trainer_view
@require_GET
def trainer_home(request: StaffRequest) -> HttpResponse:
    user = request.user
    cohorts = Cohort.objects.select_related("course").order_by("-opened_at")
    if not user.supervises:
        cohorts = cohorts.filter(trainer=user)
    drafts = CaseStudyVersion.objects.filter(
        status__in=[CaseStudyVersion.Status.DRAFT, CaseStudyVersion.Status.SUBMITTED]
    ).select_related("study")
    return render(
        request,
        "training/trainer.html",
        {"cohorts": cohorts, "courses": Course.objects.all(), "drafts": drafts},
    )


@trainer_view
@require_http_methods(["GET", "POST"])
def new_course(request: StaffRequest) -> HttpResponse:
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        course = courses.build_course(
            title={"ar": data["title_ar"], "fr": data["title_fr"]},
            role=data["role"],
            pass_mark=data["pass_mark"],
            studies=list(data["studies"]),
            pre=data["pre"],
            post=data["post"],
            by=request.user,
        )
        messages.success(request, _("The course is ready: open a cohort for it."))
        return redirect("training:new_cohort", course.pk)
    return render(request, "training/course_form.html", {"form": form})


@trainer_view
@require_http_methods(["GET", "POST"])
def new_cohort(request: StaffRequest, course_id: int) -> HttpResponse:
    course = access_course(request.user, course_id)
    form = CohortForm(request.POST or None, trainees=enrollable_trainees(request.user))
    if request.method == "POST" and form.is_valid():
        cohort = courses.open_cohort(
            course, name=form.cleaned_data["name"], trainees=list(form.cleaned_data["trainees"]), by=request.user
        )
        return redirect("training:cohort", cohort.pk)
    return render(request, "training/cohort_form.html", {"form": form, "course": course})


@trainer_view
@require_GET
def cohort(request: StaffRequest, cohort_id: int) -> HttpResponse:
    found = access_cohort(request.user, cohort_id)
    rows, hard = courses.cohort_overview(found)
    before, after = courses.checks_before_and_after(found)
    return render(
        request,
        "training/cohort.html",
        {"cohort": found, "rows": rows, "hard": hard, "before": before, "after": after},
    )


@trainer_view
@require_POST
def revoke(request: StaffRequest, certificate_id: int) -> HttpResponse:
    certificate = access_certificate_for_trainer(request.user, certificate_id)
    courses.revoke_certificate(certificate, by=request.user)
    messages.success(request, _("The certificate is revoked: its verify page now says so."))
    return redirect("training:cohort", certificate.enrolment.cohort_id)


@trainer_view
@require_POST
def study_from_case(request: StaffRequest) -> HttpResponse:
    case = access_closed_case(request.user, request.POST.get("reference", "")[:20])
    version = from_case.draft_from_case(case, by=request.user)
    messages.success(request, _("A redacted draft was made. Check every line before sending it for approval."))
    return redirect("training:draft", version.pk)


def _draft_initial(version: CaseStudyVersion) -> dict[str, object]:
    content, answer = version.content, version.answer
    reasons = answer.get("reasons", {})
    return {
        "title_ar": content["title"].get("ar", ""),
        "title_fr": content["title"].get("fr", ""),
        "report": content.get("report", ""),
        "context_ar": content.get("context", {}).get("ar", ""),
        "context_fr": content.get("context", {}).get("fr", ""),
        "categories": answer.get("categories", []),
        "urgency": answer.get("urgency", ""),
        "danger_signals": answer.get("danger_signals", []),
        "referral": answer.get("referral", ""),
        "why_ar": reasons.get("harm", {}).get("ar", ""),
        "why_fr": reasons.get("harm", {}).get("fr", ""),
        "tell_child_ar": answer.get("tell_child", {}).get("ar", ""),
        "tell_child_fr": answer.get("tell_child", {}).get("fr", ""),
        "tell_parents_ar": answer.get("tell_parents", {}).get("ar", ""),
        "tell_parents_fr": answer.get("tell_parents", {}).get("fr", ""),
    }


@trainer_view
@require_http_methods(["GET", "POST"])
@transaction.atomic
def draft(request: StaffRequest, version_id: int) -> HttpResponse:
    version = access_draft(request.user, version_id, for_update=request.method == "POST")
    form = DraftForm(request.POST or None, initial=_draft_initial(version))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        both = lambda name: {"ar": data[f"{name}_ar"], "fr": data[f"{name}_fr"]}  # noqa: E731
        from_case.edit_draft(
            version,
            content={"title": both("title"), "report": data["report"], "context": both("context")},
            answer={
                "categories": data["categories"],
                "urgency": data["urgency"],
                "danger_signals": data["danger_signals"],
                "referral": data["referral"],
                "redaction": from_case.library.SHARED_WITH.get(data["referral"], []),
                "tell_child": both("tell_child"),
                "tell_parents": both("tell_parents"),
                "reasons": {**version.answer.get("reasons", {}), "harm": both("why"), "referral": both("why")},
            },
            by=request.user,
        )
        if "submit" in request.POST:
            from_case.submit_draft(version, by=request.user)
            messages.success(request, _("Sent to a supervisor for approval."))
        else:
            messages.success(request, _("The draft is saved."))
        return redirect("training:draft", version.pk)
    return render(request, "training/draft.html", {"version": version, "form": form})


@trainer_view
@require_POST
@transaction.atomic
def approve(request: StaffRequest, version_id: int) -> HttpResponse:
    version = access_draft(request.user, version_id, for_update=True)
    if not request.user.supervises:
        raise NotFound()
    from_case.approve_draft(version, by=request.user)
    messages.success(request, _("The case study is published."))
    return redirect("training:trainer")

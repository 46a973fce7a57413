"""The trainee's pages: their training home, the practice queue and the practice screens
(triage, referral preview, school protocol), feedback, question sets and their courses."""

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sanad.accounts.requests import StaffRequest
from sanad.lib.errors import NotFound
from sanad.training import courses, practice
from sanad.training.access import access_attempt, access_enrolment, access_study
from sanad.training.forms import ProtocolForm, QuestionsForm, ReferralForm, TriageForm
from sanad.training.gates import trainee_view
from sanad.training.models import Attempt, CaseStudyVersion, Enrolment, TraineeRole, in_language

STAGE_URLS = {"triage": "training:triage", "referral": "training:referral", "protocol": "training:protocol"}


def _next(attempt: Attempt) -> HttpResponse:
    """Where an attempt continues: its first unanswered screen, or its feedback."""
    if attempt.finished:
        return redirect("training:feedback", attempt.pk)
    if attempt.question_set_id:
        return redirect("training:questions", attempt.pk)
    for stage in practice.stages_of(attempt.studied):
        if not attempt.answer.get(f"{stage}_done"):
            return redirect(STAGE_URLS[stage], attempt.pk)
    return redirect("training:feedback", attempt.pk)


@trainee_view
@require_GET
def home(request: StaffRequest) -> HttpResponse:
    user = request.user
    enrolments = Enrolment.objects.filter(trainee=user).select_related("cohort__course").order_by("-enrolled_at")
    attempts = (
        Attempt.objects.filter(trainee=user, finished_at__isnull=False)
        .select_related("version__study", "question_set")
        .order_by("-finished_at")[:10]
    )
    return render(request, "training/home.html", {"enrolments": enrolments, "attempts": attempts})


@trainee_view
@require_GET
def queue(request: StaffRequest) -> HttpResponse:
    """The practice queue: the library's published studies, as rows of the real queue."""
    versions = (
        CaseStudyVersion.objects.filter(status=CaseStudyVersion.Status.PUBLISHED)
        .select_related("study")
        .order_by("study__slug")
    )
    role = request.GET.get("role", "")
    rows = [version for version in versions if not role or role in version.study.roles]
    return render(request, "training/queue.html", {"rows": rows, "role": role, "roles": TraineeRole.choices})


@trainee_view
@require_POST
def start(request: StaffRequest, study_id: int) -> HttpResponse:
    version = access_study(request.user, study_id)
    return _next(practice.start_attempt(request.user, version))


@trainee_view
@require_GET
def resume(request: StaffRequest, attempt_id: int) -> HttpResponse:
    return _next(access_attempt(request.user, attempt_id))


def _study_attempt(request: StaffRequest, attempt_id: int, *, for_update: bool = False) -> Attempt:
    attempt = access_attempt(request.user, attempt_id, for_update=for_update)
    if attempt.version_id is None:
        raise NotFound()
    return attempt


def _context(attempt: Attempt, **extra: object) -> dict[str, object]:
    return {
        "attempt": attempt,
        "version": attempt.version,
        "reading": practice.reading(attempt.studied, attempt.started_at),
        "stages": practice.stages_of(attempt.studied),
        **extra,
    }


@trainee_view
@require_http_methods(["GET", "POST"])
@transaction.atomic
def triage(request: StaffRequest, attempt_id: int) -> HttpResponse:
    attempt = _study_attempt(request, attempt_id, for_update=request.method == "POST")
    if attempt.finished:
        return _next(attempt)
    form = TriageForm(request.POST or None, initial=attempt.answer)
    if request.method == "POST" and form.is_valid():
        practice.save_stage(attempt, "triage", form.cleaned_data)
        return _next(attempt)
    return render(request, "training/triage.html", _context(attempt, form=form, stage="triage"))


@trainee_view
@require_http_methods(["GET", "POST"])
@transaction.atomic
def referral(request: StaffRequest, attempt_id: int) -> HttpResponse:
    """Choose the recipient and what it receives, see the real preview, then "send" (nothing leaves)."""
    attempt = _study_attempt(request, attempt_id, for_update=request.method == "POST")
    if attempt.finished:
        return _next(attempt)
    form = ReferralForm(request.POST or None, initial=attempt.answer)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data
        if "send" in request.POST:
            practice.save_stage(attempt, "referral", chosen)
            return _next(attempt)
        if chosen["referral"] and "edit" not in request.POST:
            package = practice.package(attempt.studied, target=chosen["referral"], shared=chosen["redaction"])
            return render(
                request,
                "training/referral_preview.html",
                _context(
                    attempt,
                    form=form,
                    stage="referral",
                    package=package,
                    package_html=render_to_string("cases/_package.html", {"package": package}, request=request),
                ),
            )
        if not chosen["referral"] and "edit" not in request.POST:
            practice.save_stage(attempt, "referral", chosen | {"redaction": []})
            return _next(attempt)
    return render(request, "training/referral.html", _context(attempt, form=form, stage="referral"))


@trainee_view
@require_http_methods(["GET", "POST"])
@transaction.atomic
def protocol(request: StaffRequest, attempt_id: int) -> HttpResponse:
    attempt = _study_attempt(request, attempt_id, for_update=request.method == "POST")
    if attempt.finished or "protocol" not in practice.stages_of(attempt.studied):
        return _next(attempt)
    form = ProtocolForm(request.POST or None, initial=attempt.answer)
    if request.method == "POST" and form.is_valid():
        practice.save_stage(attempt, "protocol", form.cleaned_data)
        return _next(attempt)
    return render(
        request,
        "training/protocol.html",
        _context(attempt, form=form, stage="protocol", steps=practice.protocol_steps()),
    )


@trainee_view
@require_GET
def feedback(request: StaffRequest, attempt_id: int) -> HttpResponse:
    attempt = access_attempt(request.user, attempt_id)
    if not attempt.finished:
        return _next(attempt)
    if attempt.question_set_id:
        return render(request, "training/questions_feedback.html", _questions_feedback(attempt))
    return render(request, "training/feedback.html", _context(attempt, feedback=practice.feedback(attempt)))


def _questions_feedback(attempt: Attempt) -> dict[str, object]:
    scores = {part["name"]: part["score"] for part in attempt.parts}
    lines = []
    for question in courses.questions_of(attempt.asked):
        options = {option["key"]: option for option in question.options + question.targets}
        lines.append(
            {
                "question": question,
                "prompt": in_language(question.prompt),
                "percent": round(100 * scores.get(f"q{question.position}", 0)),
                "expected": practice.shown_answer(question.answer, options),
                "given": practice.shown_answer(attempt.answer.get(str(question.position)), options),
                "reason": in_language(question.reason),
            }
        )
    return {"attempt": attempt, "lines": lines}


@trainee_view
@require_http_methods(["GET", "POST"])
@transaction.atomic
def questions(request: StaffRequest, attempt_id: int) -> HttpResponse:
    attempt = access_attempt(request.user, attempt_id, for_update=request.method == "POST")
    if attempt.question_set_id is None:
        raise NotFound()
    if attempt.finished:
        return _next(attempt)
    form = QuestionsForm(request.POST or None, questions=courses.questions_of(attempt.asked))
    if request.method == "POST" and form.is_valid():
        courses.answer_questions(attempt, form.answers())
        return _next(attempt)
    return render(request, "training/questions.html", {"attempt": attempt, "form": form})


@trainee_view
@require_GET
def course(request: StaffRequest, enrolment_id: int) -> HttpResponse:
    enrolment = access_enrolment(request.user, enrolment_id)
    steps = courses.progress(enrolment)
    certificate = getattr(enrolment, "certificate", None) if enrolment.passed_at else None
    return render(
        request,
        "training/course.html",
        {"enrolment": enrolment, "steps": steps, "certificate": certificate, "course": enrolment.cohort.course},
    )


@trainee_view
@require_POST
def start_item(request: StaffRequest, enrolment_id: int, item_id: int) -> HttpResponse:
    enrolment = access_enrolment(request.user, enrolment_id)
    item = enrolment.cohort.course.items.filter(pk=item_id).first()
    if item is None:
        raise NotFound()
    return _next(courses.start_item(enrolment, item))

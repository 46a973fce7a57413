"""The report wizard, the receipt, and the way back to a kept draft. Every page works without
JavaScript; every answer is saved as typed, whatever button was pressed."""

import hmac
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sanad.evidence.uploads import UploadRefused
from sanad.intake import access, actions, complaint, drafts, ratelimit, timing, wizard
from sanad.intake.forms import HeardFromForm, ReturnForm, upload_limits
from sanad.intake.guidance import INTIMATE_IMAGES, advice_after_report, concerns_intimate_images, help_lines_for
from sanad.intake.models import Report, ReportDraft
from sanad.intake.summary import summarise
from sanad.lib.addresses import client_address
from sanad.lib.errors import NotFound

UPLOADS_WAIT = gettext_lazy(
    "You added many files in a short time. Wait a few minutes, then add them again: your answers are saved."
)
NOT_HERE = gettext_lazy("This code does not open a report on this phone. Check the four digits.")
NO_MORE_TRIES = gettext_lazy(
    "For your safety, this report can no longer be opened on this phone. You can start a new one."
)


def step_url(step: wizard.Step, *, from_review: bool = False) -> str:
    url = reverse("intake:step", args=[step.slug])
    return f"{url}?from=review" if from_review else url


def resume_url(request: HttpRequest) -> str | None:
    """Where "Continue my report" leads, if this browser has a report under way."""
    draft = access.live_draft(request)
    answers = wizard.load_answers(draft) if draft else {}
    return step_url(wizard.resume_step(answers)) if wizard.started(answers) else None


def _language_switch(request: HttpRequest) -> str | None:
    """The language a reporter switched to with the header's buttons, which on a step send the
    step's own form: what was typed is saved first, then the step opens in that language."""
    code = request.POST.get("switch_language", "")
    return code if code in dict(settings.LANGUAGES) else None


def _in_language(request: HttpRequest, step: wizard.Step, code: str, *, from_review: bool) -> HttpResponse:
    response = redirect(translate_url(request.build_absolute_uri(step_url(step, from_review=from_review)), code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def _context(
    step: wizard.Step, answers: wizard.Answers, draft: ReportDraft | None, **extra: object
) -> dict[str, object]:
    steps = wizard.flow(answers)
    danger = wizard.danger_flags(answers)
    return {
        "step": step,
        "title": wizard.title(step, answers),
        "steps": [(s, wizard.title(s, answers)) for s in steps],
        "position": steps.index(step) + 1 if step in steps else None,
        "danger": danger,
        # The full danger box once, on its own page; on the later steps one line.
        "danger_in_full": step.slug == "help",
        "help_lines": help_lines_for(danger),
        "return_code": drafts.return_code(str(draft.pk)) if draft else None,
        "switch_form": "wizard",
        **extra,
    }


def _from_review(request: HttpRequest) -> bool:
    return (request.POST if request.method == "POST" else request.GET).get("from") == "review"


@require_http_methods(["GET", "POST"])
@drafts.keeps_draft
def report_start(request: HttpRequest) -> HttpResponse:
    """A report under way: continue it, or start a new one. Without one: the first step."""
    if request.method == "POST":  # "Start a new report": this browser lets the old draft go
        drafts.end_live(request)
        return redirect("intake:step", "danger")
    resume = resume_url(request)
    if resume is None:
        return redirect("intake:step", "danger")
    return render(request, "intake/report_start.html", {"resume_url": resume})


@require_http_methods(["GET", "POST"])
@drafts.keeps_draft
def report_step(request: HttpRequest, slug: str) -> HttpResponse:
    step = wizard.BY_SLUG.get(slug)
    if step is None:
        raise NotFound()
    if step.slug == "evidence":
        return _evidence(request, step)
    if step.slug == "review":
        return _review(request, step)
    if step.slug == "help":
        return _help(request, step)
    assert step.form_class is not None
    from_review = _from_review(request)
    draft = access.live_draft(request, create=request.method == "POST")
    answers = wizard.load_answers(draft) if draft else {}
    if request.method == "POST":
        assert draft is not None
        values = wizard.raw_values(step.form_class, request.POST)
        answers[step.slug] = values
        form = wizard.bound_form(step, answers)
        language = _language_switch(request)
        if language:
            going = step
        elif "back" in request.POST:
            going = wizard.following(step, answers, back=True)
        elif form.is_valid():
            going = wizard.BY_SLUG["review"] if from_review else wizard.following(step, answers)
        else:
            going = step
        actions.save_step(draft, step.slug, values, going_to=going.slug)
        if language:
            return _in_language(request, step, language, from_review=from_review)
        if going is not step:
            return redirect(step_url(going))
        status = 400
    else:
        unfinished = wizard.first_unfinished(answers)
        if unfinished is not None and wizard.index_of(unfinished.slug) < wizard.index_of(step.slug):
            return redirect(step_url(unfinished))
        form = wizard.unbound_form(step, answers)
        status = 200
    context = _context(step, answers, draft, form=form, from_review=from_review)
    return render(request, "intake/step.html", context, status=status)


def _evidence(request: HttpRequest, step: wizard.Step) -> HttpResponse:
    from_review = _from_review(request)
    draft = access.live_draft(request, create=request.method == "POST")
    answers = wizard.load_answers(draft) if draft else {}
    refused: list[tuple[str, str]] = []
    status = 200
    if request.method == "POST":
        assert draft is not None
        if "remove" in request.POST:
            actions.remove_upload(draft, request.POST["remove"])
            return redirect(step_url(step, from_review=from_review))
        uploads = request.FILES.getlist("files")
        waiting = bool(uploads) and ratelimit.uploads_over_limit(request, scope="draft_upload", subject=str(draft.pk))
        if waiting:
            refused.append(("", str(UPLOADS_WAIT)))
            uploads = []
        for upload in uploads:
            try:
                actions.attach_upload(draft, upload, max_files=settings.UPLOAD_MAX_FILES)
            except UploadRefused as error:
                refused.append((upload.name or "", str(error.message)))
        language = _language_switch(request)
        if refused or language or "upload" in request.POST:
            going = step
        elif "back" in request.POST:
            going = wizard.following(step, answers, back=True)
        else:
            going = wizard.BY_SLUG["review"] if from_review else wizard.following(step, answers)
        actions.save_step(draft, "evidence", {"visited": "yes"}, going_to=going.slug)
        if refused:
            status = 429 if waiting else 400
        elif language:
            return _in_language(request, step, language, from_review=from_review)
        else:
            return redirect(step_url(going, from_review=from_review and going is step))
    else:
        unfinished = wizard.first_unfinished(answers)
        if unfinished is not None and wizard.index_of(unfinished.slug) < wizard.index_of(step.slug):
            return redirect(step_url(unfinished))
    files = list(draft.evidence.order_by("received_at")) if draft else []
    context = _context(
        step,
        answers,
        draft,
        files=files,
        refused=refused,
        limits=upload_limits(),
        intimate_images=concerns_intimate_images(
            categories=set(answers.get("what", {}).get("categories", [])), danger=wizard.danger_flags(answers)
        ),
        from_review=from_review,
        **INTIMATE_IMAGES,
    )
    return render(request, "intake/evidence.html", context, status=status)


def _help(request: HttpRequest, step: wizard.Step) -> HttpResponse:
    """Who to call now, after a danger answer; "Continue my report" goes on."""
    draft = access.live_draft(request)
    answers = wizard.load_answers(draft) if draft else {}
    if draft is None or step not in wizard.flow(answers):
        return redirect(step_url(wizard.first_unfinished(answers) or wizard.BY_SLUG["what"]))
    if request.method == "POST":
        language = _language_switch(request)
        if language:
            return _in_language(request, step, language, from_review=False)
        going = wizard.following(step, answers, back="back" in request.POST)
        actions.save_step(draft, "help", {"seen": "yes"}, going_to=going.slug)
        return redirect(step_url(going))
    return render(request, "intake/help.html", _context(step, answers, draft))


def _review(request: HttpRequest, step: wizard.Step) -> HttpResponse:
    if request.method == "POST" and "back" not in request.POST:
        return _send(request)
    draft = access.live_draft(request)
    if draft is None:
        # Already sent (a second tap on "send", a reload): the receipt page shows the same receipt.
        return redirect("intake:sent")
    answers = wizard.load_answers(draft)
    unfinished = wizard.first_unfinished(answers)
    if unfinished is not None:
        return redirect(step_url(unfinished))
    if request.method == "POST":  # "back"
        return redirect(step_url(wizard.following(step, answers, back=True)))
    sections = summarise(answers, files=list(draft.evidence.order_by("received_at")))
    context = _context(step, answers, draft, sections=sections)
    context["switch_form"] = None  # nothing typed here: the header's own language form will do
    return render(request, "intake/review.html", context)


def _send(request: HttpRequest) -> HttpResponse:
    """ "Send": the draft becomes a report (its answers are checked once, inside the send)."""
    draft_id = drafts.live_id(request)
    if not draft_id:
        return redirect("intake:sent")
    # A limit never refuses a report: past it, the report is saved and marked (docs/portal.md).
    over_limit = ratelimit.over_limit("report", client_address(request))
    try:
        actions.submit_report(
            draft_id, language=translation.get_language() or settings.LANGUAGE_CODE, over_limit=over_limit
        )
    except ReportDraft.DoesNotExist:  # purged, or never this browser's
        return redirect("intake:start")
    except actions.DraftIncomplete as incomplete:
        messages.error(request, incomplete.message)
        return redirect(step_url(incomplete.step))
    return redirect("intake:sent")


@require_http_methods(["GET", "POST"])
@drafts.keeps_draft
def report_sent(request: HttpRequest) -> HttpResponse:
    """The receipt, shown until the reporter says they have written it down."""
    draft = access.sent_draft(request)
    if draft is None:
        return redirect("intake:start")
    if request.method == "POST":
        draft.delete()
        drafts.forget(request)
        return redirect("intake:followup")
    report, receipt = cast(Report, draft.report), draft.receipt  # sent_draft: a draft with its report
    categories = set(report.categories.values_list("category", flat=True))
    danger = report.danger_flags
    context = {
        "receipt": receipt,
        "report": report,
        "advice": advice_after_report(categories=categories, danger=danger),
        "danger": danger,
        "help_lines": help_lines_for(danger),
        "read_by": timing.read_by(report),
        "come_back": timing.come_back(report),
        "complaint": complaint.advice(categories=categories, danger=danger),
        "summary_url": reverse("intake:sent_summary"),
        "intimate_images": concerns_intimate_images(categories=categories, danger=danger),
        **INTIMATE_IMAGES,
        "heard_form": HeardFromForm() if report.heard_from is None else None,
    }
    return render(request, "intake/sent.html", context)


@require_POST
@drafts.keeps_draft
def report_heard_from(request: HttpRequest) -> HttpResponse:
    """The optional last question, answered from the receipt page (which it never replaces)."""
    draft = access.sent_draft(request)
    if draft is None:
        return redirect("intake:start")
    form = HeardFromForm(request.POST)
    if form.is_valid():
        actions.note_heard_from(cast(Report, draft.report), form.cleaned_data["heard_from"])
        messages.success(request, _("Thank you for telling us."))
    else:
        messages.error(request, _("Choose one answer, or leave this question."))
    return redirect(reverse("intake:sent") + "#heard-from")


@require_GET
def report_sent_summary(request: HttpRequest) -> HttpResponse:
    """A PDF of what was sent, made now from the sealed report and never stored."""
    draft = access.sent_draft(request)
    if draft is None:
        return redirect("intake:start")
    return complaint.summary_response(cast(Report, draft.report))


@require_http_methods(["GET", "POST"])
@drafts.keeps_draft
def report_return(request: HttpRequest) -> HttpResponse:
    """Back to a kept draft with its four-digit code, on the browser that kept it."""
    form = ReturnForm(request.POST or None)
    if request.method == "GET":
        return render(request, "intake/return.html", {"form": form})
    if not form.is_valid():
        return render(request, "intake/return.html", {"form": form}, status=400)
    draft = access.kept_draft(request)
    # One answer for "no draft kept here" and "wrong code": the page tells nobody a draft exists.
    if draft is None:
        form.add_error("code", NOT_HERE)
        return render(request, "intake/return.html", {"form": form}, status=400)
    if ratelimit.over_limit("draft_resume", str(draft.pk)):
        drafts.forget(request)
        form.add_error("code", NO_MORE_TRIES)
        return render(request, "intake/return.html", {"form": form}, status=429)
    if not hmac.compare_digest(form.cleaned_data["code"], drafts.return_code(str(draft.pk))):
        form.add_error("code", NOT_HERE)
        return render(request, "intake/return.html", {"form": form}, status=400)
    ratelimit.give_back("draft_resume", str(draft.pk))
    drafts.remember(request, str(draft.pk))
    if draft.report_id is not None:
        return redirect("intake:sent")
    return redirect(step_url(wizard.resume_step(wizard.load_answers(draft))))

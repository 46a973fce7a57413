"""The public portal. No staff views here; every page works without JavaScript."""

import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sanad.evidence.uploads import UploadRefused
from sanad.intake import actions, ratelimit, receipts, wizard
from sanad.intake.forms import ReceiptForm, ReplyForm, upload_limits
from sanad.intake.guidance import BY_CATEGORY, GUIDES, KEEP_EVIDENCE, advice_after_report
from sanad.intake.models import Report, ReportDraft
from sanad.intake.summary import summarise
from sanad.lib.errors import NotFound

# The browser holds its draft's id in a signed cookie of its own: a reporter writing a report
# has no server-side session (the follow-up with a receipt has one, FOLLOWUP_KEY).
DRAFT_COOKIE = "sanad_draft"
FOLLOWUP_KEY = "sanad_followup"


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/home.html", {"guides": GUIDES})


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/privacy.html")


@require_GET
def guidance_index(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/guidance_index.html", {"guides": GUIDES, "keep_evidence": KEEP_EVIDENCE})


@require_GET
def guidance(request: HttpRequest, category: str) -> HttpResponse:
    guide = BY_CATEGORY.get(category)
    if guide is None:
        raise NotFound()
    return render(request, "intake/guidance.html", {"guide": guide, "keep_evidence": KEEP_EVIDENCE})


# What a limit says: what happened, that nothing is lost, and what to do (docs/portal.md).
UPLOADS_WAIT = gettext_lazy(
    "You added many files in a short time. Wait a few minutes, then add them again: your answers are saved."
)
MESSAGES_WAIT = gettext_lazy(
    "You sent many messages in a short time. Wait a few minutes, then send this one again: it is still here."
)
RECEIPTS_WAIT = gettext_lazy(
    "Many codes were tried from your network. For your safety, wait 15 minutes, then type your code again."
)


def _uploads_over_limit(request: HttpRequest, own: tuple[str, str]) -> bool:
    """Count an upload against the client's network and against its draft or report."""
    address = ratelimit.client_address(request)
    return any([ratelimit.over_limit("upload", address), ratelimit.over_limit(*own)])


# --- The report wizard ----------------------------------------------------------------


def _draft_id(request: HttpRequest) -> str | None:
    """The id of this browser's draft, unsent or sent, if its cookie is one we signed."""
    return request.get_signed_cookie(DRAFT_COOKIE, default=None, salt=DRAFT_COOKIE)


def _remember_draft(request: HttpRequest, draft_id: str | None) -> None:
    """Give this browser a new draft's id (None: forget it); `keeps_draft` sets the cookie."""
    request.sanad_draft_change = draft_id  # type: ignore[attr-defined]


def keeps_draft(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Write the draft cookie a view changed: signed, HttpOnly, gone when the browser closes."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if not hasattr(request, "sanad_draft_change"):
            return response
        if request.sanad_draft_change is None:
            response.delete_cookie(DRAFT_COOKIE, samesite=settings.SESSION_COOKIE_SAMESITE)
        else:
            response.set_signed_cookie(
                DRAFT_COOKIE,
                request.sanad_draft_change,
                salt=DRAFT_COOKIE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
        return response

    return wrapped


def _draft(request: HttpRequest, *, create: bool = False) -> ReportDraft | None:
    """This browser's unsent draft."""
    draft_id = _draft_id(request)
    draft = ReportDraft.objects.filter(pk=draft_id, report__isnull=True).first() if draft_id else None
    if draft is None and create:
        draft = ReportDraft.objects.create()
        _remember_draft(request, str(draft.pk))
    return draft


def _step_context(step: wizard.Step, answers: wizard.Answers, **extra: object) -> dict[str, object]:
    return {
        "step": step,
        "steps": wizard.STEPS,
        "position": wizard.index_of(step.slug) + 1,
        "danger": wizard.danger_flags(answers),
        **extra,
    }


def _next_url(step: wizard.Step, *, back: bool = False) -> str:
    position = wizard.index_of(step.slug) + (-1 if back else 1)
    return reverse("intake:step", args=[wizard.STEPS[max(position, 0)].slug])


@require_GET
def report_start(request: HttpRequest) -> HttpResponse:
    draft = _draft(request)
    return render(request, "intake/report_start.html", {"resuming": draft is not None and bool(draft.answers_sealed)})


@never_cache
@require_http_methods(["GET", "POST"])
@keeps_draft
def report_step(request: HttpRequest, slug: str) -> HttpResponse:
    step = wizard.BY_SLUG.get(slug)
    if step is None:
        raise NotFound()
    if step.slug == "evidence":
        return report_evidence(request)
    if step.slug == "review":
        return report_review(request)
    draft = _draft(request, create=request.method == "POST")
    answers = wizard.load_answers(draft) if draft else {}
    if request.method == "POST":
        assert draft is not None and step.form_class is not None
        values = wizard.raw_values(step.form_class, request.POST)
        actions.save_step(draft, step.slug, values)
        answers[step.slug] = values
        if "back" in request.POST:
            return redirect(_next_url(step, back=True))
        form = wizard.bound_form(step, answers)
        if form.is_valid():
            return redirect(_next_url(step))
        status = 400
    else:
        unfinished = wizard.first_unfinished(answers)
        if unfinished is not None and wizard.index_of(unfinished.slug) < wizard.index_of(step.slug):
            return redirect("intake:step", unfinished.slug)
        form = wizard.unbound_form(step, answers)
        status = 200
    return render(request, "intake/step.html", _step_context(step, answers, form=form), status=status)


def report_evidence(request: HttpRequest) -> HttpResponse:
    step = wizard.BY_SLUG["evidence"]
    draft = _draft(request, create=request.method == "POST")
    answers = wizard.load_answers(draft) if draft else {}
    refused: list[tuple[str, str]] = []
    if request.method == "POST":
        assert draft is not None
        if "remove" in request.POST:
            actions.remove_upload(draft, request.POST["remove"])
            return redirect("intake:step", "evidence")
        uploads = request.FILES.getlist("files")
        waiting = bool(uploads) and _uploads_over_limit(request, ("draft_upload", str(draft.pk)))
        if waiting:
            refused.append(("", str(UPLOADS_WAIT)))
            uploads = []
        for upload in uploads:
            try:
                actions.attach_upload(draft, upload, max_files=settings.UPLOAD_MAX_FILES)
            except UploadRefused as error:
                refused.append((upload.name or "", str(error.message)))
        actions.save_step(draft, "evidence", {"visited": "yes"})
        if refused:
            status = 429 if waiting else 400
        elif "back" in request.POST:
            return redirect(_next_url(step, back=True))
        elif "upload" in request.POST:
            return redirect("intake:step", "evidence")
        else:
            return redirect(_next_url(step))
    else:
        unfinished = wizard.first_unfinished(answers)
        if unfinished is not None and wizard.index_of(unfinished.slug) < wizard.index_of(step.slug):
            return redirect("intake:step", unfinished.slug)
        status = 200
    files = list(draft.evidence.order_by("received_at")) if draft else []
    context = _step_context(
        step, answers, files=files, refused=refused, limits=upload_limits(), keep_evidence=KEEP_EVIDENCE
    )
    return render(request, "intake/evidence.html", context, status=status)


def report_review(request: HttpRequest) -> HttpResponse:
    step = wizard.BY_SLUG["review"]
    if request.method == "POST" and "back" not in request.POST:
        return _send(request)
    draft = _draft(request)
    if draft is None:
        # Already sent (a second tap on "send", a reload): the receipt page shows the same receipt.
        return redirect("intake:sent")
    answers = wizard.load_answers(draft)
    unfinished = wizard.first_unfinished(answers)
    if unfinished is not None:
        return redirect("intake:step", unfinished.slug)
    if request.method == "POST":  # "back"
        return redirect(_next_url(step, back=True))
    sections = summarise(answers, files=list(draft.evidence.order_by("received_at")))
    return render(request, "intake/review.html", _step_context(step, answers, sections=sections))


def _send(request: HttpRequest) -> HttpResponse:
    """ "Send": the draft becomes a report (its answers are checked once, inside the send)."""
    draft_id = _draft_id(request)
    if not draft_id:
        return redirect("intake:sent")
    # A limit never refuses a report: past it, the report is saved and marked (docs/portal.md).
    over_limit = ratelimit.over_limit("report", ratelimit.client_address(request))
    try:
        actions.submit_report(draft_id, language=get_language() or settings.LANGUAGE_CODE, over_limit=over_limit)
    except ReportDraft.DoesNotExist:  # purged, or never this browser's
        return redirect("intake:start")
    except actions.DraftIncomplete as incomplete:
        messages.error(request, incomplete.message)
        return redirect("intake:step", incomplete.step.slug)
    return redirect("intake:sent")


@never_cache
@require_http_methods(["GET", "POST"])
@keeps_draft
def report_sent(request: HttpRequest) -> HttpResponse:
    """The receipt, shown until the reporter says they have written it down."""
    draft_id = _draft_id(request)
    draft = (
        ReportDraft.objects.filter(pk=draft_id, report__isnull=False).select_related("report").first()
        if draft_id
        else None
    )
    if draft is None:
        return redirect("intake:start")
    if request.method == "POST":
        draft.delete()
        _remember_draft(request, None)
        return redirect("intake:followup")
    report, receipt = draft.report, draft.receipt
    categories = set(report.categories.values_list("category", flat=True))
    danger = {name for name in ("danger_now", "self_harm", "sextortion_deadline") if getattr(report, name)}
    context = {
        "receipt": receipt,
        "report": report,
        "advice": advice_after_report(categories=categories, danger=danger),
        "danger": danger,
    }
    return render(request, "intake/sent.html", context)


# --- Follow-up with the receipt ---------------------------------------------------------


def _followed_report(request: HttpRequest) -> Report | None:
    held = request.session.get(FOLLOWUP_KEY)
    if not held or held.get("until", 0) < time.time():
        return None
    return Report.objects.filter(pk=held["report"]).first()


@never_cache
@require_http_methods(["GET", "POST"])
def followup(request: HttpRequest) -> HttpResponse:
    form = ReceiptForm(request.POST or None)
    if request.method != "POST":
        return render(request, "intake/followup_form.html", {"form": form})
    if not form.is_valid():  # not even the shape of a code: it costs no try
        return render(request, "intake/followup_form.html", {"form": form}, status=400)
    address = ratelimit.client_address(request)
    # A code counts until it proves right, so a guesser's wrong codes are all counted; once the
    # budget is spent every code is refused, right or wrong, so a guess past it learns nothing.
    if ratelimit.over_limit("receipt", address):
        form.add_error(None, RECEIPTS_WAIT)
        return render(request, "intake/followup_form.html", {"form": form, "waiting": True}, status=429)
    report = _report_for_receipt(form.cleaned_data["receipt"])
    if report is None:
        form.add_error("receipt", _("We could not find a report with this code. Check each character and try again."))
        return render(request, "intake/followup_form.html", {"form": form}, status=400)
    ratelimit.give_back("receipt", address)  # a right code is never counted
    request.session.cycle_key()
    request.session[FOLLOWUP_KEY] = {"report": report.pk, "until": time.time() + settings.SANAD_FOLLOWUP_SECONDS}
    return redirect("intake:followup_report")


def _report_for_receipt(code: str) -> Report | None:
    if receipts.normalise(code) is None:
        return None
    candidate = receipts.digest(code)
    report = Report.objects.filter(receipt_digest=candidate).first()
    if report is None or not receipts.matches(candidate, report.receipt_digest):
        return None
    return report


@never_cache
@require_GET
def followup_report(request: HttpRequest) -> HttpResponse:
    report = _followed_report(request)
    if report is None:
        messages.info(request, _("For your safety, the page closed. Enter your receipt code again."))
        return redirect("intake:followup")
    return _render_followup(request, report, reply=ReplyForm())


def _render_followup(
    request: HttpRequest,
    report: Report,
    *,
    reply: ReplyForm,
    refused: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "report": report,
        "history": report.status_history(),
        "thread": report.messages.all(),
        "files": report.evidence.order_by("received_at"),
        "reply": reply,
        "refused": refused or [],
        "limits": upload_limits(),
    }
    return render(request, "intake/followup.html", context, status=status)


@require_POST
def followup_message(request: HttpRequest) -> HttpResponse:
    report = _followed_report(request)
    if report is None:
        return redirect("intake:followup")
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _render_followup(request, report, reply=form, status=400)
    address = ratelimit.client_address(request)
    # Both limits count: one network's, and this report's whatever the network.
    if any([ratelimit.over_limit("message", address), ratelimit.over_limit("report_message", str(report.pk))]):
        form.add_error("body", MESSAGES_WAIT)  # what was typed stays in the box
        return _render_followup(request, report, reply=form, status=429)
    actions.add_reporter_message(report, form.cleaned_data["body"])
    messages.success(request, _("Your message was sent."))
    return redirect("intake:followup_report")


@require_POST
def followup_evidence(request: HttpRequest) -> HttpResponse:
    report = _followed_report(request)
    if report is None:
        return redirect("intake:followup")
    uploads = request.FILES.getlist("files")
    if not uploads:
        return _render_followup(
            request, report, reply=ReplyForm(), refused=[("", _("Choose at least one file."))], status=400
        )
    if _uploads_over_limit(request, ("report_upload", str(report.pk))):
        return _render_followup(request, report, reply=ReplyForm(), refused=[("", str(UPLOADS_WAIT))], status=429)
    refused = []
    for upload in uploads:
        try:
            actions.add_reporter_evidence(report, upload, max_files=settings.UPLOAD_MAX_FILES * 3)
        except UploadRefused as error:
            refused.append((upload.name or "", str(error.message)))
    if refused:
        return _render_followup(request, report, reply=ReplyForm(), refused=refused, status=400)
    messages.success(request, _("Thank you. Your files were added to your report."))
    return redirect("intake:followup_report")


@require_POST
def followup_leave(request: HttpRequest) -> HttpResponse:
    request.session.pop(FOLLOWUP_KEY, None)
    return redirect("intake:home")

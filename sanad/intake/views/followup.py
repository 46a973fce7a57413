"""Follow-up with the receipt: status, when to expect an answer, messages, more evidence,
filing a complaint. The receipt is posted, never in a URL; the page then works from a short
session (SANAD_FOLLOWUP_SECONDS) that quick exit and "close" end on the server."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sanad.evidence.uploads import UploadRefused
from sanad.intake import access, actions, complaint, ratelimit, timing
from sanad.intake.forms import ReceiptForm, ReplyForm, upload_limits
from sanad.intake.guidance import INTIMATE_IMAGES, concerns_intimate_images, help_lines_for
from sanad.intake.models import Report
from sanad.intake.views.report import UPLOADS_WAIT
from sanad.lib.addresses import client_address

MESSAGES_WAIT = gettext_lazy(
    "You sent many messages in a short time. Wait a few minutes, then send this one again: it is still here."
)
RECEIPTS_WAIT = gettext_lazy(
    "Many codes were tried from your network. For your safety, wait 15 minutes, then type your code again."
)


@require_http_methods(["GET", "POST"])
def followup(request: HttpRequest) -> HttpResponse:
    form = ReceiptForm(request.POST or None)
    if request.method != "POST":
        return render(request, "intake/followup_form.html", {"form": form})
    if not form.is_valid():  # not even the shape of a code: it costs no try
        return render(request, "intake/followup_form.html", {"form": form}, status=400)
    address = client_address(request)
    # A code counts until it proves right, so a guesser's wrong codes are all counted; once the
    # budget is spent every code is refused, right or wrong, so a guess past it learns nothing.
    if ratelimit.over_limit("receipt", address):
        # Not a mistake in the code: a notice to wait, with the form and what was typed kept.
        return render(request, "intake/followup_form.html", {"form": form, "wait": RECEIPTS_WAIT}, status=429)
    report = access.report_for_receipt(form.cleaned_data["receipt"])
    if report is None:
        form.add_error("receipt", _("We could not find a report with this code. Check each character and try again."))
        return render(request, "intake/followup_form.html", {"form": form}, status=400)
    ratelimit.give_back("receipt", address)  # a right code is never counted
    access.start_followup(request, report)
    return redirect("intake:followup_report")


@require_GET
def followup_report(request: HttpRequest) -> HttpResponse:
    report = access.followed_report(request)
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
    categories = set(report.categories.values_list("category", flat=True))
    danger = report.danger_flags
    context = {
        "report": report,
        "history": report.status_history(),
        "thread": report.messages.all(),
        "files": report.evidence.order_by("received_at"),
        "reply": reply,
        "refused": refused or [],
        "limits": upload_limits(),
        "danger": danger,
        "help_lines": help_lines_for(danger),
        "read_by": timing.read_by(report),
        "come_back": timing.come_back(report),
        "complaint": complaint.advice(categories=categories, danger=danger),
        "intimate_images": concerns_intimate_images(categories=categories, danger=danger),
        **INTIMATE_IMAGES,
    }
    return render(request, "intake/followup.html", context, status=status)


@require_GET
def followup_summary(request: HttpRequest) -> HttpResponse:
    """A PDF of what was sent, made now from the sealed report and never stored."""
    report = access.followed_report(request)
    if report is None:
        return redirect("intake:followup")
    return complaint.summary_response(report)


@require_POST
def followup_message(request: HttpRequest) -> HttpResponse:
    report = access.followed_report(request)
    if report is None:
        return redirect("intake:followup")
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _render_followup(request, report, reply=form, status=400)
    danger = set(form.cleaned_data["danger"])
    address = client_address(request)
    # Both limits count: one network's, and this report's whatever the network. A message saying
    # someone is in danger is never held back, as a danger report is never limited.
    if not danger and any(
        [ratelimit.over_limit("message", address), ratelimit.over_limit("report_message", str(report.pk))]
    ):
        form.add_error("body", MESSAGES_WAIT)  # what was typed stays in the box
        return _render_followup(request, report, reply=form, status=429)
    actions.add_reporter_message(report, form.cleaned_data["body"], danger=danger)
    messages.success(request, _("Your message was sent."))
    return redirect("intake:followup_report")


@require_POST
def followup_evidence(request: HttpRequest) -> HttpResponse:
    report = access.followed_report(request)
    if report is None:
        return redirect("intake:followup")
    uploads = request.FILES.getlist("files")
    if not uploads:
        return _render_followup(
            request, report, reply=ReplyForm(), refused=[("", _("Choose at least one file."))], status=400
        )
    if ratelimit.uploads_over_limit(request, scope="report_upload", subject=str(report.pk)):
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
    request.session.flush()  # ends the follow-up on the server, not only in this browser
    return redirect("intake:home")

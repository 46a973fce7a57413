"""Referrals: the analyst refers a case (preview, then send); the recipient's liaison reads
what its redaction profile allows, downloads the evidence pack and answers; anyone on
staff checks an evidence pack against our records."""

import hashlib
import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sanad.accounts.models import User
from sanad.accounts.requests import StaffRequest
from sanad.audit.log import history, record
from sanad.cases import notices, pack, redaction
from sanad.cases.access import ReferralNotFound, access_case, access_notice, access_referral, referrals_visible_to
from sanad.cases.actions import (
    AlreadyWithSchool,
    CaseActionError,
    CaseClosed,
    NoAddendumForSchool,
    PreviewOutdated,
    RefusalNeedsReason,
    addendum_snapshot,
    ensure_snapshot,
    fingerprint,
    refer_case,
    reporter_consents_to_school,
    send_addendum,
    update_referral,
)
from sanad.cases.models import Case, Notice, Referral, ReferralStatus, ReferralTarget, referral_deadline
from sanad.cases.reading import file_for
from sanad.cases.referral_forms import (
    AddendumForm,
    NoticeAnswerForm,
    ReferralForm,
    TargetForm,
    UpdateReferralForm,
    VerifyPackForm,
)
from sanad.evidence.uploads import MemoryOnlyUploadHandler
from sanad.evidence.viewer import revealed_in
from sanad.lib.bidi import lines
from sanad.lib.gates import staff_view
from sanad.schools.actions import SchoolCaseError

LIST_PAGE_SIZE = 50
# Packs hold every evidence file of a case, so they outgrow UPLOAD_MAX_BYTES (a single file).
PACK_UPLOAD_MAX_BYTES = 200 * 1024 * 1024
REPEATED_SEND_WINDOW = timedelta(minutes=2)


@staff_view
@require_http_methods(["GET", "POST"])
def refer(request: StaffRequest, case_id: int) -> HttpResponse:
    """Choose the target, write the referral, see exactly what will be sent, then send.

    `?target=` opens the form for that kind of recipient (the case page proposes some).
    """
    case = access_case(request.user, case_id)
    if case.is_closed:
        raise CaseClosed()
    target = request.POST.get("target") or request.GET.get("target") or ""
    if target not in ReferralTarget.values:
        return render(request, "cases/refer.html", {"case": case, "target_form": TargetForm()})
    profile = redaction.PROFILE_FOR_TARGET[ReferralTarget(target)]
    context = {"case": case, "target": ReferralTarget(target), "profile_summary": redaction.PROFILE_SUMMARY[profile]}
    consent = True
    if target == ReferralTarget.SCHOOL:
        consent = reporter_consents_to_school(case)
        context |= {"school": {"consent": consent, "already": case.school_case_id is not None}}
    form = ReferralForm(request.POST if request.method == "POST" else None, target=target, consent=consent)
    valid = form.is_valid()
    if valid and target == ReferralTarget.SCHOOL and case.school_case_id is not None:
        form.add_error(None, str(AlreadyWithSchool.message))
        valid = False
    if not valid or "edit" in request.POST:
        return _refer_form(request, context, form)
    data = form.cleaned_data
    brief, legal_ground = data["brief"], data.get("legal_ground", "")
    snapshot = redaction.freeze(case, target=target, brief=brief, legal_ground=legal_ground)
    if "send" in request.POST:
        try:
            with transaction.atomic():
                # Lock the case: a double tap on "send" waits here, then finds the referral just made;
                # a report linked meanwhile waits too, and the snapshot taken under the lock is compared
                # with the one previewed.
                case = access_case(request.user, case_id, for_update=True)
                referral = _just_sent(case, data, request.user) or refer_case(
                    case,
                    target=target,
                    organisation=data["organisation"],
                    brief=brief,
                    legal_ground=legal_ground,
                    safeguarding_reason=data.get("safeguarding_reason", ""),
                    previewed=request.POST.get("fingerprint", ""),
                    by=request.user,
                )
        except PreviewOutdated:
            snapshot = redaction.freeze(case, target=target, brief=brief, legal_ground=legal_ground)
        except (CaseActionError, SchoolCaseError) as error:
            # Nothing was saved; the analyst finds what they wrote, with the reason.
            form.add_error(None, str(error.message))
            return _refer_form(request, context, form)
        else:
            messages.success(
                request,
                _("Referral sent to %(organisation)s. Its evidence pack is being prepared.")
                % {"organisation": referral.organisation.name},
            )
            return redirect("cases:referral", referral_id=referral.pk)
    return _preview(
        request,
        context
        | {"form": form, "changed": "send" in request.POST, "answer_due": timezone.now() + referral_deadline(target)},
        case=case,
        snapshot=snapshot,
    )


def _preview(request: StaffRequest, context: dict, *, case: Case, snapshot: redaction.Snapshot) -> HttpResponse:
    """What the recipient would receive, exactly; reading it is reading the case's personal data."""
    content = redaction.render(snapshot)
    record(
        request.user,
        "referral.previewed",
        object_type="case",
        object_id=case.pk,
        target=snapshot["target"],
        snapshot=fingerprint(snapshot),
    )
    context |= {
        "package": content,
        "package_html": render_to_string("cases/_package.html", {"package": content}),
        "fingerprint": fingerprint(snapshot),
    }
    return render(request, "cases/refer_preview.html", context)


@staff_view
@require_http_methods(["GET", "POST"])
def addendum(request: StaffRequest, referral_id: int) -> HttpResponse:
    """Send a recipient what the case gained since their referral: previewed, then frozen like it."""
    referral = access_referral(request.user, referral_id).first
    case = access_case(request.user, referral.case_id)  # the centre's: a liaison reads only the referral
    if case.is_closed:
        raise CaseClosed()
    if referral.target == ReferralTarget.SCHOOL:
        raise NoAddendumForSchool()
    form = AddendumForm(request.POST if request.method == "POST" else None)
    context = {"case": case, "referral": referral, "target": ReferralTarget(referral.target)}
    brief = form.cleaned_data["brief"] if form.is_valid() else ""
    if request.method == "GET" or not form.is_valid() or "edit" in request.POST:
        context |= {"form": form, "new": redaction.render(addendum_snapshot(referral, brief=""))}
        return render(request, "cases/addendum.html", context, status=400 if form.errors else 200)
    snapshot = addendum_snapshot(referral, brief=brief)
    if "send" in request.POST:
        try:
            with transaction.atomic():
                access_case(request.user, case.pk, for_update=True)
                sent = send_addendum(
                    referral, brief=brief, previewed=request.POST.get("fingerprint", ""), by=request.user
                )
        except PreviewOutdated:
            snapshot = addendum_snapshot(referral, brief=brief)
        except CaseActionError as error:
            form.add_error(None, str(error.message))
            context |= {"form": form, "new": redaction.render(addendum_snapshot(referral, brief=""))}
            return render(request, "cases/addendum.html", context, status=400)
        else:
            messages.success(
                request,
                _("Addendum sent to %(organisation)s. Its evidence pack is being prepared.")
                % {"organisation": sent.organisation.name},
            )
            return redirect("cases:referral", referral_id=sent.pk)
    context |= {
        "form": form,
        "addendum": True,
        "organisation": referral.organisation,
        "changed": "send" in request.POST,
        "answer_due": timezone.now() + referral_deadline(referral.target),
    }
    return _preview(request, context, case=case, snapshot=snapshot)


def _refer_form(request: HttpRequest, context: dict, form: ReferralForm) -> HttpResponse:
    context |= {"form": form, "no_organisation": not form.organisations.exists()}
    return render(request, "cases/refer.html", context, status=400 if form.errors else 200)


@staff_view
@require_GET
def referral_list(request: StaffRequest) -> HttpResponse:
    """A liaison's referrals (their organisation's only); for centre staff, every referral. Overdue first."""
    user = request.user
    only_overdue = request.GET.get("show") == "overdue"
    referrals = referrals_visible_to(user)
    if only_overdue:
        referrals = referrals.overdue()
    page = Paginator(referrals.in_follow_up_order(), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "only_overdue": only_overdue,
        "overdue_count": referrals_visible_to(user).overdue().count(),
    }
    return render(request, "cases/referral_list.html", context)


@staff_view
@require_GET
def referral_detail(request: StaffRequest, referral_id: int) -> HttpResponse:
    """What the recipient receives, never the case page: the same package as the PDF summary."""
    referral = access_referral(request.user, referral_id)
    record(request.user, "referral.viewed", object_type="referral", object_id=referral.pk, case=referral.case_id)
    form = UpdateReferralForm(initial={"status": referral.status}) if request.user.is_liaison else None
    return _detail(request, referral, form)


@staff_view
@require_POST
def update(request: StaffRequest, referral_id: int) -> HttpResponse:
    """The liaison acknowledges or answers (a refusal needs its reason)."""
    form = UpdateReferralForm(request.POST)
    with transaction.atomic():
        referral = access_referral(request.user, referral_id, for_update=True, answering=True)
        if form.is_valid():
            try:
                update_referral(
                    referral, status=form.cleaned_data["status"], answer=form.cleaned_data["answer"], by=request.user
                )
            except RefusalNeedsReason as error:
                form.add_error("answer", str(error.message))
            else:
                messages.success(request, _("Your update was recorded. The national centre sees it now."))
                return redirect("cases:referral", referral_id=referral.pk)
    return _detail(request, referral, form, status=400)


@staff_view
@require_POST
def answer_notice(request: StaffRequest, referral_id: int, notice_id: int) -> HttpResponse:
    """A platform's answer to one notice, recorded by the centre for a platform without API access
    (or by the platform's own liaison): removed, restricted, or refused with its reason."""
    form = NoticeAnswerForm(request.POST, notice=notice_id)
    with transaction.atomic():
        referral = access_referral(request.user, referral_id)
        notice = access_notice(request.user, referral, notice_id, for_update=True)
        if form.is_valid():
            try:
                notices.answer_notice(
                    notice,
                    state=form.cleaned_data["state"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                    via="staff" if request.user.handles_cases else "liaison",
                )
            except notices.NoticeError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("The platform's answer is recorded; the notice's clock stopped."))
                return redirect(reverse("cases:referral", args=[referral.pk]) + f"#notice-{notice.pk}")
    return _detail(request, referral, None, status=400, notice_form=(notice.pk, form))


@staff_view
@require_GET
def download_pack(request: StaffRequest, referral_id: int) -> HttpResponse:
    referral = access_referral(request.user, referral_id)
    if not referral.pack_name:
        raise ReferralNotFound()  # not built yet: the page says it is being prepared
    archive = pack.read_pack(referral)
    record(
        request.user,
        "referral.pack_downloaded",
        object_type="referral",
        object_id=referral.pk,
        case=referral.case_id,
        sha256=referral.pack_sha256,
    )
    response = HttpResponse(archive, content_type="application/zip")
    name = f"sanad-{referral.case.reference}-{referral.target}-{referral.pk}.zip"
    # As an attachment the header is always made (None only for an inline file without a name).
    response["Content-Disposition"] = cast(str, content_disposition_header(True, name))
    return response


class PackUploadHandler(MemoryOnlyUploadHandler):
    """The project's upload handler (memory only, never a clear copy on disk) with the pack limit."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if not self.too_large and start + len(raw_data) > PACK_UPLOAD_MAX_BYTES:
            self.too_large = True
            self.buffer = io.BytesIO()
        if not self.too_large:
            self.buffer.write(raw_data)
        return None


# CSRF is checked inside, once the upload handler is swapped: the middleware would read the
# body first, with the 20 MB limit of evidence files (Django's documented pattern).
@csrf_exempt
@staff_view
@require_http_methods(["GET", "POST"])
def verify_pack(request: StaffRequest) -> HttpResponse:
    request.upload_handlers = [PackUploadHandler(request)]
    return _verify_pack(request)


@csrf_protect
def _verify_pack(request: StaffRequest) -> HttpResponse:
    max_megabytes = PACK_UPLOAD_MAX_BYTES // (1024 * 1024)
    if request.method != "POST":
        return render(request, "cases/verify_pack.html", {"form": VerifyPackForm(max_megabytes=max_megabytes)})
    form = VerifyPackForm(request.POST, request.FILES, max_megabytes=max_megabytes)
    if not form.is_valid():
        return render(request, "cases/verify_pack.html", {"form": form}, status=400)
    archive = form.cleaned_data["archive"].read()
    digest = hashlib.sha256(archive).hexdigest()
    result = pack.verify_pack(archive, may_see=lambda referral: _visible(request.user, referral) is not None)
    record(
        request.user,
        "pack.verified",
        object_type="referral" if result.referral else "",
        object_id=result.referral.pk if result.referral else "",
        sha256=digest,
        intact=result.intact,
    )
    context = {
        "form": VerifyPackForm(max_megabytes=max_megabytes),
        "result": result,
        "sha256": digest,
        "referral": result.referral,
    }
    return render(request, "cases/verify_pack.html", context)


def _just_sent(case: Case, data: dict, user: User) -> Referral | None:
    """The same referral sent by the same person moments ago: a repeated "send", not a new referral."""
    recent = case.referrals.filter(
        target=data["target"],
        organisation=data["organisation"],
        sent_by=user,
        sent_at__gte=timezone.now() - REPEATED_SEND_WINDOW,
    )
    return next((referral for referral in recent if referral.brief == data["brief"].strip()), None)


def _visible(user: User, referral: Referral | None) -> Referral | None:
    """The matching referral when this user may see it; others learn only that it is ours."""
    if referral is None:
        return None
    try:
        return access_referral(user, referral.pk)
    except ReferralNotFound:
        return None


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    status: str
    role: str


def _history(referral: Referral) -> list[HistoryEntry]:
    events = history("referral", referral.pk, actions=["referral.sent", "referral.updated"])
    roles = dict(User.Role.choices)
    statuses = dict(ReferralStatus.choices)
    return [
        HistoryEntry(
            at=event.at,
            status=str(statuses.get(event.detail.get("new", ReferralStatus.SENT), "")),
            role=str(roles.get(event.role, "")),
        )
        for event in events
    ]


def _notice_form(notice: Notice, bound_id: int | None, bound: NoticeAnswerForm | None) -> NoticeAnswerForm | None:
    if notice.is_answered:
        return None
    return bound if notice.pk == bound_id and bound is not None else NoticeAnswerForm(notice=notice.pk)


def _detail(
    request: StaffRequest,
    referral: Referral,
    form: UpdateReferralForm | None,
    status: int = 200,
    notice_form: tuple[int, NoticeAnswerForm] | None = None,
) -> HttpResponse:
    referral = ensure_snapshot(referral)
    may_answer = request.user.handles_cases or request.user.is_liaison
    bound_id, bound = notice_form or (None, None)
    context = {
        # Its notices (a platform referral), each with the form to record the platform's answer.
        "notices": [
            (row, _notice_form(row.notice, bound_id, bound) if may_answer else None)
            for row in notices.rows_of([referral]).get(referral.pk, [])
        ],
        "referral": referral,
        # What was sent, frozen: never the case as it is now.
        "package": redaction.render(referral.snapshot),
        "addenda": list(referral.first.addenda.order_by("sent_at", "pk")) if referral.addendum_to_id is None else [],
        "history": _history(referral),
        "answer": lines(referral.answer),
        "form": form,
        # The files it shares (frozen when it was sent), blurred until revealed, with the same
        # audited reveal as the centre's.
        "files": [
            file_for(item.evidence, revealed_in(request.session))
            for item in referral.files.select_related("evidence").order_by("pk")
        ],
    }
    return render(request, "cases/referral_detail.html", context, status=status)

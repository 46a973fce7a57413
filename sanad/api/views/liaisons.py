"""Authorities (police, gendarmerie, prosecutors): the referrals sent to them, acknowledged and
updated, and their evidence packs. What a partner receives is exactly what the referral sent:
its frozen snapshot, redacted for its recipient when it was sent, and the same sealed pack the
liaison's page gives."""

from typing import Any, cast

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from ninja import Query, Router, Schema
from pydantic import Field

from sanad.api.access import ReferralNotFound, access_referral, referrals_of
from sanad.api.auth import COMMON_ERRORS, require_scope
from sanad.api.models import Scope
from sanad.api.schemas import Error, ReferralOut, ReferralSummary, ReferralUpdate
from sanad.audit.log import record
from sanad.cases import pack
from sanad.cases.actions import ensure_snapshot, update_referral
from sanad.cases.models import Referral, ReferralStatus

router = Router(tags=["authorities"])
ERRORS = dict.fromkeys(COMMON_ERRORS, Error)


class PackNotReady(ReferralNotFound):
    code = "pack_not_ready"
    message = "The evidence pack is being prepared. Try again in a minute."


def summary(referral: Referral) -> dict[str, Any]:
    return {
        "id": referral.pk,
        "case_reference": referral.case.reference,
        "target": referral.target,
        "status": referral.status,
        "addendum_to": referral.addendum_to_id,
        "sent_at": referral.sent_at,
        "answer_due": referral.answer_due,
        "acknowledged_at": referral.acknowledged_at,
        "answered_at": referral.answered_at,
        "overdue": referral.is_overdue(),
        "pack_ready": bool(referral.pack_name),
        "pack_sha256": referral.pack_sha256,
    }


def sent(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The snapshot as sent, without our internal file ids (a file is named by its hash)."""
    files = [{key: value for key, value in item.items() if key != "evidence"} for item in snapshot.get("files", [])]
    return {key: value for key, value in snapshot.items() if key != "version"} | {"files": files}


def detail(referral: Referral) -> ReferralOut:
    referral = ensure_snapshot(referral)
    return ReferralOut(**summary(referral), answer=referral.answer, sent=sent(referral.snapshot))


class ReferralFilter(Schema):
    status: ReferralStatus | None = None
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


@router.get("/referrals", response={200: list[ReferralSummary], **ERRORS}, summary="List your referrals")
def list_referrals(request: HttpRequest, filters: Query[ReferralFilter]) -> list[dict[str, Any]]:
    token = require_scope(request, Scope.REFERRALS_READ)
    found = referrals_of(token).in_follow_up_order()
    if filters.status:
        found = found.filter(status=filters.status)
    return [summary(referral) for referral in found[filters.offset : filters.offset + filters.limit]]


@router.get("/referrals/{referral_id}", response={200: ReferralOut, **ERRORS}, summary="Read a referral")
def get_referral(request: HttpRequest, referral_id: int) -> ReferralOut:
    """What the centre sent, frozen when it was sent (later material comes as an addendum, a referral
    of its own with `addendum_to`)."""
    token = require_scope(request, Scope.REFERRALS_READ)
    referral = access_referral(token, referral_id)
    record(
        None,
        "referral.viewed",
        object_type="referral",
        object_id=referral.pk,
        case=referral.case_id,
        via="api",
        token=token.pk,
    )
    return detail(referral)


@router.post(
    "/referrals/{referral_id}/acknowledge", response={200: ReferralOut, **ERRORS}, summary="Acknowledge a referral"
)
def acknowledge(request: HttpRequest, referral_id: int) -> ReferralOut:
    """Received. Repeating it, or acknowledging a referral already updated, changes nothing."""
    token = require_scope(request, Scope.REFERRALS_ANSWER)
    with transaction.atomic():
        referral = access_referral(token, referral_id, for_update=True)
        if referral.status == ReferralStatus.SENT:
            update_referral(referral, status=ReferralStatus.RECEIVED, answer="", by=None, via="api")
    return detail(access_referral(token, referral_id))


@router.post("/referrals/{referral_id}/update", response={200: ReferralOut, **ERRORS}, summary="Update a referral")
def update(request: HttpRequest, referral_id: int, body: ReferralUpdate) -> ReferralOut:
    """Investigating, content removed, refused (with why), closed; with an answer the centre reads."""
    token = require_scope(request, Scope.REFERRALS_ANSWER)
    with transaction.atomic():
        referral = access_referral(token, referral_id, for_update=True)
        # A refusal without its reason is refused (400, refusal_reason), as on the liaison's page.
        update_referral(referral, status=body.status, answer=body.answer, by=None, via="api")
    return detail(access_referral(token, referral_id))


@router.get(
    "/referrals/{referral_id}/pack",
    response=ERRORS,
    summary="Download the evidence pack",
    openapi_extra={
        "responses": {
            "200": {
                "description": "the sealed pack as sent: a ZIP with summaries, files and a manifest of their hashes",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def download_pack(request: HttpRequest, referral_id: int) -> HttpResponse:
    """The same archive the liaison's page gives; check it with its SHA-256 (`pack_sha256`)."""
    token = require_scope(request, Scope.PACKS_READ)
    referral = access_referral(token, referral_id)
    if not referral.pack_name:
        raise PackNotReady()
    archive = pack.read_pack(referral)
    record(
        None,
        "referral.pack_downloaded",
        object_type="referral",
        object_id=referral.pk,
        case=referral.case_id,
        sha256=referral.pack_sha256,
        via="api",
        token=token.pk,
    )
    response = HttpResponse(archive, content_type="application/zip")
    name = f"sanad-{referral.case.reference}-{referral.target}-{referral.pk}.zip"
    # As an attachment the header is always made (None only for an inline file without a name).
    response["Content-Disposition"] = cast(str, content_disposition_header(True, name))
    return response

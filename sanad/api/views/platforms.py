"""Platforms: the notices sent to them, acknowledged and answered (removed, restricted, refused)."""

from datetime import datetime
from typing import cast

from django.db import transaction
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from sanad.api.access import access_notice, notices_of
from sanad.api.auth import COMMON_ERRORS, require_scope
from sanad.api.models import Scope
from sanad.api.schemas import Error, NoticeAnswer, NoticeOut, NoticeStateName
from sanad.cases import notices
from sanad.cases.models import Notice, NoticeState

router = Router(tags=["platforms"])
ERRORS = dict.fromkeys(COMMON_ERRORS, Error)


def notice_out(notice: Notice) -> NoticeOut:
    return NoticeOut(
        id=notice.pk,
        referral_id=notice.referral_id,
        case_reference=notice.referral.case.reference,
        platform=notice.platform,
        kind=notice.kind,
        content=notice.content,
        category=notice.category,
        legal_ground=notice.legal_ground,
        clock=notice.clock,
        state=cast(NoticeStateName, notice.state),  # one of NoticeState's values
        sent_at=notice.sent_at,
        due_at=notice.due_at,
        acknowledged_at=notice.acknowledged_at,
        answered_at=notice.answered_at,
        expired_at=notice.expired_at,
        reason=notice.reason,
    )


class NoticeFilter(Schema):
    state: NoticeState | None = Field(None, description="only notices in this state")
    since: datetime | None = Field(None, description="only notices sent at or after this time")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


@router.get("/notices", response={200: list[NoticeOut], **ERRORS}, summary="List your notices")
def list_notices(request: HttpRequest, filters: Query[NoticeFilter]) -> list[NoticeOut]:
    """Your organisation's notices, oldest deadline first; `state=sent` gives those not acknowledged yet."""
    token = require_scope(request, Scope.NOTICES_READ)
    found = notices_of(token).order_by("due_at", "pk")
    if filters.state:
        found = found.filter(state=filters.state)
    if filters.since:
        found = found.filter(sent_at__gte=filters.since)
    return [notice_out(notice) for notice in found[filters.offset : filters.offset + filters.limit]]


@router.get("/notices/{notice_id}", response={200: NoticeOut, **ERRORS}, summary="Read a notice")
def get_notice(request: HttpRequest, notice_id: int) -> NoticeOut:
    token = require_scope(request, Scope.NOTICES_READ)
    return notice_out(access_notice(token, notice_id))


@router.post("/notices/{notice_id}/acknowledge", response={200: NoticeOut, **ERRORS}, summary="Acknowledge a notice")
def acknowledge(request: HttpRequest, notice_id: int) -> NoticeOut:
    """You have it and are looking at it. Repeating it changes nothing. The clock keeps running."""
    token = require_scope(request, Scope.NOTICES_ANSWER)
    with transaction.atomic():
        notice = notices.acknowledge_notice(access_notice(token, notice_id, for_update=True), by=None, via="api")
    return notice_out(notice)


@router.post("/notices/{notice_id}/answer", response={200: NoticeOut, 409: Error, **ERRORS}, summary="Answer a notice")
def answer(request: HttpRequest, notice_id: int, body: NoticeAnswer) -> NoticeOut:
    """Removed, restricted, or refused with your reason. The clock stops; an answer is final (the same
    answer again is accepted; a different one is 409)."""
    token = require_scope(request, Scope.NOTICES_ANSWER)
    with transaction.atomic():
        notice = notices.answer_notice(
            access_notice(token, notice_id, for_update=True),
            state=body.state,
            reason=body.reason,
            by=None,
            via="api",
        )
    return notice_out(notice)

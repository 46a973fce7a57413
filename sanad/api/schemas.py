"""The API's typed bodies (pydantic, through django-ninja): the OpenAPI schema is made from these."""

from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from sanad.intake.models import AgeBand, Category, Gender, Ongoing, ReporterRole, Started


def _choices(values: list[str]) -> Any:
    # A Literal made at run time for pydantic and the schema; mypy cannot read it as a type (ignores below).
    return Literal[tuple(values)]


class Error(Schema):
    error: str = Field(description="a stable code, e.g. notice_not_found, scope_missing, rate_limited")
    message: str
    fields: dict[str, list[str]] | None = Field(None, description="per field, what is wrong (validation errors)")


# A notice's state as the API names it (NoticeState's values).
NoticeStateName = Literal["sent", "acknowledged", "removed", "restricted", "refused", "expired"]


class NoticeOut(Schema):
    id: int
    referral_id: int
    case_reference: str
    platform: str = Field(description="platform code of the identifier, empty when unknown")
    kind: str = Field(description="url, handle, phone or player (in-game id)")
    content: str = Field(description="the exact link, handle or id as the reporter typed it")
    category: str
    legal_ground: str
    clock: str = Field(description="kind of content whose clock applies (sexual_minor, other, a category)")
    state: NoticeStateName
    sent_at: datetime
    due_at: datetime
    acknowledged_at: datetime | None
    answered_at: datetime | None
    expired_at: datetime | None
    reason: str = Field(description="the platform's reason for a refusal")


class NoticeAnswer(Schema):
    state: Literal["removed", "restricted", "refused"]
    reason: str = Field("", max_length=2000, description="required for refused")


class ReferralSummary(Schema):
    id: int
    case_reference: str
    target: str
    status: str
    addendum_to: int | None
    sent_at: datetime
    answer_due: datetime
    acknowledged_at: datetime | None
    answered_at: datetime | None
    overdue: bool
    pack_ready: bool
    pack_sha256: str


class ReferralOut(ReferralSummary):
    answer: str
    sent: dict[str, Any] = Field(
        description="what the referral sent, frozen when it was sent and redacted for its recipient: "
        "categories, brief, legal_ground, reports, identifiers (value and as typed), files (name, sha256, size), school"
    )


class ReferralUpdate(Schema):
    status: Literal["received", "investigating", "content_removed", "refused", "closed"]
    answer: str = Field("", max_length=10000, description="required for refused")


class Contact(Schema):
    method: Literal["phone", "whatsapp", "email"]
    value: str = Field(max_length=200)
    safe: bool = Field(description="the person confirmed it is safe to contact them there")


class ReportIn(Schema):
    language: Literal["ar", "fr", "en"] = Field(description="the language of the person reporting")
    danger_now: bool
    self_harm: bool
    sextortion_deadline: bool
    reporter_role: _choices(ReporterRole.values)  # type: ignore[valid-type]
    categories: list[_choices(Category.values)] = Field(min_length=1, max_length=10)  # type: ignore[valid-type]
    description: str = Field(min_length=1, max_length=10000)
    platforms: list[str] = Field(default_factory=list, max_length=20, description="platform codes")
    identifiers: list[str] = Field(default_factory=list, max_length=20, description="usernames, links, numbers")
    started: _choices(Started.values)  # type: ignore[valid-type]
    ongoing: _choices(Ongoing.values)  # type: ignore[valid-type]
    victim_age_band: _choices(AgeBand.values)  # type: ignore[valid-type]
    victim_gender: _choices(Gender.values)  # type: ignore[valid-type]
    region: str | None = Field(None, max_length=40, description="region code, or null")
    told: list[Literal["parent", "teacher", "friend", "other_adult", "nobody"]] = Field(min_length=1, max_length=5)
    contact: Contact | None = Field(None, description="only if the person wants to be contacted")
    consent_share: bool = False
    school: str = Field("", max_length=200)


class ReportReceived(Schema):
    reference: str
    receipt: str = Field(description="give it to the child: with it they follow the report on the portal")
    urgency: Literal["P0", "P1", "P2", "P3"]
    followup_url: str


class WebhookIn(Schema):
    url: str = Field(max_length=500, description="an https:// address")


class WebhookOut(Schema):
    id: int
    url: str
    created_at: datetime


class WebhookCreated(WebhookOut):
    secret: str = Field(description="the signing secret, shown once")

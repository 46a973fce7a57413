"""The notice ledger: a platform referral is a set of notices, one per item of content, each with
its legal clock (docs/notices.md).

- `create_notices(referral)`: when a platform referral (or its addendum) is sent, one notice per
  link, account, phone account or in-game id of its frozen snapshot: the exact text the reporter
  typed, the legal ground, the case's category and the clock of its kind of content
  (`SANAD_NOTICE_CLOCKS`). Payment references and e-mail addresses stay in the referral: they are
  not content a platform takes down.
- `acknowledge_notice`, `answer_notice`: the platform's answers (through the API, or recorded by
  the centre's staff on the referral page for a platform without API access). A removal,
  restriction or refusal stops the clock.
- `watch_notice_clocks` (periodic): a reminder to the platform before the clock runs out, and an
  overdue notice is marked expired and escalated to the centre's supervisors.
- `removal_times(...)`: how fast content comes down, per platform and kind of content, for the
  statistics.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from sanad.accounts.models import User
from sanad.audit.log import record
from sanad.audit.notify import notify_once
from sanad.cases.models import (
    NOTICE_ANSWERS,
    NOTICE_TAKEN_DOWN,
    Notice,
    NoticeState,
    Referral,
    ReferralTarget,
)
from sanad.cases.reading import duration
from sanad.cases.tasks import _link, _when, liaisons_of, supervisors_of
from sanad.lib.categories import Category
from sanad.lib.errors import SanadError

# Identifier kinds that are an item of content or an account at a platform.
NOTICE_KINDS = {"url", "handle", "phone", "player"}
# The kind of content whose clock is the shortest: sexual content involving a minor.
SEXUAL_MINOR = "sexual_minor"
OTHER = "other"


class NoticeError(SanadError):
    code = "notice"
    message = gettext_lazy("This answer cannot be recorded for this notice.")


class NoticeRefusalNeedsReason(NoticeError):
    code = "notice_refusal_reason"
    message = gettext_lazy("Please give the platform's reason for refusing.")


class NoticeAlreadyAnswered(NoticeError):
    code = "notice_answered"
    status = 409
    message = gettext_lazy("This notice was already answered; its answer stays as recorded.")


def clock_for(categories: list[str]) -> tuple[str, timedelta]:
    """The kind of content whose clock applies to these categories, and its length: the shortest
    of sexual_minor (sexual exploitation: Sanad's content always concerns a minor), any category
    given its own clock, and other."""
    clocks = settings.SANAD_NOTICE_CLOCKS
    kinds = [OTHER, *(code for code in categories if code in clocks)]
    if Category.SEXUAL_EXPLOITATION in categories and SEXUAL_MINOR in clocks:
        kinds.append(SEXUAL_MINOR)
    return min(((clocks[kind], kind) for kind in kinds), key=lambda pair: (pair[0], pair[1]))[::-1]


def main_category(categories: list[str], clock: str) -> str:
    """The category a notice is filed under: its clock's, else the first in the category list."""
    if clock == SEXUAL_MINOR:
        return Category.SEXUAL_EXPLOITATION
    if clock in categories:
        return clock
    ordered = [code for code in Category.values if code in categories]
    return ordered[0] if ordered else Category.OTHER


def create_notices(referral: Referral) -> list[Notice]:
    """The notices of a platform referral just sent, from its frozen snapshot (in its transaction)."""
    if referral.target != ReferralTarget.PLATFORM:
        return []
    snapshot = referral.snapshot
    categories = list(snapshot.get("categories", []))
    clock, length = clock_for(categories)
    category = main_category(categories, clock)
    notices = []
    for position, item in enumerate(snapshot.get("identifiers", [])):
        if item["kind"] not in NOTICE_KINDS:
            continue
        notice = Notice(
            referral=referral,
            position=position,
            kind=item["kind"],
            platform=item.get("platform", ""),
            category=category,
            legal_ground=snapshot.get("legal_ground", "")[:300],
            clock=clock,
            sent_at=referral.sent_at,
            due_at=referral.sent_at + length,
        )
        notice.content = item.get("typed") or item["value"]  # the exact link, as the reporter typed it
        notices.append(notice)
    Notice.objects.bulk_create(notices)
    if notices:
        record(
            referral.sent_by,
            "notice.sent",
            object_type="referral",
            object_id=referral.pk,
            case=referral.case_id,
            notices=len(notices),
            clock=clock,
        )
    return notices


def _audit(notice: Notice, action: str, *, by: User | None, via: str, **detail: object) -> None:
    record(
        by,
        action,
        object_type="notice",
        object_id=notice.pk,
        referral=notice.referral_id,
        via=via,
        **detail,
    )


@transaction.atomic
def acknowledge_notice(notice: Notice, *, by: User | None, via: str) -> Notice:
    """The platform has the notice. Safe to repeat: the first time counts. The caller holds its lock."""
    if notice.acknowledged_at is not None:
        return notice
    notice.acknowledged_at = timezone.now()
    if notice.state == NoticeState.SENT:
        notice.state = NoticeState.ACKNOWLEDGED
    notice.save(update_fields=["acknowledged_at", "state"])
    _audit(notice, "notice.acknowledged", by=by, via=via)
    return notice


@transaction.atomic
def answer_notice(notice: Notice, *, state: str, reason: str = "", by: User | None, via: str) -> Notice:
    """The platform removed, restricted or refused (with its reason). The clock stops; an answer is
    final (a second, identical answer is accepted as a repeat). The caller holds the notice's lock.

    `via`: "api" (the platform's token) or "staff" (recorded by the centre for a platform without
    API access)."""
    if state not in NOTICE_ANSWERS:
        raise NoticeError()
    reason = reason.strip()
    if state == NoticeState.REFUSED and not reason:
        raise NoticeRefusalNeedsReason()
    if notice.is_answered:
        if notice.state == state:
            return notice
        raise NoticeAlreadyAnswered()
    now = timezone.now()
    previous = notice.state
    notice.state = state
    notice.answered_at = now
    notice.acknowledged_at = notice.acknowledged_at or now
    notice.answered_via = via
    if reason:
        notice.reason = reason[:2000]
    notice.save(update_fields=["state", "answered_at", "acknowledged_at", "answered_via", "reason_sealed"])
    _audit(
        notice,
        "notice.answered",
        by=by,
        via=via,
        old=previous,
        new=state,
        met_clock=notice.met_clock,
        hours=round((now - notice.sent_at).total_seconds() / 3600, 2),
    )
    return notice


# --- The clocks: reminders before they run out, escalation after -----------------------------


@task()
def watch_notice_clocks() -> int:
    """Remind platforms of notices whose clock runs out soon; mark the overdue expired and tell the
    centre's supervisors (once each). A met clock (an answer) stops all of it. Safe to run again."""
    now = timezone.now()
    told = 0
    soon = now + settings.SANAD_NOTICE_REMINDER_BEFORE
    for notice in _waiting().filter(reminded_at__isnull=True, due_at__lte=soon, due_at__gt=now):
        told += _remind(notice, now)
    for notice in _waiting().filter(expired_at__isnull=True, due_at__lte=now):
        _expire(notice, now)
    # Escalated after the expiry is committed; the ledger's key makes a repeat (or a retry after a
    # failed send, within a day) cost one refused insert.
    for notice in _waiting().filter(state=NoticeState.EXPIRED, expired_at__gte=now - timedelta(days=1)):
        told += _escalate(notice)
    return told


def _waiting() -> QuerySet[Notice]:
    return Notice.objects.waiting().select_related("referral__case", "referral__organisation").order_by("due_at")


def _remind(notice: Notice, now: datetime) -> int:
    referral = notice.referral
    staff, addresses = liaisons_of(referral.organisation)

    def write() -> str:
        return _(
            "Reminder: a notice of the national centre Sanad (case %(reference)s, notice %(notice)s) must be "
            "acted on by %(due)s. Answer it through the API or on the referral: %(link)s"
        ) % {
            "reference": referral.case.reference,
            "notice": notice.pk,
            "due": _when(notice.due_at),
            "link": _link("cases:referral", referral.pk),
        }

    sent = notify_once(
        key=f"notice_reminder:{notice.pk}",
        kind="notice_reminder",
        about=("notice", notice.pk),
        staff=staff,
        addresses=addresses,
        subject=f"[Sanad] {referral.case.reference}",
        write=write,
    )
    Notice.objects.filter(pk=notice.pk, reminded_at__isnull=True).update(reminded_at=now)
    return int(sent)


@transaction.atomic
def _expire(notice: Notice, now: datetime) -> int:
    # Only a notice still waiting: an answer recorded meanwhile wins.
    expired = (
        Notice.objects.filter(pk=notice.pk, expired_at__isnull=True)
        .exclude(state__in=NOTICE_ANSWERS)
        .update(state=NoticeState.EXPIRED, expired_at=now)
    )
    if expired:
        record(
            None,
            "notice.expired",
            object_type="notice",
            object_id=notice.pk,
            referral=notice.referral_id,
            case=notice.referral.case_id,
        )
    return expired


def _escalate(notice: Notice) -> int:
    """Tell the platform and the centre's supervisors that a notice is overdue (once: the ledger's key)."""
    referral = notice.referral
    staff, addresses = liaisons_of(referral.organisation)

    def write() -> str:
        return _(
            "A notice of case %(reference)s is overdue: platform %(platform)s was to act on it by %(due)s "
            "(notice %(notice)s). %(link)s"
        ) % {
            "reference": referral.case.reference,
            "platform": referral.organisation.name,
            "notice": notice.pk,
            "due": _when(notice.due_at),
            "link": _link("cases:referral", referral.pk),
        }

    return int(
        notify_once(
            key=f"notice_overdue:{notice.pk}",
            kind="notice_overdue",
            about=("notice", notice.pk),
            staff=staff + supervisors_of(referral.case.organisation_id),
            addresses=addresses,
            subject=f"[Sanad] {referral.case.reference}",
            write=write,
        )
    )


# --- Reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeRow:
    """A notice as the case and referral pages show it."""

    notice: Notice
    content: str
    removal: str  # time to removal in words, "" when not taken down
    overdue: bool


def rows_of(referrals: list[Referral]) -> dict[int, list[NoticeRow]]:
    """The notices of these referrals (one query), by referral id, with their time to removal."""
    now = timezone.now()
    found: dict[int, list[NoticeRow]] = {}
    for notice in Notice.objects.filter(referral__in=[r.pk for r in referrals]).order_by("referral_id", "position"):
        taken = notice.time_to_removal
        found.setdefault(notice.referral_id, []).append(
            NoticeRow(
                notice=notice,
                content=notice.content,
                removal=duration(taken) if taken is not None else "",
                overdue=notice.is_overdue(now),
            )
        )
    return found


# --- Figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RemovalTimes:
    """Time to removal of one platform's notices of one kind of content."""

    organisation_id: int
    organisation: str
    clock: str
    notices: int
    taken_down: int
    refused: int
    waiting: int
    within_clock: int
    median_hours: float | None
    p90_hours: float | None


def removal_times(
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    organisation_id: int | None = None,
) -> list[RemovalTimes]:
    """How fast content comes down: per platform organisation and kind of content (clock), over the
    notices sent in [since, until): how many, taken down (removed or restricted), refused, still
    waiting, taken down within the clock, and the median and 90th percentile of the time to removal
    in hours (over those taken down). No personal data: counts and durations only.

    Called by the statistics (read-only); small-cell suppression is the caller's."""
    notices = Notice.objects.all()
    if since is not None:
        notices = notices.filter(sent_at__gte=since)
    if until is not None:
        notices = notices.filter(sent_at__lt=until)
    if organisation_id is not None:
        notices = notices.filter(referral__organisation_id=organisation_id)
    rows = notices.values_list(
        "referral__organisation_id",
        "referral__organisation__name",
        "clock",
        "state",
        "sent_at",
        "answered_at",
        "due_at",
    )
    groups: dict[tuple[int, str, str], list[tuple]] = {}
    for organisation, name, clock, *rest in rows:
        groups.setdefault((organisation, name, clock), []).append(tuple(rest))
    figures = []
    for (organisation, name, clock), items in sorted(groups.items(), key=lambda pair: (pair[0][1], pair[0][2])):
        down = [
            (answered - sent, answered <= due) for state, sent, answered, due in items if state in NOTICE_TAKEN_DOWN
        ]
        hours = sorted(delta.total_seconds() / 3600 for delta, _met in down)
        figures.append(
            RemovalTimes(
                organisation_id=organisation,
                organisation=name,
                clock=clock,
                notices=len(items),
                taken_down=len(down),
                refused=sum(1 for item in items if item[0] == NoticeState.REFUSED),
                waiting=sum(1 for item in items if item[0] not in NOTICE_ANSWERS),
                within_clock=sum(1 for _delta, met in down if met),
                median_hours=round(median(hours), 2) if hours else None,
                p90_hours=round(hours[min(len(hours) - 1, int(0.9 * len(hours)))], 2) if hours else None,
            )
        )
    return figures

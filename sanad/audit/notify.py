"""Notifications: each sent once, translated, never with content, and recorded in the ledger.

Every e-mail or SMS the platform sends goes through `notify_once()`, called by a task (never by
a web request): it claims the notification's key in the `Notification` ledger, sends, and
writes `notification.sent` to the audit log, all in one transaction. A task that runs twice,
or is retried after a failure, sends nothing more once the key is claimed; a failure to send
rolls the claim back, so the retry sends. The ledger is what a supervisor reads to see who
was told what (ids and counts, never addresses). docs/notifications.md lists every kind.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from sanad.audit.log import record
from sanad.audit.models import Notification
from sanad.lib import sms
from sanad.lib.mail import send_in, send_to_staff

# Every kind of notification, with who receives it (docs/notifications.md is tested against it).
KINDS = {
    "p0_report": _("on-call staff: a report with immediate danger arrived"),
    "school_level_3": _("head of school: a case of the school reached level 3"),
    "school_step_reminder": _("school resource team: protocol steps due soon or overdue"),
    "pilot_period_review": _("school resource team: a pilot period ended, the committee asks for its review"),
    "account_welcome": _("a new staff member: the link to choose a password"),
    "sign_in_failures": _("an account's owner: repeated failed sign-ins, or a lock"),
    "referral_new": _("a recipient organisation's liaisons: a new referral"),
    "referral_reminder": _("a recipient organisation's liaisons: half of the answer time has passed"),
    "referral_overdue": _("a recipient organisation's liaisons and the centre's supervisors: a referral is overdue"),
    "case_assigned": _("an analyst: a case was assigned to them"),
    "reporter_wrote": _("the assignee, or the team on duty: the reporter wrote"),
    "school_asked": _("the assignee, or the team on duty: the case's school case asked the centre again"),
    "reporter_message_waiting": _("the reporter, by the channel they agreed to: a message waits"),
    "notice_reminder": _("a platform's liaisons: a notice's clock runs out soon"),
    "notice_overdue": _("a platform's liaisons and the centre's supervisors: a notice's clock ran out"),
}


@dataclass(frozen=True)
class Staff:
    """A staff recipient: the ledger keeps the id, the message goes to the address."""

    pk: int
    email: str


def notify_once(
    *,
    key: str,
    kind: str,
    about: tuple[str, object],
    staff: Sequence[Staff] = (),
    addresses: Sequence[str] = (),
    subject: str,
    write: Callable[[], str],
) -> bool:
    """E-mail staff (in the staff languages) once for `key`; whether anything was sent now."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if kind in settings.SANAD_NOTIFICATIONS_OFF:
        return False
    to = sorted({person.email for person in staff if person.email} | {address for address in addresses if address})
    if not to:
        return False
    return _claim_and_send(
        key=key,
        kind=kind,
        about=about,
        channel=Notification.Channel.EMAIL,
        recipients=sorted({person.pk for person in staff}),
        count=len(to),
        send=lambda: send_to_staff(subject=subject, write=write, to=to),
    )


def notify_reporter_once(
    *,
    key: str,
    about: tuple[str, object],
    method: str,
    address: str,
    language: str,
    subject: str,
    write: Callable[[], str],
) -> bool:
    """Tell a reporter, by the channel they agreed to, in their language; whether anything was sent now.

    `method` is how they asked to be contacted: "email", or "phone"/"whatsapp" (an SMS).
    """
    kind = "reporter_message_waiting"
    if kind in settings.SANAD_NOTIFICATIONS_OFF or not address:
        return False
    send: Callable[[], object]
    if method == "email":
        channel, send = (
            Notification.Channel.EMAIL,
            lambda: send_in(language, subject=subject, write=write, to=[address]),
        )
    elif method in {"phone", "whatsapp"} and sms.configured():
        channel, send = Notification.Channel.SMS, lambda: sms.send_in(language, to=address, write=write)
    else:
        return False
    return _claim_and_send(key=key, kind=kind, about=about, channel=channel, recipients=[], count=1, send=send)


def _claim_and_send(
    *, key: str, kind: str, about: tuple[str, object], channel: str, recipients: list[int], count: int, send: Callable
) -> bool:
    object_type, object_id = about
    try:
        with transaction.atomic():
            # The unique key is the claim: a second run, in any process, fails here and sends nothing.
            Notification.objects.create(
                key=key[:200],
                kind=kind,
                object_type=object_type,
                object_id=str(object_id),
                channel=channel,
                recipients=recipients,
            )
            send()
            record(
                None,
                "notification.sent",
                object_type=object_type,
                object_id=object_id,
                kind=kind,
                channel=channel,
                to=recipients or None,
                count=count,
            )
    except IntegrityError:
        return False
    return True

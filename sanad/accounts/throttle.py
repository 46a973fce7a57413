"""Sign-in throttling that stops password guessing without handing anyone a switch to lock staff out.

Each failed password slows down two things, counted separately in keyed-hash buckets (the
account name, and the client's address group: never the address itself):

- after SANAD_SIGNIN_FREE_FAILURES failures, the next attempt for that **name** must wait a
  delay that doubles with each failure but never exceeds SANAD_SIGNIN_NAME_DELAY_CAP
  (seconds): a stranger typing wrong passwords costs the real owner at most that wait;
- the **address group** waits a delay that doubles up to SANAD_SIGNIN_ADDRESS_DELAY_CAP
  (an hour by default): the guesser is the one slowed down;
- only after SANAD_SIGNIN_LOCK_AFTER failures within a day is the name locked. The owner is
  e-mailed a link that lifts the lock (they still need their password and second factor),
  and an administrator can lift it too. The owner is also e-mailed, once a day, when
  failures reach SANAD_SIGNIN_NOTIFY_AFTER.

Failures are forgotten a day after the last one; a correct password clears the name's and
the address's counts.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sanad.accounts.models import SignInThrottle, User
from sanad.lib.errors import SanadError
from sanad.lib.keyed_hash import keyed_hash

MEMORY = timedelta(days=1)


class SignInRefused(SanadError):
    code = "sign_in_throttled"
    status = 429


class WaitBeforeTrying(SignInRefused):
    def __init__(self, seconds: int) -> None:
        super().__init__(
            ngettext(
                "Too many failed sign-ins. Wait %(seconds)d second, then try again.",
                "Too many failed sign-ins. Wait %(seconds)d seconds, then try again.",
                seconds,
            )
            % {"seconds": seconds}
        )
        self.seconds = seconds


class AccountLocked(SignInRefused):
    code = "account_locked"
    message = _(
        "This account is locked after too many failed sign-ins. Its owner received an e-mail with a link "
        "that unlocks it; an administrator can unlock it too."
    )


def name_key(username: str) -> str:
    return keyed_hash("sign-in:name", username.strip().casefold())[:32]


def address_key(group: str) -> str:
    return keyed_hash("sign-in:address", group)[:32]


@dataclass(frozen=True)
class Outcome:
    """What a failure led to, for the caller to tell people (after commit)."""

    notify_owner: bool = False
    locked: bool = False


def _delay(failures: int, *, free: int, cap: int) -> timedelta:
    if failures < free:
        return timedelta(0)
    return timedelta(seconds=min(cap, 2 ** (failures - free)))


def check(username: str, address_group: str, *, now: datetime | None = None) -> None:
    """Before the password is even looked at: refuse while a bucket still makes the caller wait."""
    now = now or timezone.now()
    buckets = {
        row.key: row
        for row in SignInThrottle.objects.filter(
            key__in=[name_key(username), address_key(address_group)], forget_at__gt=now
        )
    }
    named = buckets.get(name_key(username))
    if named is not None and named.locked_at is not None:
        raise AccountLocked()
    waits = [row.next_allowed_at for row in buckets.values() if row.next_allowed_at > now]
    if waits:
        raise WaitBeforeTrying(max(1, int((max(waits) - now).total_seconds() + 0.999)))


@transaction.atomic
def failed(username: str, address_group: str, *, now: datetime | None = None) -> Outcome:
    now = now or timezone.now()
    named = _count(name_key(username), now, cap=settings.SANAD_SIGNIN_NAME_DELAY_CAP)
    _count(address_key(address_group), now, cap=settings.SANAD_SIGNIN_ADDRESS_DELAY_CAP)
    outcome = Outcome()
    if named.failures >= settings.SANAD_SIGNIN_LOCK_AFTER and named.locked_at is None:
        named.locked_at = now
        named.save(update_fields=["locked_at"])
        outcome = Outcome(notify_owner=True, locked=True)
    elif named.failures >= settings.SANAD_SIGNIN_NOTIFY_AFTER and named.owner_told_at is None:
        named.owner_told_at = now
        named.save(update_fields=["owner_told_at"])
        outcome = Outcome(notify_owner=True)
    return outcome


def _count(key: str, now: datetime, *, cap: int) -> SignInThrottle:
    # Locked: two failures at once must both count.
    row = SignInThrottle.objects.select_for_update().filter(key=key).first()
    if row is None or row.forget_at <= now:
        row = row or SignInThrottle(key=key)
        row.failures, row.locked_at, row.owner_told_at = 0, None, None
    row.failures += 1
    row.next_allowed_at = now + _delay(row.failures, free=settings.SANAD_SIGNIN_FREE_FAILURES, cap=cap)
    row.forget_at = now + MEMORY
    row.save()
    return row


def succeeded(username: str, address_group: str) -> None:
    """A correct password: the owner is here, the slow-down ends (a lock does not)."""
    SignInThrottle.objects.filter(key=address_key(address_group)).delete()
    SignInThrottle.objects.filter(key=name_key(username), locked_at__isnull=True).delete()


def is_locked(user: User, *, now: datetime | None = None) -> bool:
    return SignInThrottle.objects.filter(
        key=name_key(user.get_username()), locked_at__isnull=False, forget_at__gt=now or timezone.now()
    ).exists()


def lift(user: User) -> bool:
    """Lift the lock and the slow-down of this account's name; whether there was anything to lift."""
    deleted, _ = SignInThrottle.objects.filter(key=name_key(user.get_username())).delete()
    return deleted > 0


def locked_names(now: datetime | None = None) -> set[str]:
    return set(
        SignInThrottle.objects.filter(locked_at__isnull=False, forget_at__gt=now or timezone.now()).values_list(
            "key", flat=True
        )
    )


def purge_forgotten(now: datetime | None = None) -> int:
    deleted, _ = SignInThrottle.objects.filter(forget_at__lte=now or timezone.now()).delete()
    return deleted

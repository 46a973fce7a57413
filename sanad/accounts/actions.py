"""Sign-in events and account locks: audited, with the owner told after commit."""

from django.db import transaction

from sanad.accounts import throttle
from sanad.accounts.models import User
from sanad.accounts.tasks import tell_owner_of_failed_sign_ins
from sanad.audit.log import record


def _account_named(username: str) -> User | None:
    return User.objects.filter(username=username).first()


@transaction.atomic
def sign_in_failed(username: str, address_group: str) -> None:
    """A wrong name or password: counted (throttle.py) and audited under the account's id, if any.

    What was typed is not recorded: a password typed in the name field must not reach the log.
    """
    outcome = throttle.failed(username, address_group)
    account = _account_named(username)
    record(
        None,
        "account.sign_in_failed",
        object_type="user" if account else "",
        object_id=account.pk if account else "",
        locked=True if outcome.locked else None,
    )
    if account is not None and outcome.notify_owner:
        transaction.on_commit(lambda: tell_owner_of_failed_sign_ins.enqueue(account.pk))


@transaction.atomic
def password_accepted(user: User, address_group: str) -> None:
    throttle.succeeded(user.get_username(), address_group)
    record(user, "account.password_accepted", object_type="user", object_id=user.pk)


@transaction.atomic
def signed_in(user: User, *, method: str) -> None:
    """Both factors verified; `method` is "totp", "recovery_code" or "enrolment"."""
    record(user, "account.signed_in", object_type="user", object_id=user.pk, method=method)


@transaction.atomic
def second_factor_failed(user: User) -> None:
    record(user, "account.second_factor_failed", object_type="user", object_id=user.pk)


@transaction.atomic
def signed_out(user: User) -> None:
    record(user, "account.signed_out", object_type="user", object_id=user.pk)


@transaction.atomic
def unlock_account(user: User, *, by: User | None) -> bool:
    """Lift a sign-in lock: by an administrator (`by`), or by the owner's e-mailed link (`by` None)."""
    lifted = throttle.lift(user)
    if lifted:
        record(
            by,
            "account.unlocked",
            object_type="user",
            object_id=user.pk,
            via="administrator" if by is not None else "owner_link",
        )
    return lifted

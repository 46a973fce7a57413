"""The only way to fetch a staff account for someone else's page. Missing and forbidden give the same error."""

from sanad.accounts import throttle
from sanad.accounts.models import User
from sanad.lib.errors import NotFound


class AccountNotFound(NotFound):
    code = "account_not_found"


def access_account(user: User, account_id: object) -> User:
    """An account an administrator of the centre manages."""
    if not (user.is_authenticated and user.is_active and user.administers_centre):
        raise AccountNotFound()
    account = User.objects.select_related("organisation").filter(pk=_number(account_id)).first()
    if account is None:
        raise AccountNotFound()
    return account


def locked_accounts_of(user: User) -> list[User]:
    """Active accounts locked after too many failed sign-ins, for an administrator."""
    if not (user.is_authenticated and user.is_active and user.administers_centre):
        return []
    locked = throttle.locked_names()
    if not locked:
        return []
    accounts = User.objects.filter(is_active=True).select_related("organisation").order_by("username")
    return [account for account in accounts if throttle.name_key(account.get_username()) in locked]


def _number(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0

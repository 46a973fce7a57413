"""The only way to fetch what the centre's administration changes. Missing and forbidden give
the same error, and the gate decides the role: accounts, organisations and authenticator resets
are for administrators of the centre (User.administers_centre); legal holds for those who
supervise (supervisors and administrators)."""

from typing import TypeVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Organisation, User
from sanad.cases.models import Case
from sanad.lib.errors import NotFound
from sanad.operations.models import AuthenticatorReset, LegalHold, LegalHoldQuerySet
from sanad.schools.models import ProtocolRun

M = TypeVar("M", bound=Model)


class AccountNotFound(NotFound):
    code = "account_not_found"


class OrganisationNotFound(NotFound):
    code = "organisation_not_found"


class ResetNotFound(NotFound):
    code = "reset_not_found"


class HoldNotFound(NotFound):
    code = "hold_not_found"


def may_administer(user: User) -> bool:
    return user.is_authenticated and user.administers_centre


def may_hold(user: User) -> bool:
    """Who sets and lifts legal holds, and reads what retention will erase."""
    return user.is_authenticated and user.is_active and user.supervises


def _one(rows: QuerySet[M], object_id: object, *, for_update: bool, missing: type[NotFound]) -> M:
    if for_update:
        # Lock the row: two administrators changing one account apply their changes in turn.
        # Only this row (of=self): PostgreSQL cannot lock the nullable side of a join.
        rows = rows.select_for_update(of=("self",))
    found = rows.filter(pk=object_id).first()
    if found is None:
        raise missing()
    return found


def access_account(user: User, account_id: int, *, for_update: bool = False) -> User:
    if not may_administer(user):
        raise AccountNotFound()  # the same answer as for an account that does not exist
    return _one(User.objects.select_related("organisation"), account_id, for_update=for_update, missing=AccountNotFound)


def access_organisation(user: User, organisation_id: int, *, for_update: bool = False) -> Organisation:
    if not may_administer(user):
        raise OrganisationNotFound()
    return _one(Organisation.objects.all(), organisation_id, for_update=for_update, missing=OrganisationNotFound)


def access_reset(user: User, reset_id: int, *, for_update: bool = False) -> AuthenticatorReset:
    if not may_administer(user):
        raise ResetNotFound()
    resets = AuthenticatorReset.objects.select_related("account", "requested_by")
    return _one(resets, reset_id, for_update=for_update, missing=ResetNotFound)


def access_hold(user: User, hold_id: object, *, for_update: bool = False) -> LegalHold:
    if not may_hold(user):
        raise HoldNotFound()
    return _one(LegalHold.objects.all(), hold_id, for_update=for_update, missing=HoldNotFound)


def find_holdable(user: User, reference: str) -> Case | ProtocolRun:
    """The national case (C-…) or school case (E-…) with this reference, for a legal hold."""
    if not may_hold(user):
        raise HoldNotFound()
    found = Case.objects.filter(reference=reference).first() or ProtocolRun.objects.filter(reference=reference).first()
    if found is None:
        raise HoldNotFound(_("No case or school case has this reference."))
    return found


def accounts_visible_to(user: User) -> QuerySet[User]:
    """Every staff account, for administrators of the centre; none for anyone else."""
    if not may_administer(user):
        return User.objects.none()
    return User.objects.select_related("organisation")


def organisations_visible_to(user: User) -> QuerySet[Organisation]:
    if not may_administer(user):
        return Organisation.objects.none()
    return Organisation.objects.select_related("region")


def resets_visible_to(user: User) -> QuerySet[AuthenticatorReset]:
    if not may_administer(user):
        return AuthenticatorReset.objects.none()
    return AuthenticatorReset.objects.select_related("account", "requested_by", "decided_by")


def holds_visible_to(user: User) -> LegalHoldQuerySet:
    if not may_hold(user):
        return LegalHold.objects.none()
    return LegalHold.objects.select_related("case", "school_case", "set_by", "lifted_by")

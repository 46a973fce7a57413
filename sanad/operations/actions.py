"""Changes to the centre's organisations, staff accounts, second factors and legal holds.

Each is atomic and audited; e-mails go after commit. The rules that matter here: a role fits
its organisation's kind; nobody changes or deactivates their own account (so the centre always
keeps an active administrator: the one acting); and an authenticator is reset only when a second
administrator (neither the one who asked nor the account's owner) approves.
"""

import uuid

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from sanad.accounts.models import Organisation, User
from sanad.audit.log import record
from sanad.cases.models import Case
from sanad.lib.errors import SanadError
from sanad.operations.models import AuthenticatorReset, LegalHold
from sanad.operations.tasks import send_invitation, tell_authenticator_reset
from sanad.schools.models import ProtocolRun

Kind = Organisation.Kind
Role = User.Role
# Which roles an account of each kind of organisation may have. School resource teams come with
# their school (the schools import), so schools are not offered when inviting here.
ROLES_FOR_KIND = {
    Kind.CENTRE: (Role.ANALYST, Role.SUPERVISOR, Role.ADMINISTRATOR, Role.TRAINER),
    Kind.MINISTRY: (Role.MINISTRY,),
    Kind.ACADEMY: (Role.MINISTRY, Role.TRAINER),
    Kind.SCHOOL: (Role.SCHOOL_TEAM,),
    Kind.POLICE: (Role.LIAISON,),
    Kind.GENDARMERIE: (Role.LIAISON,),
    Kind.PROSECUTOR: (Role.LIAISON,),
    Kind.PLATFORM: (Role.LIAISON,),
    Kind.SUPPORT: (Role.LIAISON,),
    Kind.HELPLINE: (Role.LIAISON,),
}


class AdministrationError(SanadError):
    code = "administration"


class RoleDoesNotFit(AdministrationError):
    code = "role_does_not_fit"
    message = _("This role does not fit an account of this organisation.")


class NotYourOwnAccount(AdministrationError):
    code = "not_your_own_account"
    message = _("Another administrator must do this to your own account.")


class UsernameTaken(AdministrationError):
    code = "username_taken"
    message = _("An account already has this name.")


class ReasonRequired(AdministrationError):
    code = "reason_required"
    message = _("Say why, in a few words.")


class SecondAdministratorNeeded(AdministrationError):
    code = "second_administrator_needed"
    message = _("A second administrator must approve: neither the one who asked, nor the account's owner.")


class ResetAlreadyPending(AdministrationError):
    code = "reset_already_pending"
    message = _("A reset of this authenticator is already waiting for approval.")


class ResetNotPending(AdministrationError):
    code = "reset_not_pending"
    message = _("This reset was already approved or cancelled.")


class KindLocked(AdministrationError):
    code = "kind_locked"
    message = _("The kind of an organisation that has accounts, cases or referrals cannot change.")


class HoldAlreadyLifted(AdministrationError):
    code = "hold_already_lifted"
    message = _("This hold was already lifted.")


def fits(role: str, organisation: Organisation | None) -> bool:
    return organisation is not None and role in ROLES_FOR_KIND.get(Kind(organisation.kind), ())


def _reason(text: str) -> str:
    if not text.strip():
        raise ReasonRequired()
    return text.strip()[:300]


# --- Organisations --------------------------------------------------------------------


@transaction.atomic
def create_organisation(*, name: str, kind: str, region_id: int | None, contact_email: str, by: User) -> Organisation:
    organisation = Organisation.objects.create(
        name=name.strip(), kind=kind, region_id=region_id, contact_email=contact_email.strip()
    )
    record(by, "organisation.created", object_type="organisation", object_id=organisation.pk, kind=kind)
    return organisation


def _kind_locked(organisation: Organisation) -> bool:
    return (
        organisation.staff.exists()
        or organisation.cases.exists()
        or organisation.referrals.exists()
        or hasattr(organisation, "school")
    )


@transaction.atomic
def change_organisation(
    organisation: Organisation, *, name: str, kind: str, region_id: int | None, contact_email: str, by: User
) -> None:
    if kind != organisation.kind and _kind_locked(organisation):
        raise KindLocked()
    before = {
        "name": organisation.name,
        "kind": organisation.kind,
        "region": organisation.region_id,
        "contact_email": organisation.contact_email,
    }
    organisation.name, organisation.kind = name.strip(), kind
    organisation.region_id, organisation.contact_email = region_id, contact_email.strip()
    organisation.save()
    after = {
        "name": organisation.name,
        "kind": organisation.kind,
        "region": organisation.region_id,
        "contact_email": organisation.contact_email,
    }
    changed = sorted(field for field in before if before[field] != after[field])
    if changed:
        record(by, "organisation.changed", object_type="organisation", object_id=organisation.pk, fields=changed)


# --- Staff accounts -------------------------------------------------------------------


@transaction.atomic
def invite_account(
    *, username: str, first_name: str, last_name: str, email: str, organisation: Organisation, role: str, by: User
) -> User:
    """A new account without a password: its owner chooses one from the welcome e-mail's link,
    then enrols an authenticator at first sign-in."""
    if not fits(role, organisation) or organisation.kind == Kind.SCHOOL:
        raise RoleDoesNotFit()
    if User.objects.filter(username__iexact=username.strip()).exists():
        raise UsernameTaken()
    account = User(
        username=username.strip(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
        organisation=organisation,
        role=role,
    )
    account.set_unusable_password()
    account.save()
    record(by, "account.invited", object_type="user", object_id=account.pk, organisation=organisation.pk, role=role)
    request = uuid.uuid4().hex
    transaction.on_commit(lambda: send_invitation.enqueue(account.pk, request))
    return account


@transaction.atomic
def send_new_link(account: User, *, by: User) -> None:
    """Another welcome link, for an account whose owner never chose a password (the first expired)."""
    if account.has_usable_password() or not account.is_active:
        return
    request = uuid.uuid4().hex
    record(by, "account.link_requested", object_type="user", object_id=account.pk, request=request)
    transaction.on_commit(lambda: send_invitation.enqueue(account.pk, request))


@transaction.atomic
def change_role(account: User, *, organisation: Organisation, role: str, by: User) -> None:
    if account.pk == by.pk:
        raise NotYourOwnAccount()
    # Moving an account into or out of a school goes with its team membership: the schools import.
    moves_school = organisation.pk != account.organisation_id and Kind.SCHOOL in {
        organisation.kind,
        account.organisation.kind if account.organisation else None,
    }
    if not fits(role, organisation) or moves_school:
        raise RoleDoesNotFit()
    old_role, old_organisation = account.role, account.organisation_id
    if (old_role, old_organisation) == (role, organisation.pk):
        return
    account.role, account.organisation = role, organisation
    account.save(update_fields=["role", "organisation"])
    _end_sessions(account)  # what the account may see changed: its owner signs in again
    record(
        by,
        "account.role_changed",
        object_type="user",
        object_id=account.pk,
        old=old_role,
        new=role,
        old_organisation=old_organisation,
        new_organisation=organisation.pk,
    )


@transaction.atomic
def deactivate_account(account: User, *, by: User) -> None:
    if account.pk == by.pk:
        raise NotYourOwnAccount()
    if not account.is_active:
        return
    account.is_active = False
    account.save(update_fields=["is_active"])
    _end_sessions(account)
    AuthenticatorReset.objects.filter(account=account, status=AuthenticatorReset.Status.PENDING).update(
        status=AuthenticatorReset.Status.CANCELLED, decided_by=by, decided_at=timezone.now()
    )
    record(by, "account.deactivated", object_type="user", object_id=account.pk)


@transaction.atomic
def reactivate_account(account: User, *, by: User) -> None:
    if account.is_active:
        return
    account.is_active = True
    account.save(update_fields=["is_active"])
    record(by, "account.reactivated", object_type="user", object_id=account.pk)


def _end_sessions(account: User) -> None:
    """Sign the account out everywhere: its sessions are deleted."""
    # Sessions are not indexed by user; a centre has hundreds of live sessions, not millions.
    live = Session.objects.filter(expire_date__gt=timezone.now())
    ended = [session.pk for session in live.iterator() if session.get_decoded().get("_auth_user_id") == str(account.pk)]
    Session.objects.filter(pk__in=ended).delete()


# --- Lost authenticators --------------------------------------------------------------


@transaction.atomic
def request_authenticator_reset(account: User, *, reason: str, by: User) -> AuthenticatorReset:
    if account.pk == by.pk:
        raise NotYourOwnAccount()
    if AuthenticatorReset.objects.filter(account=account, status=AuthenticatorReset.Status.PENDING).exists():
        raise ResetAlreadyPending()
    reset = AuthenticatorReset.objects.create(account=account, reason=_reason(reason), requested_by=by)
    record(by, "account.authenticator_reset_requested", object_type="user", object_id=account.pk, reset=reset.pk)
    return reset


@transaction.atomic
def approve_authenticator_reset(reset: AuthenticatorReset, *, by: User) -> None:
    """Remove the account's authenticator and recovery codes and sign it out everywhere: at its
    next sign-in (password), its owner enrols a new authenticator."""
    if reset.status != AuthenticatorReset.Status.PENDING:
        raise ResetNotPending()
    if by.pk in {reset.requested_by_id, reset.account_id}:
        raise SecondAdministratorNeeded()
    account = User.objects.select_for_update().get(pk=reset.account_id)
    TOTPDevice.objects.filter(user=account).delete()
    StaticDevice.objects.filter(user=account).delete()
    _end_sessions(account)
    reset.status, reset.decided_by, reset.decided_at = AuthenticatorReset.Status.APPROVED, by, timezone.now()
    reset.save(update_fields=["status", "decided_by", "decided_at"])
    record(by, "account.authenticator_reset", object_type="user", object_id=account.pk, reset=reset.pk)
    transaction.on_commit(lambda: tell_authenticator_reset.enqueue(reset.pk))


@transaction.atomic
def cancel_authenticator_reset(reset: AuthenticatorReset, *, by: User) -> None:
    if reset.status != AuthenticatorReset.Status.PENDING:
        raise ResetNotPending()
    reset.status, reset.decided_by, reset.decided_at = AuthenticatorReset.Status.CANCELLED, by, timezone.now()
    reset.save(update_fields=["status", "decided_by", "decided_at"])
    record(by, "account.authenticator_reset_cancelled", object_type="user", object_id=reset.account_id, reset=reset.pk)


# --- Legal holds ----------------------------------------------------------------------


@transaction.atomic
def set_hold(*, case: Case | None = None, school_case: ProtocolRun | None = None, reason: str, by: User) -> LegalHold:
    """Keep a case or school case from erasure. The reason is sealed on the hold, never in the audit log."""
    reason = _reason(reason)
    # Lock the held row: the erasure job locks it too, so a hold set now is seen by it.
    target: Case | ProtocolRun
    if case is not None:
        target, object_type = Case.objects.select_for_update().get(pk=case.pk), "case"
    else:  # callers give a case or a school case
        target, object_type = ProtocolRun.objects.select_for_update().get(pk=school_case.pk), "school_case"  # type: ignore[union-attr]
    hold = LegalHold(case=case, school_case=school_case, set_by=by)
    hold.reason = reason
    hold.save()
    record(by, "retention.hold_set", object_type=object_type, object_id=target.pk, hold=str(hold.pk))
    return hold


@transaction.atomic
def lift_hold(hold: LegalHold, *, reason: str, by: User) -> None:
    reason = _reason(reason)
    if not hold.in_force:
        raise HoldAlreadyLifted()
    hold.lifted_by, hold.lifted_at = by, timezone.now()
    hold.lift_reason = reason
    hold.save(update_fields=["lifted_by", "lifted_at", "lift_reason_sealed"])
    object_type, object_id = ("case", hold.case_id) if hold.case_id else ("school_case", hold.school_case_id)
    record(by, "retention.hold_lifted", object_type=object_type, object_id=object_id, hold=str(hold.pk))

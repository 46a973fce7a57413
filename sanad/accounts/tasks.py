"""E-mails about a staff account: failed sign-ins and locks, told to the account's owner."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from sanad.accounts import throttle
from sanad.accounts.models import SignInThrottle, User
from sanad.audit.notify import Staff, notify_once

UNLOCK_SALT = "sanad.accounts.unlock"
UNLOCK_LINK_SECONDS = 24 * 3600


def unlock_token(user: User) -> str:
    return signing.TimestampSigner(salt=UNLOCK_SALT).sign(str(user.pk))


def user_from_unlock_token(token: str) -> User | None:
    try:
        user_id = signing.TimestampSigner(salt=UNLOCK_SALT).unsign(token, max_age=UNLOCK_LINK_SECONDS)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


@task()
def tell_owner_of_failed_sign_ins(user_id: int) -> bool:
    """Tell an account's owner that someone keeps failing to sign in as them (and if it is now locked).

    Once per event: the throttle row remembers when the owner was last e-mailed.
    """
    with transaction.atomic():
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None or not user.email:
            return False
        row = SignInThrottle.objects.select_for_update().filter(key=throttle.name_key(user.get_username())).first()
        if row is None:
            return False
        event = row.locked_at or row.owner_told_at
        if event is None or (row.mailed_at is not None and row.mailed_at >= event):
            return False
        locked = row.locked_at is not None
        link = settings.SANAD_SITE_URL + reverse("accounts:unlock", args=[unlock_token(user)])

        def write() -> str:
            if locked:
                return _(
                    "Your Sanad account %(username)s was locked after %(count)d failed sign-ins in a day. "
                    "If it was you, or to get back in, open this link (it works for 24 hours), then sign in "
                    "with your password and your authenticator app:\n%(link)s\n\n"
                    "If it was not you, someone is guessing your password: tell an administrator."
                ) % {"username": user.get_username(), "count": row.failures, "link": link}
            return _(
                "Someone failed to sign in to your Sanad account %(username)s %(count)d times today. "
                "If it was not you, tell an administrator; your second factor still protects the account."
            ) % {"username": user.get_username(), "count": row.failures}

        notify_once(
            key=f"sign_in_failures:{user.pk}:{event.isoformat()}",
            kind="sign_in_failures",
            about=("user", user.pk),
            staff=[Staff(user.pk, user.email)],
            subject=f"[Sanad] {user.get_username()}",
            write=write,
        )
        row.mailed_at = timezone.now()
        row.save(update_fields=["mailed_at"])
        return True

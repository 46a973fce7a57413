"""E-mails of the centre's administration: the welcome link of a new account, and telling an
account's owner that its authenticator was reset. Each is recorded in the audit log in the
transaction that sends it, and a second run finds it there: retried tasks never send twice."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tasks import task

from sanad.accounts.models import User
from sanad.audit.log import record
from sanad.audit.models import AuditEvent
from sanad.operations.models import AuthenticatorReset

# Staff e-mails are written in the two languages every partner works in.
EMAIL_LANGUAGES = ("fr", "ar")
WELCOME_SENT = "account.welcome_sent"
RESET_TOLD = "account.authenticator_reset_told"


def in_both(write: Callable[[], str]) -> str:
    parts = []
    for language in EMAIL_LANGUAGES:
        with translation.override(language):
            parts.append(write())
    return "\n\n— — —\n\n".join(parts)


def _sent(action: str, account_id: int, **detail: object) -> bool:
    events = AuditEvent.objects.filter(action=action, object_type="user", object_id=str(account_id))
    return events.filter(**{f"detail__{key}": value for key, value in detail.items()}).exists()


@task()
def send_invitation(user_id: int, request: str) -> None:
    """E-mail an invited account the link to choose its password; once per request."""
    with transaction.atomic():
        account = User.objects.select_for_update(of=("self",)).select_related("organisation").filter(pk=user_id).first()
        if account is None or not account.is_active or not account.email or account.has_usable_password():
            return
        if _sent(WELCOME_SENT, account.pk, request=request):
            return
        uid = urlsafe_base64_encode(force_bytes(account.pk))
        token = default_token_generator.make_token(account)
        until = timezone.localtime() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)

        def write() -> str:
            link = settings.SANAD_SITE_URL + reverse("accounts:set_password", kwargs={"uidb64": uid, "token": token})
            return _(
                "An account was made for you in Sanad, the national platform against online violence towards "
                "children, for %(organisation)s (%(role)s).\n\n"
                "Your username: %(username)s\n\n"
                "Choose your password with this link (it works once, until %(until)s):\n%(link)s\n\n"
                "Then sign in: you will set up an authenticator app on your phone, which every staff account "
                "needs. If you did not expect this e-mail, ignore it."
            ) % {
                "organisation": account.organisation.name if account.organisation else "—",
                "role": account.get_role_display(),
                "username": account.get_username(),
                "until": f"{until:%Y-%m-%d %H:%M}",
                "link": link,
            }

        send_mail(
            subject="[Sanad] Votre compte / حسابك",
            message=in_both(write),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[account.email],
        )
        record(None, WELCOME_SENT, object_type="user", object_id=account.pk, request=request)


@task()
def tell_authenticator_reset(reset_id: int) -> None:
    """Tell an account's owner that its authenticator was removed (they should know if they did not ask)."""
    with transaction.atomic():
        reset = (
            AuthenticatorReset.objects.select_for_update(of=("self",))
            .select_related("account")
            .filter(pk=reset_id)
            .first()
        )
        if reset is None or reset.status != AuthenticatorReset.Status.APPROVED or not reset.account.email:
            return
        account = reset.account
        if _sent(RESET_TOLD, account.pk, reset=reset_id):
            return

        def write() -> str:
            return _(
                "The authenticator of your Sanad account %(username)s was removed by two administrators, "
                "as you asked. At your next sign-in, set up your authenticator app again.\n\n"
                "If you did not ask for this, tell the national centre's security officer at once."
            ) % {"username": account.get_username()}

        send_mail(
            subject="[Sanad] Authentificateur / المصادقة",
            message=in_both(write),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[account.email],
        )
        record(None, RESET_TOLD, object_type="user", object_id=account.pk, reset=reset_id)

"""What an account's second factor looks like, for the administrators who help its owner."""

from dataclasses import dataclass

from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sanad.accounts.models import User


@dataclass(frozen=True)
class SecondFactor:
    authenticator: bool  # an authenticator app enrolled and confirmed
    recovery_codes_left: int


def second_factor(account: User) -> SecondFactor:
    return SecondFactor(
        authenticator=TOTPDevice.objects.filter(user=account, confirmed=True).exists(),
        recovery_codes_left=StaticToken.objects.filter(device__user=account).count(),
    )

"""Refuse to start without valid keys: nothing sensitive may be stored unencrypted."""

from collections.abc import Sequence

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured

from sanad.evidence.crypto import KeyRing


@register(deploy=False)
def check_keys(app_configs: Sequence[AppConfig] | None, **kwargs: object) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    try:
        KeyRing.parse(settings.SANAD_KEK)
    except ImproperlyConfigured as error:
        errors.append(Error(str(error), hint="Run `manage.py generate_keys`, or set SANAD_KEK_FILE.", id="sanad.E001"))
    if not settings.SANAD_INDEX_KEY or len(settings.SANAD_INDEX_KEY) < 32:
        errors.append(
            Error(
                "SANAD_INDEX_KEY is missing or shorter than 32 characters",
                hint="Run `manage.py generate_keys`, or set SANAD_INDEX_KEY_FILE.",
                id="sanad.E002",
            )
        )
    if not settings.SECRET_KEY or len(settings.SECRET_KEY) < 32:
        errors.append(Error("SANAD_SECRET_KEY is missing or too short", id="sanad.E003"))
    return errors

"""Refuse to start without the audit key: an unkeyed chain could be rewritten by anyone with the database."""

from collections.abc import Sequence

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from sanad.audit.keys import MIN_KEY_CHARS


@register()
def check_audit_key(app_configs: Sequence[AppConfig] | None, **kwargs: object) -> list[CheckMessage]:
    if settings.SANAD_AUDIT_KEY and len(settings.SANAD_AUDIT_KEY) >= MIN_KEY_CHARS:
        return []
    return [
        Error(
            "SANAD_AUDIT_KEY is missing or shorter than 32 characters",
            hint="Run `manage.py generate_keys`, or set SANAD_AUDIT_KEY_FILE.",
            id="sanad.E004",
        )
    ]

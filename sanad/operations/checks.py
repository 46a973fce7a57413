"""Start-up checks (the WSGI module runs them too, sanad/wsgi.py): compiled translation
catalogues, and retention periods that name real outcomes."""

from collections.abc import Sequence
from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from sanad.operations.retention import KINDS


@register(deploy=False)
def check_catalogues(app_configs: Sequence[AppConfig] | None, **kwargs: object) -> list[CheckMessage]:
    """Without compiled catalogues every page would be in English, a child's advice included."""
    errors: list[CheckMessage] = []
    for language, _name in settings.LANGUAGES:
        if language == "en":
            continue  # the source language needs no catalogue
        for directory in settings.LOCALE_PATHS:
            po = Path(directory) / language / "LC_MESSAGES" / "django.po"
            mo = po.with_suffix(".mo")
            if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
                errors.append(
                    Error(
                        f"The {language} translation catalogue is not compiled, or older than its .po file: {mo}",
                        hint="Run `manage.py compilemessages --ignore=.venv` (part of every deployment, docs/deploy.md).",
                        id="sanad.E004",
                    )
                )
    return errors


@register(deploy=False)
def check_retention(app_configs: Sequence[AppConfig] | None, **kwargs: object) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    for key in settings.SANAD_RETENTION:
        kind, _dot, outcome = key.partition(".")
        if outcome and outcome not in KINDS[kind]:
            errors.append(
                Error(
                    f"SANAD_RETENTION names {key!r}: {outcome!r} is not an outcome of a {kind.replace('_', ' ')}",
                    hint=f"Outcomes: {', '.join(KINDS[kind])}.",
                    id="sanad.E005",
                )
            )
    return errors

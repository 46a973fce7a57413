"""Typed readers for environment variables that refuse bad values loudly.

Every name read through these helpers is remembered in ``READ``, so a test can check
that each one is documented in docs/configuration.md.
"""

import base64
import binascii
import os
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

READ: set[str] = set()


def _raw(name: str) -> str | None:
    READ.add(name)
    value = os.environ.get(name)
    return None if value is None or value.strip() == "" else value.strip()


def env_str(name: str, default: str) -> str:
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_secret(name: str, default: str | None = None) -> str | None:
    """A secret from NAME, or from the file named by NAME_FILE (Docker and systemd credentials)."""
    path = _raw(f"{name}_FILE")
    value = _raw(name)
    if path and value:
        raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {path}: {error}") from None
    return value if value is not None else default


_UNITS = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1)}


def parse_duration(text: str, *, name: str) -> timedelta:
    """'90m', '24h', '7d'."""
    unit = _UNITS.get(text[-1:].lower())
    if unit is None or not text[:-1].isdigit() or int(text[:-1]) == 0:
        raise ImproperlyConfigured(f"{name}: {text!r} is not a duration such as 90m, 24h or 7d")
    return int(text[:-1]) * unit


def env_mapping(name: str, default: str) -> dict[str, str]:
    """'P0:1h,P1:24h' -> {'P0': '1h', 'P1': '24h'}."""
    text = env_str(name, default)
    mapping: dict[str, str] = {}
    for item in text.split(","):
        key, sep, value = item.partition(":")
        if not sep or not key.strip() or not value.strip():
            raise ImproperlyConfigured(f"{name}: {item!r} is not KEY:VALUE")
        mapping[key.strip()] = value.strip()
    return mapping


def decode_key(text: str, *, name: str) -> bytes:
    """A 32-byte key written in URL-safe base64 (what `manage.py generate_keys` prints)."""
    try:
        key = base64.urlsafe_b64decode(text.encode() + b"=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured(f"{name} is not base64") from None
    if len(key) != 32:
        raise ImproperlyConfigured(f"{name} must decode to 32 bytes, not {len(key)}")
    return key


def database_from_url(url: str, *, name: str) -> dict[str, Any]:
    """sqlite:///relative/or//absolute/path.sqlite3 or postgres://user:pass@host:port/db."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = parts.path[1:] if parts.path.startswith("/") else parts.path
        if not path:
            raise ImproperlyConfigured(f"{name}: a sqlite URL needs a file path")
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path}
    if parts.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
        }
    raise ImproperlyConfigured(f"{name}: unsupported database URL scheme {parts.scheme!r}")

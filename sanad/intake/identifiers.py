"""Normalising the identifiers a reporter names, so the same account is found twice.

`@Sara.K`, `sara.k` and `https://www.instagram.com/sara.k/` are one Instagram account;
`06 12 34 56 78` and `+212612345678` are one phone.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

from sanad.intake.models import Identifier, Platform, Report
from sanad.lib.keyed_hash import keyed_hash

PLATFORM_HOSTS = {
    "instagram.com": Platform.INSTAGRAM,
    "tiktok.com": Platform.TIKTOK,
    "facebook.com": Platform.FACEBOOK,
    "fb.com": Platform.FACEBOOK,
    "m.me": Platform.FACEBOOK,
    "wa.me": Platform.WHATSAPP,
    "whatsapp.com": Platform.WHATSAPP,
    "snapchat.com": Platform.SNAPCHAT,
    "youtube.com": Platform.YOUTUBE,
    "youtu.be": Platform.YOUTUBE,
    "t.me": Platform.TELEGRAM,
    "telegram.me": Platform.TELEGRAM,
    "discord.com": Platform.DISCORD,
    "discord.gg": Platform.DISCORD,
    "x.com": Platform.X,
    "twitter.com": Platform.X,
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_CHARS = re.compile(r"^[+0-9 ().-]{6,24}$")
# A top-level domain is two letters or more, so a username such as "sara.k" is not a link.
DOMAIN_LIKE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/.*)?$", re.IGNORECASE)
MAX_LENGTH = 300


@dataclass(frozen=True)
class NormalisedIdentifier:
    kind: str
    value: str
    platform: str = ""

    @property
    def digest(self) -> str:
        # Platform is part of the key for handles: "sara" on TikTok is not "sara" on Instagram.
        scope = self.platform if self.kind == Identifier.Kind.HANDLE else ""
        return keyed_hash("identifier", f"{self.kind}|{scope}|{self.value}")

    def row_of(self, report: Report) -> Identifier:
        """This identifier as one of the report's, its value sealed (not saved yet)."""
        identifier = Identifier(report=report, kind=self.kind, platform=self.platform, digest=self.digest)
        identifier.value = self.value
        return identifier


def normalise(text: str, *, platform: str = "") -> NormalisedIdentifier | None:
    value = text.strip()[:MAX_LENGTH]
    if not value:
        return None
    # A "/" makes it a link, not an address: tiktok.com/@name is a profile.
    if EMAIL.match(value) and not value.startswith("@") and "/" not in value:
        return NormalisedIdentifier(Identifier.Kind.EMAIL, value.lower())
    if PHONE_CHARS.match(value) and sum(char.isdigit() for char in value) >= 6:
        return NormalisedIdentifier(Identifier.Kind.PHONE, normalise_phone(value))
    if value.lower().startswith(("http://", "https://")) or DOMAIN_LIKE.match(value):
        return _url(value)
    handle = value.lstrip("@").strip().lower()
    return NormalisedIdentifier(Identifier.Kind.HANDLE, handle, platform) if handle else None


def normalise_phone(text: str) -> str:
    digits = "".join(char for char in text if char.isdigit())
    country = settings.SANAD_PHONE_COUNTRY_CODE
    if text.strip().startswith("+"):
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    if digits.startswith("0"):
        return f"+{country}{digits[1:]}"
    return "+" + digits if digits.startswith(country) else f"+{country}{digits}"


def _url(value: str) -> NormalisedIdentifier:
    if "://" not in value:
        value = "https://" + value
    try:
        parts = urlsplit(value)
    except ValueError:  # an unclosed "[" and the like: kept as typed, it may still help staff
        return NormalisedIdentifier(Identifier.Kind.URL, value)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = parts.path.rstrip("/")
    platform = PLATFORM_HOSTS.get(host, "")
    if platform and path.count("/") == 1 and platform not in {Platform.WHATSAPP, Platform.YOUTUBE}:
        # instagram.com/sara.k is the account sara.k: store it as the handle, so it meets "@sara.k".
        return NormalisedIdentifier(Identifier.Kind.HANDLE, path.lstrip("/@").lower(), platform)
    # Tracking parameters and fragments differ between two shares of the same post.
    normalised = urlunsplit(("https", host, path, parts.query if not platform else "", ""))
    return NormalisedIdentifier(Identifier.Kind.URL, normalised, platform)


def parse_lines(text: str, *, platforms: list[str]) -> list[NormalisedIdentifier]:
    """One identifier per line; a bare username takes the platform if only one was chosen."""
    default_platform = platforms[0] if len(platforms) == 1 else ""
    found: dict[str, NormalisedIdentifier] = {}
    for line in text.splitlines():
        identifier = normalise(line, platform=default_platform)
        if identifier is not None:
            found.setdefault(identifier.digest, identifier)
    return list(found.values())

"""Normalising the identifiers a reporter names, so the same account, post, phone or payment
reference is found twice, and what was typed still reaches the platform or the police intact.

Each line becomes one `NormalisedIdentifier`:

- `value`: the normalised form that digests and comparisons use (`sara.k`, `+212612345678`,
  `https://www.youtube.com/watch?v=AbC123xyz`);
- `typed`: the line as the reporter wrote it (sealed beside the value), because a referral and
  a take-down request must carry the exact link;
- `platform` and `service`: where it lives (Instagram; or for a player id the game, for a
  payment reference its kind: `iban`, `rib`, `mtcn`, `btc`...).

Platform links are read from each platform's real URL shapes (profiles become handles, posts
and videos keep the part that identifies them and lose tracking parameters); handles go
through Unicode NFKC, case folding and confusable folding (a Cyrillic `а` is a Latin `a`);
phones go through libphonenumber (`SANAD_PHONE_REGION`, E.164); payment references and
in-game player ids are recognised by their shape or by the word before them ("RIB", "Free
Fire ID"...).
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import parse_qsl, urlencode, urlsplit

import phonenumbers
from confusable_homoglyphs import confusables
from django.conf import settings
from stdnum import iban as iban_numbers

from sanad.intake.models import Identifier, Platform, Report
from sanad.lib.keyed_hash import keyed_hash

MAX_LENGTH = 300
# Bidi controls and zero-width characters: invisible, they make two identical names differ
# (and can reverse the text around them on a page).
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]{1,15}://", re.IGNORECASE)
DOMAIN_LIKE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/.*)?$", re.IGNORECASE)
PHONE_CHARS = re.compile(r"^[+0-9 ().\-/]{6,24}$")
HANDLE_CHARS = re.compile(r"[^\w.\-#]")  # what a username may hold, once folded
TRACKING = re.compile(
    r"^(utm_.*|fbclid|gclid|igsh|igshid|mibextid|si|feature|ref|ref_src|ref_url|s|t|_r|share_id|is_from_webapp|sender_device|rdid|__cft__.*|__tn__)$"
)


@dataclass(frozen=True)
class NormalisedIdentifier:
    kind: str
    value: str
    platform: str = ""
    service: str = ""
    typed: str = field(default="", compare=False)

    @property
    def digest(self) -> str:
        """The same thing in the same place: a handle on one platform, a player id in one game."""
        scope = self.platform if self.kind == Identifier.Kind.HANDLE else self.service
        return keyed_hash("identifier", f"{self.kind}|{scope}|{self.value}")

    @property
    def loose_digest(self) -> str:
        """The same name wherever it is: `@sara.k` with no platform meets `@sara.k` on Instagram."""
        if self.kind in {Identifier.Kind.HANDLE, Identifier.Kind.PLAYER_ID}:
            return keyed_hash("identifier", f"{self.kind}||{self.value}")
        return self.digest

    def row_of(self, report: Report) -> Identifier:
        """This identifier as one of the report's, value and typed text sealed (not saved yet)."""
        identifier = Identifier(
            report=report,
            kind=self.kind,
            platform=self.platform,
            service=self.service,
            digest=self.digest,
            loose_digest=self.loose_digest,
        )
        identifier.value = self.value
        identifier.typed = self.typed if self.typed != self.value else ""
        return identifier


def clean(text: str) -> str:
    """Visible characters only, compatibility forms folded (full-width `ｓａｒａ` is `sara`), digits in ASCII."""
    text = unicodedata.normalize("NFKC", INVISIBLE.sub("", text)).strip()
    return "".join(str(unicodedata.digit(char)) if char.isdigit() and not char.isascii() else char for char in text)


def normalise(text: str, *, platform: str = "") -> NormalisedIdentifier | None:
    """One line as typed; `platform` is the platform the reporter chose, if only one."""
    typed = INVISIBLE.sub("", text).strip()[:MAX_LENGTH]
    value = clean(typed)
    if not value:
        return None
    hinted, rest = (None, value) if _is_link_or_address(value) else _hint(value)
    found = _read(rest, platform=hinted or platform)
    if found is None:
        return None
    return NormalisedIdentifier(found.kind, found.value, found.platform, found.service, typed=typed)


def parse_lines(text: str, *, platforms: list[str]) -> list[NormalisedIdentifier]:
    """One identifier per line; a bare username takes the platform if only one was chosen."""
    default_platform = platforms[0] if len(platforms) == 1 else ""
    found: dict[str, NormalisedIdentifier] = {}
    for line in text.splitlines():
        identifier = normalise(line, platform=default_platform)
        if identifier is not None:
            found.setdefault(identifier.digest, identifier)
    return list(found.values())


# --- What the line says it is ---------------------------------------------------------------

# Words a reporter puts before an identifier: "insta: sara.k", "RIB 0117...", "free fire id 123".
HINTS: dict[str, str] = {
    "instagram": Platform.INSTAGRAM,
    "insta": Platform.INSTAGRAM,
    "ig": Platform.INSTAGRAM,
    "انستغرام": Platform.INSTAGRAM,
    "انستا": Platform.INSTAGRAM,
    "tiktok": Platform.TIKTOK,
    "tik tok": Platform.TIKTOK,
    "tt": Platform.TIKTOK,
    "تيك توك": Platform.TIKTOK,
    "تيكتوك": Platform.TIKTOK,
    "facebook": Platform.FACEBOOK,
    "fb": Platform.FACEBOOK,
    "messenger": Platform.FACEBOOK,
    "فيسبوك": Platform.FACEBOOK,
    "فايسبوك": Platform.FACEBOOK,
    "snapchat": Platform.SNAPCHAT,
    "snap": Platform.SNAPCHAT,
    "سناب": Platform.SNAPCHAT,
    "سناب شات": Platform.SNAPCHAT,
    "telegram": Platform.TELEGRAM,
    "tg": Platform.TELEGRAM,
    "تيليغرام": Platform.TELEGRAM,
    "تلغرام": Platform.TELEGRAM,
    "discord": Platform.DISCORD,
    "ديسكورد": Platform.DISCORD,
    "twitter": Platform.X,
    "x": Platform.X,
    "youtube": Platform.YOUTUBE,
    "yt": Platform.YOUTUBE,
    "يوتيوب": Platform.YOUTUBE,
    "whatsapp": Platform.WHATSAPP,
    "wa": Platform.WHATSAPP,
    "واتساب": Platform.WHATSAPP,
    "واتس": Platform.WHATSAPP,
}
GAMES = {
    "free fire": "freefire",
    "freefire": "freefire",
    "ff": "freefire",
    "pubg": "pubg",
    "pubg mobile": "pubg",
    "roblox": "roblox",
    "fortnite": "fortnite",
    "minecraft": "minecraft",
    "call of duty": "codm",
    "codm": "codm",
    "clash of clans": "coc",
    "clash royale": "clashroyale",
    "brawl stars": "brawlstars",
    "fifa": "fifa",
    "ea fc": "fifa",
    "valorant": "valorant",
    "league of legends": "lol",
}
PAYMENTS = {
    "rib": "rib",
    "iban": "iban",
    "mtcn": "mtcn",
    "western union": "mtcn",
    "moneygram": "moneygram",
    "wafacash": "transfer",
    "cash plus": "transfer",
    "cashplus": "transfer",
    "barid cash": "transfer",
    "damane cash": "transfer",
    "code de transfert": "transfer",
    "transfer code": "transfer",
    "carte cadeau": "giftcard",
    "gift card": "giftcard",
    "google play": "giftcard",
    "itunes": "giftcard",
    "apple gift": "giftcard",
    "steam": "giftcard",
    "psn": "giftcard",
    "playstation": "giftcard",
    "xbox": "giftcard",
    "paysafecard": "giftcard",
    "recharge": "giftcard",
    "wallet": "wallet",
    "portefeuille": "wallet",
    "usdt": "usdt",
    "btc": "btc",
    "bitcoin": "btc",
    "eth": "eth",
    "ethereum": "eth",
    "binance": "wallet",
    "paypal": "paypal",
}
HINT_SEPARATORS = set(" :=#-–—>|@\t")
FILLER = re.compile(
    r"^(?:id|uid|account|compte|user(?:name)?|pseudo|nom|code|number|numero|numéro|n°|no)\b\s*[:=#-]?\s*", re.IGNORECASE
)


def _hint(value: str) -> tuple[str | None, str]:
    """(the platform, game or payment kind a leading word names, the rest); (None, value) without one."""
    lowered = value.casefold()
    for table, tag in ((PAYMENTS, "payment"), (GAMES, "game"), (HINTS, "platform")):
        for word in sorted(table, key=len, reverse=True):
            # The word, then a separator: "ig: sara", "snap @sara", "RIB 0117…" (not "x.com/…", not "ff12").
            if lowered.startswith(word) and len(lowered) > len(word) and lowered[len(word)] in HINT_SEPARATORS:
                rest = value[len(word) :].lstrip(" :=#-–—>|/").strip()
                # "carte cadeau google play: …", "free fire id: …": the next word of the same kind goes too.
                more, after = _hint(rest) if tag == "payment" else (None, rest)
                rest = after if more and more.startswith("payment:") else rest
                rest = FILLER.sub("", rest).strip()
                if rest:
                    return f"{tag}:{table[word]}", rest
    return None, value


def _is_link_or_address(value: str) -> bool:
    return bool(SCHEME.match(value) or DOMAIN_LIKE.match(value) or EMAIL.match(value))


def _read(value: str, *, platform: str) -> NormalisedIdentifier | None:
    if platform.startswith("payment:"):
        return _payment(value, platform.removeprefix("payment:"))
    if platform.startswith("game:"):
        return _player(value, platform.removeprefix("game:"))
    platform = platform.removeprefix("platform:")
    value = re.sub(r"^mailto:", "", value, flags=re.IGNORECASE)
    if EMAIL.match(value) and not value.startswith("@") and "/" not in value:
        return NormalisedIdentifier(Identifier.Kind.EMAIL, value.casefold())
    if SCHEME.match(value) or DOMAIN_LIKE.match(value):
        return _url(value)
    payment = _payment_by_shape(value)
    if payment is not None:
        return payment
    if platform == Platform.GAME and re.fullmatch(r"[1-9][0-9]{5,12}", value):
        return NormalisedIdentifier(Identifier.Kind.PLAYER_ID, value, Platform.GAME, service="game")
    phone = _phone(value)
    if phone is not None:
        return phone
    handle = _handle(value)
    return NormalisedIdentifier(Identifier.Kind.HANDLE, handle, platform) if handle else None


# --- Handles --------------------------------------------------------------------------------


@cache
def _latin(char: str) -> str:
    """The Latin letter a non-Latin character is confused with (Cyrillic а → a), or the character."""
    if char.isascii():
        return char
    found = confusables.is_confusable(char, preferred_aliases=["latin"], greedy=True)
    for item in found or []:
        for glyph in item["homoglyphs"]:
            if glyph["c"].isascii() and len(glyph["c"]) == 1:
                return glyph["c"].lower()
    return char


def _handle(value: str) -> str:
    folded = value.strip().lstrip("@").strip().casefold()
    folded = "".join(_latin(char) for char in folded)
    return HANDLE_CHARS.sub("", folded).strip(".")


# --- Phones ---------------------------------------------------------------------------------


def _phone(value: str) -> NormalisedIdentifier | None:
    if not PHONE_CHARS.match(value) or sum(char.isdigit() for char in value) < 6:
        return None
    return NormalisedIdentifier(Identifier.Kind.PHONE, normalise_phone(value))


def normalise_phone(text: str) -> str:
    """E.164 through libphonenumber, local numbers read in SANAD_PHONE_REGION; a number it
    cannot parse keeps its digits with a +."""
    digits = "".join(char for char in text if char.isdigit())
    candidate = "+" + digits[2:] if digits.startswith("00") and not text.strip().startswith("+") else text
    try:
        number = phonenumbers.parse(candidate, settings.SANAD_PHONE_REGION)
    except phonenumbers.NumberParseException:
        return "+" + digits
    if not phonenumbers.is_possible_number(number):
        return "+" + digits
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# --- Payment references and player ids ------------------------------------------------------

IBAN = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$")
BTC = re.compile(r"^(bc1[a-z0-9]{25,62}|[13][a-km-zA-HJ-NP-Z1-9]{25,34})$")
ETH = re.compile(r"^0x[0-9a-fA-F]{40}$")
TRON = re.compile(r"^T[1-9A-HJ-NP-Za-km-z]{33}$")


CASE_SENSITIVE = {"wallet", "usdt", "btc", "paypal"}


def _compact(value: str) -> str:
    return re.sub(r"[\s.\-_/]", "", value)


def rib_is_valid(digits: str) -> bool:
    """A Moroccan RIB: 24 digits, the last two a key so that the whole number is 0 modulo 97."""
    return len(digits) == 24 and digits.isdigit() and int(digits) % 97 == 0


def _payment_by_shape(value: str) -> NormalisedIdentifier | None:
    compact = _compact(value)
    if IBAN.match(compact.upper()) and iban_numbers.is_valid(compact.upper()):
        return NormalisedIdentifier(Identifier.Kind.PAYMENT, compact.upper(), service="iban")
    if rib_is_valid(compact):
        return NormalisedIdentifier(Identifier.Kind.PAYMENT, compact, service="rib")
    if BTC.match(compact):
        return NormalisedIdentifier(Identifier.Kind.PAYMENT, compact, service="btc")
    if ETH.match(compact):
        return NormalisedIdentifier(Identifier.Kind.PAYMENT, compact.lower(), service="eth")
    if TRON.match(compact):
        return NormalisedIdentifier(Identifier.Kind.PAYMENT, compact, service="usdt")
    return None


def _payment(value: str, service: str) -> NormalisedIdentifier | None:
    by_shape = _payment_by_shape(value)
    if by_shape is not None:
        return by_shape
    compact = _compact(value)
    if not compact:
        return None
    if service in {"paypal"} and EMAIL.match(value):
        return NormalisedIdentifier(Identifier.Kind.PAYMENT, value.casefold(), service=service)
    # Transfer and gift-card codes: letters and digits, case and separators do not count. A
    # wallet address keeps its case (base58 tells letters apart by case).
    value = compact if service in CASE_SENSITIVE else compact.upper()
    return NormalisedIdentifier(Identifier.Kind.PAYMENT, value, service=service)


def _player(value: str, game: str) -> NormalisedIdentifier | None:
    player = _compact(value) if re.fullmatch(r"[0-9 .\-]+", value) else _handle(value)
    if not player:
        return None
    return NormalisedIdentifier(Identifier.Kind.PLAYER_ID, player, Platform.GAME, service=game)


# --- Links ----------------------------------------------------------------------------------

HOSTS = {
    "instagram.com": Platform.INSTAGRAM,
    "instagr.am": Platform.INSTAGRAM,
    "tiktok.com": Platform.TIKTOK,
    "vm.tiktok.com": Platform.TIKTOK,
    "vt.tiktok.com": Platform.TIKTOK,
    "facebook.com": Platform.FACEBOOK,
    "web.facebook.com": Platform.FACEBOOK,
    "mbasic.facebook.com": Platform.FACEBOOK,
    "fb.com": Platform.FACEBOOK,
    "fb.watch": Platform.FACEBOOK,
    "m.me": Platform.FACEBOOK,
    "messenger.com": Platform.FACEBOOK,
    "wa.me": Platform.WHATSAPP,
    "whatsapp.com": Platform.WHATSAPP,
    "api.whatsapp.com": Platform.WHATSAPP,
    "chat.whatsapp.com": Platform.WHATSAPP,
    "snapchat.com": Platform.SNAPCHAT,
    "story.snapchat.com": Platform.SNAPCHAT,
    "youtube.com": Platform.YOUTUBE,
    "music.youtube.com": Platform.YOUTUBE,
    "youtu.be": Platform.YOUTUBE,
    "t.me": Platform.TELEGRAM,
    "telegram.me": Platform.TELEGRAM,
    "telegram.dog": Platform.TELEGRAM,
    "discord.com": Platform.DISCORD,
    "discordapp.com": Platform.DISCORD,
    "discord.gg": Platform.DISCORD,
    "x.com": Platform.X,
    "twitter.com": Platform.X,
    "mobile.twitter.com": Platform.X,
    "roblox.com": Platform.GAME,
    "web.roblox.com": Platform.GAME,
}
# Facebook and Instagram paths that are pages of the site, not accounts.
NOT_ACCOUNTS = {
    "p",
    "reel",
    "reels",
    "tv",
    "stories",
    "explore",
    "groups",
    "watch",
    "share",
    "photo",
    "photo.php",
    "permalink.php",
    "story.php",
    "events",
    "pages",
    "marketplace",
    "hashtag",
    "login",
    "home.php",
    "video",
    "videos",
    "i",
    "search",
    "intent",
    "share.php",
}


def _url(value: str) -> NormalisedIdentifier:
    if "://" not in value:
        value = "https://" + value
    try:
        parts = urlsplit(value)
        host = (parts.hostname or "").lower()
    except ValueError:  # an unclosed "[" and the like: kept as typed, it may still help staff
        return NormalisedIdentifier(Identifier.Kind.URL, value)
    host = host.removeprefix("www.")
    host = host if host in HOSTS else host.removeprefix("m.")
    platform = HOSTS.get(host, "")
    segments = [segment for segment in parts.path.split("/") if segment]
    query = dict(parse_qsl(parts.query))
    reader = READERS.get(platform)
    found = reader(host, segments, query) if reader else None
    if found is not None:
        return found
    return NormalisedIdentifier(Identifier.Kind.URL, _canonical(host, segments, query), platform)


def _canonical(host: str, segments: list[str], query: dict[str, str], keep: set[str] | None = None) -> str:
    """https, the host without www., the path, the query without tracking (or only `keep`), no fragment."""
    kept = {
        key: value for key, value in query.items() if (key in keep if keep is not None else not TRACKING.match(key))
    }
    path = "/" + "/".join(segments) if segments else ""
    return f"https://{host}{path}" + (f"?{urlencode(sorted(kept.items()))}" if kept else "")


def _account(handle: str, platform: str) -> NormalisedIdentifier:
    return NormalisedIdentifier(Identifier.Kind.HANDLE, _handle(handle), platform)


def _link(url: str, platform: str) -> NormalisedIdentifier:
    return NormalisedIdentifier(Identifier.Kind.URL, url, platform)


def _instagram(host: str, s: list[str], q: dict[str, str]) -> NormalisedIdentifier | None:
    if len(s) >= 2 and s[0] in {"p", "reel", "reels", "tv"}:
        kind = "reel" if s[0] == "reels" else s[0]
        return _link(f"https://www.instagram.com/{kind}/{s[1]}/", Platform.INSTAGRAM)
    if len(s) >= 3 and s[0] == "stories":
        return _link(f"https://www.instagram.com/stories/{_handle(s[1])}/{s[2]}/", Platform.INSTAGRAM)
    if len(s) == 1 and s[0].lower() not in NOT_ACCOUNTS:
        return _account(s[0], Platform.INSTAGRAM)
    return None


def _tiktok(host: str, s: list[str], q: dict[str, str]) -> NormalisedIdentifier | None:
    if host in {"vm.tiktok.com", "vt.tiktok.com"} and s:
        return _link(f"https://vm.tiktok.com/{s[0]}/", Platform.TIKTOK)
    if s and s[0] == "t" and len(s) >= 2:
        return _link(f"https://www.tiktok.com/t/{s[1]}/", Platform.TIKTOK)
    if len(s) >= 3 and s[0].startswith("@") and s[1] in {"video", "photo"}:
        return _link(f"https://www.tiktok.com/@{_handle(s[0])}/{s[1]}/{s[2]}", Platform.TIKTOK)
    if len(s) == 1 and s[0].startswith("@"):
        return _account(s[0], Platform.TIKTOK)
    return None


def _facebook(host: str, s: list[str], q: dict[str, str]) -> NormalisedIdentifier | None:
    if host == "fb.watch" and s:
        return _link(f"https://fb.watch/{s[0]}/", Platform.FACEBOOK)
    if host in {"m.me", "messenger.com"}:
        target = s[1] if len(s) >= 2 and s[0] == "t" else (s[0] if s else "")
        return _account(target, Platform.FACEBOOK) if target else None
    # Numeric profiles: profile.php?id=…, people/Name/<id>: the id is the account.
    if s[:1] == ["profile.php"] and q.get("id", "").isdigit():
        return NormalisedIdentifier(Identifier.Kind.HANDLE, f"id:{q['id']}", Platform.FACEBOOK)
    if len(s) >= 3 and s[0] == "people" and s[2].isdigit():
        return NormalisedIdentifier(Identifier.Kind.HANDLE, f"id:{s[2]}", Platform.FACEBOOK)
    if s[:1] in (["photo.php"], ["photo"]) and "fbid" in q:
        return _link(f"https://www.facebook.com/photo/?fbid={q['fbid']}", Platform.FACEBOOK)
    if s[:1] in (["permalink.php"], ["story.php"]) and "story_fbid" in q:
        return _link(_canonical("www.facebook.com", ["permalink.php"], q, keep={"story_fbid", "id"}), Platform.FACEBOOK)
    if s[:1] == ["watch"] and "v" in q:
        return _link(f"https://www.facebook.com/watch/?v={q['v']}", Platform.FACEBOOK)
    if len(s) == 1 and s[0].lower() not in NOT_ACCOUNTS:
        return _account(s[0], Platform.FACEBOOK)
    if s:
        return _link(_canonical("www.facebook.com", s, q), Platform.FACEBOOK)
    return None


def _youtube(host: str, s: list[str], q: dict[str, str]) -> NormalisedIdentifier | None:
    video = ""
    if host == "youtu.be" and s:
        video = s[0]
    elif s[:1] == ["watch"] and q.get("v"):
        video = q["v"]
    elif len(s) >= 2 and s[0] in {"shorts", "live", "embed", "v"}:
        video = s[1]
    if video:
        # A short, a live, an embed and a share link of one video are one video.
        return _link(f"https://www.youtube.com/watch?v={video}", Platform.YOUTUBE)
    if s[:1] == ["playlist"] and q.get("list"):
        return _link(f"https://www.youtube.com/playlist?list={q['list']}", Platform.YOUTUBE)
    if s and s[0].startswith("@"):
        return _account(s[0], Platform.YOUTUBE)
    if len(s) >= 2 and s[0] in {"channel", "c", "user"}:
        name = s[1] if s[0] == "channel" else _handle(s[1])
        return NormalisedIdentifier(Identifier.Kind.HANDLE, f"{s[0]}/{name}", Platform.YOUTUBE)
    return None


def _x(host: str, s: list[str], q: dict[str, str]) -> NormalisedIdentifier | None:
    if len(s) >= 3 and s[1] == "status" and s[2].isdigit():
        # A post is its number, whichever account name or host the link shows.
        return _link(f"https://x.com/i/status/{s[2]}", Platform.X)
    if len(s) >= 3 and s[:2] == ["i", "status"]:
        return _link(f"https://x.com/i/status/{s[2]}", Platform.X)
    if len(s) == 1 and s[0].lower() not in NOT_ACCOUNTS:
        return _account(s[0], Platform.X)
    return None


def _telegram(host: str, s: list[str], q: dict[str, str]) -> NormalisedIdentifier | None:
    if s and (s[0].startswith("+") or s[0] == "joinchat"):
        code = s[0][1:] if s[0].startswith("+") else (s[1] if len(s) > 1 else "")
        return _link(f"https://t.me/+{code}", Platform.TELEGRAM) if code else None
    if s[:1] == ["s"] and len(s) >= 2:
        s = s[1:]
    if len(s) >= 3 and s[0] == "c":
        return _link(f"https://t.me/c/{s[1]}/{s[2]}", Platform.TELEGRAM)
    if len(s) >= 2 and s[1].isdigit():
        return _link(f"https://t.me/{_handle(s[0])}/{s[1]}", Platform.TELEGRAM)
    if len(s) == 1:
        return _account(s[0], Platform.TELEGRAM)
    return None


def _whatsapp(host: str, s: list[str], q: dict[str, str]) -> NormalisedIdentifier | None:
    if host == "wa.me" and s and re.fullmatch(r"\+?[0-9]{6,16}", s[0]):
        return NormalisedIdentifier(Identifier.Kind.PHONE, normalise_phone("+" + s[0].lstrip("+")))
    if s[:1] == ["send"] and q.get("phone"):
        return NormalisedIdentifier(Identifier.Kind.PHONE, normalise_phone("+" + q["phone"].lstrip("+ ")))
    if host == "chat.whatsapp.com" and s:
        return _link(f"https://chat.whatsapp.com/{s[0]}", Platform.WHATSAPP)
    if s[:1] == ["channel"] and len(s) >= 2:
        return _link(f"https://whatsapp.com/channel/{s[1]}", Platform.WHATSAPP)
    return None


def _snapchat(host: str, s: list[str], q: dict[str, str]) -> NormalisedIdentifier | None:
    if s[:1] == ["add"] and len(s) >= 2:
        return _account(s[1], Platform.SNAPCHAT)
    if len(s) == 1 and s[0].startswith("@"):
        return _account(s[0], Platform.SNAPCHAT)
    return None


def _discord(host: str, s: list[str], q: dict[str, str]) -> NormalisedIdentifier | None:
    if host == "discord.gg" and s:
        return _link(f"https://discord.gg/{s[0]}", Platform.DISCORD)
    if s[:1] == ["invite"] and len(s) >= 2:
        return _link(f"https://discord.gg/{s[1]}", Platform.DISCORD)
    if s[:1] == ["users"] and len(s) >= 2 and s[1].isdigit():
        return NormalisedIdentifier(Identifier.Kind.HANDLE, f"id:{s[1]}", Platform.DISCORD)
    if s[:1] == ["channels"] and len(s) >= 3:
        return _link(_canonical("discord.com", s, {}), Platform.DISCORD)
    return None


def _roblox(host: str, s: list[str], q: dict[str, str]) -> NormalisedIdentifier | None:
    if s[:1] == ["users"] and len(s) >= 2 and s[1].isdigit():
        return NormalisedIdentifier(Identifier.Kind.PLAYER_ID, s[1], Platform.GAME, service="roblox")
    if s[:1] == ["games"] and len(s) >= 2:
        return _link(f"https://www.roblox.com/games/{s[1]}", Platform.GAME)
    return None


READERS: dict[str, Callable[[str, list[str], dict[str, str]], NormalisedIdentifier | None]] = {
    Platform.INSTAGRAM: _instagram,
    Platform.TIKTOK: _tiktok,
    Platform.FACEBOOK: _facebook,
    Platform.YOUTUBE: _youtube,
    Platform.X: _x,
    Platform.TELEGRAM: _telegram,
    Platform.WHATSAPP: _whatsapp,
    Platform.SNAPCHAT: _snapchat,
    Platform.DISCORD: _discord,
    Platform.GAME: _roblox,
}

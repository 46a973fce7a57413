"""The installation profile: the platforms and emergency numbers (SANAD_EMERGENCY_NUMBERS) a new
installation starts with, named in each language.

The migration that installs the reference data copies them into its tables; the app falls back
to them when a table is empty (every number hidden, or a test database flushed of its rows).
"""

from django.conf import settings
from django.utils.translation import get_language

# The labels SANAD_EMERGENCY_NUMBERS knows, in Arabic, French and English; others are shown as written.
KNOWN_LABELS = {
    "police": ("الشرطة", "Police", "Police"),
    "gendarmerie": ("الدرك الملكي", "Gendarmerie royale", "Gendarmerie"),
    "civil_protection": ("الوقاية المدنية", "Protection civile", "Civil protection"),
}
LANGUAGES = ("ar", "fr", "en")


def names(label: str) -> dict[str, str]:
    known = KNOWN_LABELS.get(label, (label, label, label))
    return dict(zip(LANGUAGES, known, strict=True))


def profile_numbers() -> list[tuple[str, str, str]]:
    language = (get_language() or "en")[:2]
    return [
        (names(label).get(language, names(label)["en"]), number, "")
        for label, number in settings.SANAD_EMERGENCY_NUMBERS.items()
    ]


# (code, Arabic, French, English): the platforms the wizard offered when they were code.
PLATFORMS = [
    ("instagram", "Instagram", "Instagram", "Instagram"),
    ("tiktok", "TikTok", "TikTok", "TikTok"),
    ("facebook", "Facebook / Messenger", "Facebook / Messenger", "Facebook / Messenger"),
    ("whatsapp", "WhatsApp", "WhatsApp", "WhatsApp"),
    ("snapchat", "Snapchat", "Snapchat", "Snapchat"),
    (
        "game",
        "لعبة على الإنترنت (Free Fire، PUBG، Roblox…)",
        "Un jeu en ligne (Free Fire, PUBG, Roblox…)",
        "An online game (Free Fire, PUBG, Roblox…)",
    ),
    ("sms", "مكالمات هاتفية أو رسائل نصية", "Appels ou SMS", "Phone calls or text messages"),
    ("youtube", "YouTube", "YouTube", "YouTube"),
    ("telegram", "Telegram", "Telegram", "Telegram"),
    ("discord", "Discord", "Discord", "Discord"),
    ("x", "X (Twitter)", "X (Twitter)", "X (Twitter)"),
    ("other", "تطبيق أو موقع آخر", "Une autre application ou un autre site", "Another app or website"),
]

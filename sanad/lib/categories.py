"""The harms of DOMAIN.md (configuration data), shared by the portal and the school protocol."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """Labels are the staff wording; the portal has its own words for children (intake.models)."""

    HARASSMENT = "harassment", _("Cyberharassment")
    SEXUAL_EXPLOITATION = "sexual_exploitation", _("Online sexual exploitation")
    HATE_SPEECH = "hate_speech", _("Hate speech")
    PERSONAL_DATA = "personal_data", _("Publication of personal data")
    SHOCKING_CONTENT = "shocking_content", _("Shocking or inappropriate content")
    GAMING_EXPLOITATION = "gaming_exploitation", _("Exploitation in online games")
    THREATS = "threats", _("Threats and incitement")
    ACCOUNT_TAKEOVER = "account_takeover", _("Hacked account or identity theft")
    SCAM = "scam", _("Fraud aimed at young people")
    OTHER = "other", _("Something else")


# The urgency a category calls for on its own (DOMAIN.md); every other category is P3.
CATEGORY_URGENCY: dict[str, str] = {
    Category.SEXUAL_EXPLOITATION: "P1",
    Category.THREATS: "P1",
    Category.HARASSMENT: "P2",
    Category.PERSONAL_DATA: "P2",
    Category.HATE_SPEECH: "P2",
}

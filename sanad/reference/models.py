"""Reference data an administrator changes without touching code (DOMAIN.md: "configuration data").

Platforms offered to reporters, first-action and referral deadlines, the emergency numbers on
every public page and the wording of advice. The Morocco profile is installed by a migration;
administrators change it in the reference-data pages (Django's admin, every change audited).
The app reads it through `current.snapshot()`, a copy kept in each process for a short while.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

URGENCY_LEVELS = ("P0", "P1", "P2", "P3")
# The referral targets of cases.models.ReferralTarget (a test keeps both lists equal), and the
# deadline of any target without its own.
REFERRAL_TARGETS = ("police", "gendarmerie", "prosecutor", "platform", "school", "support", "helpline")
DEFAULT_TARGET = "default"


class Named(models.Model):
    """A name in each language of the interface; the current language's is shown."""

    name_ar = models.CharField(_("name in Arabic"), max_length=120)
    name_fr = models.CharField(_("name in French"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("smaller numbers come first"))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "en")[:2]
        return getattr(self, f"name_{language}", None) or self.name_en


class Platform(Named):
    """An app or website a reporter can say it happened on."""

    code = models.SlugField(
        _("code"),
        max_length=12,
        unique=True,
        help_text=_("Stored with reports; never change it once reports use it."),
    )
    offered = models.BooleanField(
        _("offered to reporters"), default=True, help_text=_("Untick to stop offering it; past reports keep it.")
    )

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")


class Deadline(models.Model):
    """How long the centre has for a first action (per urgency) or a recipient for an answer (per referral target)."""

    class Kind(models.TextChoices):
        FIRST_ACTION = "first_action", _("first action, by urgency")
        REFERRAL = "referral", _("answer to a referral, by target")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    key = models.CharField(
        _("urgency or target"),
        max_length=16,
        help_text=_(
            "P0 to P3 for a first action; police, gendarmerie, prosecutor, platform, school, support, helpline or default for a referral."
        ),
    )
    duration = models.DurationField(_("duration"), help_text=_("For example 1:00:00 (one hour) or 3 days, 0:00:00."))

    class Meta:
        ordering = ["kind", "key"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="one_deadline_per_key")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"

    def clean(self) -> None:
        allowed = URGENCY_LEVELS if self.kind == self.Kind.FIRST_ACTION else (*REFERRAL_TARGETS, DEFAULT_TARGET)
        if self.key not in allowed:
            raise ValidationError({"key": _("Choose one of: %(keys)s.") % {"keys": ", ".join(allowed)}})
        if self.duration is not None and self.duration < timedelta(minutes=1):
            raise ValidationError({"duration": _("A deadline is at least one minute.")})


class EmergencyNumber(Named):
    """A number shown on every public page: the emergency services, and help lines with their hours."""

    number = models.CharField(_("number"), max_length=20)
    hours = models.CharField(
        _("hours"), max_length=60, blank=True, help_text=_("When it answers, for example 8:30–18:00; empty: always.")
    )
    shown = models.BooleanField(_("shown"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("emergency number")
        verbose_name_plural = _("emergency numbers")


class AdviceWording(models.Model):
    """The centre's own wording of one line of advice, instead of the translation that ships with Sanad."""

    source = models.TextField(_("advice line"), unique=True, help_text=_("The line as Sanad words it in English."))
    text_ar = models.TextField(_("wording in Arabic"), blank=True, help_text=_("Empty: Sanad's own wording."))
    text_fr = models.TextField(_("wording in French"), blank=True, help_text=_("Empty: Sanad's own wording."))
    text_en = models.TextField(_("wording in English"), blank=True, help_text=_("Empty: Sanad's own wording."))

    class Meta:
        ordering = ["source"]
        verbose_name = _("wording of advice")
        verbose_name_plural = _("wording of advice")

    def __str__(self) -> str:
        return self.source[:80]

    def text(self, language: str) -> str:
        return getattr(self, f"text_{language}", "") or ""

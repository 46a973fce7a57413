"""The danger signals the assistant looks for, how urgent each one is, and what the staff read."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sanad.triage import rules


@dataclass(frozen=True)
class Danger:
    code: str
    urgency: str  # P0 or P1 (DOMAIN.md)
    label: Promise
    categories: tuple[str, ...]  # the harms it is a case of


DANGERS: dict[str, Danger] = {
    danger.code: danger
    for danger in (
        Danger(rules.SELF_HARM, "P0", _("Self-harm or suicidal intent"), ()),
        Danger(rules.DANGER_NOW, "P0", _("In physical danger now or at a set time"), ()),
        Danger(rules.MEETING, "P0", _("A planned meeting with an adult met online"), ("sexual_exploitation",)),
        Danger(rules.SEXTORTION_DEADLINE, "P0", _("Sextortion with a deadline"), ("sexual_exploitation",)),
        Danger(rules.CREDIBLE_THREAT, "P0", _("A threat of violence with a time, a place or a weapon"), ("threats",)),
        Danger(rules.SEXTORTION, "P1", _("A threat to publish intimate images"), ("sexual_exploitation",)),
        Danger(rules.THREAT, "P1", _("A threat of violence, or incitement to self-harm"), ("threats",)),
    )
}

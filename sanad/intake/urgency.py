"""The urgency a report gets from its own answers, before anyone has read it (DOMAIN.md)."""

from datetime import datetime, timedelta

from django.conf import settings

from sanad.intake.models import Urgency
from sanad.lib.categories import CATEGORY_URGENCY

P1_CATEGORIES = {code for code, level in CATEGORY_URGENCY.items() if level == Urgency.P1}
P2_CATEGORIES = {code for code, level in CATEGORY_URGENCY.items() if level == Urgency.P2}


def urgency_for(*, danger_now: bool, self_harm: bool, sextortion_deadline: bool, categories: set[str]) -> Urgency:
    if danger_now or self_harm or sextortion_deadline:
        return Urgency.P0
    if categories & P1_CATEGORIES:
        return Urgency.P1
    if categories & P2_CATEGORIES:
        return Urgency.P2
    return Urgency.P3


def raised(answered: str, suggested: str | None) -> Urgency:
    """The text only ever raises what the answers gave: the more urgent of the two ("P0" < "P3")."""
    return Urgency(min(answered, suggested) if suggested else answered)


def deadline(urgency: str) -> timedelta:
    return settings.SANAD_URGENCY_DEADLINES[urgency]


def first_action_due(urgency: str, *, received_at: datetime) -> datetime:
    return received_at + deadline(urgency)

"""The urgency a situation gets from its own answers, before anyone has read it (DOMAIN.md).

Reference data because two doors rank what comes to the centre with the same rules: a report
from the portal (intake) and a school case that asks for the centre (schools); the deadlines are
the centre's reference data (deadlines.py), changed by its administrators. Urgencies are their
codes, "P0" (immediate danger) to "P3"; "P0" < "P3" as text, so the smaller is the more urgent.
"""

from datetime import datetime, timedelta

from sanad.lib.categories import CATEGORY_URGENCY
from sanad.reference import deadlines

P0, P1, P2, P3 = "P0", "P1", "P2", "P3"
P1_CATEGORIES = {code for code, level in CATEGORY_URGENCY.items() if level == P1}
P2_CATEGORIES = {code for code, level in CATEGORY_URGENCY.items() if level == P2}


def urgency_for(*, danger_now: bool, self_harm: bool, sextortion_deadline: bool, categories: set[str]) -> str:
    if danger_now or self_harm or sextortion_deadline:
        return P0
    if categories & P1_CATEGORIES:
        return P1
    if categories & P2_CATEGORIES:
        return P2
    return P3


def raised(answered: str, suggested: str | None) -> str:
    """Only ever raises what the answers gave: the more urgent of the two."""
    return min(answered, suggested) if suggested else answered


def deadline(urgency: str) -> timedelta:
    return deadlines.first_action(urgency)


def first_action_due(urgency: str, *, received_at: datetime) -> datetime:
    return received_at + deadline(urgency)

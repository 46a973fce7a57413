"""Deadlines from the reference data, with the installation profile's value (settings) when a row is missing."""

from datetime import timedelta

from django.conf import settings

from sanad.reference.current import snapshot
from sanad.reference.models import DEFAULT_TARGET, Deadline


def first_action(urgency: str) -> timedelta:
    """How long the centre has to act on a report or case of this urgency (P0 to P3)."""
    found = snapshot().deadlines.get((Deadline.Kind.FIRST_ACTION, urgency))
    return found if found is not None else settings.SANAD_URGENCY_DEADLINES[urgency]


def first_action_all() -> dict[str, timedelta]:
    return {level: first_action(level) for level in settings.SANAD_URGENCY_DEADLINES}


def referral(target: str) -> timedelta:
    """How long a referral's recipient has to answer; a target without its own deadline takes the default."""
    deadlines = snapshot().deadlines
    for key in (target, DEFAULT_TARGET):
        found = deadlines.get((Deadline.Kind.REFERRAL, key))
        if found is not None:
            return found
    profile = settings.SANAD_REFERRAL_DEADLINES
    return profile.get(target, profile[DEFAULT_TARGET])

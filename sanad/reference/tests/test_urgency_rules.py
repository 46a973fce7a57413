"""The urgency a report gets from its own answers, and the deadline that follows from configuration."""

from datetime import UTC, datetime, timedelta

import pytest

from sanad.reference.urgency import deadline, first_action_due, urgency_for
from sanad.testing import set_deadline

NO_DANGER = {"danger_now": False, "self_harm": False, "sextortion_deadline": False}


@pytest.mark.parametrize("flag", ["danger_now", "self_harm", "sextortion_deadline"])
def test_any_danger_signal_is_p0_whatever_the_category(flag):
    assert urgency_for(**{**NO_DANGER, flag: True}, categories={"other"}) == "P0"


@pytest.mark.parametrize("category", ["sexual_exploitation", "threats"])
def test_sexual_exploitation_or_threats_are_p1(category):
    assert urgency_for(**NO_DANGER, categories={category, "harassment", "other"}) == "P1"


@pytest.mark.parametrize("category", ["harassment", "personal_data", "hate_speech"])
def test_harassment_doxxing_or_hate_are_p2(category):
    assert urgency_for(**NO_DANGER, categories={category, "scam"}) == "P2"


@pytest.mark.parametrize(
    "categories", [{"shocking_content"}, {"gaming_exploitation"}, {"account_takeover"}, {"scam"}, {"other"}, set()]
)
def test_everything_else_is_p3(categories):
    assert urgency_for(**NO_DANGER, categories=categories) == "P3"


@pytest.mark.django_db
def test_default_deadlines():
    assert [deadline(level) for level in ("P0", "P1", "P2", "P3")] == [
        timedelta(hours=1),
        timedelta(hours=24),
        timedelta(hours=72),
        timedelta(days=7),
    ]


@pytest.mark.django_db
def test_first_action_due_follows_the_configured_deadline():
    set_deadline("first_action", "P0", timedelta(minutes=15))
    received = datetime(2025, 3, 1, 22, 50, tzinfo=UTC)
    assert first_action_due("P0", received_at=received) == datetime(2025, 3, 1, 23, 5, tzinfo=UTC)
    assert first_action_due("P3", received_at=received) == datetime(2025, 3, 8, 22, 50, tzinfo=UTC)

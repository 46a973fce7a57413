"""Help lines are configuration: numbers with the hours they answer, listening lines first for self-harm."""

from datetime import UTC, datetime, time

import pytest
from django.core.exceptions import ImproperlyConfigured

from sanad.lib import helplines


def test_a_line_with_hours_and_one_without():
    lines = helplines.parse({"listening": "0800000000|20:00-02:00", "child_helpline": "2511"}, name="X")
    assert lines == [
        helplines.HelpLine("listening", "0800000000", time(20, 0), time(2, 0)),
        helplines.HelpLine("child_helpline", "2511"),
    ]
    assert lines[1].always_open


@pytest.mark.parametrize(
    ("clock", "open_"), [("08:29", False), ("08:30", True), ("17:59", True), ("18:00", False), ("23:00", False)]
)
def test_open_during_its_hours_in_the_local_time_zone(settings, clock, open_):
    settings.TIME_ZONE = "UTC"
    line = helplines.HelpLine("child_helpline", "2511", time(8, 30), time(18, 0))
    hours, minutes = map(int, clock.split(":"))
    assert line.is_open(datetime(2026, 5, 4, hours, minutes, tzinfo=UTC)) is open_


@pytest.mark.parametrize(("clock", "open_"), [("19:59", False), ("20:00", True), ("01:59", True), ("02:00", False)])
def test_hours_may_run_past_midnight(settings, clock, open_):
    settings.TIME_ZONE = "UTC"
    line = helplines.HelpLine("listening", "0800000000", time(20, 0), time(2, 0))
    hours, minutes = map(int, clock.split(":"))
    assert line.is_open(datetime(2026, 5, 4, hours, minutes, tzinfo=UTC)) is open_


def test_listening_lines_come_first_for_self_harm():
    lines = helplines.parse({"child_helpline": "2511|08:30-18:00", "listening": "0800000000"}, name="X")
    assert [line.kind for line in helplines.for_self_harm(lines)] == ["listening", "child_helpline"]


@pytest.mark.parametrize("value", ["", "call us", "2511|8h-18h", "2511|08:30", "2511|25:00-26:00"])
def test_what_is_not_a_line_is_refused(value):
    with pytest.raises(ImproperlyConfigured, match="SANAD_HELP_LINES"):
        helplines.parse({"child_helpline": value}, name="SANAD_HELP_LINES")

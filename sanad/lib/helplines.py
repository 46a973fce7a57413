"""Help lines: people a child can talk to, with the hours they answer (configuration).

`SANAD_HELP_LINES` lists them in order, "kind:number|hours", for example
`listening:0800000000|20:00-02:00,child_helpline:2511|08:30-18:00`. Hours are the same every
day, in the deployment's time zone, and may run past midnight; no hours means day and night.
A `listening` line is shown first to a child who said they think about hurting themselves.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LISTENING = "listening"
CHILD_HELPLINE = "child_helpline"
LABELS = {
    LISTENING: _("Listening line"),
    CHILD_HELPLINE: _("Child helpline"),
}


@dataclass(frozen=True)
class HelpLine:
    kind: str
    number: str
    opens: time | None = None  # None: day and night
    closes: time | None = None

    @property
    def label(self) -> str:
        return str(LABELS.get(self.kind, self.kind))

    @property
    def hours(self) -> str:
        """Opening and closing times joined by an en dash, "08:30" to "18:00" (empty: always open)."""
        if self.opens is None or self.closes is None:
            return ""
        return f"{self.opens:%H:%M}–{self.closes:%H:%M}"

    @property
    def always_open(self) -> bool:
        return self.opens is None

    def is_open(self, now: datetime | None = None) -> bool:
        if self.opens is None or self.closes is None:
            return True
        moment = timezone.localtime(now).time()
        if self.opens <= self.closes:
            return self.opens <= moment < self.closes
        return moment >= self.opens or moment < self.closes  # past midnight


def _clock(text: str, *, name: str) -> time:
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or int(hours) > 23 or int(minutes) > 59:
        raise ImproperlyConfigured(f"{name}: {text!r} is not a time such as 08:30")
    return time(int(hours), int(minutes))


def parse(mapping: dict[str, str], *, name: str) -> list[HelpLine]:
    """{"child_helpline": "2511|08:30-18:00"} -> [HelpLine(...)], refusing what is not a line."""
    lines = []
    for kind, value in mapping.items():
        number, _sep, hours = value.partition("|")
        if not number.strip() or not all(char.isdigit() or char in "+ " for char in number.strip()):
            raise ImproperlyConfigured(f"{name}: {kind}'s number {number!r} is not a phone number")
        if not hours.strip():
            lines.append(HelpLine(kind, number.strip()))
            continue
        opens, dash, closes = hours.partition("-")
        if not dash:
            raise ImproperlyConfigured(f"{name}: {kind}'s hours {hours!r} are not like 08:30-18:00")
        lines.append(HelpLine(kind, number.strip(), _clock(opens, name=name), _clock(closes, name=name)))
    return lines


def for_self_harm(lines: list[HelpLine]) -> list[HelpLine]:
    """The listening lines first, then the others, each group in the configured order."""
    return [line for line in lines if line.kind == LISTENING] + [line for line in lines if line.kind != LISTENING]

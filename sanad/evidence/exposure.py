"""How much shocking material each person has looked at: their reveals, by day and kind of file.

Read from the chain of custody (each reveal is a `revealed` event naming the person), so
nothing is counted twice and nothing needs its own bookkeeping. Past the configured daily
threshold the page suggests a break; it never blocks anyone (a P0 case may need one more look).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models.functions import TruncDate
from django.utils import timezone

from sanad.accounts.models import User
from sanad.evidence.actions import staff_actor
from sanad.evidence.models import CustodyEvent

FAMILIES = ("image", "video", "audio", "document")


@dataclass
class Day:
    day: date
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def over_threshold(self) -> bool:
        return self.total >= settings.SANAD_EXPOSURE_DAILY_THRESHOLD

    def count(self, family: str) -> int:
        return self.counts.get(family, 0)


def _family(content_type: str) -> str:
    family = content_type.partition("/")[0]
    return family if family in FAMILIES else "document"


def days_of(user: User, *, days: int = 14) -> list[Day]:
    """The last `days` days, today first, each with this person's reveals by kind of file."""
    today = timezone.localdate()
    found = _counts([staff_actor(user)], since=today - timedelta(days=days - 1))
    by_day = found.get(staff_actor(user), {})
    return [Day(day, by_day.get(day, {})) for day in (today - timedelta(days=offset) for offset in range(days))]


def today_for(users: list[User]) -> list[tuple[User, Day]]:
    """Today's reveals of each person (for their supervisor), most exposed first."""
    today = timezone.localdate()
    found = _counts([staff_actor(user) for user in users], since=today)
    rows = [(user, Day(today, found.get(staff_actor(user), {}).get(today, {}))) for user in users]
    return sorted(rows, key=lambda row: (-row[1].total, row[0].get_username()))


def _counts(actors: list[str], *, since: date) -> dict[str, dict[date, dict[str, int]]]:
    start = timezone.make_aware(datetime.combine(since, time.min))
    rows = (
        CustodyEvent.objects.filter(action=CustodyEvent.Action.REVEALED, actor__in=actors, at__gte=start)
        .annotate(day=TruncDate("at", tzinfo=timezone.get_current_timezone()))
        .values_list("actor", "day", "evidence__content_type")
    )
    counts: dict[str, dict[date, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for actor, day, content_type in rows:
        counts[actor][day][_family(content_type)] += 1
    return counts

"""The deadline that matters for a case now, and whether the first one was met.

A case has several clocks, each from configuration:

- the **first action** (reference data, from the first report's arrival): it stops
  counting the moment someone of the centre acts on the case (`Case.first_action_at`);
- **waiting** on the reporter, an authority or a platform (`SANAD_WAITING_DEADLINES`, from the
  moment the case was set waiting): when to chase them;
- **the reporter wrote** and nobody answered yet (`SANAD_REPLY_DEADLINE`, never later than the
  urgency's own deadline): a child's words must not wait in a quiet case.

`Case.next_due_at` holds the earliest running clock and `next_due_kind` which one it is; the
queue and the supervisor's page order and flag by them. A case with no clock running gets
`NO_DEADLINE`, which sorts last. A deadline that was met stops counting.
"""

from datetime import UTC, datetime, timedelta
from statistics import median
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sanad.reference import deadlines as reference

if TYPE_CHECKING:
    from sanad.cases.models import Case  # which imports this module

NO_DEADLINE = datetime(9999, 12, 31, tzinfo=UTC)

FIRST_ACTION = "first_action"
REPORTER_WROTE = "reporter_wrote"
WAITING = {"reporter": "waiting_reporter", "authority": "waiting_authority", "platform": "waiting_platform"}
LABELS = {
    FIRST_ACTION: _("first action"),
    REPORTER_WROTE: _("answer the reporter"),
    "waiting_reporter": _("chase the reporter"),
    "waiting_authority": _("chase the authority"),
    "waiting_platform": _("chase the platform"),
    "": _("no deadline running"),
}


def reply_window(urgency: str) -> timedelta:
    return min(settings.SANAD_REPLY_DEADLINE, reference.first_action(urgency))


def window(kind: str, urgency: str, waiting_on: str) -> timedelta:
    """How long the clock of this kind runs in all (for "at risk": a quarter of it left)."""
    if kind == FIRST_ACTION:
        return reference.first_action(urgency)
    if kind == REPORTER_WROTE:
        return reply_window(urgency)
    if kind in WAITING.values():
        return settings.SANAD_WAITING_DEADLINES[waiting_on]
    return timedelta(0)


def running(case: "Case") -> list[tuple[datetime, str]]:
    """Every clock running on this case: (due, kind)."""
    if case.status == "closed":
        return []
    clocks = []
    if case.first_action_at is None:
        clocks.append((case.first_action_due, FIRST_ACTION))
    if case.reporter_waiting_since is not None:
        clocks.append((case.reporter_waiting_since + reply_window(case.urgency), REPORTER_WROTE))
    if case.status == "waiting" and case.waiting_since is not None and case.waiting_on in WAITING:
        clocks.append(
            (case.waiting_since + settings.SANAD_WAITING_DEADLINES[case.waiting_on], WAITING[case.waiting_on])
        )
    return clocks


def refresh(case: "Case") -> list[str]:
    """Set the case's next deadline from its clocks; the fields to save."""
    clocks = running(case)
    case.next_due_at, case.next_due_kind = min(clocks) if clocks else (NO_DEADLINE, "")
    return ["next_due_at", "next_due_kind"]


def first_action_figures(rows: list[tuple[str, datetime, datetime, datetime | None]]) -> dict[str, dict[str, object]]:
    """Per urgency, from (urgency, received, due, first action) of each case: how many, how many met
    their first-action deadline, and the median and 90th percentile of the time to first action
    (hours), over the cases acted on. Used by the statistics."""
    figures: dict[str, dict[str, object]] = {}
    for level in settings.SANAD_URGENCY_DEADLINES:
        mine = [row for row in rows if row[0] == level]
        acted = sorted((row[3] - row[1]).total_seconds() / 3600 for row in mine if row[3] is not None)
        met = sum(1 for row in mine if row[3] is not None and row[3] <= row[2])
        figures[level] = {
            "cases": len(mine),
            "met": met,
            "share_met": met / len(mine) if mine else None,
            "median_hours": median(acted) if acted else None,
            "p90_hours": acted[min(len(acted) - 1, int(0.9 * len(acted)))] if acted else None,
        }
    return figures

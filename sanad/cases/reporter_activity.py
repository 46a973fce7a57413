"""A child's words are never lost in a closed or quiet case.

The portal (`intake`, which knows nothing of cases) marks a report the moment its reporter
writes or adds a file (`Report.reporter_waiting_since`), and may raise its urgency when the
reporter answers the danger questions again. The back-office picks that up here, by reading
the reports' state, as its queue reads new reports (never an event pushed from the portal):

- the case gets its "the reporter wrote" clock (deadlines.py), which ranks it in the queue;
- a closed case is reopened into the queue: a child who writes to us is answered;
- a danger answer raises the case's urgency (the portal has already called the on-call staff);
- the assignee, or the team on duty for an unassigned case, is told (no content).

The queue shows the flag at once from the reports themselves; this job (every
SANAD_PICKUP_SECONDS, run by the scheduler) ranks, reopens and tells.
"""

from datetime import datetime
from typing import cast

from django.db import transaction
from django_tasks import task

from sanad.cases import actions
from sanad.cases.models import Case
from sanad.cases.tasks import tell_of_reporter_activity
from sanad.intake.models import Report

REOPEN_REASON = "the reporter wrote after the case was closed"
DANGER_REASON = "the reporter answered the danger questions in a message"


@transaction.atomic
def pick_up_case(case_id: int) -> bool:
    """Bring one case up to date with its reporters' activity; whether anything changed."""
    case = Case.objects.select_for_update(of=("self",)).get(pk=case_id)
    waiting = list(
        Report.objects.filter(case_link__case=case, reporter_waiting_since__isnull=False).values_list(
            "reporter_waiting_since", "urgency"
        )
    )
    if not waiting:
        return False
    since = min(cast(datetime, moment) for moment, _urgency in waiting)  # reporter_waiting_since__isnull=False
    most_urgent = min(urgency for _moment, urgency in waiting)
    if case.reporter_waiting_since is not None and case.reporter_waiting_since <= since and most_urgent >= case.urgency:
        return False
    if case.is_closed:
        actions.reopen_case(case, reason=REOPEN_REASON, by=None)
    if most_urgent < case.urgency:  # "P0" < "P1"
        actions.change_urgency(case, to=most_urgent, reason=DANGER_REASON, by=None)
    new_wait = case.reporter_waiting_since is None
    actions.note_reporter_waiting(case, since=since)
    if new_wait:
        transaction.on_commit(lambda: tell_of_reporter_activity.enqueue(case.pk, since.isoformat()))
    return True


def pick_up() -> int:
    """Every case whose reporter is waiting and the case does not know it yet; how many changed."""
    cases = (
        Report.objects.filter(reporter_waiting_since__isnull=False, case_link__isnull=False)
        .values_list("case_link__case", flat=True)
        .distinct()
    )
    return sum(pick_up_case(case_id) for case_id in cases)


@task()
def pick_up_reporter_activity() -> int:
    return pick_up()

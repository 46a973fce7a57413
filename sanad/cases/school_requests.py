"""A school case asks the national centre, and the centre reads it: no signal, no invented report.

The school protocol (`schools`, which cannot import `cases`) records that a case asked the
centre (`ProtocolRun.centre_asked_at`, level 3 or a take-down) with the urgency the portal's
rules give its signals (reference/urgency.py). The back-office reads that state:

- its queue lists a school case that asked, as a third kind of row, until someone triages it
  (cases/queue.py); triaging opens a `Case` pointing to it (`actions.open_case_from_school`),
  with no report, since nobody sent one;
- a later request on a case the centre already has (a take-down after the escalation, a
  reassessment that finds a risk of self-harm) is picked up here: the case is reopened if
  closed, its urgency raised, its assignee told;
- a school closing a case the centre transferred to it answers that referral: the referral's
  answer is the school case's state.

This job runs every SANAD_PICKUP_SECONDS (the scheduler); the on-call staff were already
called by the school's side when a request is P0.
"""

from typing import cast

from django.db import transaction
from django.db.models import F, Q
from django_tasks import task

from sanad.cases import actions
from sanad.cases.models import ANSWERED, Case, Referral, ReferralStatus, ReferralTarget
from sanad.cases.tasks import tell_of_school_request
from sanad.schools.models import ProtocolRun, RunStatus

ASKED_AGAIN = "the school asked the centre again"


@transaction.atomic
def pick_up_case(case_id: int) -> bool:
    """Bring one case up to date with its school case; whether anything changed."""
    case = Case.objects.select_for_update(of=("self",)).select_related("assignee").get(pk=case_id)
    run = ProtocolRun.objects.get(pk=cast(int, case.school_case_id))  # pick_up() takes cases of school cases
    changed = False
    if run.centre_asked_again_at and (case.school_seen_at is None or run.centre_asked_again_at > case.school_seen_at):
        if case.is_closed:
            actions.reopen_case(case, reason=ASKED_AGAIN, by=None)
        if run.centre_urgency and run.centre_urgency < case.urgency:  # "P0" < "P1"
            actions.change_urgency(case, to=run.centre_urgency, reason=ASKED_AGAIN, by=None)
        actions.note_school_request(case)
        asked = run.centre_asked_again_at
        transaction.on_commit(lambda: tell_of_school_request.enqueue(case.pk, asked.isoformat()))
        changed = True
    if run.status == RunStatus.CLOSED:
        waiting = Referral.objects.select_for_update().filter(
            case=case, target=ReferralTarget.SCHOOL, organisation=run.school.organisation_id
        )
        for referral in waiting.exclude(status__in=ANSWERED):
            actions.update_referral(referral, status=ReferralStatus.CLOSED, answer="", by=None)
            changed = True
    return changed


def pick_up() -> int:
    """Every case whose school case asked something new, or closed with its referral unanswered."""
    asked = Case.objects.filter(school_case__centre_asked_again_at__isnull=False).filter(
        Q(school_seen_at__isnull=True) | Q(school_case__centre_asked_again_at__gt=F("school_seen_at"))
    )
    closed = (
        Referral.objects.filter(target=ReferralTarget.SCHOOL, case__school_case__status=RunStatus.CLOSED)
        .exclude(status__in=ANSWERED)
        .values_list("case", flat=True)
    )
    cases = set(asked.values_list("pk", flat=True)) | set(closed)
    return sum(pick_up_case(case_id) for case_id in sorted(cases))


@task()
def pick_up_school_requests() -> int:
    return pick_up()

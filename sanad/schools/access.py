"""The only way to fetch a school case or a school. Missing and forbidden give the same error."""

from uuid import UUID

from sanad.accounts.models import User
from sanad.evidence.models import Evidence
from sanad.lib.errors import NotFound
from sanad.schools.models import ProtocolRun, RunQuerySet, School, StepRecord


class RunNotFound(NotFound):
    code = "school_case_not_found"


def access_run(user: User, run_id: int, *, for_update: bool = False, handling: bool = False) -> ProtocolRun:
    """A school case: for its school's team, or for the centre when it is part of it.
    `handling`: only the school's own team runs the steps (the centre reads)."""
    if handling and not user.is_school_team:
        raise RunNotFound()
    runs = ProtocolRun.objects.visible_to(user)
    if for_update:
        runs = ProtocolRun.objects.select_for_update(of=("self",)).filter(pk__in=runs.values("pk"))
    run = runs.select_related("school__organisation", "protocol").filter(pk=run_id).first()
    if run is None:
        raise RunNotFound()
    return run


def team_school(user: User) -> School:
    """The school whose resource team this user belongs to."""
    school = School.objects.select_related("organisation", "region").filter(organisation=user.organisation_id).first()
    if not user.is_school_team or school is None:
        raise NotFound()
    return school


def may_handle(user: User, run: ProtocolRun) -> bool:
    """Only the school's own team runs the steps; the national centre reads."""
    return user.is_school_team and run.school.organisation_id == user.organisation_id


def team_runs(user: User) -> "RunQuerySet":
    """The cases of the school whose team this user belongs to."""
    return ProtocolRun.objects.filter(school=team_school(user))


def run_file(run: ProtocolRun, evidence_id: UUID) -> Evidence:
    """A file of a school case the caller already reached through access_run: one the team
    attached to a step, or one the national centre shared. Any other id is not found."""
    attached = StepRecord.attachments.through.objects.filter(steprecord__run=run, evidence=evidence_id)
    if not attached.exists() and not run.shared_evidence.filter(pk=evidence_id).exists():
        raise NotFound()
    return Evidence.objects.get(pk=evidence_id)

"""The school protocol meets the national centre's back-office.

`schools` may not import `cases` (docs/architecture.md): it sends signals (schools/signals.py)
inside the transaction of the team's change, and the receivers below act in that same
transaction, so a level 3 assessment and its national case are saved together or not at all.

- A case assessed level 3 appears at once in the national queue, P1 or more urgent (P0 when
  the pupil may harm themselves or was found in danger at the interview).
- A request to take content down gives the centre a case (if it has none) whose report
  names the links, ready for the analyst's referral to the platform.
- A school closing a case the centre transferred answers that referral.

The national case holds one report from the school (channel "school"), written from the
school case as the team recorded it. Its receipt is never shown to anyone: the school
follows its case in its own workspace, not on the portal.

Owner: the national centre's organisation. A deployment with no centre organisation yet
still gets the case (an escalation must never be lost, nor block the team's assessment): a
centre organisation is created for it, which an administrator can rename later.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from sanad.accounts.models import Organisation, User
from sanad.audit.log import record
from sanad.cases import actions, deadlines
from sanad.cases.models import ANSWERED, Case, CaseReport, CaseStatus, Referral, ReferralStatus, ReferralTarget
from sanad.evidence.models import Evidence
from sanad.intake import actions as intake_actions
from sanad.intake.identifiers import normalise
from sanad.intake.models import (
    AgeBand,
    Category,
    Channel,
    Gender,
    Ongoing,
    PublicStatus,
    Report,
    ReporterRole,
    ReportPlatform,
    Started,
    Urgency,
)
from sanad.intake.tasks import notify_oncall
from sanad.lib import urgency as urgency_rules
from sanad.schools import signals
from sanad.schools.models import Level, ProtocolRun, SeriousBecause, StepRecord, ToldBy

# The age band a school's level gives when the team did not record an age. Primary pupils
# are 6 to 12; those online on their own, where cyberharassment starts, are mostly the oldest.
AGE_BAND_FOR_LEVEL = {
    Level.PRIMARY: AgeBand.AGE_10_12,
    Level.MIDDLE: AgeBand.AGE_13_15,
    Level.SECONDARY: AgeBand.AGE_16_17,
}
# Level 3 reaches the queue at least this urgent (DOMAIN.md: "P1 or higher").
ESCALATED_AT_LEAST = Urgency.P1
# A takedown request asks the centre to act within 72 hours at most.
TAKEDOWN_AT_LEAST = Urgency.P2
# Reasons written in the audit log of the changes a school's action makes to a case.
ESCALATION_REASON = "the school assessed its case level 3"
TAKEDOWN_REASON = "the school asked for content to be removed"
CENTRE_NAME = "National reporting centre"


def connect() -> None:
    """Called once by CasesConfig.ready()."""
    signals.escalated.connect(on_escalated, sender=ProtocolRun, dispatch_uid="cases.school_link.escalated")
    signals.takedown_requested.connect(
        on_takedown_requested, sender=ProtocolRun, dispatch_uid="cases.school_link.takedown_requested"
    )
    signals.run_closed.connect(on_run_closed, sender=ProtocolRun, dispatch_uid="cases.school_link.run_closed")


def on_escalated(sender: type, *, run: ProtocolRun, by: User, **kwargs: object) -> None:
    escalate_to_centre(run, by=by)


def on_takedown_requested(sender: type, *, run: ProtocolRun, by: User, **kwargs: object) -> None:
    take_down_for_school(run, by=by)


def on_run_closed(sender: type, *, run: ProtocolRun, by: User, **kwargs: object) -> None:
    answer_school_referrals(run, by=by)


def danger_flags(run: ProtocolRun) -> tuple[bool, bool]:
    """(in danger now, risk of self-harm) as the team recorded them: interview and assessment."""
    self_harm = SeriousBecause.SELF_HARM in run.serious_because
    interview = next((step.code for step in run.protocol.steps if "safety" in step.records), None)
    details = StepRecord.objects.filter(run=run, code=interview).values_list("details", flat=True).first()
    danger_now = bool(details) and details.get("safety") == "danger"
    return danger_now, self_harm


def urgency_from_school(run: ProtocolRun, *, at_least: str) -> str:
    """What the school report's own signals give (intake/urgency.py), never less urgent than `at_least`."""
    danger_now, self_harm = danger_flags(run)
    level = urgency_rules.urgency_for(
        danger_now=danger_now, self_harm=self_harm, sextortion_deadline=False, categories=set(run.categories)
    )
    return min(level, at_least)  # "P0" < "P1": the smaller is the more urgent


def _locked_national_case(run: ProtocolRun) -> Case | None:
    # Lock the school case's row first: an escalation and a takedown request of the same case,
    # sent at once by two team members, would otherwise both find no case and open two.
    ProtocolRun.objects.select_for_update().filter(pk=run.pk).first()
    return Case.objects.select_for_update(of=("self",)).filter(school_case=run).first()


@transaction.atomic
def escalate_to_centre(run: ProtocolRun, *, by: User) -> Case:
    case = _locked_national_case(run)
    if case is None:
        # The new report is ranked from the same signals (receive_report): no need to read them twice.
        return open_national_case(run, by=by, at_least=ESCALATED_AT_LEAST, because="escalated")
    urgency = urgency_from_school(run, at_least=ESCALATED_AT_LEAST)
    if case.is_closed:
        actions.reopen_case(case, reason=ESCALATION_REASON, by=by)
    if urgency < case.urgency:
        actions.change_urgency(case, to=urgency, reason=ESCALATION_REASON, by=by)
        if urgency == Urgency.P0:
            report = school_report(case)
            transaction.on_commit(lambda: notify_oncall.enqueue(report.pk))
    return case


@transaction.atomic
def take_down_for_school(run: ProtocolRun, *, by: User) -> Case:
    case = _locked_national_case(run)
    if case is None:
        at_least = ESCALATED_AT_LEAST if run.is_escalated else TAKEDOWN_AT_LEAST
        case = open_national_case(run, by=by, at_least=at_least, because="takedown")
    elif case.is_closed:
        actions.reopen_case(case, reason=TAKEDOWN_REASON, by=by)
    report = school_report(case)
    added = add_identifiers(report, run.takedown_links)
    record(
        by,
        "case.takedown_requested",
        object_type="case",
        object_id=case.pk,
        school_case=run.pk,
        report=report.pk,
        identifiers=added,
    )
    return case


@transaction.atomic
def answer_school_referrals(run: ProtocolRun, *, by: User) -> None:
    """The school closed a case the centre transferred to it: the referral is answered."""
    referrals = (
        Referral.objects.select_for_update()
        .filter(case__school_case=run, target=ReferralTarget.SCHOOL, organisation=run.school.organisation_id)
        .exclude(status__in=ANSWERED)
    )
    for referral in referrals:
        actions.update_referral(referral, status=ReferralStatus.CLOSED, answer="", by=by)


def open_national_case(run: ProtocolRun, *, by: User, at_least: str, because: str) -> Case:
    """A report from the school and a new, unassigned case in the queue, linked to the school case."""
    now = timezone.now()
    school = run.school
    danger_now, self_harm = danger_flags(run)
    report = Report(
        channel=Channel.SCHOOL,
        language=(translation.get_language() or settings.LANGUAGE_CODE)[:8],
        submitted_at=now,
        danger_now=danger_now,
        self_harm=self_harm,
        sextortion_deadline=False,
        reporter_role=ReporterRole.PROFESSIONAL,
        started=Started.UNKNOWN,
        ongoing=Ongoing.UNKNOWN,
        victim_age_band=AGE_BAND_FOR_LEVEL.get(Level(school.level), AgeBand.UNKNOWN),
        victim_gender=Gender.UNSAID,
        region=school.region,
        told_parent=run.told_by == ToldBy.PARENT,
        told_teacher=True,  # the school's team knows: that is where this report comes from
        # The school itself reports: involving it needs no other consent.
        consent_share=True,
    )
    # A P0 report e-mails the on-call staff after commit, exactly as a P0 web report does.
    intake_actions.receive_report(
        report,
        description=run.facts or "—",
        school=school.name,
        contact="",
        categories=[code for code in run.categories if code in Category.values],
        platforms=[],
        identifiers=[],
        evidence=_team_files(run),
    )
    # In a case at once: "received" would also list it in the queue as a report waiting for triage.
    intake_actions.set_public_status(report, PublicStatus.BEING_HANDLED)
    urgency = min(report.urgency, at_least)
    case = Case(
        urgency=urgency,
        status=CaseStatus.NEW,
        organisation=_centre(),
        assignee=None,
        opened_at=now,
        first_action_due=urgency_rules.first_action_due(urgency, received_at=now),
        school_case=run,
    )
    deadlines.refresh(case)  # nobody of the centre has acted yet: the first-action clock runs
    case.save()
    CaseReport.objects.create(case=case, report=report, linked_by=by, linked_at=now)
    record(
        by,
        "case.opened_from_school",
        object_type="case",
        object_id=case.pk,
        school_case=run.pk,
        report=report.pk,
        urgency=urgency,
        because=because,
    )
    return case


def school_report(case: Case) -> Report:
    """The report the school's case became; a transferred case has none: its first report then."""
    reports = Report.objects.filter(case_link__case=case)
    found = reports.filter(channel=Channel.SCHOOL).order_by("submitted_at", "pk").first()
    return found or reports.order_by("submitted_at", "pk").first()  # type: ignore[return-value]


def add_identifiers(report: Report, links: str) -> int:
    """Each line a link or an account to take down, normalised as the portal does; returns how many were new."""
    known = set(report.identifiers.values_list("digest", flat=True))
    platforms = set(report.platforms.values_list("platform", flat=True))
    added = 0
    for line in links.splitlines():
        found = normalise(line)
        if found is None or found.digest in known:
            continue
        found.row_of(report).save()
        known.add(found.digest)
        added += 1
        if found.platform and found.platform not in platforms:
            ReportPlatform.objects.create(report=report, platform=found.platform)
            platforms.add(found.platform)
    return added


def _team_files(run: ProtocolRun) -> list[Evidence]:
    """What the team attached to its steps: the centre's case holds the whole record."""
    return list(Evidence.objects.filter(pk__in=run.steps.values("attachments")).distinct())


def _centre() -> Organisation:
    centre = Organisation.objects.filter(kind=Organisation.Kind.CENTRE).order_by("pk").first()
    if centre is None:
        centre = Organisation.objects.create(name=CENTRE_NAME, kind=Organisation.Kind.CENTRE)
    return centre

"""The only way to fetch a protected object. Missing and forbidden give the same error:
telling them apart would confirm to an outsider that a case exists."""

import uuid

from django.db.models import QuerySet

from sanad.accounts.models import User
from sanad.cases.models import Case, CaseReport, Notice, Referral, ReferralFile, ReferralQuerySet, ReferralTarget
from sanad.evidence.models import Evidence
from sanad.intake.models import Report
from sanad.lib.errors import NotFound
from sanad.schools.models import ProtocolRun

# Targets whose liaison receives the full evidence pack (see redaction.py).
FULL_EVIDENCE_TARGETS = {ReferralTarget.POLICE, ReferralTarget.GENDARMERIE, ReferralTarget.PROSECUTOR}


class CaseNotFound(NotFound):
    code = "case_not_found"


class ReportNotFound(NotFound):
    code = "report_not_found"


class ReferralNotFound(NotFound):
    code = "referral_not_found"


class EvidenceNotFound(NotFound):
    code = "evidence_not_found"


def access_case(user: User, case_id: int, *, for_update: bool = False) -> Case:
    """A case, for the centre's staff who handle cases: the case page and everything that changes
    a case are theirs (a liaison reads what was referred through access_referral, a school team
    its school case through access_run)."""
    if not (user.is_authenticated and user.is_active and user.handles_cases):
        raise CaseNotFound()
    cases = Case.objects.visible_to(user)
    if for_update:
        # Lock the row: two analysts changing one case apply their changes one after the other.
        # Only this row (of=self): PostgreSQL cannot lock the nullable side of the assignee join.
        cases = Case.objects.select_for_update(of=("self",)).filter(pk__in=cases.values("pk"))
    case = cases.select_related("assignee", "organisation").filter(pk=case_id).first()
    if case is None:
        raise CaseNotFound()
    return case


def reports_visible_to(user: User) -> QuerySet[Report]:
    if user.is_authenticated and user.is_active and user.handles_cases:
        return Report.objects.all()
    return Report.objects.none()


def access_report(user: User, report_id: int, *, for_update: bool = False) -> Report:
    reports = reports_visible_to(user)
    if for_update:
        reports = reports.select_for_update(of=("self",))  # not the nullable region joined below
    report = reports.select_related("region").filter(pk=report_id).first()
    if report is None:
        raise ReportNotFound()
    return report


def access_referral(user: User, referral_id: int, *, for_update: bool = False, answering: bool = False) -> Referral:
    """A referral: for the centre, or for its recipient's liaisons. `answering`: only the recipient
    answers a referral (acknowledges, updates, refuses)."""
    if answering and not user.is_liaison:
        raise ReferralNotFound()
    referrals = Referral.objects.visible_to(user)
    if for_update:
        referrals = Referral.objects.select_for_update().filter(pk__in=referrals.values("pk"))
    referral = referrals.select_related("case", "organisation").filter(pk=referral_id).first()
    if referral is None:
        raise ReferralNotFound()
    return referral


class NoticeNotFound(NotFound):
    code = "notice_not_found"


def access_notice(user: User, referral: Referral, notice_id: int, *, for_update: bool = False) -> Notice:
    """A notice of a referral fetched through access_referral, to record the platform's answer: by
    the centre (for a platform without API access) or the platform's own liaisons."""
    if not (user.handles_cases or (user.is_liaison and user.organisation_id == referral.organisation_id)):
        raise NoticeNotFound()
    notices = Notice.objects.filter(referral=referral)
    if for_update:
        notices = notices.select_for_update()
    notice = notices.filter(pk=notice_id).first()
    if notice is None:
        raise NoticeNotFound()
    return notice


def access_evidence(user: User, evidence_id: str) -> Evidence:
    """A file goes through the same gate as what holds it.

    Centre staff: files of reports (every report is theirs) and files of the school cases the
    centre is part of (ProtocolRun.objects.visible_to), nothing else. A liaison: only the files
    a full-profile referral to its organisation sent (frozen in ReferralFile when it was sent).
    """
    evidence = Evidence.objects.filter(pk=evidence_id).first() if _is_uuid(evidence_id) else None
    if evidence is None or not (user.is_authenticated and user.is_active):
        raise EvidenceNotFound()
    if user.handles_cases and _centre_may_open(user, evidence):
        return evidence
    if user.is_liaison and _sent_to(user, evidence):
        return evidence
    raise EvidenceNotFound()


def _centre_may_open(user: User, evidence: Evidence) -> bool:
    if reports_visible_to(user).filter(evidence=evidence).exists():
        return True
    runs = ProtocolRun.objects.visible_to(user)
    return runs.filter(steps__attachments=evidence).exists() or runs.filter(shared_evidence=evidence).exists()


def _sent_to(user: User, evidence: Evidence) -> bool:
    return ReferralFile.objects.filter(
        evidence=evidence, referral__organisation=user.organisation_id, referral__target__in=FULL_EVIDENCE_TARGETS
    ).exists()


def case_evidence(case: Case, evidence_id: str) -> Evidence:
    """A file of one of the case's reports; any other id is not found."""
    evidence = None
    if _is_uuid(evidence_id):
        evidence = Evidence.objects.filter(pk=evidence_id, reports__case_link__case=case).first()
    if evidence is None:
        raise EvidenceNotFound()
    return evidence


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return True


def reports_of(case: Case) -> list[Report]:
    """The reports of a case already fetched through access_case, with what the case page shows."""
    return list(
        Report.objects.filter(case_link__case=case)
        .select_related("region", "case_link")
        .prefetch_related("categories", "platforms", "identifiers", "evidence", "messages")
        .order_by("submitted_at")
    )


def case_link_of(user: User, report: Report) -> CaseReport | None:
    """The case a report (fetched through access_report) belongs to, if this user may see that case."""
    return (
        CaseReport.objects.filter(report=report, case__in=Case.objects.visible_to(user)).select_related("case").first()
    )


def case_id_by_reference(user: User, reference: str) -> int | None:
    """A case this user may see, found by the reference someone typed; then fetched through access_case."""
    return Case.objects.visible_to(user).filter(reference=reference).values_list("pk", flat=True).first()


def referrals_visible_to(user: User) -> ReferralQuerySet:
    """The referral list: every referral for the centre, its own for a liaison, a not-found page for anyone else."""
    if not (user.is_authenticated and user.is_active and (user.handles_cases or user.is_liaison)):
        raise ReferralNotFound()
    return Referral.objects.visible_to(user).select_related("case", "organisation")


def case_of_school_request(user: User, run: ProtocolRun) -> Case | None:
    """The case the centre opened for a school case (fetched through access_run), if any."""
    return Case.objects.visible_to(user).filter(school_case=run).first()

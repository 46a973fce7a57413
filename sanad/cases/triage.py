"""The triage queue: reports nobody has triaged yet and open cases, in one order.

Both are ranked by urgency then deadline ("P0" sorts before "P1" as text, in the database
and in Python alike), fetched in that order, merged and cut at `LIMIT` rows. The badges
say which first-action deadlines have passed (overdue) or have less than a quarter of
their urgency's time left (at risk).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse

from sanad.accounts.models import Organisation, Region, User
from sanad.cases.access import reports_visible_to
from sanad.cases.forms import WaitingOn, display_name
from sanad.cases.models import Case, CaseReport, CaseStatus, Referral
from sanad.cases.search import Found
from sanad.intake.models import PublicStatus, Report

LIMIT = 100
OVERDUE = "overdue"
AT_RISK = "at_risk"
UNASSIGNED = "none"


@dataclass(frozen=True)
class Filters:
    urgency: str = ""
    status: str = ""
    category: str = ""
    platform: str = ""
    region: Region | None = None
    assignee: str = ""  # "", UNASSIGNED or a user's id
    organisation: Organisation | None = None


@dataclass
class Row:
    kind: str  # "report" or "case"
    reference: str
    url: str
    urgency: str
    urgency_label: str
    due: datetime
    deadline: str  # OVERDUE, AT_RISK or ""
    status: str
    status_label: str
    since: datetime
    categories: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    platforms: list[str] = field(default_factory=list)
    assignee: str = ""
    report_count: int = 1
    danger: bool = False
    school: bool = False  # a case linked to a school case (its own column: no join needed)

    @property
    def order(self) -> tuple[str, datetime, datetime, str]:
        return (self.urgency, self.due, self.since, self.reference)


@dataclass
class Queue:
    rows: list[Row]
    truncated: bool


def report_deadline(report: Report, now: datetime) -> str:
    """The same rule as Case.is_overdue and Case.is_at_risk, for a report still waiting for triage."""
    if now > report.first_action_due:
        return OVERDUE
    if report.first_action_due - now < settings.SANAD_URGENCY_DEADLINES[report.urgency] / 4:
        return AT_RISK
    return ""


def case_deadline(case: Case, now: datetime) -> str:
    if case.is_overdue(now):
        return OVERDUE
    if case.is_at_risk(now):
        return AT_RISK
    return ""


def build_queue(user: User, *, filters: Filters, found: Found | None, now: datetime) -> Queue:
    reports = list(_reports(user, filters, found)[: LIMIT + 1])
    cases = list(_cases(user, filters, found)[: LIMIT + 1])
    rows = [_report_row(report, now) for report in reports] + [_case_row(case, now) for case in cases]
    rows.sort(key=lambda row: row.order)
    return Queue(rows=rows[:LIMIT], truncated=len(rows) > LIMIT)


def _reports(user: User, filters: Filters, found: Found | None) -> QuerySet[Report]:
    # A report waiting for triage has no case: no status other than "new", no assignee, no owner yet.
    if filters.status not in {"", CaseStatus.NEW} or filters.organisation is not None:
        return Report.objects.none()
    if filters.assignee not in {"", UNASSIGNED}:
        return Report.objects.none()
    # A report waits for triage exactly while its public status is "received": open_case and
    # link_report move it on in the same transaction. Reading that status uses the small
    # partial index of waiting reports; joining the million case links to find the few
    # unlinked reports made PostgreSQL scan them all.
    reports = reports_visible_to(user).filter(status=PublicStatus.RECEIVED)
    if found is not None:
        reports = reports.filter(pk__in=found.report_ids)
    if filters.urgency:
        reports = reports.filter(urgency=filters.urgency)
    # (report, category) and (report, platform) are unique: these joins never repeat a report.
    if filters.category:
        reports = reports.filter(categories__category=filters.category)
    if filters.platform:
        reports = reports.filter(platforms__platform=filters.platform)
    if filters.region is not None:
        reports = reports.filter(region=filters.region)
    return reports.select_related("region").prefetch_related("categories", "platforms").in_triage_order()


def _cases(user: User, filters: Filters, found: Found | None) -> QuerySet[Case]:
    cases = Case.objects.visible_to(user)
    if found is not None:
        # A search also finds closed cases: "what happened to this receipt?" has an answer.
        cases = cases.filter(pk__in=found.case_ids)
    elif filters.status != CaseStatus.CLOSED:
        cases = cases.open()
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.urgency:
        cases = cases.filter(urgency=filters.urgency)
    # Conditions on a case's reports go through subqueries, so a case never appears twice.
    if filters.category:
        cases = cases.filter(pk__in=_holding(report__categories__category=filters.category))
    if filters.platform:
        cases = cases.filter(pk__in=_holding(report__platforms__platform=filters.platform))
    if filters.region is not None:
        cases = cases.filter(pk__in=_holding(report__region=filters.region))
    if filters.assignee == UNASSIGNED:
        cases = cases.filter(assignee__isnull=True)
    elif filters.assignee:
        cases = cases.filter(assignee_id=int(filters.assignee))
    if filters.organisation is not None:
        referred = Referral.objects.filter(organisation=filters.organisation).values("case")
        cases = cases.filter(Q(organisation=filters.organisation) | Q(pk__in=referred))
    links = CaseReport.objects.select_related("report__region").order_by("report__submitted_at")
    return (
        cases.select_related("assignee")
        .prefetch_related(
            Prefetch("case_reports", queryset=links),
            "case_reports__report__categories",
            "case_reports__report__platforms",
        )
        .in_queue_order()
    )


def _holding(**condition: object) -> QuerySet[CaseReport]:
    return CaseReport.objects.filter(**condition).values("case")


def _report_row(report: Report, now: datetime) -> Row:
    return Row(
        kind="report",
        reference=report.reference,
        url=reverse("cases:report", args=[report.pk]),
        urgency=report.urgency,
        urgency_label=report.get_urgency_display(),
        due=report.first_action_due,
        deadline=report_deadline(report, now),
        status=CaseStatus.NEW,
        status_label=str(CaseStatus.NEW.label),
        since=report.submitted_at,
        categories=[item.get_category_display() for item in report.categories.all()],
        regions=[report.region.name] if report.region else [],
        platforms=[item.get_platform_display() for item in report.platforms.all()],
        danger=report.danger_now or report.self_harm or report.sextortion_deadline,
    )


def _case_row(case: Case, now: datetime) -> Row:
    reports = [link.report for link in case.case_reports.all()]
    status_label = case.get_status_display()
    if case.waiting_on:
        status_label = f"{status_label} ({WaitingOn.LABELS.get(case.waiting_on, case.waiting_on)})"
    return Row(
        kind="case",
        reference=case.reference,
        url=reverse("cases:case", args=[case.pk]),
        urgency=case.urgency,
        urgency_label=case.get_urgency_display(),
        due=case.first_action_due,
        deadline=case_deadline(case, now),
        status=case.status,
        status_label=status_label,
        since=case.opened_at,
        categories=_unique(item.get_category_display() for report in reports for item in report.categories.all()),
        regions=_unique(report.region.name for report in reports if report.region),
        platforms=_unique(item.get_platform_display() for report in reports for item in report.platforms.all()),
        assignee=display_name(case.assignee) if case.assignee else "",
        report_count=len(reports),
        danger=any(report.danger_now or report.self_harm or report.sextortion_deadline for report in reports),
        school=case.school_case_id is not None,
    )


def _unique(items: Iterable[object]) -> list[str]:
    return list(dict.fromkeys(str(item) for item in items))

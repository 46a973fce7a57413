"""The triage queue: reports nobody has triaged yet, school cases that asked the centre and
nobody has triaged yet (school_requests.py), and open cases, in one order.

Both are ranked by urgency then deadline ("P0" sorts before "P1" as text, in the database
and in Python alike), then by when they came in, fetched in that order, merged and shown
`PAGE_SIZE` rows at a time. A page is read after (or, going back, before) a `Position`:
keyset pagination, so every page costs one index range scan per kind however deep it is,
and a row triaged meanwhile does not shift the rows of the next page. The badges say
which first-action deadlines have passed (overdue) or have less than a quarter of their
urgency's time left (at risk).

What a row shows (categories, regions, platforms, reports of a case) is read for the rows of
the page only, as plain values: labels come from dictionaries built once per page, not from
`get_FOO_display()`, which rebuilds its choices (and translates every label) on each call.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Exists, F, OuterRef, Q, QuerySet, TextField

# Row comparisons, "(urgency, due, since) > (…)": PostgreSQL reads them as one range of the
# queue's index. Django spells them out as AND/OR on databases without row values (SQLite).
from django.db.models.fields.tuple_lookups import (
    Tuple,
    TupleGreaterThan,
    TupleGreaterThanOrEqual,
    TupleLessThan,
    TupleLessThanOrEqual,
)
from django.db.models.functions import Cast
from django.db.models.lookups import Lookup
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

from sanad.accounts.models import Organisation, Region, User
from sanad.cases import deadlines
from sanad.cases.access import reports_visible_to
from sanad.cases.forms import WaitingOn, display_name
from sanad.cases.models import Case, CaseReport, CaseStatus, Referral
from sanad.cases.search import Found
from sanad.intake.models import Report, ReportCategory, ReportPlatform, Urgency
from sanad.lib import lists
from sanad.lib.categories import Category
from sanad.reference import platforms
from sanad.schools.models import ProtocolRun

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PAGE_SIZE = 50
OVERDUE = "overdue"
AT_RISK = "at_risk"
UNASSIGNED = "none"

# The queue's order in the database, for each kind of row; Position (below) is the same order in Python.
ORDER = {
    "report": ("urgency", "first_action_due", "submitted_at", "pk"),
    # A case is ranked by the deadline that matters now (deadlines.py), not its first one.
    "case": ("urgency", "next_due_at", "opened_at", "pk"),
    "school": ("centre_urgency", "centre_due", "centre_asked_at", "pk"),
}
KIND_LETTERS = {"case": "c", "report": "r", "school": "s"}
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
POSITION = re.compile(
    r"(?P<urgency>P[0-9])\.(?P<due>[0-9]{1,18})\.(?P<since>[0-9]{1,18})\.(?P<kind>[crs])(?P<pk>[0-9]{1,18})"
)


@dataclass(frozen=True)
class Filters:
    urgency: str = ""
    status: str = ""
    category: str = ""
    platform: str = ""
    region: Region | None = None
    assignee: str = ""  # "", UNASSIGNED or a user's id
    organisation: Organisation | None = None


@dataclass(frozen=True, order=True)
class Position:
    """A row's place in the queue. On a tie of urgency, deadline and arrival a case comes
    before a report, a report before a school case ("case" < "report" < "school"), then the
    smaller id: no two rows share a place."""

    urgency: str
    due: datetime
    since: datetime
    kind: str  # "case", "report" or "school"
    pk: int

    def __str__(self) -> str:
        """As it travels in a page's link: `P1.<due>.<since>.r123`, times in microseconds."""
        return f"{self.urgency}.{_micros(self.due)}.{_micros(self.since)}.{KIND_LETTERS[self.kind]}{self.pk}"

    @classmethod
    def parse(cls, text: str) -> "Position | None":
        """None for anything this class did not write: the queue then starts from the top."""
        match = POSITION.fullmatch(text)
        if match is None or match["urgency"] not in Urgency.values:
            return None
        try:
            due = EPOCH + timedelta(microseconds=int(match["due"]))
            since = EPOCH + timedelta(microseconds=int(match["since"]))
        except OverflowError:  # beyond the year 9999: not a time we wrote
            return None
        return cls(
            urgency=match["urgency"],
            due=due,
            since=since,
            kind=next(kind for kind, letter in KIND_LETTERS.items() if letter == match["kind"]),
            pk=int(match["pk"]),
        )


@dataclass
class Row:
    """One line of the queue. The texts below are made here rather than by template filters:
    a page has 50 rows, and each filter call costs more in a template than in Python."""

    kind: str  # "report", "case" or "school"
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
    reporter_wrote: bool = False  # the reporter wrote and nobody answered yet
    over_limit: bool = False  # sent while its network's report limit was met: perhaps a flood
    due_label: str = ""  # which deadline `due` is, for a case (first action, answer the reporter...)
    has_deadline: bool = True

    @property
    def kind_label(self) -> str:
        if self.kind == "report":
            return gettext("new report")
        if self.kind == "school":
            return gettext("a school asks the centre")
        return ngettext("case · %(n)s report", "case · %(n)s reports", self.report_count) % {"n": self.report_count}

    @property
    def local_due(self) -> datetime:
        return timezone.localtime(self.due)

    @property
    def due_text(self) -> str:
        """As `{{ due|date:"SHORT_DATETIME_FORMAT" }}` writes it."""
        return formats.date_format(self.local_due, "SHORT_DATETIME_FORMAT")

    @property
    def categories_text(self) -> str:
        return lists.joined(self.categories) or "—"

    @property
    def regions_text(self) -> str:
        return lists.joined(self.regions) or "—"

    @property
    def platforms_text(self) -> str:
        return lists.joined(self.platforms) or "—"


@dataclass
class Queue:
    rows: list[Row]
    previous: Position | None  # the previous page ends just before it; None on the first page
    next: Position | None  # the next page starts just after it; None on the last page


def report_deadline(report: Report, now: datetime) -> str:
    """The same rule as Case.is_overdue and Case.is_at_risk, for a report still waiting for triage."""
    return _deadline(report.first_action_due, report.urgency, now)


def _deadline(due: datetime, urgency: str, now: datetime) -> str:
    """Overdue, or at risk with less than a quarter of the urgency's first-action time left."""
    if now > due:
        return OVERDUE
    if due - now < deadlines.window(deadlines.FIRST_ACTION, urgency, "") / 4:
        return AT_RISK
    return ""


def case_deadline(case: Case, now: datetime) -> str:
    if case.is_overdue(now):
        return OVERDUE
    if case.is_at_risk(now):
        return AT_RISK
    return ""


def build_queue(
    user: User,
    *,
    filters: Filters,
    found: Found | None,
    now: datetime,
    after: Position | None = None,
    before: Position | None = None,
) -> Queue:
    """One page of the queue: the first, the one just after `after`, or the one just before `before`."""
    backwards = before is not None
    start = before if backwards else after
    reports = _slice(_reports(user, filters, found), "report", start, backwards=backwards)
    cases = _slice(_cases(user, filters, found), "case", start, backwards=backwards)
    schools = _slice(_school_requests(user, filters, found), "school", start, backwards=backwards)
    entries = sorted([*reports, *cases, *schools], key=_position, reverse=backwards)
    more = len(entries) > PAGE_SIZE  # beyond this page, in the direction read
    shown = entries[:PAGE_SIZE]
    if backwards:
        shown.reverse()
    has_previous = more if backwards else after is not None
    has_next = more or backwards
    return Queue(
        rows=_Page(shown).rows(now),
        previous=_position(shown[0]) if shown and has_previous else None,
        next=_position(shown[-1]) if shown and has_next else None,
    )


def _position(entry: Report | Case | ProtocolRun) -> Position:
    if isinstance(entry, Report):
        return Position(entry.urgency, entry.first_action_due, entry.submitted_at, "report", entry.pk)
    if isinstance(entry, ProtocolRun):
        # In the queue only once it asked the centre: its centre_* fields are set (nullable to mypy).
        return Position(entry.centre_urgency, entry.centre_due, entry.centre_asked_at, "school", entry.pk)  # type: ignore[arg-type]
    return Position(entry.urgency, entry.next_due_at, entry.opened_at, "case", entry.pk)


def _reports(user: User, filters: Filters, found: Found | None) -> QuerySet[Report]:
    # A report waiting for triage has no case: no status other than "new", no assignee, no owner yet.
    if filters.status not in {"", CaseStatus.NEW} or filters.organisation is not None:
        return Report.objects.none()
    if filters.assignee not in {"", UNASSIGNED}:
        return Report.objects.none()
    # A report waits for triage until open_case or link_report marks it triaged (in the same
    # transaction). Reading that mark uses the small partial index of waiting reports; joining
    # the million case links to find the few unlinked reports made PostgreSQL scan them all.
    reports = reports_visible_to(user).filter(triaged_at__isnull=True)
    if found is not None:
        reports = reports.filter(pk__in=found.waiting_report_ids)
    if filters.urgency:
        reports = reports.filter(urgency=filters.urgency)
    # (report, category) and (report, platform) are unique: these joins never repeat a report.
    if filters.category:
        reports = reports.filter(categories__category=filters.category)
    if filters.platform:
        reports = reports.filter(platforms__platform=filters.platform)
    if filters.region is not None:
        reports = reports.filter(region=filters.region)
    # Not the sealed text: a row shows none of it.
    shown = (
        "reference",
        "danger_now",
        "self_harm",
        "sextortion_deadline",
        "region",
        "reporter_waiting_since",
        "arrived_over_limit",
    )
    return reports.only(*shown, *ORDER["report"][:-1])


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
    # Conditions on a case's reports are EXISTS tests, so a case never appears twice; each is
    # a look-up of the case's links, then of the unique (report, category) or (report,
    # platform) index, without reading the reports themselves.
    if filters.category:
        named = ReportCategory.objects.filter(report=OuterRef("report"), category=filters.category)
        cases = cases.filter(_holding(Exists(named)))
    if filters.platform:
        on_platform = ReportPlatform.objects.filter(report=OuterRef("report"), platform=filters.platform)
        cases = cases.filter(_holding(Exists(on_platform)))
    if filters.region is not None:
        cases = cases.filter(_holding(Q(report__region=filters.region)))
    if filters.assignee == UNASSIGNED:
        cases = cases.filter(assignee__isnull=True)
    elif filters.assignee:
        cases = cases.filter(assignee_id=int(filters.assignee))
    if filters.organisation is not None:
        referred = Referral.objects.filter(organisation=filters.organisation).values("case")
        cases = cases.filter(Q(organisation=filters.organisation) | Q(pk__in=referred))
    columns = ["reference", "status", "waiting_on", "school_case", "next_due_kind", "reporter_waiting_since"]
    columns += ORDER["case"][:-1]
    people = ["assignee__first_name", "assignee__last_name", "assignee__username"]
    return cases.select_related("assignee").only(*columns, *people)


def _school_requests(user: User, filters: Filters, found: Found | None) -> QuerySet[ProtocolRun]:
    """School cases that asked the centre and that nobody of the centre has triaged yet."""
    runs = ProtocolRun.objects.visible_to(user).filter(centre_asked_at__isnull=False, national_case__isnull=True)
    # Like a new report: no status but "new", no assignee, no owner, no platform named.
    if filters.status not in {"", CaseStatus.NEW} or filters.organisation is not None or filters.platform:
        return runs.none()
    if filters.assignee not in {"", UNASSIGNED}:
        return runs.none()
    if found is not None:
        runs = runs.filter(pk__in=found.school_case_ids)
    if filters.urgency:
        runs = runs.filter(centre_urgency=filters.urgency)
    if filters.category:
        # The categories are a JSON list: its text holds the code in quotes (portable to SQLite).
        runs = runs.annotate(category_codes=Cast("categories", TextField())).filter(
            category_codes__contains=f'"{filters.category}"'
        )
    if filters.region is not None:
        runs = runs.filter(school__region=filters.region)
    return runs.only("reference", "categories", "school__region", *ORDER["school"][:-1]).select_related("school")


def _holding(condition: Q | Exists) -> Exists:
    return Exists(CaseReport.objects.filter(condition, case=OuterRef("pk")))


def _slice(rows: QuerySet, kind: str, start: Position | None, *, backwards: bool) -> list[Report | Case | ProtocolRun]:
    """At most one row more than a page, from the start in the direction read."""
    order: tuple[str, ...] = ORDER[kind]
    if start is not None:
        rows = rows.filter(_beyond(start, kind, order[2], backwards=backwards))
    if backwards:
        order = tuple(f"-{name}" for name in order)
    return list(rows.order_by(*order)[: PAGE_SIZE + 1])


def _beyond(position: Position, kind: str, since: str, *, backwards: bool) -> Lookup:
    """Rows of one kind after the position in the queue's order (before it, backwards)."""
    columns = [F(ORDER[kind][0]), F(ORDER[kind][1]), F(since)]
    values = [position.urgency, position.due, position.since]
    if kind == position.kind:
        lookup = TupleLessThan if backwards else TupleGreaterThan
        return lookup(Tuple(*columns, F("pk")), (*values, position.pk))
    # On a tie the kinds come in their names' order (case, report, school): a row tied with the
    # position is beyond it when its kind comes after (or, backwards, before) the position's.
    if kind > position.kind and not backwards:
        return TupleGreaterThanOrEqual(Tuple(*columns), tuple(values))
    if kind < position.kind and backwards:
        return TupleLessThanOrEqual(Tuple(*columns), tuple(values))
    return (TupleLessThan if backwards else TupleGreaterThan)(Tuple(*columns), tuple(values))


@dataclass(frozen=True)
class _Linked:
    """A report of a case, as far as its row needs it."""

    pk: int
    region: int | None
    danger: bool
    reporter_wrote: bool


class _Page:
    """The rows of one page, with what they show read in one query per table."""

    def __init__(self, entries: list[Report | Case | ProtocolRun]) -> None:
        self.entries = entries
        if not entries:
            return
        cases = [entry.pk for entry in entries if isinstance(entry, Case)]
        # A case from a school has the school case's categories and region (and may have no report).
        runs = [entry.school_case_id for entry in entries if isinstance(entry, Case) and entry.school_case_id]
        # A case's school case id (None for most) → its categories and region.
        self.school_parts: dict[int | None, tuple[list[str], int | None]] = {
            pk: (categories, region)
            for pk, categories, region in ProtocolRun.objects.filter(pk__in=runs).values_list(
                "pk", "categories", "school__region"
            )
        }
        self.linked: dict[int, list[_Linked]] = defaultdict(list)
        links = CaseReport.objects.filter(case__in=cases).order_by("report__submitted_at", "report")
        columns = ("case", "report", "report__region", "report__reporter_waiting_since", "report__danger_now")
        for case, report, region, waiting, *danger in links.values_list(
            *columns, "report__self_harm", "report__sextortion_deadline"
        ):
            self.linked[case].append(_Linked(report, region, any(danger), waiting is not None))
        reports = [entry.pk for entry in entries if isinstance(entry, Report)]
        reports += [linked.pk for held in self.linked.values() for linked in held]
        self.categories = _by_report(ReportCategory.objects.filter(report__in=reports), "category", Category.choices)
        self.platforms = _by_report(
            ReportPlatform.objects.filter(report__in=reports), "platform", platforms.all_choices()
        )
        self.regions = {region.pk: region.name for region in Region.objects.all()}
        self.urgencies = _labels(Urgency.choices)
        self.statuses = _labels(CaseStatus.choices)
        self.waiting_on = _labels(WaitingOn.CHOICES)
        self.first_action_label = str(deadlines.LABELS[deadlines.FIRST_ACTION])
        self.category_labels = _labels(Category.choices)

    def rows(self, now: datetime) -> list[Row]:
        return [self._row(entry, now) for entry in self.entries]

    def _row(self, entry: Report | Case | ProtocolRun, now: datetime) -> Row:
        if isinstance(entry, Report):
            return self._report_row(entry, now)
        if isinstance(entry, ProtocolRun):
            return self._school_row(entry, now)
        return self._case_row(entry, now)

    def _school_row(self, run: ProtocolRun, now: datetime) -> Row:
        due = run.centre_due or now
        return Row(
            kind="school",
            reference=run.reference,
            url=reverse("cases:school_request", args=[run.pk]),
            urgency=run.centre_urgency,
            urgency_label=self.urgencies.get(run.centre_urgency, run.centre_urgency),
            due=due,
            deadline=_deadline(due, run.centre_urgency, now),
            status=CaseStatus.NEW,
            status_label=self.statuses[CaseStatus.NEW],
            since=run.centre_asked_at or due,
            categories=[self.category_labels.get(code, code) for code in run.categories],
            regions=[self.regions[run.school.region_id]] if run.school.region_id in self.regions else [],
            danger=run.centre_urgency == Urgency.P0,
            school=True,
            due_label=self.first_action_label,
        )

    def _report_row(self, report: Report, now: datetime) -> Row:
        return Row(
            kind="report",
            reference=report.reference,
            url=reverse("cases:report", args=[report.pk]),
            urgency=report.urgency,
            urgency_label=self.urgencies.get(report.urgency, report.urgency),
            due=report.first_action_due,
            deadline=report_deadline(report, now),
            due_label=self.first_action_label,
            status=CaseStatus.NEW,
            status_label=self.statuses[CaseStatus.NEW],
            since=report.submitted_at,
            categories=self.categories.get(report.pk, []),
            regions=[self.regions[report.region_id]] if report.region_id else [],
            platforms=self.platforms.get(report.pk, []),
            danger=report.danger_now or report.self_harm or report.sextortion_deadline,
            reporter_wrote=report.reporter_waiting_since is not None,
            over_limit=report.arrived_over_limit,
        )

    def _case_row(self, case: Case, now: datetime) -> Row:
        reports = self.linked.get(case.pk, [])
        school_categories, school_region = self.school_parts.get(case.school_case_id, ([], None))
        status_label = self.statuses.get(case.status, case.status)
        if case.waiting_on:
            status_label = f"{status_label} ({self.waiting_on.get(case.waiting_on, case.waiting_on)})"
        return Row(
            kind="case",
            reference=case.reference,
            url=reverse("cases:case", args=[case.pk]),
            urgency=case.urgency,
            urgency_label=self.urgencies.get(case.urgency, case.urgency),
            due=case.next_due_at,
            deadline=case_deadline(case, now),
            due_label=str(deadlines.LABELS.get(case.next_due_kind, "")),
            has_deadline=case.has_deadline,
            status=case.status,
            status_label=status_label,
            since=case.opened_at,
            categories=_unique(
                [
                    *(label for report in reports for label in self.categories.get(report.pk, [])),
                    *(self.category_labels.get(code, code) for code in school_categories),
                ]
            ),
            regions=_unique(
                [
                    *(self.regions[report.region] for report in reports if report.region),
                    *([self.regions[school_region]] if school_region in self.regions else []),
                ]
            ),
            platforms=_unique(label for report in reports for label in self.platforms.get(report.pk, [])),
            assignee=display_name(case.assignee) if case.assignee else "",
            report_count=len(reports),
            danger=any(report.danger for report in reports),
            school=case.school_case_id is not None,
            # From the reports themselves: the flag shows the moment the reporter writes.
            reporter_wrote=case.reporter_waiting_since is not None or any(report.reporter_wrote for report in reports),
        )


def _by_report(rows: QuerySet, column: str, choices: Sequence[tuple[str, "StrOrPromise"]]) -> dict[int, list[str]]:
    """Each report's labels for one of its lists (categories, platforms), in the order they were given."""
    labels = _labels(choices)
    grouped: dict[int, list[str]] = defaultdict(list)
    for report, value in rows.order_by("pk").values_list("report", column):
        grouped[report].append(labels.get(value, value))
    return grouped


def _labels(choices: Iterable[tuple[str, "StrOrPromise"]]) -> dict[str, str]:
    """Translated once per page, in the language of the request."""
    return {value: str(label) for value, label in choices}


def _micros(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(microseconds=1)


def _unique(items: Iterable[object]) -> list[str]:
    return list(dict.fromkeys(str(item) for item in items))

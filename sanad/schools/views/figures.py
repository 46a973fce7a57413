"""The school protocol's figures for a regional academy, the ministry and the national centre.

Counts only (figures.py): no pupil, no fact, no case reference ever reaches these pages.
An academy sees its region's schools; the ministry and the national centre see one row per
region and can open one region. Anyone else gets the same not-found answer as for a page
that does not exist. A filter value that makes no sense is named in a translated message
and the page shows its default figures instead: a bookmark never breaks.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, cast
from urllib.parse import urlencode

from django import forms
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from sanad.accounts.models import NATIONAL, Region
from sanad.accounts.requests import StaffRequest
from sanad.lib.gates import require, staff_view
from sanad.schools.figures import DEFAULT_PERIOD, Dashboard, Period, Row, national_figures, region_figures
from sanad.schools.models import RunOutcome

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

OVERDUE = "overdue"
SERIOUS = "serious"
WARN = "warn"


class FiguresFilter(forms.Form):
    """Which cases to count and, for the national view, which region to open. Both optional."""

    period = forms.ChoiceField(
        label=_("Cases counted"),
        choices=Period.choices,
        required=False,
        error_messages={"invalid_choice": _("This period is not one of the list: the figures below count all cases.")},
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        error_messages={"invalid_choice": _("There is no such region: the figures below are national.")},
    )

    def __init__(
        self, data: QueryDict | None, *, regions: list[Region] | None, initial: dict[str, str] | None = None
    ) -> None:
        super().__init__(data, initial=initial)
        if regions is None:  # an academy sees its own region, and only it
            del self.fields["region"]
        else:
            cast(forms.ChoiceField, self.fields["region"]).choices = [
                ("", _("All regions")),
                *((region.code, region.name) for region in regions),
            ]


@dataclass(frozen=True)
class Column:
    key: str
    label: "StrOrPromise"
    mark: str = ""  # a figure above zero in this column is marked (a badge with a symbol, not colour alone)


@dataclass(frozen=True)
class Cell:
    label: "StrOrPromise"
    text: str
    mark: str
    key: str


@dataclass(frozen=True)
class Line:
    key: str  # a school's or a region's code, for links and tests; never a case
    name: str
    detail: str
    link: str
    cells: list[Cell]


@dataclass(frozen=True)
class Table:
    slug: str
    title: "StrOrPromise"
    help: "StrOrPromise"
    head: "StrOrPromise"
    columns: list[Column]
    lines: list[Line]
    total: Line | None


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def _hours(wait: timedelta | None) -> str:
    return "—" if wait is None else number_format(wait.total_seconds() / 3600, 1, force_grouping=True)


def _value(row: Row, key: str) -> int | timedelta | None:
    if key.startswith("outcome:"):
        return row.outcomes.get(key.removeprefix("outcome:"), 0)
    return getattr(row, key)


def _cell(row: Row, column: Column) -> Cell:
    value = _value(row, column.key)
    if value is None or isinstance(value, timedelta):
        return Cell(label=column.label, text=_hours(value), mark="", key=column.key)
    return Cell(label=column.label, text=_number(value), mark=column.mark if value else "", key=column.key)


def _line(row: Row, columns: list[Column], *, link: str = "") -> Line:
    return Line(
        key=row.key or "total",
        name=row.name,
        detail=row.detail,
        link=link,
        cells=[_cell(row, column) for column in columns],
    )


def _tables(dashboard: Dashboard, *, period: str) -> list[Table]:
    national = dashboard.region is None
    head = _("Region") if national else _("School")

    def region_link(row: Row) -> str:
        if not national:
            return ""
        query = {"region": row.key} if period == DEFAULT_PERIOD else {"region": row.key, "period": period}
        return f"{reverse('schools:figures')}?{urlencode(query)}"

    def table(
        slug: str,
        title: "StrOrPromise",
        help_text: "StrOrPromise",
        columns: list[Column],
        rows: list[Row] | None = None,
    ) -> Table:
        shown = dashboard.rows if rows is None else rows
        return Table(
            slug=slug,
            title=title,
            help=help_text,
            head=head,
            columns=columns,
            lines=[_line(row, columns, link=region_link(row)) for row in shown],
            total=_line(dashboard.total, columns) if rows is None else None,
        )

    tables = [
        table(
            "cases",
            _("Cases by status and level"),
            _("Level 3 is serious: sexual content, threats, extortion, risk of self-harm or a crime."),
            [
                Column("open", _("Open")),
                Column("closed", _("Closed")),
                Column("level_1", _("Level 1")),
                Column("level_2", _("Level 2")),
                Column("level_3", _("Level 3"), SERIOUS),
                Column("unassessed", _("Not assessed yet")),
                Column("level_3_open", _("Level 3 still open"), SERIOUS),
            ],
        ),
        table(
            "deadlines",
            _("Deadlines and the victim interview"),
            _(
                "Steps overdue: steps of open cases still to do after their deadline. Time to the interview: "
                "from the opening of the case to the victim interview, in hours, for interviews held."
            ),
            [
                Column("overdue_steps", _("Steps overdue"), OVERDUE),
                Column("cases_overdue", _("Cases with a step overdue"), OVERDUE),
                Column("interviews", _("Interviews held")),
                Column("interview_median", _("Median hours to the interview")),
                Column("interview_p90", _("Hours within which 90% were held")),
            ],
        ),
        table(
            "outcomes",
            _("Closed cases by outcome"),
            "",
            [Column(f"outcome:{value}", label) for value, label in RunOutcome.choices],
        ),
    ]
    if national:
        tables.append(
            table(
                "teams",
                _("Schools and resource teams"),
                _("A school has no trained team when fewer than %(minimum)s active members have been trained.")
                % {"minimum": _number(dashboard.trained_minimum)},
                [Column("schools", _("Schools")), Column("untrained_schools", _("Schools with no trained team"), WARN)],
            )
        )
    else:
        tables.append(
            table(
                "teams",
                _("Schools with no trained team"),
                _("Fewer than %(minimum)s active members of the resource team have been trained.")
                % {"minimum": _number(dashboard.trained_minimum)},
                [Column("trained_members", _("Trained members"))],
                rows=dashboard.untrained,
            )
        )
    return tables


@require_GET
@staff_view
def overview(request: StaffRequest) -> HttpResponse:
    scope = request.user.figures_scope
    require(scope is not None)
    national = scope == NATIONAL
    regions = list(Region.objects.all()) if national else None
    form = FiguresFilter(request.GET or None, regions=regions)
    chosen: dict[str, str] = {}
    if form.is_bound:
        form.is_valid()  # the fields that pass stay in cleaned_data when another one does not
        chosen = form.cleaned_data
    period = chosen.get("period") or DEFAULT_PERIOD
    if national:
        region = next((region for region in regions or () if region.code == chosen.get("region")), None)
    else:
        region = scope  # type: ignore[assignment]  # neither None nor NATIONAL: a Region
    if region is None:
        dashboard = national_figures(period=period, regions=regions)
    else:
        dashboard = region_figures(region, period=period)
    # A select cannot show a value that is not one of its choices: the form shows what is
    # counted, and the message above it says what was wrong with the request.
    problems = [error for errors in form.errors.values() for error in errors] if form.is_bound else []
    shown = FiguresFilter(
        None, regions=regions, initial={"period": period, "region": region.code if national and region else ""}
    )
    context = {
        "form": shown,
        "problems": problems,
        "dashboard": dashboard,
        "national": national,
        "region": region,
        "period": period,
        "period_label": Period(period).label,
        "tables": _tables(dashboard, period=period),
        "total": dashboard.total,
        "numbers": {
            "open": _number(dashboard.total.open),
            "level_3_open": _number(dashboard.total.level_3_open),
            "overdue_steps": _number(dashboard.total.overdue_steps),
            "cases_overdue": _number(dashboard.total.cases_overdue),
            "untrained_schools": _number(dashboard.total.untrained_schools),
            "interview_median": _hours(dashboard.total.interview_median),
        },
        "all_regions": f"{reverse('schools:figures')}?{urlencode({'period': period})}"
        if period != DEFAULT_PERIOD
        else reverse("schools:figures"),
    }
    return render(request, "schools/figures.html", context)

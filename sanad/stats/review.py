"""The yearly review: its figures frozen as JSON with their SHA-256, and its PDF built from that JSON alone.

`freeze(review)` reads the same tables the ministry sees (national, suppressed and rounded) for the
year and the year before, in French and in Arabic, with the narrative sections and the action plan's
results; `digest(frozen)` is the SHA-256 of its canonical JSON. `review_pdf(frozen, language)` never
reads the database: the same frozen version gives the same figures whenever it is rebuilt.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sanad.stats import catalogue
from sanad.stats.catalogue import Audience
from sanad.stats.charts import chart
from sanad.stats.models import SECTIONS, Action, Campaign, Review
from sanad.stats.suppression import Cell, Column, Line, Table
from sanad.stats.tables import Filters, Scope, tables_for

LANGUAGES = ("fr", "ar", "en")  # the PDF is in French and Arabic; the public page in all three
NATIONAL = Scope(Audience.NATIONAL)

# The key figures against last year: how to read each from the tables, and its label.
KEY_LABELS = {
    "month": lambda: _("Reports received"),
    "told:teacher": lambda: _("Share of reports where the child had told a teacher"),
    "told:parent": lambda: _("Share of reports where the child had told a parent"),
    "told:nobody": lambda: _("Share of reports where the child had told nobody"),
    "first_action": lambda: _("Cases acted on within their first deadline"),
    "referral_answer": lambda: _("Referrals answered within their deadline"),
    "removal": lambda: _("Content removed by platforms"),
    "trained": lambda: _("Trained resource-team teachers"),
}


def year_filters(year: int) -> Filters:
    return Filters(start=date(year, 1, 1), end=date(year, 12, 1))


def _serial(table: Table) -> dict:
    def cells(shown: list[Cell]) -> list[list]:
        return [[cell.text, cell.value, cell.hidden] for cell in shown]

    return {
        "code": table.code,
        "title": str(table.title),
        "description": str(table.description),
        "head": str(table.head),
        "chart": table.chart,
        "columns": [[column.key, str(column.label), column.kind] for column in table.columns],
        "lines": [[line.key, str(line.label), cells(shown)] for line, shown in table.body],
        "total": [str(table.total.label), cells(table.shown_total)] if table.total else None,
    }


def _tables(year: int) -> dict[str, dict[str, dict]]:
    """language -> table code -> serialised table, as the ministry sees them."""
    found = {}
    for language in LANGUAGES:
        with translation.override(language):
            found[language] = {table.code: _serial(table) for table in tables_for(NATIONAL, year_filters(year))}
    return found


def table_of(serial: dict) -> Table:
    """A table rebuilt from its frozen form, for the charts and the PDF."""
    table = Table(
        code=serial["code"],
        title=serial["title"],
        description=serial["description"],
        head=serial["head"],
        columns=[Column(key, label, kind) for key, label, kind in serial["columns"]],
        lines=[Line(key, label, []) for key, label, _cells in serial["lines"]],
        total=Line("total", serial["total"][0], []) if serial["total"] else None,
        chart=serial["chart"],
    )
    table.shown = [[Cell(*cell) for cell in cells] for _key, _label, cells in serial["lines"]]
    table.shown_total = [Cell(*cell) for cell in serial["total"][1]] if serial["total"] else []
    table.protected = True
    return table


def headline(tables: dict[str, dict], spec: str) -> float | None:
    """One number read from frozen tables: a total, a share of a total, or a share within a deadline."""
    code, _sep, value = spec.partition(":")
    if code == "told":
        serial = tables.get("told")
        if not serial or not serial["total"]:
            return None
        total = serial["total"][1][0][1]
        line = next((cells for key, _label, cells in serial["lines"] if key == value), None)
        return None if not total or line is None or line[0][1] is None else round(line[0][1] / total, 3)
    serial = tables.get(code)
    if not serial or not serial["total"]:
        return None
    kinds = [kind for _key, _label, kind in serial["columns"]]
    total_cells = serial["total"][1]
    if "share" in kinds:
        shown = total_cells[kinds.index("share")][1]
        return None if shown is None else shown / 100
    return total_cells[0][1]


def freeze(review: Review, *, now: datetime | None = None) -> dict:
    now = now or timezone.now()
    this_year, last_year = _tables(review.year), _tables(review.year - 1)
    base = this_year["fr"]
    actions = []
    for action in (
        Action.objects.filter(deadline__year__lte=review.year).select_related("owner").order_by("deadline", "pk")
    ):
        result = headline(base, action.indicator)
        latest = action.updates.first()
        actions.append(
            {
                "title": {"fr": action.title_fr, "ar": action.title_ar},
                "owner": action.owner.name,
                "deadline": action.deadline.isoformat(),
                "indicator": action.indicator,
                "direction": action.direction,
                "target": action.target,
                "result": result,
                "reached": action.reached(result),
                "progress": latest.progress if latest else 0,
            }
        )
    campaigns = Campaign.objects.filter(starts_on__year__lte=review.year, ends_on__year__gte=review.year)
    return {
        "year": review.year,
        "published_at": now.isoformat(),
        "threshold": settings.SANAD_STATS_THRESHOLD,
        "rounding": settings.SANAD_STATS_ROUNDING,
        "tables": this_year,
        # JSON objects lose their order in the database (jsonb): the tables' order is a list.
        "order": list(base),
        "previous": last_year,
        "key_figures": [
            {"spec": spec, "this_year": headline(base, spec), "last_year": headline(last_year["fr"], spec)}
            for spec in KEY_LABELS
        ],
        "sections": {code: review.sections.get(code, {}) for code in SECTIONS},
        "campaigns": [
            {"fr": c.name_fr, "ar": c.name_ar, "starts_on": c.starts_on.isoformat(), "ends_on": c.ends_on.isoformat()}
            for c in campaigns
        ],
        "actions": actions,
        "approved_by": review.approved_by.get_full_name() or review.approved_by.get_username()
        if review.approved_by
        else "",
        "drafted_by": review.drafted_by.get_full_name() or review.drafted_by.get_username(),
    }


def canonical(frozen: dict) -> bytes:
    return json.dumps(frozen, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def digest(frozen: dict) -> str:
    return hashlib.sha256(canonical(frozen)).hexdigest()


@dataclass
class CampaignPeriod:
    name: str
    starts_on: date
    ends_on: date


def review_html(frozen: dict, language: str, *, sha256: str = "", number: int = 0) -> str:
    """The review's HTML from the frozen JSON only (the PDF's source)."""
    with translation.override(language):
        campaigns = [
            CampaignPeriod(c[language], date.fromisoformat(c["starts_on"]), date.fromisoformat(c["ends_on"]))
            for c in frozen["campaigns"]
        ]
        tables = [table_of(frozen["tables"][language][code]) for code in frozen["order"]]
        rtl = language == "ar"
        panels = [{"table": table, "chart": chart(table, campaigns=campaigns, rtl=rtl)} for table in tables]
        key_figures = [
            {
                "label": KEY_LABELS[figure["spec"]](),
                "this_year": _show(figure["this_year"], figure["spec"]),
                "last_year": _show(figure["last_year"], figure["spec"]),
            }
            for figure in frozen["key_figures"]
        ]
        sections = [
            {"code": code, "title": str(title), "text": (frozen["sections"].get(code) or {}).get(language, "")}
            for code, title in SECTIONS.items()
        ]
        actions = [
            {
                **action,
                "title": action["title"][language],
                "result_shown": _show(action["result"], action["indicator"]),
                "target_shown": _show(action["target"], action["indicator"]),
            }
            for action in frozen["actions"]
        ]
        return render_to_string(
            "stats/review_pdf.html",
            {
                "frozen": frozen,
                "language": language,
                "rtl": rtl,
                "panels": panels,
                "key_figures": key_figures,
                "sections": sections,
                "actions": actions,
                "sha256": sha256,
                "number": number,
                "indicators": catalogue.INDICATORS,
            },
        )


def is_share(spec: str) -> bool:
    return spec.startswith("told:") or spec in {"first_action", "referral_answer", "removal_share"}


def _show(value: float | None, spec: str) -> str:
    if value is None:
        return "—"
    if is_share(spec):
        return f"{round(value * 100)} %"
    return f"{int(value):,}".replace(",", "\u202f")


def review_pdf(frozen: dict, language: str, *, sha256: str = "", number: int = 0) -> bytes:
    from weasyprint import HTML  # imported here: WeasyPrint loads Pango, costly for every process

    return HTML(string=review_html(frozen, language, sha256=sha256, number=number)).write_pdf()

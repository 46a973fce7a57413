"""Charts drawn on the server as inline SVG: a title and a description for screen readers, the
table printed after every chart, right to left in Arabic (time runs from right to left, bars grow
from the right), the same markup in the pages and in the yearly review's PDF. No script.

Charts draw the numbers as shown (rounded, and nothing for a hidden cell), never the exact ones.
"""

from collections.abc import Sequence
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from sanad.stats.suppression import Table

COLOURS = ["#1f5f8b", "#b54708", "#2e7d32", "#7a3e9d", "#c62828", "#00796b", "#5d4037"]
SHADES = ["#e8f1f8", "#bcd6ea", "#7fb0d6", "#3f82b8", "#1f5f8b"]
WIDTH = 640

# A schematic tile map of Morocco's twelve regions: one tile each, roughly north to south and
# west to east; not to scale and not a drawing of borders (column, row).
TILES = {
    "tanger-tetouan-al-hoceima": (1, 0),
    "oriental": (2, 0),
    "rabat-sale-kenitra": (0, 1),
    "fes-meknes": (1, 1),
    "casablanca-settat": (0, 2),
    "beni-mellal-khenifra": (1, 2),
    "draa-tafilalet": (2, 2),
    "marrakech-safi": (0, 3),
    "souss-massa": (1, 3),
    "guelmim-oued-noun": (0, 4),
    "laayoune-sakia-el-hamra": (0, 5),
    "dakhla-oued-ed-dahab": (0, 6),
}


def _open(slug: str, title: str, description: str, width: int, height: int) -> str:
    return (
        f'<svg class="chart" role="img" aria-labelledby="{slug}-title {slug}-desc" viewBox="0 0 {width} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg" font-family="DejaVu Sans, sans-serif" font-size="12">'
        f'<title id="{slug}-title">{escape(title)}</title><desc id="{slug}-desc">{escape(description)}</desc>'
    )


def line_chart(
    table: Table, *, columns: list[int] | None = None, campaigns: Sequence = (), rtl: bool = False, slug: str = ""
) -> SafeString:
    """One line per chosen column over the table's lines (months); campaign periods shaded."""
    slug = slug or f"chart-{table.code}"
    columns = columns if columns is not None else [0]
    height, top, bottom, side = 260, 20, 50, 50
    points = len(table.lines)
    shown = (row[c].value for row in table.shown for c in columns)
    values = [value for value in shown if value is not None]
    peak = max(values, default=0) or 1
    plot = WIDTH - 2 * side

    def x(index: int) -> float:
        at = side + (plot * index / max(points - 1, 1))
        return WIDTH - at if rtl else at

    def y(value: float) -> float:
        return top + (height - top - bottom) * (1 - value / peak)

    parts = [_open(slug, str(table.title), _describe_line(table, columns, campaigns), WIDTH, height)]
    months = [_month(line.key) for line in table.lines]
    for campaign in campaigns:
        inside = [
            i
            for i, month in enumerate(months)
            if month and campaign.starts_on <= _month_end(month) and campaign.ends_on >= month
        ]
        if inside:
            left, right = sorted((x(inside[0]), x(inside[-1])))
            parts.append(
                f'<rect class="campaign" x="{left - 6:.1f}" y="{top}" width="{right - left + 12:.1f}" '
                f'height="{height - top - bottom}" fill="#fef0c7"><title>{escape(campaign.name)}</title></rect>'
                f'<text x="{(left + right) / 2:.1f}" y="{top - 6}" text-anchor="middle" font-size="10" fill="#7a2e0e">'
                f"{escape(campaign.name)}</text>"
            )
    parts.append(
        f'<line x1="{side}" y1="{height - bottom}" x2="{WIDTH - side}" y2="{height - bottom}" stroke="#8795a3"/>'
    )
    for fraction in (0, 0.5, 1):
        tick = round(peak * fraction)
        anchor_x = WIDTH - side + 6 if rtl else side - 6
        anchor = "start" if rtl else "end"
        parts.append(f'<text x="{anchor_x}" y="{y(tick) + 4:.1f}" text-anchor="{anchor}" fill="#555">{tick}</text>')
    step = max(1, points // 6)
    for index, line in enumerate(table.lines):
        if index % step == 0 or index == points - 1:
            parts.append(
                f'<text x="{x(index):.1f}" y="{height - bottom + 16}" text-anchor="middle" fill="#555" font-size="10">'
                f"{escape(str(line.label))}</text>"
            )
    for number, c in enumerate(columns):
        colour = COLOURS[number % len(COLOURS)]
        segment: list[str] = []
        for index, row in enumerate(table.shown):
            value = row[c].value
            if value is None:  # a hidden month breaks the line rather than drawing a made-up point
                if len(segment) > 1:
                    parts.append(_polyline(segment, colour))
                segment = []
                continue
            segment.append(f"{x(index):.1f},{y(value):.1f}")
            parts.append(f'<circle cx="{x(index):.1f}" cy="{y(value):.1f}" r="2.5" fill="{colour}"/>')
        if len(segment) > 1:
            parts.append(_polyline(segment, colour))
    if len(columns) > 1:
        for number, c in enumerate(columns):
            colour = COLOURS[number % len(COLOURS)]
            legend_x = side + number * 100
            legend_x = WIDTH - legend_x if rtl else legend_x
            anchor = "end" if rtl else "start"
            parts.append(
                f'<rect x="{legend_x - (10 if rtl else 0)}" y="{height - 22}" width="10" height="10" fill="{colour}"/>'
                f'<text x="{legend_x + (-14 if rtl else 14)}" y="{height - 13}" text-anchor="{anchor}" font-size="10">'
                f"{escape(str(table.columns[c].label))}</text>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def _polyline(points: list[str], colour: str) -> str:
    return f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="2"/>'


def _month(key: str) -> date | None:
    try:
        year, month = key.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        return None


def _month_end(month: date) -> date:
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def _describe_line(table: Table, columns: list[int], campaigns: Sequence) -> str:
    names = ", ".join(str(table.columns[c].label) for c in columns)
    text = _("Line chart of %(what)s by month; the same figures are in the table below.") % {"what": names}
    if campaigns:
        text += " " + _("Shaded: campaign periods (%(names)s).") % {"names": ", ".join(c.name for c in campaigns)}
    return text


def bar_chart(table: Table, *, rtl: bool = False, slug: str = "") -> SafeString:
    """Horizontal bars of the first column, one per line, growing from the inline start."""
    slug = slug or f"chart-{table.code}"
    bar, gap, label_width = 18, 8, 220
    height = len(table.lines) * (bar + gap) + gap
    values = [row[0].value or 0 for row in table.shown]
    peak = max(values, default=0) or 1
    plot = WIDTH - label_width - 70
    description = _("Bar chart of %(what)s; the same figures are in the table below.") % {
        "what": table.columns[0].label
    }
    parts = [_open(slug, str(table.title), description, WIDTH, height)]
    for index, (line, row) in enumerate(zip(table.lines, table.shown, strict=True)):
        top = gap + index * (bar + gap)
        length = plot * (row[0].value or 0) / peak
        if rtl:
            label_x, anchor, bar_x, text_x, text_anchor = (
                WIDTH - 4,
                "end",
                WIDTH - label_width - length,
                WIDTH - label_width - length - 4,
                "end",
            )
        else:
            label_x, anchor, bar_x, text_x, text_anchor = 4, "start", label_width, label_width + length + 4, "start"
        parts.append(
            f'<text x="{label_x}" y="{top + 13}" text-anchor="{anchor}">{escape(_clip(str(line.label)))}</text>'
            f'<rect x="{bar_x:.1f}" y="{top}" width="{length:.1f}" height="{bar}" fill="{COLOURS[0]}"/>'
            f'<text x="{text_x:.1f}" y="{top + 13}" text-anchor="{text_anchor}" fill="#333">{escape(row[0].text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def _clip(text: str, size: int = 34) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def tile_map(table: Table, *, slug: str = "") -> SafeString:
    """The twelve regions as tiles shaded by the first column (hidden cells hatched, not shaded)."""
    slug = slug or f"chart-{table.code}"
    tile, gap = 150, 6
    width, height = 3 * (tile + gap) + gap, 7 * (60 + gap) + gap
    shown = {line.key: (line, row[0]) for line, row in zip(table.lines, table.shown, strict=True)}
    values = sorted(cell.value for _line, cell in shown.values() if cell.value)
    description = _(
        "Schematic map of the twelve regions (one tile each, north at the top, not to scale), shaded by %(what)s; "
        "the same figures are in the table below."
    ) % {"what": table.columns[0].label}
    parts = [
        _open(slug, str(table.title), description, width, height),
        '<defs><pattern id="hidden-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#8795a3" stroke-width="2"/>'
        "</pattern></defs>",
    ]
    for code, (column, row) in TILES.items():
        if code not in shown:
            continue
        line, cell = shown[code]
        x, y = gap + column * (tile + gap), gap + row * (60 + gap)
        if cell.value is None:
            fill, ink = "url(#hidden-hatch)", "#222"
        else:
            rank = sum(1 for value in values if value <= cell.value) / len(values) if values else 0
            shade = min(len(SHADES) - 1, int(rank * (len(SHADES) - 1)))
            fill, ink = SHADES[shade], "#fff" if shade >= 3 else "#222"
        parts.append(
            f'<g class="tile" data-region="{escape(code)}"><title>{escape(str(line.label))}: {escape(cell.text)}</title>'
            f'<rect x="{x}" y="{y}" width="{tile}" height="60" rx="6" fill="{fill}" stroke="#fff"/>'
            f'<text x="{x + tile / 2}" y="{y + 24}" text-anchor="middle" fill="{ink}" font-size="11">'
            f"{escape(_clip(str(line.label), 24))}</text>"
            f'<text x="{x + tile / 2}" y="{y + 46}" text-anchor="middle" fill="{ink}" font-size="15" font-weight="700">'
            f"{escape(cell.text)}</text></g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def chart(table: Table, *, campaigns: Sequence = (), rtl: bool = False) -> SafeString | None:
    """The chart that goes with a table, or None."""
    if table.chart == "line":
        columns = list(range(1, len(table.columns))) if table.code == "told_trend" else [0]
        return line_chart(table, columns=columns, campaigns=campaigns, rtl=rtl)
    if table.chart == "bars":
        return bar_chart(table, rtl=rtl)
    if table.chart == "map":
        return tile_map(table)
    return None

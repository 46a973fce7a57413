"""Small-cell suppression for every figure that leaves the centre (docs/indicators.md, "Small numbers").

Three rules, applied to a whole table at once:

1. **Primary**: a count from 1 to threshold - 1 is shown as "< threshold". Zero is shown as 0.
2. **Secondary**: in each column, when exactly one cell is hidden and the column's total is shown,
   the smallest other non-zero count of that column is hidden too (repeated until no column has a
   single hidden cell); when there is no such cell, the total is hidden instead.
3. **Rounding**: every count shown (totals included) is rounded to the nearest multiple of the
   rounding base (half up). Two tables that differ by one filter (a month more, a region less)
   then differ by a multiple of the base, and their difference leaves the hidden cell anywhere in
   an interval of 2 x base - 1 values that always contains 0 or a value at or above the threshold.

Measures (shares, hours) in a row are hidden when the count they rest on (the row's first count,
or the column's `base`) is under the threshold or hidden.
The centre's own pages see exact figures (`protect=False`): they never leave it.
"""

from dataclasses import dataclass, field

from django.conf import settings

COUNT, SHARE, HOURS = "count", "share", "hours"


@dataclass
class Column:
    key: str
    label: object
    kind: str = COUNT
    base: str = ""  # a measure: the key of the count it rests on (the row's first count when empty)


@dataclass
class Line:
    key: str
    label: object
    cells: list[float | None]


@dataclass
class Cell:
    """What is shown: `text`; `value` is the shown number (rounded) or None when hidden or empty."""

    text: str
    value: float | None
    hidden: bool = False


@dataclass
class Table:
    code: str
    title: object
    description: object
    head: object  # the label of the rows' column
    columns: list[Column]
    lines: list[Line]
    total: Line | None = None
    chart: str = ""  # "line", "bars", "map" or ""
    shown: list[list[Cell]] = field(default_factory=list)
    shown_total: list[Cell] = field(default_factory=list)
    protected: bool = False

    @property
    def body(self) -> list[tuple[Line, list[Cell]]]:
        """Each line with its shown cells, for templates."""
        return list(zip(self.lines, self.shown, strict=True))


def rounded(value: int, base: int) -> int:
    return int((value + base / 2) // base * base) if base > 1 else value


def protect(table: Table, *, threshold: int | None = None, base: int | None = None, apply: bool = True) -> Table:
    """Fill `shown` and `shown_total`: suppressed and rounded when `apply`, exact otherwise."""
    threshold = settings.SANAD_STATS_THRESHOLD if threshold is None else threshold
    base = settings.SANAD_STATS_ROUNDING if base is None else base
    rows = [list(line.cells) for line in table.lines]
    total = list(table.total.cells) if table.total else None
    hidden = [[False] * len(table.columns) for _ in rows]
    hidden_total = [False] * len(table.columns)
    counts = [index for index, column in enumerate(table.columns) if column.kind == COUNT]
    if apply:
        for r, row in enumerate(rows):
            for c in counts:
                hidden[r][c] = _small(row[c], threshold)
        if total:
            for c in counts:
                hidden_total[c] = _small(total[c], threshold)
        for c in counts:
            _secondary(rows, hidden, hidden_total, c, total is not None)
        # A measure rests on a count of its row (its `base`, else the first): hidden when that count is small.
        keys = [column.key for column in table.columns]
        for c, column in enumerate(table.columns):
            if column.kind == COUNT:
                continue
            b = keys.index(column.base) if column.base else (counts[0] if counts else None)
            if b is None:
                continue
            for r, row in enumerate(rows):
                if _small(row[b], threshold) or hidden[r][b]:
                    hidden[r][c] = True
            if total and (_small(total[b], threshold) or hidden_total[b]):
                hidden_total[c] = True
    table.shown = [
        [
            _cell(value, column, hide, threshold, base if apply else 1)
            for value, column, hide in zip(row, table.columns, hid, strict=True)
        ]
        for row, hid in zip(rows, hidden, strict=True)
    ]
    table.shown_total = (
        [
            _cell(value, column, hide, threshold, base if apply else 1)
            for value, column, hide in zip(total, table.columns, hidden_total, strict=True)
        ]
        if total
        else []
    )
    table.protected = apply
    return table


def _small(value: float | None, threshold: int) -> bool:
    return value is not None and 0 < value < threshold


def _secondary(rows: list[list], hidden: list[list[bool]], hidden_total: list[bool], c: int, has_total: bool) -> None:
    """Hide a complement in column c while it has exactly one hidden cell next to a shown total."""
    if not has_total or hidden_total[c]:
        return
    while sum(1 for r in range(len(rows)) if hidden[r][c]) == 1:
        candidates = [r for r in range(len(rows)) if not hidden[r][c] and rows[r][c]]
        if not candidates:
            hidden_total[c] = True
            return
        smallest = min(candidates, key=lambda r: rows[r][c])
        hidden[smallest][c] = True


def _cell(value: float | None, column: Column, hide: bool, threshold: int, base: int) -> Cell:
    if value is None:
        return Cell("—", None)
    if column.kind == COUNT:
        if hide:
            small = 0 < value < threshold
            return Cell(f"< {threshold}" if small else "x", None, hidden=True)
        shown = rounded(int(value), base)
        return Cell(f"{shown:,}".replace(",", "\u202f"), shown)
    if hide:
        return Cell("x", None, hidden=True)
    if column.kind == SHARE:
        return Cell(f"{round(value * 100)} %", round(value * 100))
    return Cell(_hours(value), value)


def _hours(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value < 10 else f"{round(value)}"

"""Reading a CSV file that people made in a spreadsheet, and reporting on it line by line.

Files come from Excel and LibreOffice in Arabic and French offices: UTF-8 with or without a
BOM, comma or semicolon, header names in any case or accents. A file that cannot be read as a
whole is refused with what to do (`FileRefused`); otherwise each data row becomes a `Line` of
an `ImportReport`, which the caller fills with its own checks and reasons.
"""

import csv
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000

NEW, UPDATED, UNCHANGED, REFUSED = "new", "updated", "unchanged", "refused"
OUTCOMES = {
    NEW: gettext_lazy("new"),
    UPDATED: gettext_lazy("updated"),
    UNCHANGED: gettext_lazy("unchanged"),
    REFUSED: gettext_lazy("refused"),
}

# A value quoted back in a reason is cut here: enough to recognise it, not to flood the page.
QUOTED_LENGTH = 40


def fold(text: str) -> str:
    """Compare words the way people type them: any case, with or without accents or hamza."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u0640", ""))  # tatweel stretches Arabic words
    bare = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return " ".join(re.split(r"[\s'’\-_.]+", bare)).strip()


class FileRefused(Exception):
    """The whole file cannot be read; its message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Line:
    """One data row of the file and what the import does, or would do, with it."""

    number: int
    key: str
    outcome: str = NEW
    reasons: list[str] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.reasons)

    @property
    def outcome_label(self) -> str:
        return str(OUTCOMES[REFUSED if self.refused else self.outcome])


@dataclass
class ImportReport:
    kind: str
    lines: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problem: str = ""
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.problem and not self.refused

    @property
    def refused(self) -> list[Line]:
        return [line for line in self.lines if line.refused]

    @property
    def accepted(self) -> list[Line]:
        return [line for line in self.lines if not line.refused]

    def count(self, outcome: str) -> int:
        return sum(1 for line in self.accepted if line.outcome == outcome)

    @property
    def created(self) -> int:
        return self.count(NEW)

    @property
    def updated(self) -> int:
        return self.count(UPDATED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    def text(self) -> list[str]:
        """The report as lines of plain text, for the commands."""
        if self.problem:
            return [_("File refused: %(problem)s") % {"problem": self.problem}]
        out = [
            ngettext(
                "%(accepted)s row accepted (%(new)s new, %(updated)s updated, %(unchanged)s unchanged), "
                "%(refused)s refused.",
                "%(accepted)s rows accepted (%(new)s new, %(updated)s updated, %(unchanged)s unchanged), "
                "%(refused)s refused.",
                len(self.accepted),
            )
            % {
                "accepted": len(self.accepted),
                "new": self.created,
                "updated": self.updated,
                "unchanged": self.unchanged,
                "refused": len(self.refused),
            }
        ]
        for line in self.refused:
            out.append(_("Line %(number)s (%(key)s):") % {"number": line.number, "key": line.key or "—"})
            out.extend(f"  - {reason}" for reason in line.reasons)
        out.extend(_("Warning: %(warning)s") % {"warning": warning} for warning in self.warnings)
        if self.applied:
            out.append(_("Imported."))
        elif self.refused:
            out.append(_("Nothing was imported: correct the refused lines and import the whole file again."))
        else:
            out.append(_("Checked only: nothing was written."))
        return out


@dataclass(frozen=True)
class Table:
    """The file's data rows by column name, each with its line number in the file."""

    rows: list[tuple[int, dict[str, str]]]
    extra_cells: set[int]
    ignored_columns: list[str]


def too_large_message() -> str:
    return _("This file is larger than %(size)s MB. Split it into several files.") % {"size": MAX_BYTES // 2**20}


def quoted(value: str) -> str:
    value = " ".join(value.split())
    return f"«{value[:QUOTED_LENGTH]}…»" if len(value) > QUOTED_LENGTH else f"«{value}»"


def read_table(data: bytes, columns: tuple[str, ...], *, optional: frozenset[str] = frozenset()) -> Table:
    """Decode and split the file, or FileRefused saying what is wrong with it as a whole."""
    if len(data) > MAX_BYTES:
        raise FileRefused(too_large_message())
    if not data.strip():
        raise FileRefused(_("This file is empty."))
    text = _decode(data)
    lines = text.splitlines()
    header_at = next((index for index, line in enumerate(lines) if line.strip()), None)
    if header_at is None:
        raise FileRefused(_("This file is empty."))
    delimiter = _delimiter(lines[header_at], columns)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    extra_cells: set[int] = set()
    last_line = 0
    try:
        for cells in reader:
            number, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # blank lines, or lines of empty cells that spreadsheets leave at the end
            if header is None:
                header = [fold(cell).replace(" ", "_") for cell in cells]
                _check_header(header, columns, optional)
                continue
            if len(rows) == MAX_ROWS:
                raise FileRefused(
                    _("This file has more than %(rows)s rows. Split it into several files.") % {"rows": MAX_ROWS}
                )
            if len(cells) > len(header):
                extra_cells.add(number)
            values = {name: cell.strip() for name, cell in zip(header, cells, strict=False) if name in columns}
            rows.append((number, {name: values.get(name, "") for name in columns}))
    except csv.Error:
        raise FileRefused(_("This file is not a readable CSV file (a quote may be left open).")) from None
    if not rows:
        raise FileRefused(_("This file has a header line but no rows to import."))
    ignored = [name for name in header or [] if name and name not in columns]
    return Table(rows, extra_cells, ignored)


def _decode(data: bytes) -> str:
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise FileRefused(
            _("This is a spreadsheet workbook, not a CSV file. In your spreadsheet, save it as “CSV UTF-8”.")
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRefused(_("This file is in UTF-16 (“Unicode text”). Save it as “CSV UTF-8” instead."))
    if b"\x00" in data:
        raise FileRefused(_("This is not a text file. Choose a CSV file saved as “CSV UTF-8”."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            _(
                "This file is not in UTF-8. In your spreadsheet, save it as “CSV UTF-8” (Excel) or choose the UTF-8 character set (LibreOffice)."
            )
        ) from None


def _delimiter(header_line: str, columns: tuple[str, ...]) -> str:
    """Comma or semicolon (French Excel): the one whose header names more of our columns."""

    def known(delimiter: str) -> int:
        cells = next(csv.reader([header_line], delimiter=delimiter), [])
        return sum(1 for cell in cells if fold(cell).replace(" ", "_") in columns)

    return max((",", ";"), key=known)


def _check_header(header: list[str], columns: tuple[str, ...], optional: frozenset[str]) -> None:
    missing = [name for name in columns if name not in header and name not in optional]
    if missing:
        raise FileRefused(
            _("The first line must name the columns %(columns)s. Missing: %(missing)s.")
            % {"columns": ", ".join(columns), "missing": ", ".join(missing)}
        )
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        raise FileRefused(_("These columns appear twice: %(columns)s.") % {"columns": ", ".join(repeated)})


def missing(name: str) -> str:
    return _("%(column)s is missing.") % {"column": name}


def required(values: dict[str, str], name: str, max_length: int, reasons: list[str]) -> str:
    value = values[name]
    if not value:
        reasons.append(missing(name))
    elif len(value) > max_length:
        reasons.append(_("%(column)s is longer than %(max)s characters.") % {"column": name, "max": max_length})
    return value


def refuse_duplicates(lines: list[Line], key: Callable[[Line], str], message: str) -> None:
    """Refuse every line sharing a key with another: which one is right is for the file's author to say."""
    by_key: dict[str, list[Line]] = defaultdict(list)
    for line in lines:
        if key(line):
            by_key[key(line)].append(line)
    for same in by_key.values():
        if len(same) > 1:
            for line in same:
                others = ", ".join(str(other.number) for other in same if other is not line)
                line.reasons.append(message % {"lines": others})


def refuse_extra_cells(table: Table, lines: list[Line]) -> None:
    for line in lines:
        if line.number in table.extra_cells:
            line.reasons.append(
                _("This line has more cells than the header: put values that contain the separator in quotes.")
            )


def warn_ignored_columns(table: Table, report: ImportReport) -> None:
    if table.ignored_columns:
        report.warnings.append(
            _("These columns are not used and were ignored: %(columns)s.")
            % {"columns": ", ".join(table.ignored_columns)}
        )

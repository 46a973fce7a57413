"""CSV and XLSX files of the tables a person may see: the same cells as the page (suppressed and
rounded for everyone but the centre), and no cell a spreadsheet would run as a formula."""

import csv
import io

from openpyxl import Workbook

from sanad.stats.suppression import Table

# A cell starting with one of these is read as a formula (or a DDE command) by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral(text: str) -> str:
    """The OWASP defence against CSV injection: a leading apostrophe makes the cell plain text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def rows(table: Table) -> list[list[str]]:
    head = [str(table.head), *(str(column.label) for column in table.columns)]
    body = [
        [str(line.label), *(cell.text for cell in shown)] for line, shown in zip(table.lines, table.shown, strict=True)
    ]
    if table.total is not None:
        body.append([str(table.total.label), *(cell.text for cell in table.shown_total)])
    return [[neutral(cell) for cell in row] for row in [head, *body]]


def as_csv(table: Table, note: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutral(str(table.title))])
    writer.writerow([neutral(note)])
    writer.writerows(rows(table))
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM: spreadsheets read it as UTF-8


def as_xlsx(table: Table, note: str, *, rtl: bool = False) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = table.code[:31]
    sheet.sheet_view.rightToLeft = rtl
    for row in [[str(table.title)], [note], *rows(table)]:
        sheet.append([neutral(cell) for cell in row])
    for row in sheet.iter_rows():
        for cell in row:
            cell.data_type = "s"  # never a formula, whatever the text
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

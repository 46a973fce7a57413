from sanad.stats.exports import as_csv, as_xlsx, neutral
from sanad.stats.suppression import Column, Line, Table, protect


def _table(label: str) -> Table:
    table = Table(
        code="t", title="=HYPERLINK(\"x\")", description="", head="-1", columns=[Column("n", "@n")],
        lines=[Line("a", label, [12]), Line("b", "\tTAB", [3])], total=Line("total", "+all", [15]),
    )  # fmt: skip
    return protect(table, threshold=5, base=5)


def test_cells_that_would_run_as_formulas_are_made_text():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert neutral(f"{start}1+1") == f"'{start}1+1"
    assert neutral("< 5") == "< 5" and neutral("Casablanca") == "Casablanca"


def test_csv_and_xlsx_carry_no_formula_and_the_suppressed_cells():
    text = as_csv(_table("=cmd|' /C calc'!A0"), "=note").decode("utf-8-sig")
    assert "'=cmd" in text and "'=HYPERLINK" in text and "'=note" in text and "'@n" in text and "'+all" in text
    assert "< 5" in text and ",3" not in text
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(as_xlsx(_table("=SUM(A1)"), "note"))).active
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert "'=SUM(A1)" in values and "< 5" in values
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row if cell.value is not None)

"""Small numbers attacked as an analyst would: differencing by month, region, category and totals.

The attacker reads only what is shown; `possible` turns a shown cell into the interval of true
values consistent with it, and a difference of two intervals is what two tables reveal.
"""

import itertools
import math
import re
from datetime import UTC, date, datetime

import pytest

from sanad.accounts.models import Region
from sanad.stats import catalogue, refresh
from sanad.stats.catalogue import Audience
from sanad.stats.suppression import Column, Line, Table, protect
from sanad.stats.tables import Filters, Scope, count_table, trend_table
from sanad.stats.tests.data import report

K, B = 5, 5
INFINITY = 10**9
NATIONAL = Scope(Audience.NATIONAL)


def possible(text: str, k: int = K, b: int = B) -> tuple[int, int]:
    """The true values a shown cell allows."""
    if text == "0":
        return 0, 0
    if text.startswith("<"):
        return 1, k - 1
    if text == "x":
        return 0, INFINITY
    shown = int(re.sub(r"\D", "", text))
    # round half up to base b: v in [shown - b/2, shown + b/2)
    return max(k, math.ceil(shown - b / 2)), math.ceil(shown + b / 2) - 1


def difference(bigger: str, smaller: str) -> tuple[int, int]:
    (big_lo, big_hi), (small_lo, small_hi) = possible(bigger), possible(smaller)
    return max(0, big_lo - small_hi), big_hi - small_lo


def safe(interval: tuple[int, int], k: int = K) -> bool:
    """The attacker learns no more than "< k": the interval holds 0 or a value at or above k, or it is
    the whole of 1 to k - 1 (what the cell itself shows)."""
    lo, hi = interval
    return hi > lo and (lo == 0 or hi >= k or (lo, hi) == (1, k - 1))


def one(counts: list[int], total: int | None = None, *, k: int = K, b: int = B) -> Table:
    table = Table(
        code="t",
        title="t",
        description="",
        head="",
        columns=[Column("n", "n")],
        lines=[Line(str(i), str(i), [n]) for i, n in enumerate(counts)],
        total=Line("total", "total", [sum(counts) if total is None else total]),
    )
    return protect(table, threshold=k, base=b)


def texts(table: Table) -> list[str]:
    return [row[0].text for row in table.shown]


def test_small_counts_are_shown_as_under_the_threshold_and_zero_as_zero():
    assert texts(one([0, 1, 4, 5, 7, 8, 23])) == ["0", "< 5", "< 5", "5", "5", "10", "25"]


def test_a_single_small_cell_hides_a_complement_so_the_total_gives_nothing_away():
    table = one([3, 20, 30], k=5, b=1)  # no rounding: suppression alone must hold
    assert texts(table) == ["< 5", "x", "30"]
    assert table.shown_total[0].text == "53"


def test_with_nothing_to_hide_beside_it_the_total_is_hidden():
    table = one([3, 0, 0], k=5, b=1)
    assert texts(table) == ["< 5", "0", "0"]
    assert table.shown_total[0].hidden


@pytest.mark.parametrize("counts", [[3, 20, 30], [1, 1, 40], [4, 6, 9, 100], [2, 0, 17], [7, 3, 8, 2]])
def test_no_hidden_cell_comes_out_of_the_total_minus_the_others(counts):
    for b in (1, 5):
        table = one(counts, b=b)
        shown = texts(table)
        if table.shown_total[0].hidden:
            continue
        total_lo, total_hi = possible(table.shown_total[0].text, b=b)
        hidden = [i for i, text in enumerate(shown) if text.startswith("<") or text == "x"]
        assert len(hidden) != 1, (counts, b, shown)
        others = [possible(text, b=b) for i, text in enumerate(shown) if i not in hidden]
        rest = (max(0, total_lo - sum(hi for _lo, hi in others)), total_hi - sum(lo for lo, _hi in others))
        # Together the hidden cells make `rest`; each of them alone is less known still.
        assert len(hidden) == 0 or safe((0, rest[1])), (counts, b, shown)


@pytest.mark.parametrize(("before", "small"), list(itertools.product(range(0, 60), range(1, K))))
def test_differencing_two_periods_never_pins_a_small_month(before, small):
    """A table up to March and one up to April: April's small count stays unknown."""
    up_to_march = texts(one([before]))[0]
    up_to_april = texts(one([before + small]))[0]
    assert safe(difference(up_to_april, up_to_march)), (before, small, up_to_march, up_to_april)


def _spring(**kwargs) -> Filters:  # type: ignore[no-untyped-def]
    return Filters(start=date(2026, 1, 1), end=date(2026, 4, 1), **kwargs)


@pytest.mark.django_db
def test_attack_by_month_on_real_figures():
    for day in range(1, 24):
        report(datetime(2026, 3, day, tzinfo=UTC), categories=("harassment",))
    for day in range(1, 3):
        report(datetime(2026, 4, day, tzinfo=UTC), categories=("harassment",))
    refresh.refresh_all()
    march = trend_table(Filters(start=date(2026, 1, 1), end=date(2026, 3, 1)), NATIONAL).shown_total[0].text
    april = trend_table(_spring(), NATIONAL).shown_total[0].text
    assert safe(difference(april, march))
    months = {
        line.key: row[0].text
        for line, row in zip(
            trend_table(_spring(), NATIONAL).lines, trend_table(_spring(), NATIONAL).shown, strict=True
        )
    }
    assert months["2026-04"] == "< 5"


@pytest.mark.django_db
def test_attack_by_region_on_real_figures():
    oriental = Region.objects.get(code="oriental")
    casablanca = Region.objects.get(code="casablanca-settat")
    for day in range(1, 20):
        report(datetime(2026, 3, day, tzinfo=UTC), region=casablanca)
    for day in range(1, 4):
        report(datetime(2026, 3, day, tzinfo=UTC), region=oriental)
    refresh.refresh_all()
    regions = count_table(catalogue.BY_CODE["region"], _spring(), NATIONAL)
    shown = {line.key: row[0].text for line, row in zip(regions.lines, regions.shown, strict=True)}
    assert shown["oriental"] == "< 5"
    # The total minus the other regions: the Casablanca line is hidden too (secondary suppression).
    assert shown["casablanca-settat"] == "x"
    national = trend_table(_spring(), NATIONAL).shown_total[0].text
    only_casablanca = trend_table(_spring(region=casablanca), NATIONAL).shown_total[0].text
    assert safe(difference(national, only_casablanca))


@pytest.mark.django_db
def test_attack_by_category_and_totals_on_real_figures():
    for day in range(1, 21):
        report(datetime(2026, 2, day, tzinfo=UTC), categories=("harassment",))
    for day in range(1, 3):
        report(datetime(2026, 2, day, tzinfo=UTC), categories=("sexual_exploitation",))
    refresh.refresh_all()
    every = trend_table(_spring(), NATIONAL).shown_total[0].text
    harassment = trend_table(_spring(category="harassment"), NATIONAL).shown_total[0].text
    assert safe(difference(every, harassment))
    categories = count_table(catalogue.BY_CODE["category"], _spring(), NATIONAL)
    shown = {line.key: row[0].text for line, row in zip(categories.lines, categories.shown, strict=True)}
    assert shown["sexual_exploitation"] == "< 5"
    assert shown["harassment"] == "x"


@pytest.mark.django_db
def test_the_centre_sees_exact_figures():
    for day in range(1, 4):
        report(datetime(2026, 3, day, tzinfo=UTC))
    refresh.refresh_all()
    assert trend_table(_spring(), Scope(Audience.CENTRE)).shown_total[0].text == "3"
    assert trend_table(_spring(), NATIONAL).shown_total[0].text == "< 5"

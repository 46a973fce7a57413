"""The queue is read 50 rows a page, in its order, through "previous" and "next page" links
that keep the search and the filters; no row repeats and none is skipped, even between rows
that tie."""

import re
from datetime import UTC, datetime
from html import unescape

import pytest
import time_machine

from sanad.cases import queue as queue_module
from sanad.cases.tests.casework import case_for, not_acted_on, references_in_table

pytestmark = pytest.mark.django_db

START = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


def link(page: str, text: str) -> str | None:
    found = re.search(rf'<a [^>]*href="([^"]*)"[^>]*>{text}</a>', page)
    return unescape(found[1]) if found else None


def follow(client, url: str, direction: str = "Next page") -> list[str]:
    """Every page, following the links of one direction from `url`."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        pages.append(response.content.decode())
        url = link(pages[-1], direction)
    return pages


def walk(client, url: str, direction: str = "Next page") -> list[list[str]]:
    """The references of every page, following the links of one direction from `url`."""
    return [references_in_table(page) for page in follow(client, url, direction)]


def test_fifty_rows_a_page_then_a_link_to_the_next(analyst, sign_in, report_factory):
    reports = [report_factory(categories=("other",))[0] for _ in range(51)]
    client = sign_in(analyst)
    first = client.get("/en/staff/queue/").content.decode()
    assert references_in_table(first) == [report.reference for report in reports[:50]]
    assert "50 items to handle on this page." in first
    assert link(first, "Previous page") is None
    second = client.get(link(first, "Next page")).content.decode()
    assert references_in_table(second) == [reports[50].reference]
    assert "1 item to handle on this page." in second
    assert link(second, "Next page") is None
    back = client.get(link(second, "Previous page")).content.decode()
    assert references_in_table(back) == references_in_table(first)
    assert link(back, "Previous page") is None
    assert link(back, "Next page") == link(first, "Next page")


def test_one_page_says_how_many_items_there_are(analyst, sign_in, report_factory):
    report_factory()
    page = sign_in(analyst).get("/en/staff/queue/").content.decode()
    assert "1 item to handle." in page
    assert link(page, "Next page") is None
    assert link(page, "Previous page") is None


@pytest.mark.smoke  # SQLite spells the row comparisons out as AND/OR: keep that checked too
def test_pages_follow_the_queue_order_through_ties(analyst, sign_in, report_factory, monkeypatch):
    # Frozen time: reports and cases alike share urgency, deadline and arrival.
    with time_machine.travel(START, tick=False):
        reports = [report_factory(categories=("harassment",))[0] for _ in range(7)]
        cases = [not_acted_on(case_for(report, analyst)) for report in reports[:3]]
        p0 = report_factory(danger_now=True)[0]
        client = sign_in(analyst)
        whole = references_in_table(client.get("/en/staff/queue/").content.decode())
        monkeypatch.setattr(queue_module, "PAGE_SIZE", 2)
        forwards = follow(client, "/en/staff/queue/")
        backwards = walk(client, link(forwards[-1], "Previous page"), "Previous page")
    pages = [references_in_table(page) for page in forwards]

    assert len(whole) == 1 + 3 + 4
    assert whole[0] == p0.reference
    assert whole[1:4] == [case.reference for case in cases]  # on a tie, cases first, then by age
    assert whole[4:] == [report.reference for report in reports[3:]]
    assert [len(page) for page in pages] == [2, 2, 2, 2]
    assert [reference for page in pages for reference in page] == whole
    assert backwards == pages[2::-1]


def test_the_next_page_keeps_the_search_and_the_filters(analyst, sign_in, report_factory, monkeypatch):
    monkeypatch.setattr(queue_module, "PAGE_SIZE", 1)
    wanted = [report_factory(categories=("scam",), identifiers=("@page.person",))[0] for _ in range(2)]
    case = case_for(report_factory(categories=("scam",), identifiers=("@page.person",))[0], analyst)
    report_factory(categories=("harassment",), identifiers=("@page.person",))
    report_factory(categories=("scam",), identifiers=("@someone.else",))
    client = sign_in(analyst)
    pages = walk(client, "/en/staff/queue/?q=%40page.person&category=scam")
    assert sorted(reference for page in pages for reference in page) == sorted(
        [*(report.reference for report in wanted), case.reference]
    )
    assert [len(page) for page in pages] == [1, 1, 1]


@pytest.mark.parametrize(
    "after",
    [
        "x",
        "P9.1.1.r1",
        "P1.1.1.x1",
        "P1.1.1",
        "P1.9999999999999999999.1.r1",
        "P1.999999999999999999.1.r1",
        "P1.1.1.r1 ",
    ],
)
def test_a_page_link_that_was_not_ours_starts_from_the_top(analyst, sign_in, report_factory, after):
    report, _ = report_factory()
    response = sign_in(analyst).get("/fr/staff/queue/", {"after": after})
    assert response.status_code == 200
    assert references_in_table(response.content.decode()) == [report.reference]


def test_a_position_reads_back_as_written():
    position = queue_module.Position("P2", START, datetime(2025, 3, 9, 23, 59, 59, 999999, tzinfo=UTC), "case", 42)
    assert queue_module.Position.parse(str(position)) == position

"""The queue and the case page cost a fixed number of queries, however much they show."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sanad.accounts.models import Region
from sanad.cases import actions
from sanad.cases import queue as queue_module
from sanad.cases.tests.casework import attach, case_for, noisy_png

pytestmark = pytest.mark.django_db

# Counted once and pinned: signing-in checks (session, user, second factor), the filters'
# choices, the reports and cases with what they show, and the audit of reading. The staff
# session's expiry is extended at most once a minute: every count below is taken after one
# warm-up request, so it excludes that save.
QUEUE_QUERIES = 14  # one of them: the school cases asking the centre (a third kind of row)
CASE_QUERIES = 24  # one of them: the files' near-duplicates (PDQ) for related reports


def fill_queue(analyst, second_analyst, report_factory, *, reports: int, cases: int) -> None:
    region = Region.objects.first()
    for _ in range(reports):
        report, _ = report_factory(categories=("harassment", "threats"), platforms=("instagram", "tiktok"))
        report.region = region
        report.save(update_fields=["region"])
    for number in range(cases):
        case = case_for(report_factory(platforms=("snapchat",))[0], analyst)
        actions.link_report(report_factory()[0], case=case, by=analyst)
        actions.assign_case(case, to=second_analyst if number % 2 else analyst, by=analyst)


def queries_for(client, url: str) -> int:
    client.get(url)  # warm-up: the once-a-minute session save is not the page's cost
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_queue_costs_the_same_for_3_or_30_rows(analyst, second_analyst, sign_in, report_factory):
    client = sign_in(analyst)
    fill_queue(analyst, second_analyst, report_factory, reports=2, cases=1)
    few = queries_for(client, "/fr/staff/queue/")
    fill_queue(analyst, second_analyst, report_factory, reports=18, cases=9)
    many = queries_for(client, "/fr/staff/queue/")
    assert few == many
    searching = queries_for(client, "/fr/staff/queue/?q=insultants&category=harassment")
    # A search first looks up its matches (by identifier, by words, then the cases holding
    # them): three index look-ups; then it is audited: one event (savepoint, the chain's head
    # locked, the event, the head moved, savepoint released). No school case matches these
    # words: the school rows' query is not run at all.
    assert searching == many + 3 + 5 - 1


def test_a_later_page_costs_what_the_first_costs(analyst, second_analyst, sign_in, report_factory, monkeypatch):
    client = sign_in(analyst)
    fill_queue(analyst, second_analyst, report_factory, reports=6, cases=3)
    monkeypatch.setattr(queue_module, "PAGE_SIZE", 7)  # 6 reports and a case, then 2 cases: both pages hold cases
    page = client.get("/fr/staff/queue/").content.decode()
    later = unescape(re.search(r'href="([^"]*)" rel="next"', page)[1])
    assert queries_for(client, later) == queries_for(client, "/fr/staff/queue/")


def test_the_queue_with_30_reports_and_cases(
    analyst, second_analyst, sign_in, report_factory, django_assert_max_num_queries
):
    fill_queue(analyst, second_analyst, report_factory, reports=20, cases=10)
    client = sign_in(analyst)
    client.get("/fr/staff/")  # warm-up: the once-a-minute session save
    with django_assert_max_num_queries(QUEUE_QUERIES):
        response = client.get("/fr/staff/queue/")
    assert response.content.decode().count('class="queue-row') == 30


def build_case(analyst, report_factory, *, reports: int, files: int, events: int):
    case = case_for(report_factory()[0], analyst)
    for _ in range(reports - 1):
        actions.link_report(report_factory()[0], case=case, by=analyst)
    linked = list(case.case_reports.select_related("report"))
    for number in range(files):
        attach(linked[number % len(linked)].report, noisy_png(32, 32, seed=number))
    for number in range(events):
        if number % 4 == 0:
            actions.add_note(case, body=f"note {number}", by=analyst)
        elif number % 4 == 1:
            actions.message_reporter(case, linked[0].report, body=f"message {number}", by=analyst)
        elif number % 4 == 2:
            actions.change_urgency(case, to="P1" if case.urgency != "P1" else "P2", reason="re-read", by=analyst)
        else:
            actions.assign_case(case, to=None if case.assignee else analyst, by=analyst)
    return case


def test_the_case_page_costs_the_same_for_1_or_3_reports(analyst, sign_in, report_factory):
    client = sign_in(analyst)
    small = build_case(analyst, report_factory, reports=1, files=1, events=4)
    large = build_case(analyst, report_factory, reports=3, files=5, events=10)
    assert queries_for(client, f"/fr/staff/cases/{small.pk}/") == queries_for(client, f"/fr/staff/cases/{large.pk}/")


def test_the_case_page_with_3_reports_5_files_and_10_events(
    analyst, sign_in, report_factory, django_assert_max_num_queries
):
    case = build_case(analyst, report_factory, reports=3, files=5, events=10)
    client = sign_in(analyst)
    client.get("/fr/staff/")  # warm-up: the once-a-minute session save
    with django_assert_max_num_queries(CASE_QUERIES):
        response = client.get(f"/fr/staff/cases/{case.pk}/")
    assert response.content.decode().count('class="evidence"') == 5

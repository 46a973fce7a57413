"""The administrator's audit log: filters, pages of 50, the chain's state, never report text."""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from sanad.audit.log import record
from sanad.audit.models import AuditEvent
from sanad.audit.tests.tampering import change_detail
from sanad.cases import actions
from sanad.cases.tests.conftest import make_report

pytestmark = pytest.mark.django_db
PAGE = "/fr/staff/audit/"


def seqs(response) -> list[int]:
    assert response.status_code == 200
    return [int(seq) for seq in re.findall(r'<tr id="event-(\d+)"', response.content.decode())]


@pytest.fixture
def history(analyst, second_analyst):
    """Events over three days, by two analysts."""
    events = {}
    with time_machine.travel(datetime(2026, 3, 1, 10, 0, tzinfo=UTC)):
        events["opened"] = record(analyst, "case.opened", object_type="case", object_id=1, report=11)
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=UTC)):
        events["assigned"] = record(second_analyst, "case.assigned", object_type="case", object_id=2, new=3)
        events["referred"] = record(analyst, "referral.sent", object_type="referral", object_id=9, case=1)
    with time_machine.travel(datetime(2026, 3, 3, 10, 0, tzinfo=UTC)):
        events["viewed"] = record(analyst, "case.assigned", object_type="case", object_id=1, new=2)
    return events


def test_the_administrator_sees_the_log_newest_first_and_that_it_verifies(history, administrator, sign_in):
    response = sign_in(administrator).get(PAGE)
    assert seqs(response) == [4, 3, 2, 1]
    assert 'data-events="4"' in response.content.decode()
    assert "data-broken-at" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"actor": "analyst2"}, ["assigned"]),
        ({"actor": "ANALYST"}, ["viewed", "referred", "opened"]),
        ({"action": "case.assigned"}, ["viewed", "assigned"]),
        ({"object_type": "referral"}, ["referred"]),
        ({"object_type": "case", "object_id": "1"}, ["viewed", "opened"]),
        ({"since": "2026-03-02", "until": "2026-03-02"}, ["referred", "assigned"]),
        ({"since": "2026-03-02"}, ["viewed", "referred", "assigned"]),
        ({"until": "2026-03-01"}, ["opened"]),
        ({"actor": "analyst", "action": "case.assigned", "since": "2026-03-02"}, ["viewed"]),
        ({"actor": "nobody-of-that-name"}, []),
    ],
)
def test_filters(history, administrator, sign_in, query, expected):
    assert seqs(sign_in(administrator).get(PAGE, query)) == [history[name].seq for name in expected]


def test_a_reversed_date_range_is_an_error_not_everything(history, administrator, sign_in):
    response = sign_in(administrator).get(PAGE, {"since": "2026-03-03", "until": "2026-03-01"})
    assert seqs(response) == []
    assert 'class="error"' in response.content.decode()


def test_an_unknown_action_is_refused(history, administrator, sign_in):
    assert seqs(sign_in(administrator).get(PAGE, {"action": "'; drop table"})) == []


def test_pages_of_fifty_keep_the_filter(administrator, analyst, sign_in):
    for n in range(120):
        record(analyst, "case.viewed", object_type="case", object_id=n)
    record(administrator, "staff.signed_in")
    client = sign_in(administrator)

    first = client.get(PAGE)
    assert seqs(first) == list(range(121, 71, -1))
    assert seqs(client.get(PAGE, {"page": 3})) == list(range(21, 0, -1))

    filtered = client.get(PAGE, {"action": "case.viewed", "page": 2})
    assert seqs(filtered) == list(range(70, 20, -1))
    html = filtered.content.decode()
    assert 'href="?action=case.viewed&amp;page=3"' in html
    assert 'href="?action=case.viewed&amp;page=1"' in html
    assert seqs(client.get(PAGE, {"page": 99})) == list(range(21, 0, -1))  # past the end: the last page


def test_a_broken_chain_is_shown_with_its_first_broken_event(history, administrator, sign_in):
    change_detail(history["assigned"].seq, '{"new": 999}')
    html = sign_in(administrator).get(PAGE).content.decode()
    assert f'data-broken-at="{history["assigned"].seq}"' in html
    assert f'<tr id="event-{history["assigned"].seq}" class="broken">' in html


def test_report_text_never_appears(administrator, analyst, sign_in):
    sentence = "Le dragon violet du quartier Nuage-Sept envoie des menaces chaque soir."
    report, _receipt = make_report(description=sentence, identifiers=("@violet.dragon.77",))
    case = actions.open_case(report, by=analyst)
    actions.add_note(case, body="Note interne : " + sentence, by=analyst)
    actions.message_reporter(case, report, body="Réponse : " + sentence, by=analyst)
    actions.change_urgency(case, to="P0", reason="menaces crédibles", by=analyst)  # the text's threats made it P1
    assert AuditEvent.objects.filter(object_type="case", object_id=str(case.pk)).count() >= 3

    client = sign_in(administrator)
    for query in ({}, {"object_type": "case", "object_id": str(case.pk)}, {"actor": "analyst"}):
        html = client.get(PAGE, query).content.decode()
        assert 'data-events="' in html
        assert "dragon" not in html.lower()
        assert "violet" not in html.lower()


@pytest.mark.parametrize("persona", ["supervisor", "analyst", "liaison", "outsider", "school_team", "ministry_viewer"])
def test_everyone_but_the_administrator_finds_nothing(persona, request, sign_in):
    user = request.getfixturevalue(persona)
    assert sign_in(user).get(PAGE).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(PAGE)["Location"].startswith("/fr/staff/sign-in/")


def test_dates_are_days_in_the_centres_time_zone(administrator, analyst, sign_in, settings):
    """23:30 UTC on 10 June is 00:30 on 11 June in Casablanca (UTC+1 outside Ramadan)."""
    assert settings.TIME_ZONE == "Africa/Casablanca"
    with time_machine.travel(datetime(2026, 6, 10, 23, 30, tzinfo=UTC)):
        event = record(analyst, "case.viewed", object_type="case", object_id=5)
    client = sign_in(administrator)
    assert seqs(client.get(PAGE, {"until": "2026-06-10"})) == []
    assert seqs(client.get(PAGE, {"since": "2026-06-11", "until": "2026-06-11"})) == [event.seq]

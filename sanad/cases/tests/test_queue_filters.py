"""Each filter of the queue narrows reports and cases alike; a bad value is reported, never a 500."""

import pytest

from sanad.accounts.models import Region
from sanad.cases import actions
from sanad.cases.tests.casework import case_for, references_in_table

pytestmark = pytest.mark.django_db


def shown(client, **filters) -> list[str]:
    response = client.get("/fr/staff/queue/", filters)
    assert response.status_code == 200
    return references_in_table(response.content.decode())


@pytest.fixture
def casablanca(db):
    return Region.objects.get(code="casablanca-settat")


def test_urgency(analyst, sign_in, report_factory):
    p0, _ = report_factory(danger_now=True)
    p2, _ = report_factory(categories=("harassment",))
    in_case, _ = report_factory(danger_now=True)
    case = case_for(in_case, analyst)
    client = sign_in(analyst)
    assert shown(client, urgency="P0") == [p0.reference, case.reference]
    assert shown(client, urgency="P2") == [p2.reference]


def test_category(analyst, sign_in, report_factory):
    scam, _ = report_factory(categories=("scam",))
    report_factory(categories=("harassment",))
    gaming, _ = report_factory(categories=("gaming_exploitation", "scam"))
    case = case_for(gaming, analyst)
    assert sorted(shown(sign_in(analyst), category="scam")) == sorted([scam.reference, case.reference])


def test_region(analyst, sign_in, report_factory, casablanca):
    here, _ = report_factory()
    elsewhere, _ = report_factory()
    in_case, _ = report_factory()
    for report in (here, in_case):
        report.region = casablanca
        report.save(update_fields=["region"])
    case = case_for(in_case, analyst)
    found = shown(sign_in(analyst), region="casablanca-settat")
    assert sorted(found) == sorted([here.reference, case.reference])
    assert elsewhere.reference not in found


def test_platform(analyst, sign_in, report_factory):
    tiktok, _ = report_factory(platforms=("tiktok",))
    report_factory(platforms=("instagram",))
    in_case, _ = report_factory(platforms=("whatsapp", "tiktok"))
    case = case_for(in_case, analyst)
    assert sorted(shown(sign_in(analyst), platform="tiktok")) == sorted([tiktok.reference, case.reference])


def test_status(analyst, sign_in, report_factory):
    new, _ = report_factory()
    waiting_report, _ = report_factory()
    waiting = case_for(waiting_report, analyst)
    actions.set_case_status(waiting, to="waiting", waiting_on="reporter", by=analyst)
    triaged = case_for(report_factory()[0], analyst)
    closed = case_for(report_factory()[0], analyst)
    actions.close_case(closed, outcome="unfounded", by=analyst)
    client = sign_in(analyst)
    assert shown(client, status="new") == [new.reference]
    assert shown(client, status="waiting") == [waiting.reference]
    assert shown(client, status="triaged") == [triaged.reference]
    assert shown(client, status="closed") == [closed.reference]


def test_assignee(analyst, second_analyst, sign_in, report_factory):
    untriaged, _ = report_factory()
    mine = case_for(report_factory()[0], analyst)
    theirs = case_for(report_factory()[0], analyst)
    actions.assign_case(theirs, to=second_analyst, by=analyst)
    nobody = case_for(report_factory()[0], analyst)
    actions.assign_case(nobody, to=None, by=analyst)
    client = sign_in(analyst)
    assert shown(client, assignee=str(analyst.pk)) == [mine.reference]
    assert shown(client, assignee=str(second_analyst.pk)) == [theirs.reference]
    assert sorted(shown(client, assignee="none")) == sorted([untriaged.reference, nobody.reference])


def test_organisation_owner_or_referred_to(analyst, sign_in, report_factory, police, centre):
    report_factory()
    referred = case_for(report_factory()[0], analyst)
    actions.refer_case(referred, target="police", organisation=police, brief="", legal_ground="", by=analyst)
    kept = case_for(report_factory()[0], analyst)
    client = sign_in(analyst)
    assert shown(client, organisation=str(police.pk)) == [referred.reference]
    assert sorted(shown(client, organisation=str(centre.pk))) == sorted([referred.reference, kept.reference])


@pytest.mark.parametrize(
    "bad",
    [
        {"urgency": "P9"},
        {"status": "deleted"},
        {"category": "'; DROP TABLE"},
        {"region": "atlantis"},
        {"assignee": "999999"},
        {"assignee": "abc"},
        {"organisation": "nope"},
        {"q": "x" * 500},
    ],
)
def test_a_bad_filter_value_is_shown_as_an_error_and_ignored(analyst, sign_in, report_factory, bad):
    report, _ = report_factory()
    response = sign_in(analyst).get("/fr/staff/queue/", bad)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error"' in page
    if "q" not in bad:
        assert references_in_table(page) == [report.reference]


def test_the_chosen_filters_stay_selected(analyst, sign_in, report_factory, casablanca, police):
    report_factory()
    filters = {"region": casablanca.code, "organisation": str(police.pk), "category": "scam"}
    page = sign_in(analyst).get("/fr/staff/queue/", filters).content.decode()
    assert f'<option value="{casablanca.code}" selected>{casablanca.name_fr}</option>' in page
    assert f'<option value="{police.pk}" selected>{police.name}</option>' in page
    assert '<option value="scam" selected>' in page

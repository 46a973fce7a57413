"""The supervisor's page: workload per analyst, deadlines, late referrals, a quality sample."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sanad.cases import actions
from sanad.cases.forms import AssignForm
from sanad.cases.models import Case, Outcome, Referral, ReferralTarget
from sanad.cases.tests.casework import not_acted_on
from sanad.cases.tests.conftest import _user, make_report

pytestmark = pytest.mark.django_db
PAGE = "/fr/staff/supervision/"


def opened(by, *, hours_ago: float = 0, acted: bool = True, **report_answers) -> Case:
    """`acted` False: a case nobody of the centre has acted on yet (from a school), its first-action clock running."""
    report, _receipt = make_report(submitted_at=timezone.now() - timedelta(hours=hours_ago), **report_answers)
    case = actions.open_case(report, by=by)
    return case if acted else not_acted_on(case)


def workload_row(html: str, username: str) -> dict[str, int]:
    row = re.search(rf'<tr data-username="{re.escape(username)}">(.*?)</tr>', html, re.S)
    assert row is not None, f"{username} is not in the workload table"
    counts = dict(re.findall(r'data-count="(\w+)">(?:<span[^>]*>)?(\d+)', row.group(1)))
    return {name: int(value) for name, value in counts.items()}


def total(html: str, name: str) -> int:
    return int(re.search(rf'data-total="{name}"[^>]*><span class="figure">(\d+)<', html).group(1))


@pytest.fixture
def caseload(analyst, second_analyst, supervisor, police):
    """analyst: P0 overdue, P1, P3 open and one closed; analyst2: a P2 close to its deadline; one unassigned."""
    cases = {
        "p0_overdue": opened(analyst, hours_ago=2, acted=False, danger_now=True),
        "p1": opened(analyst, categories=("sexual_exploitation",)),
        "p3": opened(analyst, categories=("other",)),
        "closed": opened(analyst, hours_ago=3, danger_now=True),
        "p2_at_risk": opened(second_analyst, hours_ago=70, acted=False, categories=("harassment",)),
        "unassigned": opened(analyst, categories=("hate_speech",)),
    }
    actions.close_case(cases["closed"], outcome=Outcome.RESOLVED, by=analyst)
    actions.assign_case(cases["unassigned"], to=None, by=supervisor)
    return cases


def test_the_supervisor_sees_workload_numbers_that_match_the_cases(caseload, supervisor, sign_in):
    response = sign_in(supervisor).get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert workload_row(html, "analyst") == {"open": 3, "urgent": 2, "overdue": 1}
    assert workload_row(html, "analyst2") == {"open": 1, "urgent": 0, "overdue": 0}
    assert 'data-username="supervisor"' not in html  # no case waits on them
    assert total(html, "open") == 5
    assert total(html, "unassigned") == 1
    assert total(html, "urgent") == 2
    assert total(html, "overdue") == 1
    assert total(html, "at_risk") == 1


def test_deadlines_list_overdue_and_at_risk_cases_with_a_reassignment_form(caseload, supervisor, sign_in):
    html = sign_in(supervisor).get(PAGE).content.decode()
    listed = dict(re.findall(r'<tr id="case-(\d+)" data-due="([\w-]+)"', html))
    assert listed == {str(caseload["p0_overdue"].pk): "overdue", str(caseload["p2_at_risk"].pk): "at-risk"}
    case = caseload["p0_overdue"]
    form = re.search(
        rf'<form method="post" action="/fr/staff/cases/{case.pk}/assign/" class="reassign">(.*?)</form>', html, re.S
    )
    assert form is not None
    assert '<input type="hidden" name="next" value="/fr/staff/supervision/">' in form.group(1)
    assert 'name="csrfmiddlewaretoken"' in form.group(1)
    assert f'<option value="{case.assignee_id}" selected>' in form.group(1)


def test_the_reassignment_form_speaks_the_assign_views_language(caseload, second_analyst, supervisor, sign_in):
    """The page posts `assignee` to cases:assign; the case page's form must accept what it offers."""
    html = sign_in(supervisor).get(PAGE).content.decode()
    case = caseload["p0_overdue"]
    offered = re.findall(rf'<select name="assignee" id="assignee-{case.pk}">(.*?)</select>', html, re.S)[0]
    values = re.findall(r'<option value="(\d*)"', offered)
    assert str(second_analyst.pk) in values
    for value in values:
        assert AssignForm({"assignee": value}, case=case).is_valid(), value


def test_overdue_referrals_are_listed(caseload, analyst, police, supervisor, sign_in):
    late = actions.refer_case(
        caseload["p1"], target=ReferralTarget.POLICE, organisation=police, brief="", legal_ground="", by=analyst
    )
    on_time = actions.refer_case(
        caseload["p3"], target=ReferralTarget.POLICE, organisation=police, brief="", legal_ground="", by=analyst
    )
    Referral.objects.filter(pk=late.pk).update(answer_due=timezone.now() - timedelta(hours=5))
    html = sign_in(supervisor).get(PAGE).content.decode()
    assert f'data-referral="{late.pk}"' in html
    assert f'data-referral="{on_time.pk}"' not in html
    assert total(html, "late_referrals") == 1


def test_the_page_runs_a_fixed_number_of_queries(analyst, second_analyst, supervisor, sign_in):
    client = sign_in(supervisor)
    opened(analyst, hours_ago=2, danger_now=True)
    actions.close_case(opened(analyst, categories=("other",)), outcome=Outcome.RESOLVED, by=analyst)
    client.get(PAGE)  # warm up (session, caches)
    with CaptureQueriesContext(connection) as few:
        assert client.get(PAGE).status_code == 200
    for n in range(6):
        case = opened(analyst if n % 2 else second_analyst, hours_ago=2 + n, acted=False, danger_now=True)
        if n % 3 == 0:
            actions.close_case(case, outcome=Outcome.RESOLVED, by=analyst)
    with CaptureQueriesContext(connection) as many:
        assert client.get(PAGE).status_code == 200
    assert len(many) == len(few)


def sample_of(html: str) -> list[str]:
    return re.findall(r'data-sample="([\w-]+)"', html)


def test_the_quality_sample_is_ten_recent_closed_cases_stable_for_the_day(analyst, supervisor, sign_in):
    recent = set()
    for _n in range(12):
        case = opened(analyst, categories=("other",))
        actions.close_case(case, outcome=Outcome.RESOLVED, by=analyst)
        recent.add(case.reference)
    with time_machine.travel(timezone.now() - timedelta(days=40)):
        old = opened(analyst, categories=("other",))
        actions.close_case(old, outcome=Outcome.RESOLVED, by=analyst)

    client = sign_in(supervisor)
    first = sample_of(client.get(PAGE).content.decode())
    assert len(first) == 10
    assert set(first) <= recent
    assert sorted(sample_of(client.get(PAGE).content.decode())) == sorted(first)

    with time_machine.travel(timezone.now() + timedelta(days=1)):
        tomorrow = sample_of(sign_in(supervisor).get(PAGE).content.decode())
    assert len(tomorrow) == 10
    assert set(tomorrow) <= recent


def test_fewer_closed_cases_than_the_sample_are_all_shown(analyst, supervisor, sign_in):
    case = opened(analyst, categories=("other",))
    actions.close_case(case, outcome=Outcome.DUPLICATE, by=analyst)
    assert sample_of(sign_in(supervisor).get(PAGE).content.decode()) == [case.reference]


def test_an_administrator_of_the_centre_sees_the_page(administrator, sign_in):
    assert sign_in(administrator).get(PAGE).status_code == 200


@pytest.mark.parametrize("persona", ["analyst", "liaison", "outsider", "school_team", "ministry_viewer"])
def test_other_roles_find_nothing(persona, request, sign_in):
    user = request.getfixturevalue(persona)
    assert sign_in(user).get(PAGE).status_code == 404


def test_a_supervisor_outside_the_centre_finds_nothing(police, sign_in):
    assert sign_in(_user("police_chief", police, "supervisor")).get(PAGE).status_code == 404


def test_a_password_alone_is_not_enough(supervisor, client):
    client.force_login(supervisor)
    assert client.get(PAGE)["Location"].startswith("/fr/staff/two-factor/")


def test_reassigning_from_the_page_moves_the_case(caseload, second_analyst, supervisor, sign_in):
    case = caseload["p0_overdue"]
    client = sign_in(supervisor)
    response = client.post(f"/fr/staff/cases/{case.pk}/assign/", {"assignee": second_analyst.pk, "next": PAGE})
    assert response.status_code == 302
    assert response["Location"] in {PAGE, f"/fr/staff/cases/{case.pk}/"}  # back here, or the case page
    case.refresh_from_db()
    assert case.assignee == second_analyst
    html = client.get(PAGE).content.decode()
    assert workload_row(html, "analyst2") == {"open": 2, "urgent": 1, "overdue": 1}

"""The school protocol's pilot review: once per closed school case, by its own team; summarised per step and region."""

from datetime import date

import pytest
from django.utils import timezone

from sanad.schools import actions as school_actions
from sanad.schools.actions import PupilEntry
from sanad.schools.models import Author, ProtocolRun, ToldBy
from sanad.stats import catalogue
from sanad.stats.catalogue import Audience
from sanad.stats.models import PilotReview
from sanad.stats.tables import Filters, Scope, pilot_table
from sanad.testing import team_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_run(school):
    member = team_member("pilot.teacher", school)
    run = school_actions.record_case(
        school, by=member, told_by=ToldBy.VICTIM, categories=["harassment"], facts="Des moqueries (fictif).",
        evidence_kept=False, author=Author.PUPIL, pupils=[PupilEntry("victim", "Élève Exemple", "3e A")], attachments=[],
    )  # fmt: skip
    ProtocolRun.objects.filter(pk=run.pk).update(status="closed", closed_at=timezone.now())
    run.refresh_from_db()
    return run, member


def _answers(run, workable="yes"):  # type: ignore[no-untyped-def]
    data = {}
    for step in run.protocol.steps:
        data[f"{step.code}_workable"] = workable
        data[f"{step.code}_minutes"] = "30"
        data[f"{step.code}_missing"] = ""
    return data


def test_the_team_reviews_the_protocol_once_after_a_closed_case(closed_run, sign_in, analyst):
    run, member = closed_run
    url = f"/fr/staff/statistics/pilot/{run.pk}/"
    assert sign_in(analyst).get(url).status_code == 404  # the centre reads, the team answers
    client = sign_in(member)
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 400  # every step needs an answer
    assert client.post(url, _answers(run)).status_code == 302
    review = PilotReview.objects.get(run=run)
    assert review.region_id == run.school.region_id and review.answers.count() == len(run.protocol.steps)
    assert client.post(url, _answers(run, "no")).status_code == 302  # a second time changes nothing
    assert review.answers.filter(workable=False).count() == 0


def test_the_committee_sees_it_per_step_and_region(closed_run, sign_in):
    run, member = closed_run
    sign_in(member).post(f"/fr/staff/statistics/pilot/{run.pk}/", _answers(run))
    today = timezone.localdate()
    filters = Filters(start=date(today.year, 1, 1), end=today.replace(day=1))
    exact = pilot_table(catalogue.BY_CODE["pilot_steps"], filters, Scope(Audience.CENTRE))
    first = exact.lines[0]
    assert first.cells[:3] == [1, 1.0, 30]
    national = pilot_table(catalogue.BY_CODE["pilot_steps"], filters, Scope(Audience.NATIONAL))
    assert national.shown[0][0].text == "< 5" and national.shown[0][1].hidden
    regions = pilot_table(catalogue.BY_CODE["pilot_regions"], filters, Scope(Audience.CENTRE))
    assert {line.key: line.cells[0] for line in regions.lines}[run.school.region.code] == 1

"""Who sees which school case: `ProtocolRun.objects.visible_to` and `access_run`, the only ways in."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from sanad.lib.errors import NotFound
from sanad.schools import actions
from sanad.schools.access import RunNotFound, access_run
from sanad.schools.models import Origin, ProtocolRun
from sanad.schools.tests.conftest import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def runs(school_a, school_b, teacher_a, teacher_b, analyst):
    """School A: a team-only level-1 case, an escalated one, one with a takedown, one from the centre; B: one."""
    team_only = record(school_a, teacher_a)
    actions.assess(team_only, by=teacher_a, level=1, serious_because=[])
    escalated = record(school_a, teacher_a)
    actions.assess(escalated, by=teacher_a, level=3, serious_because=["threats"])
    takedown = record(school_a, teacher_a)
    actions.request_takedown(takedown, by=teacher_a, links="https://example.invalid/post/9")
    transferred = actions.transfer_to_school(
        school_a, by=analyst, origin=Origin.CENTRE, categories=["harassment"], facts="Fictif.", consent=True
    )
    of_b = record(school_b, teacher_b)
    return {"team_only": team_only, "escalated": escalated, "takedown": takedown, "transferred": transferred, "b": of_b}


def visible(user) -> set[int]:  # type: ignore[no-untyped-def]
    return set(ProtocolRun.objects.visible_to(user).values_list("pk", flat=True))


def pks(runs: dict[str, ProtocolRun], *names: str) -> set[int]:
    return {runs[name].pk for name in names}


def test_a_team_sees_only_its_own_schools_cases(runs, teacher_a, head_a):
    school_a_cases = pks(runs, "team_only", "escalated", "takedown", "transferred")
    assert visible(teacher_a) == school_a_cases
    assert visible(head_a) == school_a_cases
    for run_id in school_a_cases:
        assert access_run(teacher_a, run_id).pk == run_id


def test_another_schools_case_and_a_missing_one_give_the_same_answer(runs, teacher_a):
    missing_id = max(run.pk for run in runs.values()) + 1000
    with pytest.raises(RunNotFound) as forbidden:
        access_run(teacher_a, runs["b"].pk)
    with pytest.raises(RunNotFound) as missing:
        access_run(teacher_a, missing_id)
    assert isinstance(forbidden.value, NotFound)
    assert (forbidden.value.code, forbidden.value.status, str(forbidden.value.message)) == (
        missing.value.code,
        missing.value.status,
        str(missing.value.message),
    )


def test_the_gate_also_holds_when_locking_for_a_change(runs, teacher_a):
    with transaction.atomic():
        assert access_run(teacher_a, runs["team_only"].pk, for_update=True).pk == runs["team_only"].pk
        with pytest.raises(RunNotFound):
            access_run(teacher_a, runs["b"].pk, for_update=True)


def test_team_b_sees_nothing_of_school_a(runs, teacher_b):
    assert visible(teacher_b) == pks(runs, "b")
    for name in ("team_only", "escalated", "takedown", "transferred"):
        with pytest.raises(RunNotFound):
            access_run(teacher_b, runs[name].pk)


def test_academies_and_the_ministry_see_no_case(runs, academy_viewer, other_academy_viewer, ministry_viewer):
    # They see figures (no personal data), never a case, even an escalated one of their region.
    for viewer in (academy_viewer, other_academy_viewer, ministry_viewer):
        assert visible(viewer) == set()
        with pytest.raises(RunNotFound):
            access_run(viewer, runs["escalated"].pk)


def test_the_centre_sees_the_cases_it_is_part_of(runs, analyst, administrator):
    part_of = pks(runs, "escalated", "takedown", "transferred")
    assert visible(analyst) == part_of
    assert visible(administrator) == part_of
    for name in ("team_only", "b"):
        with pytest.raises(RunNotFound):
            access_run(analyst, runs[name].pk)
    assert access_run(analyst, runs["escalated"].pk).pk == runs["escalated"].pk


def test_an_inactive_account_sees_nothing(runs, teacher_a, analyst):
    for user in (teacher_a, analyst):
        user.is_active = False
        user.save()
        assert visible(user) == set()
        with pytest.raises(RunNotFound):
            access_run(user, runs["escalated"].pk)


def test_an_anonymous_visitor_sees_nothing(runs):
    assert visible(AnonymousUser()) == set()

"""A school case's files go through the same gate as the school case: the centre opens them only
when it is part of that case (escalated, transferred, take-down), never by the file's id alone."""

import pytest

from sanad.evidence.tests import samples
from sanad.schools import actions as school_actions
from sanad.schools.actions import Attachment, PupilEntry
from sanad.schools.models import Author, ToldBy
from sanad.testing import team_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_file(school, django_capture_on_commit_callbacks):
    teacher = team_member("teacher", school)
    # The worker makes the file's blurred preview after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        run = school_actions.record_case(
            school,
            by=teacher,
            told_by=ToldBy.VICTIM,
            categories=["harassment"],
            facts="Des moqueries dans un groupe de classe (exemple fictif).",
            evidence_kept=True,
            author=Author.PUPIL,
            pupils=[PupilEntry("victim", "Élève Exemple", "5e A")],
            attachments=[Attachment("capture.png", samples.png())],
        )
    evidence = run.steps.get(position=1).attachments.get()
    return run, teacher, evidence


def test_the_centre_cannot_open_a_file_of_a_school_case_it_is_not_part_of(school_file, analyst, supervisor, sign_in):
    _run, _teacher, evidence = school_file
    for person in (analyst, supervisor):
        client = sign_in(person)
        assert client.get(f"/fr/staff/evidence/{evidence.pk}/preview/").status_code == 404
        assert client.post(f"/fr/staff/evidence/{evidence.pk}/reveal/").status_code == 404


def test_once_the_school_escalates_the_centre_opens_it(
    school_file, analyst, sign_in, django_capture_on_commit_callbacks
):
    run, teacher, evidence = school_file
    with django_capture_on_commit_callbacks(execute=True):
        school_actions.assess(run, by=teacher, level=3, serious_because=["threats"])
    assert sign_in(analyst).get(f"/fr/staff/evidence/{evidence.pk}/preview/").status_code == 200

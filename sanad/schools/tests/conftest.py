"""Personas of the school protocol.

Two schools in one region (A and B) and one school in another region (C); a resource
team in A and B; the regional academy of A and B, another academy, the ministry and the
national centre. Every name is synthetic.
"""

import pytest
from django.utils import translation

from sanad.accounts.models import Organisation, Region, User
from sanad.schools import actions
from sanad.schools.actions import PupilEntry
from sanad.schools.models import Author, Level, School, TeamMember, ToldBy
from sanad.testing import make_school, signed_in, staff_user, team_member


@pytest.fixture(autouse=True)
def _english():
    """Pages and reversed URLs in English, so tests read the source strings."""
    with translation.override("en"):
        yield


@pytest.fixture
def region(db) -> Region:
    return Region.objects.order_by("position").first()


@pytest.fixture
def other_region(db) -> Region:
    return Region.objects.order_by("position")[1]


@pytest.fixture
def school_a(region):
    return make_school("TEST-A", "Collège Al Amal (test)", region)


@pytest.fixture
def school_b(region):
    return make_school("TEST-B", "Lycée Ibn Battouta (test)", region, level=Level.SECONDARY)


@pytest.fixture
def school_c(other_region):
    return make_school("TEST-C", "École Al Massira (test)", other_region, level=Level.PRIMARY)


@pytest.fixture
def teacher_a(school_a):
    return team_member("teacher_a", school_a)


@pytest.fixture
def head_a(school_a):
    return team_member("head_a", school_a, TeamMember.Position.HEAD)


@pytest.fixture
def teacher_b(school_b):
    return team_member("teacher_b", school_b)


@pytest.fixture
def academy_viewer(region):
    academy = Organisation.objects.get(kind=Organisation.Kind.ACADEMY, region=region)
    return staff_user("academy", academy, User.Role.MINISTRY)


@pytest.fixture
def other_academy_viewer(other_region):
    academy = Organisation.objects.get(kind=Organisation.Kind.ACADEMY, region=other_region)
    return staff_user("other_academy", academy, User.Role.MINISTRY)


@pytest.fixture
def ministry_viewer(db):
    ministry = Organisation.objects.create(name="Ministère (test)", kind=Organisation.Kind.MINISTRY)
    return staff_user("ministry", ministry, User.Role.MINISTRY)


@pytest.fixture
def centre(db):
    return Organisation.objects.create(name="Centre national (test)", kind=Organisation.Kind.CENTRE)


@pytest.fixture
def analyst(centre):
    return staff_user("analyst", centre, User.Role.ANALYST)


@pytest.fixture
def administrator(centre):
    return staff_user("administrator", centre, User.Role.ADMINISTRATOR)


@pytest.fixture
def sign_in():
    return signed_in


VICTIM_NAME = "Salma Exemple"
AUTHOR_NAME = "Youssef Fictif"


def record(school: School, by: User, **overrides: object):
    """A case recorded by a team member: a pupil harassed by another pupil (synthetic)."""
    fields = {
        "told_by": ToldBy.VICTIM,
        "categories": ["harassment"],
        "facts": "Des messages moqueurs dans un groupe de classe depuis deux semaines (exemple fictif).",
        "evidence_kept": True,
        "author": Author.PUPIL,
        "pupils": [PupilEntry("victim", VICTIM_NAME, "2e année B"), PupilEntry("involved", AUTHOR_NAME, "2e année B")],
    }
    fields.update(overrides)
    return actions.record_case(school, by=by, **fields)


@pytest.fixture
def recorded(school_a, teacher_a):
    return record(school_a, teacher_a)

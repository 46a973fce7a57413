"""Training's personas: a trainer, a resource-team teacher, and the library loaded."""

import pytest
from django.utils import translation

from sanad.accounts.models import User
from sanad.testing import staff_user, team_member
from sanad.training import courses
from sanad.training.loading import load_library
from sanad.training.models import CaseStudy, QuestionSet, TraineeRole


@pytest.fixture(autouse=True)
def _french():
    """Pages and reversed URLs in French, as the staff URL matrix reads them."""
    with translation.override("fr"):
        yield


@pytest.fixture
def library_loaded(db):
    load_library()


@pytest.fixture
def trainer(centre):
    return staff_user("trainer", centre, User.Role.TRAINER, first_name="Salma", last_name="Formatrice")


@pytest.fixture
def teacher(school):
    user = team_member("teacher", school)
    user.last_name = "Enseignant"
    user.save()
    return user


@pytest.fixture
def resource_course(library_loaded, trainer):
    studies = list(CaseStudy.objects.filter(slug__in=["class-group-insults", "hidden-self-harm"]).order_by("slug"))
    return courses.build_course(
        title={"ar": "دورة فريق الموارد", "fr": "Parcours équipe ressource"},
        role=TraineeRole.RESOURCE_TEACHER,
        pass_mark=60,
        studies=studies,
        pre=QuestionSet.objects.get(slug="resource-team-check"),
        post=QuestionSet.objects.get(slug="resource-team-check"),
        by=trainer,
    )


@pytest.fixture
def cohort(resource_course, trainer, teacher):
    return courses.open_cohort(resource_course, name="Pilote RSK et Marrakech-Safi", trainees=[teacher], by=trainer)

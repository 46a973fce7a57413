"""trained_by_region_and_role(): people who passed, once per role, by their organisation's region."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sanad.training import courses
from sanad.training.figures import trained_by_region_and_role
from sanad.training.models import Enrolment

pytestmark = pytest.mark.django_db


def test_passed_trainees_are_counted_once_by_region_and_role(cohort, teacher, trainer, resource_course, school):
    enrolment = cohort.enrolments.get(trainee=teacher)
    enrolment.score = 90
    courses.pass_course(enrolment)
    # The same teacher passing the same course in another cohort still counts once.
    again = courses.open_cohort(resource_course, name="Rattrapage", trainees=[teacher], by=trainer)
    second = Enrolment.objects.get(cohort=again)
    second.score = 95
    courses.pass_course(second)
    assert trained_by_region_and_role() == {(school.region.code, "resource_teacher"): 1}
    assert trained_by_region_and_role(since=timezone.now() + timedelta(days=1)) == {}
    courses.revoke_certificate(enrolment.certificate, by=trainer)
    courses.revoke_certificate(second.certificate, by=trainer)
    assert trained_by_region_and_role() == {}

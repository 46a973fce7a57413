"""Trained professionals per region and kind: the training app's certificates and the resource teams'
training dates, each person counted once per kind (small hand-made data)."""

from datetime import UTC, date, datetime

import pytest

from sanad.accounts.models import Organisation, Region, User
from sanad.stats import catalogue, refresh
from sanad.stats.catalogue import Audience
from sanad.stats.tables import Filters, Scope, trained_table
from sanad.testing import make_school, team_member
from sanad.training.models import Certificate, Cohort, Course, Enrolment, TraineeRole

pytestmark = pytest.mark.django_db

CENTRE = Scope(Audience.CENTRE)
YEAR = Filters(start=date(2026, 1, 1), end=date(2026, 12, 1))
KINDS = ["resource_teacher", "head", "analyst", "liaison"]


def certify(user: User, role: str, on: datetime, *, revoked: bool = False) -> Certificate:
    trainer = User.objects.filter(username="trainer.test").first() or User.objects.create_user(
        "trainer.test", organisation=Organisation.objects.get_or_create(name="Centre (test)", kind="centre")[0],
        role=User.Role.TRAINER,
    )  # fmt: skip
    course = Course.objects.create(title={"fr": f"Cours {role} (test)"}, role=role, created_by=trainer)
    cohort = Cohort.objects.create(course=course, name="Cohorte (test)", trainer=trainer)
    enrolment = Enrolment.objects.create(cohort=cohort, trainee=user, score=90, passed_at=on)
    return Certificate.objects.create(enrolment=enrolment, issued_at=on, revoked_at=on if revoked else None)


def table(filters: Filters = YEAR, scope: Scope = CENTRE) -> dict[str, dict[str, float | None]]:
    refresh.refresh_all()
    found = trained_table(catalogue.BY_CODE["trained"], filters, scope)
    assert [column.key for column in found.columns] == KINDS
    return {line.key: dict(zip(KINDS, line.cells, strict=True)) for line in found.lines}


def test_certificates_count_per_region_and_kind_of_professional(school, centre):
    teacher = team_member("trained.teacher", school)
    head = team_member("trained.head", school, position="head")
    analyst = User.objects.create_user("trained.analyst", organisation=centre, role=User.Role.ANALYST)
    certify(teacher, TraineeRole.RESOURCE_TEACHER, datetime(2026, 3, 2, tzinfo=UTC))
    certify(head, TraineeRole.HEAD, datetime(2026, 3, 9, tzinfo=UTC))
    certify(analyst, TraineeRole.ANALYST, datetime(2026, 4, 1, tzinfo=UTC))
    found = table()
    assert found[school.region.code] == {"resource_teacher": 1, "head": 1, "analyst": 0, "liaison": 0}
    assert found["national"] == {
        "resource_teacher": 0,
        "head": 0,
        "analyst": 1,
        "liaison": 0,
    }  # the centre has no region


def test_a_person_counts_once_per_kind_whatever_the_sources(school):
    teacher = team_member("trained.twice", school)
    certify(teacher, TraineeRole.RESOURCE_TEACHER, datetime(2026, 2, 2, tzinfo=UTC))
    certify(teacher, TraineeRole.RESOURCE_TEACHER, datetime(2026, 5, 2, tzinfo=UTC))  # a second course
    # Passing the course set the team's training date too (schools.actions.record_training): not a second person.
    teacher.team_membership.trained_on = date(2026, 5, 2)
    teacher.team_membership.save()
    assert table()[school.region.code]["resource_teacher"] == 1
    # Counted in the month of the first certificate: not yet at the end of January.
    assert table(Filters(start=date(2026, 1, 1), end=date(2026, 1, 1)))[school.region.code]["resource_teacher"] == 0


def test_a_member_trained_outside_sanad_counts_by_the_team_s_date(school):
    counsellor = team_member("trained.elsewhere", school, position="counsellor")
    head = team_member("trained.head.elsewhere", school, position="head")
    for user in (counsellor, head):
        user.team_membership.trained_on = date(2026, 6, 1)
        user.team_membership.save()
    assert table()[school.region.code] == {"resource_teacher": 1, "head": 1, "analyst": 0, "liaison": 0}


def test_revoked_certificates_and_inactive_accounts_are_not_counted(school, centre):
    revoked = team_member("trained.revoked", school)
    certify(revoked, TraineeRole.RESOURCE_TEACHER, datetime(2026, 3, 2, tzinfo=UTC), revoked=True)
    gone = User.objects.create_user("trained.gone", organisation=centre, role=User.Role.ANALYST, is_active=False)
    certify(gone, TraineeRole.ANALYST, datetime(2026, 3, 2, tzinfo=UTC))
    found = table()
    assert all(count == 0 for cells in found.values() for count in cells.values())


def test_an_academy_sees_its_region_and_small_counts_are_hidden(school):
    other_region = Region.objects.exclude(pk=school.region_id).order_by("position").first()
    other = make_school("TEST-TRAINED-2", "Lycée (test)", region=other_region)
    for n in range(7):
        certify(team_member(f"trained.{n}", school), TraineeRole.RESOURCE_TEACHER, datetime(2026, 3, 2, tzinfo=UTC))
    certify(team_member("trained.other", other), TraineeRole.RESOURCE_TEACHER, datetime(2026, 3, 2, tzinfo=UTC))
    refresh.refresh_all()
    academy = trained_table(catalogue.BY_CODE["trained"], YEAR, Scope(Audience.ACADEMY, region=school.region))
    assert [line.key for line in academy.lines] == [school.region.code]
    assert academy.shown[0][0].text == "5"  # seven, rounded
    national = trained_table(catalogue.BY_CODE["trained"], YEAR, Scope(Audience.NATIONAL))
    shown = {line.key: cells for line, cells in national.body}
    assert shown[other_region.code][0].text == "< 5"
    assert shown[school.region.code][0].hidden  # the complement, so the total does not give the one away

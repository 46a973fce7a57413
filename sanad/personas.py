"""The test personas of the back-office, for every app's tests (a pytest plugin: conftest.py).

outsider: an analyst of another country's centre, who must see nothing of ours;
unrelated_liaison: a police liaison of an organisation nothing was referred to.
An app's own conftest may define a persona of the same name for its own tests; it wins there.
"""

from datetime import datetime
from typing import cast

import pytest
from django.utils import timezone

from sanad.accounts.models import Organisation, User
from sanad.intake import actions as intake_actions
from sanad.intake.identifiers import NormalisedIdentifier, normalise
from sanad.intake.models import Report
from sanad.schools.models import School
from sanad.testing import PASSWORD, make_school, signed_in, staff_user  # noqa: F401 (PASSWORD is imported by tests)


def _user(username: str, organisation: Organisation, role: str) -> User:
    return staff_user(username, organisation, role)


@pytest.fixture
def centre(db):
    return Organisation.objects.create(name="Centre national (test)", kind=Organisation.Kind.CENTRE)


@pytest.fixture
def police(db):
    return Organisation.objects.create(name="DGSN – cybercriminalité (test)", kind=Organisation.Kind.POLICE)


@pytest.fixture
def other_police(db):
    return Organisation.objects.create(name="Autre service de police (test)", kind=Organisation.Kind.POLICE)


@pytest.fixture
def platform_org(db):
    return Organisation.objects.create(name="Plateforme (test)", kind=Organisation.Kind.PLATFORM)


@pytest.fixture
def school(db) -> School:
    return make_school("TEST-CASES", "Collège Al Amal (test)")


@pytest.fixture
def school_org(school):
    return school.organisation


@pytest.fixture
def analyst(centre):
    return _user("analyst", centre, User.Role.ANALYST)


@pytest.fixture
def second_analyst(centre):
    return _user("analyst2", centre, User.Role.ANALYST)


@pytest.fixture
def supervisor(centre):
    return _user("supervisor", centre, User.Role.SUPERVISOR)


@pytest.fixture
def administrator(centre):
    return _user("administrator", centre, User.Role.ADMINISTRATOR)


@pytest.fixture
def liaison(police):
    return _user("liaison", police, User.Role.LIAISON)


@pytest.fixture
def unrelated_liaison(other_police):
    return _user("unrelated_liaison", other_police, User.Role.LIAISON)


@pytest.fixture
def school_team(school_org):
    return _user("school_team", school_org, User.Role.SCHOOL_TEAM)


@pytest.fixture
def ministry_viewer(db):
    ministry = Organisation.objects.create(name="Ministère (test)", kind=Organisation.Kind.MINISTRY)
    return _user("ministry", ministry, User.Role.MINISTRY)


@pytest.fixture
def trainer(centre):
    return _user("trainer", centre, User.Role.TRAINER)


@pytest.fixture
def outsider(db):
    elsewhere = Organisation.objects.create(name="Another centre (test)", kind=Organisation.Kind.SUPPORT)
    return _user("outsider", elsewhere, User.Role.ANALYST)


@pytest.fixture
def sign_in():
    return signed_in


def make_report(
    *,
    description: str = "Des messages insultants tous les jours (exemple fictif).",
    categories: tuple[str, ...] = ("harassment",),
    platforms: tuple[str, ...] = ("instagram",),
    identifiers: tuple[str, ...] = ("@demo.aggressor",),
    danger_now: bool = False,
    sextortion_deadline: bool = False,
    submitted_at: datetime | None = None,
    contact: str = "",
) -> tuple[Report, str]:
    report = Report(
        language="fr",
        submitted_at=submitted_at or timezone.now(),
        danger_now=danger_now,
        self_harm=False,
        sextortion_deadline=sextortion_deadline,
        reporter_role="victim",
        started="week",
        ongoing="yes",
        victim_age_band="13_15",
        victim_gender="girl",
        told_nobody=True,
        consent_contact=bool(contact),
    )
    receipt = intake_actions.receive_report(
        report,
        description=description,
        school="",
        contact=contact,
        categories=list(categories),
        platforms=list(platforms),
        # Tests give typed identifiers, never empty ones: each normalises to one.
        identifiers=[
            cast(NormalisedIdentifier, normalise(raw, platform=platforms[0] if platforms else ""))
            for raw in identifiers
        ],
        evidence=[],
    )
    return report, receipt


@pytest.fixture
def report_factory(db):
    return make_report

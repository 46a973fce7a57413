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


# The organisations the personas belong to: (name, kind).
ORGANISATIONS = {
    "centre": ("Centre national (test)", Organisation.Kind.CENTRE),
    "police": ("DGSN – cybercriminalité (test)", Organisation.Kind.POLICE),
    "other_police": ("Autre service de police (test)", Organisation.Kind.POLICE),
    "platform_org": ("Plateforme (test)", Organisation.Kind.PLATFORM),
    "ministry": ("Ministère (test)", Organisation.Kind.MINISTRY),
    "elsewhere": ("Another centre (test)", Organisation.Kind.SUPPORT),
}
# Each persona: (username, organisation, role); "school" is the test school's own organisation.
PERSONAS = {
    "analyst": ("analyst", "centre", User.Role.ANALYST),
    "second_analyst": ("analyst2", "centre", User.Role.ANALYST),
    "supervisor": ("supervisor", "centre", User.Role.SUPERVISOR),
    "administrator": ("administrator", "centre", User.Role.ADMINISTRATOR),
    "liaison": ("liaison", "police", User.Role.LIAISON),
    "unrelated_liaison": ("unrelated_liaison", "other_police", User.Role.LIAISON),
    "school_team": ("school_team", "school", User.Role.SCHOOL_TEAM),
    "ministry_viewer": ("ministry", "ministry", User.Role.MINISTRY),
    "trainer": ("trainer", "centre", User.Role.TRAINER),
    "outsider": ("outsider", "elsewhere", User.Role.ANALYST),
}


def _school() -> School:
    return make_school("TEST-CASES", "Collège Al Amal (test)")


def _organisation(key: str) -> Organisation:
    name, kind = ORGANISATIONS[key]
    return Organisation.objects.create(name=name, kind=kind)


def _persona(key: str, organisation: Organisation) -> User:
    username, _organisation_key, role = PERSONAS[key]
    return _user(username, organisation, role)


def make_world_of_personas() -> tuple[dict[str, Organisation], School, dict[str, User]]:
    """Every organisation, the test school and every persona at once, for a module that makes
    them a single time (the fixtures below make each on demand)."""
    organisations = {key: _organisation(key) for key in ORGANISATIONS}
    school = _school()
    organisations["school"] = school.organisation
    people = {key: _persona(key, organisations[organisation]) for key, (_u, organisation, _r) in PERSONAS.items()}
    return organisations, school, people


@pytest.fixture
def centre(db):
    return _organisation("centre")


@pytest.fixture
def police(db):
    return _organisation("police")


@pytest.fixture
def other_police(db):
    return _organisation("other_police")


@pytest.fixture
def platform_org(db):
    return _organisation("platform_org")


@pytest.fixture
def school(db) -> School:
    return _school()


@pytest.fixture
def school_org(school):
    return school.organisation


@pytest.fixture
def analyst(centre):
    return _persona("analyst", centre)


@pytest.fixture
def second_analyst(centre):
    return _persona("second_analyst", centre)


@pytest.fixture
def supervisor(centre):
    return _persona("supervisor", centre)


@pytest.fixture
def administrator(centre):
    return _persona("administrator", centre)


@pytest.fixture
def liaison(police):
    return _persona("liaison", police)


@pytest.fixture
def unrelated_liaison(other_police):
    return _persona("unrelated_liaison", other_police)


@pytest.fixture
def school_team(school_org):
    return _persona("school_team", school_org)


@pytest.fixture
def ministry_viewer(db):
    return _persona("ministry_viewer", _organisation("ministry"))


@pytest.fixture
def trainer(centre):
    return _persona("trainer", centre)


@pytest.fixture
def outsider(db):
    return _persona("outsider", _organisation("elsewhere"))


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

"""Personas of the centre's administration, and a few helpers.

administrator and second_administrator run the centre; supervisor sets legal holds but runs
nothing else here; analyst, liaison and outsider must find nothing of it.
"""

from collections.abc import Callable
from datetime import datetime

import pytest
from django.test import Client
from django.utils import timezone

from sanad.accounts.models import Organisation, User
from sanad.cases import actions as case_actions
from sanad.cases.models import Case
from sanad.intake import actions as intake_actions
from sanad.intake.identifiers import normalise
from sanad.intake.models import Report
from sanad.testing import signed_in, staff_user


@pytest.fixture
def centre(db) -> Organisation:
    return Organisation.objects.create(name="Centre national (test)", kind=Organisation.Kind.CENTRE)


@pytest.fixture
def police(db) -> Organisation:
    return Organisation.objects.create(name="DGSN – cybercriminalité (test)", kind=Organisation.Kind.POLICE)


@pytest.fixture
def administrator(centre) -> User:
    return staff_user("admin.one", centre, User.Role.ADMINISTRATOR, email="admin.one@centre.invalid")


@pytest.fixture
def second_administrator(centre) -> User:
    return staff_user("admin.two", centre, User.Role.ADMINISTRATOR, email="admin.two@centre.invalid")


@pytest.fixture
def supervisor(centre) -> User:
    return staff_user("supervisor", centre, User.Role.SUPERVISOR, email="supervisor@centre.invalid")


@pytest.fixture
def analyst(centre) -> User:
    return staff_user("analyst", centre, User.Role.ANALYST, email="analyst@centre.invalid")


@pytest.fixture
def liaison(police) -> User:
    return staff_user("liaison", police, User.Role.LIAISON, email="liaison@police.invalid")


@pytest.fixture
def outsider(db) -> User:
    """An administrator of another organisation: administrator by role, not of the centre."""
    elsewhere = Organisation.objects.create(name="Service d'écoute (test)", kind=Organisation.Kind.SUPPORT)
    return staff_user("outsider", elsewhere, User.Role.ADMINISTRATOR)


@pytest.fixture
def sign_in() -> Callable[[User], Client]:
    return signed_in


def make_report(
    *, submitted_at: datetime | None = None, description: str = "Des insultes (exemple fictif)."
) -> tuple[Report, str]:
    report = Report(
        language="fr",
        submitted_at=submitted_at or timezone.now(),
        danger_now=False,
        self_harm=False,
        sextortion_deadline=False,
        reporter_role="victim",
        started="week",
        ongoing="yes",
        victim_age_band="13_15",
        victim_gender="girl",
        told_friend=True,
        consent_contact=False,
    )
    receipt = intake_actions.receive_report(
        report,
        description=description,
        school="",
        contact="",
        categories=["harassment"],
        platforms=["instagram"],
        identifiers=[normalise("@demo.aggressor", platform="instagram")],
        evidence=[],
    )
    return report, receipt


def closed_case(report: Report, by: User, *, outcome: str = "resolved") -> Case:
    case = case_actions.open_case(report, by=by)
    case_actions.close_case(case, outcome=outcome, by=by)
    case.refresh_from_db()
    return case


@pytest.fixture(autouse=True)
def evidence_dir(settings, tmp_path):
    """An evidence store of this test's own, on disk."""
    location = tmp_path / "evidence"
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(location)}},
    }
    return location

"""Helpers the test suites of every app share: staff accounts with a second factor, signed in."""

from datetime import timedelta
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from sanad.accounts.models import Organisation, Region, User
from sanad.reference import current
from sanad.reference.models import Deadline
from sanad.schools.models import Level, School, TeamMember

PASSWORD = "correct horse battery staple"  # noqa: S105 (test accounts only)


def staff_user(username: str, organisation: Organisation, role: str, **fields: Any) -> User:
    """A staff account with a confirmed authenticator, as after enrolment."""
    user = User.objects.create_user(
        username=username, password=PASSWORD, organisation=organisation, role=role, **fields
    )
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user


def team_member(username: str, school: School, position: str = TeamMember.Position.TEACHER) -> User:
    """A member of a school's resource team, with an account of that school's organisation."""
    user = staff_user(
        username, school.organisation, User.Role.SCHOOL_TEAM, email=f"{username}@school.invalid", first_name=username
    )
    TeamMember.objects.create(school=school, user=user, position=position)
    return user


def signed_in(user: User) -> Client:
    """A client signed in with both factors, as after a real sign-in."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


def make_school(code: str, name: str, region: Region | None = None, *, level: str = Level.MIDDLE) -> School:
    """A registered school (of the first region unless told) with its regional academy; the
    academy and region are made again if a flushed database lost the migrations' rows."""
    region = (
        region
        or Region.objects.order_by("position").first()
        or Region.objects.create(
            code="test-region", name_ar="جهة (اختبار)", name_fr="Région (test)", name_en="Region (test)"
        )
    )
    academy, _ = Organisation.objects.get_or_create(
        kind=Organisation.Kind.ACADEMY, region=region, defaults={"name": f"AREF {region.name_fr}"}
    )
    organisation = Organisation.objects.create(
        name=name, kind=Organisation.Kind.SCHOOL, region=region, contact_email=f"{code.lower()}@school.invalid"
    )
    return School.objects.create(
        organisation=organisation, code=code, region=region, province="Province (test)", academy=academy, level=level
    )


def set_deadline(kind: str, key: str, duration: timedelta) -> None:
    """Change a deadline in the reference data, as an administrator does, and read it again at once."""
    Deadline.objects.update_or_create(kind=kind, key=key, defaults={"duration": duration})
    current.forget()

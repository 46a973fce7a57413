"""`manage.py demo_schools`: the demo's two pilot regions, their teams, academies and cases, twice over."""

import base64
import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sanad.accounts.models import Organisation, User
from sanad.audit.log import verify
from sanad.audit.models import AuditEvent
from sanad.schools.figures import region_figures
from sanad.schools.management.commands.demo_schools import DEMO_PASSWORD, SCHOOLS
from sanad.schools.models import TRAINED_TEAM_MINIMUM, ProtocolRun, Pupil, RunStatus, School, StepRecord, TeamMember

pytestmark = pytest.mark.django_db

PILOT_REGIONS = {"rabat-sale-kenitra", "marrakech-safi"}


@pytest.fixture(autouse=True)
def _demo_settings(settings, tmp_path):
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path


def demo_schools() -> str:
    out = io.StringIO()
    call_command("demo_schools", stdout=out)
    return out.getvalue()


def printed_key(text: str, username: str) -> str:
    block = re.search(rf"  {re.escape(username)} .*\n\s+TOTP key\s+(\S+)\n\s+recovery\s+(.+)\n", text)
    assert block is not None, username
    return block.group(1)


def sign_in(username: str, key: str) -> Client:
    client = Client()
    client.post("/fr/staff/sign-in/", {"username": username, "password": DEMO_PASSWORD})
    response = client.post("/fr/staff/two-factor/", {"token": f"{totp(base64.b32decode(key)):06d}"})
    assert response.status_code == 302, username
    return client


def test_two_pilot_regions_with_three_schools_each_and_their_teams():
    demo_schools()
    schools = School.objects.select_related("region")
    assert {school.region.code for school in schools} == PILOT_REGIONS
    for region in PILOT_REGIONS:
        levels = sorted(school.level for school in schools if school.region.code == region)
        assert levels == ["middle", "middle", "secondary"], region  # the pilot ran in collèges and lycées
    untrained = []
    for school in schools:
        members = TeamMember.objects.filter(school=school)
        trained = members.filter(trained_on__isnull=False).count()
        assert {m.user.organisation_id for m in members} == {school.organisation_id}
        assert all(m.user.role == User.Role.SCHOOL_TEAM for m in members)
        if trained < TRAINED_TEAM_MINIMUM:
            untrained.append(school.name)
        else:
            assert 3 <= members.count() <= 5, school.name
            assert set(members.values_list("position", flat=True)) >= {"head", "counsellor", "teacher"}
    assert untrained == ["Lycée Al Manar (démo)"]
    marrakech = School.objects.get(code="DEMO-MS-L1")
    assert [row.name for row in region_figures(marrakech.region).untrained] == ["Lycée Al Manar (démo)"]


def test_one_academy_account_per_pilot_region_is_printed(tmp_path):
    text = demo_schools()
    assert f"Password of every account: {DEMO_PASSWORD}" in text
    assert text in (tmp_path / "demo_accounts.txt").read_text()
    academies = User.objects.filter(organisation__kind=Organisation.Kind.ACADEMY)
    assert {(user.role, user.organisation.region.code) for user in academies} == {
        ("ministry", "rabat-sale-kenitra"),
        ("ministry", "marrakech-safi"),
    }
    for username in ("enseignant.amal", "directeur.amal", *academies.values_list("username", flat=True)):
        key = printed_key(text, username)
        assert base64.b32decode(key) == TOTPDevice.objects.get(user__username=username).bin_key
    assert TeamMember.objects.get(user__username="directeur.amal").position == "head"
    assert TeamMember.objects.get(user__username="enseignant.amal").school.code == "DEMO-RS-C1"


def test_cases_stand_at_several_stages_of_the_protocol():
    demo_schools()
    runs = ProtocolRun.objects.all()
    assert runs.count() == 6
    assert runs.filter(level__isnull=True, status=RunStatus.OPEN).count() == 3  # recorded, interviewed, overdue
    interviewed = runs.get(school__code="DEMO-RS-C2")
    assert interviewed.steps.get(code="listen").state == "done"
    informed = runs.get(school__code="DEMO-RS-L1")
    assert (informed.level, informed.parent_contacts.count(), informed.steps.get(code="parents").state) == (
        2,
        2,
        "done",
    )
    escalated = runs.get(level=3)
    assert escalated.is_escalated and escalated.takedown == "requested"
    closed = runs.get(status=RunStatus.CLOSED)
    assert closed.outcome and closed.review
    overdue = runs.get(school__code="DEMO-MS-C2")
    assert {step.code for step in StepRecord.objects.overdue() if step.run_id == overdue.pk} >= {"assess", "parents"}
    assert (overdue.steps.get(code="listen").done_at - overdue.opened_at).days == 1
    assert not StepRecord.objects.overdue().exclude(run=overdue).exists()
    assert verify() is None
    # Synthetic pupils, sealed, and no name in the audit log.
    names = [pupil.name for pupil in Pupil.objects.all()]
    assert all(re.search(r"Exemple|Fictif|Inventée?|Imaginaire|Irréel", name) for name in names), names
    details = str(list(AuditEvent.objects.values_list("detail", flat=True)))
    assert not any(name in details for name in names)


def test_running_it_twice_adds_nothing(tmp_path):
    first = demo_schools()
    counts = [model.objects.count() for model in (Organisation, User, School, TeamMember, ProtocolRun, AuditEvent)]
    second = demo_schools()
    assert second == first
    assert [model.objects.count() for model in (Organisation, User, School, TeamMember, ProtocolRun, AuditEvent)] == (
        counts
    )
    assert (tmp_path / "demo_accounts.txt").read_text().count("Pilot schools") == 1


def test_after_demo_staff_its_school_account_joins_collège_al_amal(tmp_path):
    call_command("demo_staff", stdout=io.StringIO())
    demo_schools()
    demo_schools()
    amal = School.objects.get(code="DEMO-RS-C1")
    assert Organisation.objects.filter(name="Collège Al Amal (démo)").count() == 1
    assert TeamMember.objects.get(user__username="demo.school").school == amal
    accounts = (tmp_path / "demo_accounts.txt").read_text()
    assert accounts.startswith("Demo staff accounts")
    assert accounts.count("Pilot schools") == 1
    call_command("demo_staff", stdout=io.StringIO())
    assert TeamMember.objects.get(user__username="demo.school").school == amal


def test_a_team_member_and_an_academy_sign_in_with_the_printed_keys():
    text = demo_schools()
    amal_runs = set(ProtocolRun.objects.filter(school__code="DEMO-RS-C1").values_list("reference", flat=True))
    other_runs = set(ProtocolRun.objects.exclude(school__code="DEMO-RS-C1").values_list("reference", flat=True))

    teacher = sign_in("enseignant.amal", printed_key(text, "enseignant.amal"))
    page = teacher.get("/fr/staff/school/").content.decode()
    assert all(reference in page for reference in amal_runs)
    assert not any(reference in page for reference in other_runs)

    academy = sign_in("aref.marrakech", printed_key(text, "aref.marrakech"))
    figures = academy.get("/fr/staff/schools/figures/")
    assert figures.status_code == 200
    html = figures.content.decode()
    assert "Lycée Al Manar (démo)" in html
    assert "Collège Al Amal (démo)" not in html


def test_it_refuses_to_run_outside_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        demo_schools()
    assert not School.objects.exists()


def test_every_demo_school_name_says_it_is_a_demo():
    assert all(school.name.endswith("(démo)") for school in SCHOOLS)

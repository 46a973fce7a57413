"""`manage.py demo_staff`: demo organisations and accounts a tester can sign in with, twice over."""

import base64
import io
import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sanad.accounts.models import Organisation, User
from sanad.audit.log import verify
from sanad.cases.management.commands.demo_staff import DEMO_PASSWORD
from sanad.cases.models import Case, CaseStatus, Referral

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo_settings(settings, tmp_path):
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path


def demo_staff() -> str:
    out = io.StringIO()
    call_command("demo_staff", stdout=out)
    return out.getvalue()


def printed(text: str, username: str) -> tuple[str, list[str]]:
    block = re.search(rf"  {re.escape(username)} .*\n\s+TOTP key\s+(\S+)\n\s+recovery\s+(.+)\n", text)
    assert block is not None, username
    return block.group(1), block.group(2).split()


def sign_in(client: Client, username: str, code: str, *, next: str = "/fr/staff/supervision/"):
    client.post("/fr/staff/sign-in/", {"username": username, "password": DEMO_PASSWORD, "next": next})
    return client.post("/fr/staff/two-factor/", {"token": code, "next": next})


def test_it_creates_the_organisations_and_one_account_per_role(tmp_path):
    call_command("demo_data", stdout=io.StringIO())
    text = demo_staff()
    assert (tmp_path / "demo_accounts.txt").read_text() == text
    assert f"Password of every account: {DEMO_PASSWORD}" in text

    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds >= {"centre", "police", "gendarmerie", "prosecutor", "platform", "school", "support", "ministry"}
    assert Organisation.objects.filter(name="Demo platform", kind="platform").exists()
    roles = sorted(User.objects.values_list("role", flat=True))
    assert roles == sorted(
        ["administrator", "supervisor", "analyst", "analyst", "school_team", "liaison", "liaison", "ministry"]
    )
    for user in User.objects.all():
        validate_password(DEMO_PASSWORD, user)
        device = TOTPDevice.objects.get(user=user)
        assert device.confirmed
        key, codes = printed(text, user.username)
        assert base64.b32decode(key) == device.bin_key
        assert sorted(codes) == sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
        assert len(codes) == 5


def test_it_triages_demo_reports_through_the_actions():
    call_command("demo_data", stdout=io.StringIO())
    demo_staff()
    analyst = User.objects.get(username="demo.analyst")
    p0 = Case.objects.get(urgency="P0")
    assert (p0.assignee, p0.status) == (analyst, CaseStatus.IN_PROGRESS)
    referral = Referral.objects.get()
    assert (referral.organisation.name, referral.target) == ("Demo platform", "platform")
    assert Case.objects.filter(status=CaseStatus.CLOSED).count() == 1
    assert verify() is None


def test_running_it_twice_changes_nothing_and_restores_the_codes(tmp_path):
    call_command("demo_data", stdout=io.StringIO())
    organisations = Organisation.objects.count()  # the regional academies come with the database
    first = demo_staff()
    _key, codes = printed(first, "demo.analyst")
    assert sign_in(Client(), "demo.analyst", codes[0])["Location"] == "/fr/staff/supervision/"
    assert StaticToken.objects.filter(device__user__username="demo.analyst").count() == 4

    second = demo_staff()
    assert second == first
    assert User.objects.count() == 8
    assert Organisation.objects.count() == organisations + 8
    assert Case.objects.count() == 3
    assert TOTPDevice.objects.count() == 8
    assert StaticToken.objects.filter(device__user__username="demo.analyst").count() == 5


def test_a_tester_signs_in_with_the_printed_key_and_sees_the_back_office():
    call_command("demo_data", stdout=io.StringIO())
    text = demo_staff()
    key, _codes = printed(text, "demo.supervisor")
    client = Client()
    response = sign_in(client, "demo.supervisor", f"{totp(base64.b32decode(key)):06d}")
    assert response["Location"] == "/fr/staff/supervision/"
    html = client.get("/fr/staff/supervision/").content.decode()
    assert 'data-username="demo.analyst"' in html
    assert 'data-username="demo.analyst2"' in html


def test_it_works_without_demo_reports():
    demo_staff()
    assert User.objects.count() == 8
    assert Case.objects.count() == 0


def test_it_refuses_to_run_outside_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        demo_staff()
    assert not User.objects.exists()

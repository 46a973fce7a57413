"""The first administrator comes from a command that enrols their authenticator: only a code
from the key it printed finishes it, and a second run refuses (others are invited)."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sanad.accounts.models import Organisation, User
from sanad.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "a long passphrase for the first admin"


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "password"
    path.write_text(PASSWORD + "\n")
    return str(path)


def current_code() -> str:
    """What the phone shows: the code of the key the command just printed."""
    device = TOTPDevice.objects.get(user__username="first.admin")
    return f"{totp(device.bin_key):06d}"


@pytest.fixture
def run(password_file, monkeypatch):
    """Run the command; each prompt for a code is answered by the next callable (the phone)."""

    def run_(answers: list) -> str:  # type: ignore[type-arg]
        replies = iter(answers)
        monkeypatch.setattr("builtins.input", lambda prompt="": next(replies)())
        out = io.StringIO()
        call_command(
            "create_admin",
            "first.admin",
            email="first.admin@centre.invalid",
            password_file=password_file,
            stdout=out,
            stderr=io.StringIO(),
        )
        return out.getvalue()

    return run_


def test_the_command_creates_the_centre_and_its_administrator_with_a_confirmed_authenticator(run):
    printed = run([current_code])

    user = User.objects.get(username="first.admin")
    assert user.administers_centre and user.check_password(PASSWORD)
    assert user.organisation.kind == Organisation.Kind.CENTRE
    assert TOTPDevice.objects.get(user=user).confirmed
    key = re.search(r"Key: ([A-Z2-7 ]+)", printed).group(1).replace(" ", "")
    assert key  # the key is shown as text for those who cannot scan
    codes = re.search(r"Recovery codes.*\n  (.+)", printed).group(1).split()
    assert len(codes) == 10
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == set(codes)
    assert AuditEvent.objects.filter(action="account.created_by_command", object_id=str(user.pk)).exists()

    # The administrator signs in with the password and a code of that same key.
    client = Client()
    assert client.post("/en/staff/sign-in/", {"username": "first.admin", "password": PASSWORD}).status_code == 302
    response = client.post("/en/staff/two-factor/", {"token": codes[0], "next": "/en/staff/admin/"})
    assert response.status_code == 302
    assert client.get("/en/staff/admin/").status_code == 200


def test_wrong_codes_create_nothing(run):
    with pytest.raises(CommandError, match="No valid code"):
        run([lambda: "000000", lambda: "123456", lambda: "999999"])
    assert not User.objects.exists()
    assert not TOTPDevice.objects.exists()


def test_a_second_administrator_is_invited_not_created(run, password_file):
    run([current_code])
    with pytest.raises(CommandError, match="already has an administrator"):
        call_command("create_admin", "other.admin", email="o@centre.invalid", password_file=password_file)


def test_a_weak_password_is_refused(tmp_path):
    weak = tmp_path / "weak"
    weak.write_text("password\n")
    with pytest.raises(CommandError):
        call_command("create_admin", "first.admin", email="f@centre.invalid", password_file=str(weak))
    assert not User.objects.exists()

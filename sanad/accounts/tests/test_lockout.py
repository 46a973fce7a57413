"""Wrong passwords slow the guesser down without giving anyone a switch to lock staff out."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client

from sanad.accounts.models import SignInThrottle, User
from sanad.accounts.tests.conftest import SETUP, password_step
from sanad.audit.models import AuditEvent
from sanad.testing import signed_in, staff_user

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
GUESSER = "203.0.113.9"
OWNER = "198.51.100.20"


def guess(user: User, n: int, *, address: str = GUESSER):
    return password_step(Client(REMOTE_ADDR=address), user, password=f"wrong guess {n}")


def test_the_first_failures_cost_nothing(member):
    free = settings.SANAD_SIGNIN_FREE_FAILURES
    with time_machine.travel(START, tick=False):
        assert [guess(member, n).status_code for n in range(free - 1)] == [400] * (free - 1)
        response = password_step(Client(REMOTE_ADDR=GUESSER), member)
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)


def test_after_the_free_failures_the_next_try_waits_even_with_the_right_password(member):
    free = settings.SANAD_SIGNIN_FREE_FAILURES
    with time_machine.travel(START, tick=False) as clock:
        for n in range(free):
            assert guess(member, n).status_code == 400
        refused = password_step(Client(REMOTE_ADDR=OWNER), member)
        assert refused.status_code == 429
        assert re.search(r"Wait \d+ second", refused.content.decode()) or "Attendez" in refused.content.decode()
        assert "_auth_user_id" not in Client().session
        clock.shift(timedelta(seconds=2))
        response = password_step(Client(REMOTE_ADDR=OWNER), member)
    assert response.status_code == 302


def test_the_owner_never_waits_longer_than_the_name_cap_however_long_the_attack(member, settings):
    settings.SANAD_SIGNIN_LOCK_AFTER = 1000
    cap = settings.SANAD_SIGNIN_NAME_DELAY_CAP
    with time_machine.travel(START, tick=False) as clock:
        for n in range(40):
            # A guesser with many addresses, trying as soon as the name's delay allows.
            clock.shift(timedelta(seconds=cap))
            assert guess(member, n, address=f"192.0.2.{n}").status_code == 400
        clock.shift(timedelta(seconds=cap))
        response = password_step(Client(REMOTE_ADDR=OWNER), member)
    assert response.status_code == 302


def test_the_guessers_address_waits_far_longer_than_the_owner(member, colleague, settings):
    settings.SANAD_SIGNIN_LOCK_AFTER = 1000
    with time_machine.travel(START, tick=False) as clock:
        for n in range(20):
            clock.shift(timedelta(seconds=settings.SANAD_SIGNIN_NAME_DELAY_CAP))
            guess(member, n)
        # Past the name's cap, the address still waits: trying another account from it is refused too.
        clock.shift(timedelta(seconds=settings.SANAD_SIGNIN_NAME_DELAY_CAP))
        assert password_step(Client(REMOTE_ADDR=GUESSER), colleague).status_code == 429
        assert password_step(Client(REMOTE_ADDR=OWNER), member).status_code == 302


def test_an_ipv6_guesser_cannot_escape_by_changing_the_low_bits(member, colleague):
    free = settings.SANAD_SIGNIN_FREE_FAILURES
    with time_machine.travel(START, tick=False) as clock:
        for n in range(free + 3):
            clock.shift(timedelta(seconds=settings.SANAD_SIGNIN_NAME_DELAY_CAP))
            guess(member, n, address=f"2001:db8:1:2::{n + 1:x}")
        response = password_step(Client(REMOTE_ADDR="2001:db8:1:2:ffff::1"), colleague)
    assert response.status_code == 429


def test_many_failures_lock_the_name_and_the_owner_gets_a_link_that_unlocks_it(
    member, settings, django_capture_on_commit_callbacks
):
    member.email = "h.supervisor@centre.invalid"
    member.save()
    settings.SANAD_SIGNIN_NOTIFY_AFTER = 6
    settings.SANAD_SIGNIN_LOCK_AFTER = 8
    with time_machine.travel(START, tick=False) as clock:
        for n in range(8):
            clock.shift(timedelta(seconds=settings.SANAD_SIGNIN_ADDRESS_DELAY_CAP))
            with django_capture_on_commit_callbacks(execute=True):
                guess(member, n)
        clock.shift(timedelta(hours=2))
        locked = password_step(Client(REMOTE_ADDR=OWNER), member)
        assert locked.status_code == 429
        assert "locked" in locked.content.decode() or "verrouillé" in locked.content.decode()

        assert [message.to for message in mail.outbox] == [[member.email], [member.email]]
        warning, lock = mail.outbox
        assert "6" in warning.body and "/staff/unlock/" not in warning.body
        link = re.search(r"https?://\S+/staff/unlock/\S+/", lock.body).group(0)
        path = link.split("://", 1)[1].split("/", 1)[1]
        client = Client(REMOTE_ADDR=OWNER)
        assert client.get(f"/{path}").status_code == 200
        assert SignInThrottle.objects.filter(locked_at__isnull=False).exists()  # a GET changes nothing
        assert client.post(f"/{path}").status_code == 302
        assert password_step(Client(REMOTE_ADDR=OWNER), member).status_code == 302
    assert AuditEvent.objects.filter(action="account.unlocked", detail__via="owner_link").count() == 1
    assert AuditEvent.objects.filter(action="account.sign_in_failed", object_id=str(member.pk)).count() == 8


def test_a_forged_unlock_link_does_nothing(member):
    assert Client().get("/fr/staff/unlock/bm90LWEtdG9rZW4:abc:def/").status_code == 400


def test_an_administrator_unlocks_an_account(member, centre, settings):
    settings.SANAD_SIGNIN_LOCK_AFTER = 3
    administrator = staff_user("admin", centre, User.Role.ADMINISTRATOR)
    with time_machine.travel(START, tick=False) as clock:
        for n in range(3):
            clock.shift(timedelta(hours=1))
            guess(member, n)
        admin = signed_in(administrator)
        page = admin.get("/fr/staff/accounts/locked/")
        assert page.status_code == 200
        assert member.username in page.content.decode()
        assert admin.post("/fr/staff/accounts/locked/", {"user": member.pk}).status_code == 302
        assert password_step(Client(REMOTE_ADDR=OWNER), member).status_code == 302
    assert AuditEvent.objects.filter(action="account.unlocked", actor=administrator).exists()


def test_only_administrators_see_locked_accounts(member, colleague):
    response = signed_in(colleague).get("/fr/staff/accounts/locked/")
    assert response.status_code == 404
    assert signed_in(colleague).post("/fr/staff/accounts/locked/", {"user": member.pk}).status_code == 404


def test_neither_the_name_typed_nor_the_address_is_stored(member, find_in_database):
    with time_machine.travel(START, tick=False):
        for n in range(settings.SANAD_SIGNIN_FREE_FAILURES + 2):
            guess(member, n)
        password_step(Client(REMOTE_ADDR=GUESSER), member)
        Client(REMOTE_ADDR=GUESSER).post(
            "/fr/staff/sign-in/", {"username": "someone.who.does.not.exist", "password": "x"}
        )
    assert SignInThrottle.objects.exists()
    assert find_in_database(GUESSER.encode()) == []
    assert find_in_database(b"someone.who.does.not.exist") == []

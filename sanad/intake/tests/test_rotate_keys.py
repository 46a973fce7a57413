import base64
import io
import os

import pytest
from django.core.management import call_command

from sanad.evidence import crypto, storage
from sanad.evidence.actions import capture_file
from sanad.intake import actions
from sanad.intake.models import Message, Report

pytestmark = pytest.mark.django_db

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def _key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")


def test_rotation_rewraps_fields_and_files_under_the_new_key_and_everything_still_opens(settings, db):
    old = f"old:{_key()}"
    settings.SANAD_KEK = old
    evidence = capture_file(PNG, name="capture-écran.png", actor="reporter")

    report = Report.objects.create(
        receipt_digest="x" * 64,
        language="fr",
        urgency="P3",
        first_action_due="2026-01-01T00:00:00Z",
        danger_now=False,
        self_harm=False,
        sextortion_deadline=False,
        reporter_role="victim",
        description_sealed=b"",
        started="week",
        ongoing="yes",
        victim_age_band="13_15",
        victim_gender="unsaid",
    )
    message = actions.send_centre_message(report, "Bonjour, nous lisons votre signalement.")

    settings.SANAD_KEK = f"new:{_key()},{old}"
    call_command("rotate_keys", stdout=io.StringIO())

    evidence.refresh_from_db()
    assert crypto.sealed_with(bytes(evidence.original_name_sealed)) == "new"
    assert crypto.sealed_with(storage.read_raw(evidence.storage_name)) == "new"
    assert Message.objects.get(pk=message.pk).body == "Bonjour, nous lisons votre signalement."

    settings.SANAD_KEK = f"new:{settings.SANAD_KEK.split(',')[0].split(':')[1]}"  # the old key is gone
    assert evidence.original_name == "capture-écran.png"
    assert storage.read_sealed(evidence.storage_name, context=evidence.context) == PNG
    assert Message.objects.get(pk=message.pk).body == "Bonjour, nous lisons votre signalement."

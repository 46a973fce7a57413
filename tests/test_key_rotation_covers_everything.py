"""`rotate_keys` reaches every sealed value and every sealed file the project writes.

The test makes one of every kind of sealed thing (report, identifiers, messages, draft, note,
referral with its frozen snapshot and evidence pack, school case with pupils, parents and step
notes), rotates to a new key, retires the old one, and then checks the database and the
evidence storage byte by byte: a sealed column or file kind that rotation forgets fails here,
whichever app adds it.
"""

import base64
import io
import os
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

from sanad.cases import actions as case_actions
from sanad.cases.pack import read_pack
from sanad.cases.tests.casework import attach, noisy_png
from sanad.cases.tests.conftest import make_report
from sanad.evidence import crypto, storage
from sanad.evidence.integrity import read_file
from sanad.evidence.models import FileKey
from sanad.evidence.tests import samples
from sanad.intake import actions as intake_actions
from sanad.intake import wizard
from sanad.intake.models import Report, ReportDraft
from sanad.schools import actions as school_actions
from sanad.schools.actions import Attachment, PupilEntry
from sanad.schools.models import Author, ToldBy
from sanad.testing import make_school, staff_user, team_member

pytestmark = pytest.mark.django_db


def new_key(name: str) -> str:
    return f"{name}:{base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip('=')}"


def sealed_columns() -> list[tuple[type[models.Model], str]]:
    return [
        (model, field.name)
        for model in apps.get_models()
        if model.__module__.startswith("sanad.")
        for field in model._meta.concrete_fields
        if isinstance(field, models.BinaryField)
    ]


def test_every_binary_column_is_declared_sealed():
    undeclared = [
        f"{model._meta.label}.{name}"
        for model, name in sealed_columns()
        if name not in (*getattr(model, "SEALED_FIELDS", ()), *getattr(model, "WRAPPED_KEYS", ()))
    ]
    assert undeclared == []


@pytest.fixture
def own_storage(settings, tmp_path):
    settings.STORAGES = settings.STORAGES | {
        "evidence": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}
    }
    return tmp_path


def make_one_of_everything(django_capture_on_commit_callbacks) -> dict:
    from sanad.accounts.models import Organisation, User

    centre = Organisation.objects.create(name="Centre (test)", kind=Organisation.Kind.CENTRE)
    police = Organisation.objects.create(name="Police (test)", kind=Organisation.Kind.POLICE)
    analyst = staff_user("analyst", centre, User.Role.ANALYST)
    report, _receipt = make_report(contact="+212600000001")
    report.school = "Collège (fictif)"
    report.save()
    attach(report, noisy_png(seed=3), name="capture.png")
    intake_actions.add_reporter_message(report, "Merci (fictif).")
    draft = ReportDraft.objects.create()
    wizard.seal_answers(draft, {"what": {"description": "brouillon (fictif)"}})
    draft.receipt = "K7QF-9XRM-2HTP-4WNB"
    draft.save()
    case = case_actions.open_case(report, by=analyst)
    case_actions.add_note(case, body="Note interne (fictif).", by=analyst)
    case_actions.message_reporter(case, report, body="Ne payez rien (fictif).", by=analyst)
    with django_capture_on_commit_callbacks(execute=True):
        referral = case_actions.refer_case(
            case,
            target="police",
            organisation=police,
            brief="Pour enquête (fictif).",
            legal_ground="Art. 1",
            by=analyst,
        )
    case_actions.update_referral(
        referral, status="investigating", answer="Reçu (fictif).", by=staff_user("liaison", police, User.Role.LIAISON)
    )
    school = make_school("TEST-ROT", "Collège (test)")
    teacher = team_member("teacher", school)
    run = school_actions.record_case(
        school,
        by=teacher,
        told_by=ToldBy.VICTIM,
        categories=["harassment"],
        facts="Faits (fictif).",
        evidence_kept=True,
        author=Author.PUPIL,
        pupils=[PupilEntry("victim", "Élève Exemple", "5e A")],
        attachments=[Attachment("capture.png", samples.png())],
    )
    pupil = run.pupils.get()
    school_actions.inform_parents(
        run, by=teacher, pupil=pupil, relation="mother", informed_on=date(2026, 1, 5), means="phone", response="OK"
    )
    school_actions.request_takedown(run, by=teacher, links="https://example.com/post/1")
    referral.refresh_from_db()
    # One file as files were written before keys were kept apart: its key inside it.
    legacy = run.steps.get(position=1).attachments.get()
    kept = FileKey.objects.get(name=legacy.storage_name)
    samples.overwrite_stored(
        legacy.storage_name, crypto.join_key(bytes(kept.key), storage._read_body(legacy.storage_name))
    )
    kept.delete()
    return {"report": report, "referral": referral, "legacy": legacy}


def test_rotation_rewraps_every_sealed_value_and_file(settings, own_storage, django_capture_on_commit_callbacks):
    old, new = new_key("old"), new_key("new")
    settings.SANAD_KEK = old
    made = make_one_of_everything(django_capture_on_commit_callbacks)
    stored = [path for path in Path(own_storage).rglob("*") if path.is_file()]
    assert len(stored) >= 3  # the report's file, the school's file, the pack

    settings.SANAD_KEK = f"{new},{old}"
    call_command("rotate_keys", stdout=io.StringIO())
    settings.SANAD_KEK = new  # the old key is retired

    left = []
    for model, name in sealed_columns():
        if name in getattr(model, "WRAPPED_KEYS", ()):
            continue
        for pk, value in model.objects.exclude(**{f"{name}__isnull": True}).values_list("pk", name):
            if value and crypto.sealed_with(bytes(value)) != "new":
                left.append(f"{model._meta.label}.{name} #{pk}")
    keys = dict(FileKey.objects.values_list("name", "key"))
    for path in Path(own_storage).rglob("*"):
        name = str(path.relative_to(own_storage))
        if not path.is_file():
            continue
        if name not in keys:
            left.append(f"file {name} without its key apart")
        elif crypto.key_wrapped_with(bytes(keys[name])) != "new":
            left.append(f"file {name}")
    assert left == []
    assert len(keys) == len([path for path in Path(own_storage).rglob("*") if path.is_file()])

    report = Report.objects.get(pk=made["report"].pk)
    assert report.description and report.contact == "+212600000001"
    assert read_file(report.evidence.get())
    assert read_pack(made["referral"].__class__.objects.get(pk=made["referral"].pk))
    legacy = made["legacy"].__class__.objects.get(pk=made["legacy"].pk)
    assert legacy.storage_name != made["legacy"].storage_name  # stored again, its key apart
    assert read_file(legacy) == samples.png()

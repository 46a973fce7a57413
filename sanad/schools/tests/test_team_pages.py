"""The resource team's pages: recording a case, running its steps, bad input and access."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from PIL import Image

from sanad.audit.models import AuditEvent
from sanad.schools.models import ProtocolRun, StepState
from sanad.schools.tests.conftest import AUTHOR_NAME, VICTIM_NAME, record

pytestmark = pytest.mark.smoke  # also on SQLite, as the demo runs

RECORD = {
    "told_by": "victim",
    "categories": ["harassment", "personal_data"],
    "facts": "Une photo de classe détournée circule avec des moqueries (exemple fictif).",
    "evidence_kept": "on",
    "author": "pupil",
    "victim_name": VICTIM_NAME,
    "victim_class": "2e année B",
    "involved_name": AUTHOR_NAME,
    "involved_class": "2e année B",
    "witness_name": "",
    "witness_class": "",
}


def png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "capture.png"
    return buffer


def test_a_teacher_records_a_case_with_a_file(teacher_a, school_a, sign_in, django_capture_on_commit_callbacks):
    client = sign_in(teacher_a)
    with django_capture_on_commit_callbacks(execute=True):  # the worker makes the file's previews after commit
        response = client.post(reverse("schools:record"), {**RECORD, "files": [png()]})
    run = ProtocolRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("schools:run", args=[run.pk])
    assert run.school == school_a and run.educational_path
    first = run.steps.get(code="record")
    assert first.state == StepState.DONE and first.done_by == teacher_a and first.attachments.count() == 1
    page = client.get(response.url).content.decode()
    assert VICTIM_NAME in page and AUTHOR_NAME in page and "Educational path" in page
    evidence = first.attachments.get()
    download = client.get(reverse("schools:file", args=[run.pk, evidence.pk]))
    assert download.status_code == 200 and download["Content-Security-Policy"] == "sandbox"
    assert AuditEvent.objects.filter(action="school_case.file_viewed").count() == 1


def test_a_missing_answer_keeps_everything_typed(teacher_a, sign_in):
    client = sign_in(teacher_a)
    response = client.post(reverse("schools:record"), {**RECORD, "victim_name": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Une photo de classe détournée" in page and AUTHOR_NAME in page
    assert not ProtocolRun.objects.exists()


def test_a_refused_file_saves_nothing_and_says_why(teacher_a, sign_in):
    client = sign_in(teacher_a)
    archive = io.BytesIO(b"PK\x03\x04" + b"\x00" * 100)
    archive.name = "photos.zip"
    response = client.post(reverse("schools:record"), {**RECORD, "files": [archive]})
    assert response.status_code == 400
    assert "photos.zip" in response.content.decode() and not ProtocolRun.objects.exists()


def test_steps_are_run_on_the_case_page(recorded, teacher_a, head_a, sign_in, django_capture_on_commit_callbacks):
    client = sign_in(teacher_a)
    base = reverse("schools:run", args=[recorded.pk])
    missing = client.post(f"{base}steps/listen/done/", {"note": "Entretien fait."})
    assert missing.status_code == 400 and "Entretien fait." in missing.content.decode()
    done = client.post(f"{base}steps/listen/done/", {"safety": "worried", "note": "Entretien fait."})
    assert done.status_code == 302
    assert recorded.steps.get(code="listen").details == {"safety": "worried"}
    no_reason = client.post(f"{base}steps/hear/not-applicable/", {"reason": ""})
    assert no_reason.status_code == 400
    skipped = client.post(f"{base}steps/hear/not-applicable/", {"reason": "Aucun témoin."})
    assert skipped.status_code == 302
    assert recorded.steps.get(code="hear").state == StepState.NOT_APPLICABLE
    with django_capture_on_commit_callbacks(execute=True):
        level3 = client.post(f"{base}assess/", {"level": "3", "serious_because": ["threats"], "note": ""})
    assert level3.status_code == 302
    recorded.refresh_from_db()
    assert recorded.is_escalated
    assert [message.to for message in mail.outbox] == [[head_a.email]]


def test_closing_with_steps_left_names_them(recorded, teacher_a, sign_in):
    client = sign_in(teacher_a)
    response = client.post(
        reverse("schools:close", args=[recorded.pk]), {"outcome": "stopped", "review": "Bilan (fictif)."}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Listen to the victim" in page and "Bilan (fictif)." in page


def test_unknown_step_and_garbage_are_not_found_or_refused(recorded, teacher_a, sign_in):
    client = sign_in(teacher_a)
    base = reverse("schools:run", args=[recorded.pk])
    assert client.post(f"{base}steps/nothing/done/", {"note": "x"}).status_code == 404
    assert client.post(f"{base}assess/", {"level": "9"}).status_code == 400
    assert client.post(f"{base}parents/", {"pupil": "abc", "informed_on": "yesterday"}).status_code == 400


@pytest.mark.parametrize("who", ["teacher_b", "academy_viewer", "analyst", "ministry_viewer"])
def test_nobody_else_reaches_a_team_case(recorded, who, request, sign_in):
    client = sign_in(request.getfixturevalue(who))
    assert client.get(reverse("schools:run", args=[recorded.pk])).status_code == 404
    closing = client.post(reverse("schools:close", args=[recorded.pk]), {"outcome": "stopped", "review": "x"})
    assert closing.status_code == 404
    assert VICTIM_NAME not in client.get(reverse("schools:dashboard")).content.decode()


def test_the_dashboard_lists_open_cases_and_overdue_steps(school_a, teacher_a, sign_in, time_machine):
    time_machine.move_to("2026-10-01 09:00 +00:00")
    late = record(school_a, teacher_a)
    time_machine.move_to("2026-10-05 09:00 +00:00")
    page = sign_in(teacher_a).get(reverse("schools:dashboard")).content.decode()
    assert late.reference in page and "Overdue" in page
    assert VICTIM_NAME not in page

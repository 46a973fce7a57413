"""Active PDFs and fake audio or video are refused on every upload path: the portal's wizard,
the reporter's follow-up and a school team's steps (issue 10, findings 6 and 7).

Each hostile file hides from a byte search or a header check; all are made by the generators
in evidence/tests/samples.py, none is committed.
"""

import io

import pytest
from django.urls import reverse
from django.utils.html import escape

from sanad.evidence import uploads
from sanad.evidence.models import Evidence
from sanad.evidence.tests import samples
from sanad.intake.models import Report
from sanad.intake.tests.conftest import ANSWERS, receipt_on, step_url, upload, walk_wizard
from sanad.schools.models import ProtocolRun
from sanad.schools.tests.test_team_pages import RECORD
from sanad.testing import make_school, signed_in, team_member

pytestmark = pytest.mark.django_db

HOSTILE = [
    *(
        (f"pdf-{name}", make, uploads.ActiveContentRefused, "statement.pdf")
        for name, make in samples.HOSTILE_PDFS.items()
    ),
    *((f"media-{name}", make, uploads.UnreadableFile, "voice.mp3") for name, make in samples.HOSTILE_MEDIA.items()),
]
IDS = [case[0] for case in HOSTILE]


def refused_on(page: str, name: str, refusal: type[uploads.UploadRefused]) -> bool:
    return name in page and escape(str(refusal.message)) in page


@pytest.mark.parametrize(("case", "make", "refusal", "name"), HOSTILE, ids=IDS)
def test_the_wizard_refuses_it(client, case, make, refusal, name):
    for slug in ["danger", "what", "where"]:
        client.post(step_url(slug), {**ANSWERS[slug], "next": ""})
    response = client.post(step_url("evidence"), {"files": [upload(name, make())], "upload": ""})
    assert response.status_code == 400
    assert refused_on(response.content.decode(), name, refusal)
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(("case", "make", "refusal", "name"), HOSTILE, ids=IDS)
def test_the_follow_up_refuses_it(client, case, make, refusal, name):
    walk_wizard(client, ANSWERS)
    sent = client.post(step_url("review"), {"next": ""})
    receipt = receipt_on(client.get(sent["Location"]).content.decode())
    assert client.post("/en/follow-up/", {"receipt": receipt}).status_code == 302
    response = client.post("/en/follow-up/report/evidence/", {"files": [upload(name, make())]})
    assert response.status_code == 400
    assert refused_on(response.content.decode(), name, refusal)
    assert not Report.objects.get().evidence.exists()


@pytest.mark.parametrize(("case", "make", "refusal", "name"), HOSTILE, ids=IDS)
def test_a_school_team_step_refuses_it(case, make, refusal, name):
    teacher = team_member("enseignant.test", make_school("TEST-A", "Collège (test)"))
    file = io.BytesIO(make())
    file.name = name
    response = signed_in(teacher).post(reverse("schools:record"), {**RECORD, "files": [file]})
    assert response.status_code == 400
    assert refused_on(response.content.decode(), name, refusal)
    assert not ProtocolRun.objects.exists() and not Evidence.objects.exists()


@pytest.mark.parametrize(
    ("make", "content_type"),
    [(samples.pdf, "application/pdf"), (samples.mp4, "video/mp4"), (samples.mp3, "audio/mpeg")],
    ids=["pdf", "mp4", "mp3"],
)
def test_real_documents_and_recordings_still_pass(make, content_type):
    assert uploads.inspect(make()).content_type == content_type

"""A school team sees its case's pictures blurred, with the same audited reveal as the centre."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from sanad.audit.models import AuditEvent
from sanad.evidence.models import CustodyEvent
from sanad.evidence.tests import samples
from sanad.schools.models import ProtocolRun
from sanad.schools.tests.test_team_pages import RECORD

pytestmark = pytest.mark.django_db


def test_a_picture_is_blurred_until_the_team_member_reveals_it(
    teacher_a, teacher_b, sign_in, django_capture_on_commit_callbacks
):
    client = sign_in(teacher_a)
    file = io.BytesIO(samples.encoded(samples.scene(12)))
    file.name = "capture.png"
    with django_capture_on_commit_callbacks(execute=True):  # the worker makes the previews after commit
        client.post(reverse("schools:record"), {**RECORD, "files": [file]})
    run = ProtocolRun.objects.get()
    evidence = run.steps.get(code="record").attachments.get()
    address = reverse("schools:file", args=[run.pk, evidence.pk])
    page = client.get(reverse("schools:run", args=[run.pk])).content.decode()
    assert address in page and "is-blurred" in page
    assert Image.open(io.BytesIO(client.get(address).content)).mode == "L"

    response = client.post(reverse("schools:reveal_file", args=[run.pk, evidence.pk]))
    assert response.status_code == 302
    assert Image.open(io.BytesIO(client.get(address).content)).mode == "RGB"
    assert AuditEvent.objects.filter(action="evidence.revealed", actor=teacher_a).exists()
    assert CustodyEvent.objects.filter(evidence=evidence, action="revealed", actor=f"staff:{teacher_a.pk}").exists()
    # Another school's team sees nothing of it.
    assert sign_in(teacher_b).get(address).status_code == 404
    assert sign_in(teacher_b).post(reverse("schools:reveal_file", args=[run.pk, evidence.pk])).status_code == 404

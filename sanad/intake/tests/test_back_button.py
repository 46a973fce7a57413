""" "Back" keeps what was typed on the page being left, finished or not."""

import pytest

from sanad.intake.models import Report
from sanad.intake.tests.conftest import ANSWERS, is_checked, step_url, upload, walk_wizard

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_back_saves_the_half_typed_step_and_goes_to_the_one_before(client):
    client.post(step_url("danger"), {**ANSWERS["danger"], "next": ""})

    response = client.post(step_url("what"), {"description": "Half of my story", "categories": ["scam"], "back": ""})
    assert response.status_code == 302
    assert response["Location"] == step_url("danger")

    page = client.get(step_url("what")).content.decode()
    assert "Half of my story" in page
    assert is_checked(page, "categories", "scam")
    assert not is_checked(page, "categories", "harassment")


def test_back_from_the_evidence_step_keeps_uploaded_files(client, png_bytes):
    for slug in ["danger", "what", "where"]:
        client.post(step_url(slug), {**ANSWERS[slug], "next": ""})
    response = client.post(step_url("evidence"), {"files": [upload("shot.png", png_bytes)], "back": ""})
    assert response.status_code == 302
    assert response["Location"] == step_url("where")
    assert "shot.png" in client.get(step_url("evidence")).content.decode()


def test_back_on_the_review_page_goes_to_the_step_before_and_sends_nothing(client):
    walk_wizard(client, ANSWERS)
    response = client.post(step_url("review"), {"back": ""})
    assert response.status_code == 302
    assert response["Location"] == step_url("child")
    assert not Report.objects.exists()
    assert client.get(step_url("review")).status_code == 200

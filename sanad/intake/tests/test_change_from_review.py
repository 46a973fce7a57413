""" "Change" on the review page opens the step; "continue" there goes back to the review."""

import pytest

from sanad.intake.tests.conftest import ANSWERS, step_url, walk_wizard

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["danger", "what", "where", "child", "contact"])
def test_continue_after_change_returns_to_the_review(client, slug):
    walk_wizard(client, ANSWERS)
    review = client.get(step_url("review")).content.decode()
    assert f'href="{step_url(slug)}?from=review"' in review
    page = client.get(f"{step_url(slug)}?from=review").content.decode()
    assert 'name="from" value="review"' in page
    response = client.post(step_url(slug), {**ANSWERS[slug], "from": "review", "next": ""})
    assert response["Location"] == step_url("review")


def test_the_evidence_step_from_the_review_returns_to_it(client, png_bytes):
    from sanad.intake.tests.conftest import upload

    walk_wizard(client, ANSWERS)
    client.post(step_url("evidence"), {"files": [upload("late.png", png_bytes)], "from": "review", "upload": ""})
    response = client.post(step_url("evidence"), {"from": "review", "next": ""})
    assert response["Location"] == step_url("review")
    assert "late.png" in client.get(step_url("review")).content.decode()


def test_a_change_that_leaves_a_step_unanswered_still_stops_there(client):
    walk_wizard(client, ANSWERS)
    response = client.post(step_url("what"), {**ANSWERS["what"], "description": "", "from": "review", "next": ""})
    assert response.status_code == 400  # the mistake is shown on the step itself

"""Opening a later step before the earlier ones are answered leads to the first unfinished step;
"contact" is on the way only after a danger answer, and otherwise reached from the review page."""

import pytest

from sanad.intake.models import Report
from sanad.intake.tests.conftest import ANSWERS, step_url, walk_wizard

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["what", "where", "evidence", "child", "contact"])
def test_a_later_step_without_a_draft_leads_to_the_first_step(client, slug):
    response = client.get(step_url(slug))
    assert response.status_code == 302
    assert response["Location"] == step_url("danger")


def test_the_review_without_a_draft_leads_to_the_first_step(client):
    response = client.get(step_url("review"), follow=True)
    assert response.redirect_chain[-1] == (step_url("danger"), 302)
    assert response.status_code == 200


@pytest.mark.smoke
def test_a_later_step_leads_to_the_first_unfinished_one(client):
    client.post(step_url("danger"), {**ANSWERS["danger"], "next": ""})
    for slug in ["where", "evidence", "child", "contact", "review"]:
        response = client.get(step_url(slug))
        assert response.status_code == 302
        assert response["Location"] == step_url("what")


def test_who_has_screenshots_to_send_must_see_the_evidence_step(client):
    for slug in ["danger", "what"]:
        client.post(step_url(slug), {**ANSWERS[slug], "next": ""})
    response = client.post(step_url("where"), {**ANSWERS["where"], "has_files": "on", "next": ""})
    assert response["Location"] == step_url("evidence")
    client.post(step_url("child"), {**ANSWERS["child"], "next": ""})
    assert client.get(step_url("review"))["Location"] == step_url("evidence")
    assert client.post(step_url("evidence"), {"next": ""})["Location"] == step_url("child")


def test_without_screenshots_the_evidence_step_is_not_on_the_way(client):
    for slug in ["danger", "what"]:
        client.post(step_url(slug), {**ANSWERS[slug], "next": ""})
    assert client.post(step_url("where"), {**ANSWERS["where"], "next": ""})["Location"] == step_url("child")
    client.post(step_url("child"), {**ANSWERS["child"], "next": ""})
    page = client.get(step_url("review"))
    assert page.status_code == 200
    assert 'href="/en/report/step/evidence/?from=review"' in page.content.decode()  # still offered


def test_without_a_danger_answer_the_child_step_leads_to_the_review(client):
    for slug in ["danger", "what", "where"]:
        client.post(step_url(slug), {**ANSWERS[slug], "next": ""})
    response = client.post(step_url("child"), {**ANSWERS["child"], "next": ""})
    assert response["Location"] == step_url("review")
    assert client.get(step_url("review")).status_code == 200  # anonymous, by default


def test_after_a_danger_answer_the_contact_step_is_on_the_way(client):
    client.post(step_url("danger"), {**ANSWERS["danger"], "danger_now": "yes", "next": ""})
    for slug in ["what", "where"]:
        client.post(step_url(slug), {**ANSWERS[slug], "next": ""})
    response = client.post(step_url("child"), {**ANSWERS["child"], "next": ""})
    assert response["Location"] == step_url("contact")
    assert client.get(step_url("review"))["Location"] == step_url("contact")
    response = client.post(step_url("contact"), {**ANSWERS["contact"], "next": ""})
    assert response["Location"] == step_url("review")


def test_steps_already_answered_stay_open(client):
    for slug in ["danger", "what"]:
        client.post(step_url(slug), {**ANSWERS[slug], "next": ""})
    assert client.get(step_url("danger")).status_code == 200
    assert client.get(step_url("what")).status_code == 200
    assert client.get(step_url("where")).status_code == 200


def test_sending_an_incomplete_draft_sends_nothing_and_names_the_step(client):
    walk_wizard(client, ANSWERS)
    client.post(step_url("what"), {**ANSWERS["what"], "reporter_role": "", "next": ""})  # an answer removed afterwards
    response = client.post(step_url("review"), {"next": ""}, follow=True)
    assert response.redirect_chain[0] == (step_url("what"), 302)
    assert "Some answers are missing" in response.content.decode()
    assert not Report.objects.exists()


def test_an_unknown_step_is_not_found(client):
    assert client.get(step_url("payment")).status_code == 404

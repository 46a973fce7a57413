"""Opening a later step before the earlier ones are answered leads to the first unfinished step."""

import pytest

from sanad.intake.models import Report
from sanad.intake.tests.conftest import ANSWERS, step_url, walk_wizard

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["who", "what", "where", "evidence", "child", "contact"])
def test_a_later_step_without_a_draft_leads_to_the_first_step(client, slug):
    response = client.get(step_url(slug))
    assert response.status_code == 302
    assert response["Location"] == step_url("danger")


def test_the_review_without_a_draft_leads_to_the_start_page(client):
    response = client.get(step_url("review"), follow=True)
    assert response.redirect_chain[-1] == ("/en/report/", 302)
    assert response.status_code == 200


@pytest.mark.smoke
def test_a_later_step_leads_to_the_first_unfinished_one(client):
    client.post(step_url("danger"), {**ANSWERS["danger"], "next": ""})
    client.post(step_url("who"), {**ANSWERS["who"], "next": ""})
    for slug in ["where", "evidence", "child", "contact", "review"]:
        response = client.get(step_url(slug))
        assert response.status_code == 302
        assert response["Location"] == step_url("what")


def test_the_evidence_step_must_be_seen_before_the_ones_after_it(client):
    for slug in ["danger", "who", "what", "where", "child", "contact"]:
        if slug != "evidence":
            client.post(step_url(slug), {**ANSWERS[slug], "next": ""})
    assert client.get(step_url("review"))["Location"] == step_url("evidence")


def test_steps_already_answered_stay_open(client):
    for slug in ["danger", "who", "what"]:
        client.post(step_url(slug), {**ANSWERS[slug], "next": ""})
    assert client.get(step_url("danger")).status_code == 200
    assert client.get(step_url("what")).status_code == 200
    assert client.get(step_url("where")).status_code == 200


def test_sending_an_incomplete_draft_sends_nothing_and_names_the_step(client):
    walk_wizard(client, ANSWERS)
    client.post(step_url("who"), {"reporter_role": "", "next": ""})  # an answer removed afterwards
    response = client.post(step_url("review"), {"next": ""}, follow=True)
    assert response.redirect_chain[0] == (step_url("who"), 302)
    assert "Some answers are missing" in response.content.decode()
    assert not Report.objects.exists()


def test_an_unknown_step_is_not_found(client):
    assert client.get(step_url("payment")).status_code == 404

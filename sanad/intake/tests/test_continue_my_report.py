""" "Continue my report" goes back where the reporter stopped; "Start a new report" lets the old one go."""

import pytest

from sanad.intake.tests.conftest import ANSWERS, step_url

pytestmark = pytest.mark.django_db


def test_continue_my_report_leads_where_the_reporter_stopped(client):
    for slug in ["danger", "what", "where"]:
        client.post(step_url(slug), {**ANSWERS[slug], "next": ""})
    client.post(step_url("child"), {"victim_age_band": "13_15", "back": ""})  # stepped back to "where"
    home = client.get("/en/").content.decode()
    assert f'href="{step_url("where")}"' in home and "Continue my report" in home
    start = client.get("/en/report/")
    assert start.status_code == 200
    assert f'href="{step_url("where")}"' in start.content.decode()


def test_it_never_skips_a_step_still_to_answer(client):
    client.post(step_url("danger"), {**ANSWERS["danger"], "next": ""})
    client.post(step_url("what"), {"description": "half", "next": ""})  # invalid: stays on "what"
    assert f'href="{step_url("what")}"' in client.get("/en/").content.decode()


def test_without_a_report_under_way_report_now_opens_the_first_step(client):
    assert f'href="{step_url("danger")}"' in client.get("/en/").content.decode()
    assert client.get("/en/report/")["Location"] == step_url("danger")


def test_start_a_new_report_lets_the_old_one_go(client):
    for slug in ["danger", "what"]:
        client.post(step_url(slug), {**ANSWERS[slug], "next": ""})
    response = client.post("/en/report/")
    assert response["Location"] == step_url("danger")
    assert "A fake account" not in client.get(step_url("danger")).content.decode()
    assert client.get(step_url("what"))["Location"] == step_url("danger")

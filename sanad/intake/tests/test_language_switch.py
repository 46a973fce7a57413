"""Switching language on a step saves what was typed there, then opens the step in that language."""

import pytest

from sanad.intake.tests.conftest import ANSWERS, step_url

pytestmark = pytest.mark.django_db


def test_the_header_buttons_send_the_steps_own_form(client):
    client.post(step_url("danger", "fr"), {**ANSWERS["danger"], "next": ""})
    page = client.get(step_url("what", "fr")).content.decode()
    assert 'form="wizard" name="switch_language" value="ar"' in page
    assert '<form method="post" class="wizard" id="wizard"' in page


def test_switching_language_keeps_what_was_typed_and_sets_the_language(client):
    client.post(step_url("danger", "fr"), {**ANSWERS["danger"], "next": ""})
    response = client.post(step_url("what", "fr"), {"description": "à moitié écrit", "switch_language": "ar"})
    assert response.status_code == 302
    assert response["Location"].endswith(step_url("what", "ar"))
    assert client.cookies["django_language"].value == "ar"
    page = client.get(step_url("what", "ar")).content.decode()
    assert "à moitié écrit" in page
    assert 'id="error-summary"' not in page


def test_an_unknown_language_is_an_ordinary_save(client):
    client.post(step_url("danger", "fr"), {**ANSWERS["danger"], "next": ""})
    response = client.post(step_url("what", "fr"), {**ANSWERS["what"], "switch_language": "xx", "next": ""})
    assert response["Location"] == step_url("where", "fr")


def test_switching_language_on_the_help_page_stays_on_it(client):
    client.post(step_url("danger", "fr"), {**ANSWERS["danger"], "self_harm": "yes", "next": ""})
    response = client.post(step_url("help", "fr"), {"switch_language": "ar"})
    assert response["Location"].endswith(step_url("help", "ar"))

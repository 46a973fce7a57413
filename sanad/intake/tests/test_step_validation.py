"""A step with a mistake answers 400, says what is wrong, and shows back everything that was typed."""

import pytest
from django.utils.html import escape

from sanad.intake.tests.conftest import ANSWERS, is_checked, step_url

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_missing_categories_keep_the_description_that_was_typed(client):
    client.post(step_url("danger"), {**ANSWERS["danger"], "next": ""})
    response = client.post(
        step_url("what"),
        {"description": "He posted my photo in the class group", "reporter_role": "witness", "next": ""},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "He posted my photo in the class group" in body
    assert 'id="error-summary"' in body
    assert is_checked(body, "reporter_role", "witness")
    # The error says what to do, kindly, not "this field is required".
    assert escape("Choose at least one thing that happened, or “Something else”.") in body
    assert "This field is required" not in body


def test_the_typed_answers_are_kept_for_later_even_when_invalid(client):
    client.post(step_url("what"), {"description": "Kept even though incomplete", "next": ""})
    # The wizard sends the reporter back to the first step, but the draft holds what was typed.
    assert client.get(step_url("what"))["Location"] == step_url("danger")
    client.post(step_url("danger"), {**ANSWERS["danger"], "next": ""})
    page = client.get(step_url("what"))
    assert page.status_code == 200
    assert "Kept even though incomplete" in page.content.decode()


@pytest.mark.parametrize(
    ("slug", "data"),
    [
        ("danger", {"danger_now": "maybe", "self_harm": "no", "sextortion_deadline": "no"}),
        ("what", {**ANSWERS["what"], "reporter_role": "police"}),
        ("what", {**ANSWERS["what"], "categories": ["harassment", "not-a-category"]}),
        ("what", {**ANSWERS["what"], "description": "x" * 10_001}),
        ("what", {**ANSWERS["what"], "description": "   "}),
        ("where", {**ANSWERS["where"], "platforms": ["myspace"], "identifiers": ""}),
        ("where", {**ANSWERS["where"], "platforms": [], "identifiers": "\n".join(f"@user{n}" for n in range(21))}),
        ("where", {**ANSWERS["where"], "started": ""}),
        ("child", {**ANSWERS["child"], "region": "atlantis"}),
        ("child", {**ANSWERS["child"], "told": ["nobody", "parent"]}),
        ("contact", {**ANSWERS["contact"], "wants_contact": "yes"}),
        (
            "contact",
            {
                **ANSWERS["contact"],
                "wants_contact": "yes",
                "contact_method": "email",
                "contact_value": "not an address",
            },
        ),
        (
            "contact",
            {**ANSWERS["contact"], "wants_contact": "yes", "contact_method": "phone", "contact_value": "0612345678"},
        ),  # not confirmed safe
    ],
    ids=[
        "danger-invalid-choice",
        "what-invalid-role",
        "what-invalid-category",
        "what-too-long",
        "what-blank-description",
        "where-invalid-platform",
        "where-too-many-lines",
        "where-no-start",
        "child-unknown-region",
        "child-nobody-and-parent",
        "contact-without-method-or-value",
        "contact-bad-email",
        "contact-not-confirmed-safe",
    ],
)
def test_an_invalid_answer_is_refused_with_400(client, slug, data):
    response = client.post(step_url(slug), {**data, "next": ""})
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()


def test_a_valid_step_moves_on_to_the_next(client):
    response = client.post(step_url("danger"), {**ANSWERS["danger"], "next": ""})
    assert response.status_code == 302
    assert response["Location"] == step_url("what")

"""The questions about the young person speak to whoever writes: "you", "your child", "they"."""

import pytest

from sanad.intake.tests.conftest import ANSWERS, step_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "title", "questions"),
    [
        ("victim", "About you", ["Your age", "You are", "Your region", "Who knows already?"]),
        ("parent", "About the young person", ["Your child’s age", "Your child is", "Your child’s region"]),
        ("witness", "About the young person", ["Their age", "They are", "Their region"]),
        ("professional", "About the young person", ["Their age", "They are", "Their region"]),
    ],
)
def test_the_child_step_addresses_the_reporter_by_role(client, role, title, questions):
    client.post(step_url("danger"), {**ANSWERS["danger"], "next": ""})
    client.post(step_url("what"), {**ANSWERS["what"], "reporter_role": role, "next": ""})
    client.post(step_url("where"), {**ANSWERS["where"], "next": ""})
    page = client.get(step_url("child")).content.decode()
    assert f"<h1>{title}</h1>" in page.replace("&#x27;", "'")
    for question in questions:
        assert question in page
    if role != "victim":
        assert "Your age" not in page


def test_an_empty_step_is_answered_with_kind_specific_words_never_this_field_is_required(client):
    client.post(step_url("danger"), {**ANSWERS["danger"], "next": ""})
    for slug in ["danger", "what", "where", "child"]:
        body = client.post(step_url(slug), {"next": ""}).content.decode()
        assert "This field is required" not in body, slug
        assert 'id="error-summary"' in body, slug
    body = client.post(step_url("what"), {"next": ""}).content.decode()
    assert "Tell us what happened in a few words." in body

"""After a quick exit (or a closed browser), the draft comes back only with its four-digit code,
and only on the browser that kept it; the code is tried a few times at most."""

import pytest
from django.test import Client
from django.utils.html import escape

from sanad.intake import drafts
from sanad.intake.models import ReportDraft
from sanad.intake.tests.conftest import ANSWERS, step_url

pytestmark = pytest.mark.django_db

NOT_HERE = "This code does not open a report on this phone. Check the four digits."


def left_half_way(client: Client) -> str:
    """Answer two steps, stop on "where" with a description typed, quick exit; the draft's code."""
    for slug in ["danger", "what"]:
        client.post(step_url(slug), {**ANSWERS[slug], "next": ""})
    code = drafts.return_code(str(ReportDraft.objects.get().pk))
    assert f">{code}</strong>" in client.get(step_url("where")).content.decode()  # shown on every step
    client.get("/en/exit/")
    return code


@pytest.mark.smoke
def test_the_right_code_reopens_the_draft_where_the_reporter_stopped(client):
    code = left_half_way(client)
    response = client.post("/en/report/return/", {"code": code})
    assert response.status_code == 302
    assert response["Location"] == step_url("where")
    page = client.get(step_url("what")).content.decode()
    assert "A fake account keeps posting" in page


def test_a_code_typed_with_arabic_indic_digits_reopens_it(client):
    code = left_half_way(client)
    typed = code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert client.post("/en/report/return/", {"code": typed})["Location"] == step_url("where")


def test_a_wrong_code_and_no_kept_draft_get_the_same_answer(client):
    code = left_half_way(client)
    wrong = f"{(int(code) + 1) % 10000:04d}"
    response = client.post("/en/report/return/", {"code": wrong})
    assert response.status_code == 400
    assert escape(NOT_HERE) in response.content.decode()
    # Someone else, on another phone, learns no more: nothing tells that a draft exists anywhere.
    stranger = Client().post("/en/report/return/", {"code": code})
    assert stranger.status_code == 400
    assert escape(NOT_HERE) in stranger.content.decode()


def test_after_five_wrong_codes_the_draft_no_longer_opens_on_this_browser(client):
    code = left_half_way(client)
    wrong = f"{(int(code) + 1) % 10000:04d}"
    statuses = [client.post("/en/report/return/", {"code": wrong}).status_code for _ in range(6)]
    assert statuses == [400] * 5 + [429]
    assert client.cookies["sanad_return"].value == ""
    assert client.post("/en/report/return/", {"code": code}).status_code == 400  # even the right one


def test_a_code_that_is_not_four_digits_is_named(client):
    response = client.post("/en/report/return/", {"code": "12a"})
    assert response.status_code == 400
    assert "The code has four digits, for example 0427." in response.content.decode()


def test_the_return_page_is_offered_on_every_page_whether_or_not_a_draft_is_kept(client):
    assert 'href="/en/report/return/"' in Client().get("/en/").content.decode()
    assert 'href="/en/report/return/"' in Client().get("/en/help/").content.decode()

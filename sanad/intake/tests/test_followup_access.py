"""The receipt, and only the receipt, opens a report's page: status, history and the centre's messages."""

import pytest
from django.utils import translation
from django.utils.html import escape

from sanad.intake import actions
from sanad.intake.models import Report

pytestmark = pytest.mark.django_db

NOT_FOUND = "We could not find a report with this code. Check each character and try again."


@pytest.mark.smoke
def test_the_right_receipt_opens_the_report_with_status_history_and_messages(client, receipt, open_followup):
    report = Report.objects.get()
    actions.set_public_status(report, "handled")
    actions.send_centre_message(report, "Hello, we have read your report and we are here.")

    open_followup(client, receipt)
    response = client.get("/en/follow-up/report/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Being handled" in page  # the status now
    assert "A trained person is looking after your report." in page
    assert "We have received your report. A trained person will read it soon." in page  # the history
    assert "Hello, we have read your report and we are here." in page


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code.lower().replace("-", ""),
        lambda code: " ".join(code.lower().split("-")),
        lambda code: code.replace("0", "O").replace("1", "l"),
    ],
    ids=["lower-case-no-dashes", "spaces", "letters-for-digits"],
)
def test_the_receipt_typed_loosely_still_opens_the_report(client, receipt, open_followup, typed):
    open_followup(client, typed(receipt))
    assert client.get("/en/follow-up/report/").status_code == 200


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_a_wrong_receipt_is_refused_with_a_message_in_the_reporters_language(client, receipt, language):
    wrong = ("0000-0000-0000-0000", "1111-1111-1111-1111")[receipt == "0000-0000-0000-0000"]
    response = client.post(f"/{language}/follow-up/", {"receipt": wrong})

    assert response.status_code == 400
    page = response.content.decode()
    with translation.override(language):
        expected = translation.gettext(NOT_FOUND)
    assert escape(expected) in page
    if expected != NOT_FOUND:
        assert NOT_FOUND not in page
    assert client.get(f"/{language}/follow-up/report/").status_code == 302


@pytest.mark.parametrize("typed", ["", "K7QF", "K7QF-9XRM-2HTP-4WNB-XXXX", "<script>alert(1)</script>"])
def test_a_receipt_that_cannot_be_one_is_refused_the_same_way(client, typed):
    response = client.post("/en/follow-up/", {"receipt": typed})
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_report_page_without_a_receipt_sends_to_the_receipt_form(client):
    response = client.get("/en/follow-up/report/")
    assert response.status_code == 302
    assert response["Location"] == "/en/follow-up/"


def test_opening_a_report_gives_a_new_session_key(client, receipt, open_followup):
    client.get("/en/follow-up/")
    before = client.session.session_key
    open_followup(client, receipt)
    assert client.session.session_key != before


def test_a_receipt_opens_only_its_own_report(client, send_report, open_followup):
    first = send_report(client, what={"description": "First report, about a game"})
    client.post("/en/report/sent/")
    send_report(client, what={"description": "Second report, about a scam"})
    client.post("/en/report/sent/")
    actions.send_centre_message(Report.objects.order_by("pk").last(), "Only for the second reporter")

    open_followup(client, first)
    page = client.get("/en/follow-up/report/").content.decode()
    assert "Only for the second reporter" not in page


def test_a_code_typed_with_arabic_indic_digits_opens_the_report(client, receipt, open_followup):
    open_followup(client, receipt.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")))
    assert client.get("/en/follow-up/report/").status_code == 200


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Type the code you got when you sent your report."),
        ("K7QF-9XRM-2HTP", "A receipt code has 16 letters and digits, in four groups of four. You typed 12."),
        ("K7QF-9XRM-2HTP-4WNU", "A receipt code has only digits and the letters A to Z, without U."),
    ],
    ids=["empty", "too-short", "a-letter-codes-never-have"],
)
def test_a_mistake_in_the_code_is_named(client, typed, says):
    response = client.post("/en/follow-up/", {"receipt": typed})
    assert response.status_code == 400
    assert escape(says) in response.content.decode()

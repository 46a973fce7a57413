"""The campaign's optional last question: asked on the receipt page, after the report is sent,
kept once, never in the way of the receipt."""

import pytest

from sanad.intake.models import Report

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_the_receipt_page_asks_and_keeps_the_answer_once(client, send_report):
    send_report(client, language="fr")
    page = client.get("/fr/report/sent/").content.decode()
    assert 'action="/fr/report/sent/heard-from/"' in page
    response = client.post("/fr/report/sent/heard-from/", {"heard_from": "school"})
    assert response.status_code == 302 and response["Location"].endswith("/fr/report/sent/#heard-from")
    assert Report.objects.get().heard_from == "school"
    client.post("/fr/report/sent/heard-from/", {"heard_from": "poster"})  # a second answer changes nothing
    assert Report.objects.get().heard_from == "school"
    page = client.get("/fr/report/sent/").content.decode()
    assert 'action="/fr/report/sent/heard-from/"' not in page
    assert "receipt-code" in page  # the receipt is still there, until it is written down


@pytest.mark.parametrize("answer", ["", "<script>", "x" * 5000])
def test_a_bad_answer_is_refused_plainly_and_stores_nothing(client, send_report, answer):
    send_report(client, language="fr")
    response = client.post("/fr/report/sent/heard-from/", {"heard_from": answer}, follow=True)
    assert response.status_code == 200
    assert Report.objects.get().heard_from is None
    assert "receipt-code" in response.content.decode()


def test_without_a_sent_report_it_goes_to_the_start(client):
    response = client.post("/fr/report/sent/heard-from/", {"heard_from": "school"})
    assert response.status_code == 302
    assert Report.objects.count() == 0

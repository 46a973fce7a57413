"""The intimate images rule is said in full where a sextortion victim reads it (the evidence step,
the advice page, the receipt, the follow-up), and the evidence step asks for what the rule allows."""

import pytest

from sanad.intake.tests.conftest import ANSWERS, step_url

pytestmark = pytest.mark.django_db

RULE = "Intimate photos or videos: do not send them"
REMOVAL = 'href="https://takeitdown.ncmec.org/"'


def to_evidence(client, **what: object) -> str:  # type: ignore[no-untyped-def]
    client.post(step_url("danger"), {**ANSWERS["danger"], "next": ""})
    client.post(step_url("what"), {**ANSWERS["what"], **what, "next": ""})
    client.post(step_url("where"), {**ANSWERS["where"], "has_files": "on", "next": ""})
    return client.get(step_url("evidence")).content.decode()


@pytest.mark.smoke
def test_a_report_about_intimate_images_reads_the_rule_before_adding_files(client):
    page = to_evidence(client, categories=["sexual_exploitation"])
    assert RULE in page and REMOVAL in page
    assert "Screenshots of the messages, the threats or the profile" in page  # what the step asks for
    assert page.index(RULE) < page.index('type="file"')
    assert "<details" not in page[: page.index('type="file"')]  # said in the open, not folded


def test_a_demand_with_a_deadline_reads_it_too(client):
    client.post(step_url("danger"), {**ANSWERS["danger"], "sextortion_deadline": "yes", "next": ""})
    client.post(step_url("what"), {**ANSWERS["what"], "next": ""})
    client.post(step_url("where"), {**ANSWERS["where"], "has_files": "on", "next": ""})
    assert RULE in client.get(step_url("evidence")).content.decode()


def test_every_other_report_reads_it_in_one_line(client):
    page = to_evidence(client)
    assert RULE not in page
    assert "Never send intimate photos: describe them instead." in page


def test_the_advice_page_on_sextortion_says_it(client):
    assert RULE in client.get("/en/help/sexual_exploitation/").content.decode()
    assert RULE not in client.get("/en/help/harassment/").content.decode()


def test_the_receipt_and_the_follow_up_say_it(client, send_report, open_followup):
    receipt = send_report(client, what={"categories": ["sexual_exploitation"]})
    assert RULE in client.get("/en/report/sent/").content.decode()
    client.post("/en/report/sent/")
    open_followup(client, receipt)
    assert RULE in client.get("/en/follow-up/report/").content.decode()


def test_without_a_removal_service_the_rule_names_none(client, settings):
    settings.SANAD_IMAGE_REMOVAL_URL = ""
    page = to_evidence(client, categories=["sexual_exploitation"])
    assert RULE in page and "Take It Down" not in page

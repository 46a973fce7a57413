"""A P0 report e-mails the on-call staff once, with its reference and never its content."""

import pytest
from django.core import mail

from sanad.intake.models import Report
from sanad.intake.tasks import notify_oncall

pytestmark = pytest.mark.django_db

SECRET_STORY = "He says he will post the video tonight unless I pay"


@pytest.fixture
def p0_report(client, send_report, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        receipt = send_report(
            client,
            danger={"sextortion_deadline": "yes"},
            what={"categories": ["sexual_exploitation"], "description": SECRET_STORY},
            where={"platforms": ["snapchat"], "identifiers": "@night.caller.77"},
        )
    return Report.objects.get(), receipt


@pytest.mark.smoke
def test_a_p0_report_sends_one_email_to_the_on_call_address_without_its_content(p0_report, settings):
    report, receipt = p0_report
    assert report.urgency == "P0"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == settings.SANAD_ONCALL_EMAIL
    assert report.reference in message.subject
    text = message.subject + message.body
    for secret in [SECRET_STORY, "night.caller", receipt, receipt.replace("-", "")]:
        assert secret not in text
    report.refresh_from_db()
    assert report.oncall_notified_at is not None


def test_running_the_task_again_sends_nothing_more(p0_report):
    report, _ = p0_report
    notify_oncall.call(report.pk)
    notify_oncall.enqueue(report.pk)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("categories", [["sexual_exploitation"], ["harassment"], ["other"]])
def test_a_report_without_danger_signals_sends_no_email(
    client, send_report, django_capture_on_commit_callbacks, categories
):
    with django_capture_on_commit_callbacks(execute=True):
        send_report(client, what={"categories": categories})
    assert Report.objects.get().urgency != "P0"
    assert mail.outbox == []

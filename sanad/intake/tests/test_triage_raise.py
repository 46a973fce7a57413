"""The triage assistant reads the report's own words as it is sent: danger it finds there raises
the urgency at once (and a P0 alerts the on-call staff as a ticked box does); it never lowers
what the reporter answered."""

import json
from datetime import timedelta

import pytest
from django.core import mail

from conftest import stored_values
from sanad.intake.models import Report
from sanad.reference.urgency import deadline

pytestmark = pytest.mark.django_db

# Synthetic: "I don't want to live any more, everyone at school laughs at me" (Darija, Latin script).
NO_WILL_TO_LIVE = "ma b9itch baghi n3ich, kolchi kaydhek 3liya f lmdrasa"
HARASSED = "Ils se moquent de moi sur le groupe de la classe et m'insultent (exemple fictif)."


def phrases(report: Report) -> list[str]:
    text = report.description
    return [text[start:end] for item in report.triage["findings"] for start, end in item["spans"]]


@pytest.mark.smoke
def test_danger_only_in_the_text_makes_the_report_p0_and_alerts_the_on_call_staff(
    client, send_report, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        send_report(client, what={"categories": ["harassment"], "description": NO_WILL_TO_LIVE})
    report = Report.objects.get()
    assert (report.danger_now, report.self_harm, report.sextortion_deadline) == (False, False, False)
    assert report.urgency == "P0"
    assert report.raised_by_text
    assert report.first_action_due == report.submitted_at + deadline("P0")
    assert report.triage["answered"] == "P2"
    assert report.triage["signals"] == ["self_harm"]
    assert "ma b9itch baghi n3ich" in phrases(report)
    # The alert is the one a ticked box sends: the reference, never the words.
    [alert] = mail.outbox
    assert alert.to == settings.SANAD_ONCALL_EMAIL
    assert report.reference in alert.subject
    assert "n3ich" not in alert.subject + alert.body
    report.refresh_from_db()
    assert report.oncall_notified_at is not None


def test_what_the_assistant_keeps_is_codes_and_offsets_never_the_words(client, send_report):
    send_report(client, what={"categories": ["harassment"], "description": NO_WILL_TO_LIVE})
    report = Report.objects.get()
    assert "n3ich" not in json.dumps(report.triage)
    assert not [where for where in stored_values() if b"n3ich" in where[2]]


@pytest.mark.parametrize(
    ("answers", "text", "urgency"),
    [
        # The reporter ticked immediate danger; the text says nothing of it: P0 all the same.
        ({"danger": {"danger_now": "yes"}, "what": {"categories": ["other"]}}, "Un compte me suit.", "P0"),
        # Sexual exploitation (P1) answered; insults in the text (P2) do not lower it.
        ({"what": {"categories": ["sexual_exploitation"]}}, HARASSED, "P1"),
        # Harassment answered (P2), nothing more in the text: P2.
        ({"what": {"categories": ["harassment"]}}, "Des messages méchants depuis une semaine.", "P2"),
    ],
)
def test_the_text_never_lowers_what_the_reporter_answered(client, send_report, answers, text, urgency):
    answers["what"] = {**answers.get("what", {}), "description": text}
    send_report(client, **answers)
    report = Report.objects.get()
    assert report.urgency == urgency
    assert not report.raised_by_text


def test_a_text_of_insults_raises_other_to_harassment_level(client, send_report):
    send_report(client, what={"categories": ["other"], "description": HARASSED})
    report = Report.objects.get()
    assert (report.triage["answered"], report.urgency) == ("P3", "P2")
    assert report.triage["categories"] == ["harassment"]
    assert report.first_action_due - report.submitted_at == timedelta(hours=72)
    assert mail.outbox == []

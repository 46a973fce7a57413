"""The triage page shows the assistant's phrases highlighted in the reporter's words; the analyst
confirms or corrects its suggestion, and the answers are kept (and exported) as labelled examples."""

import json

import pytest
from django.core.management import CommandError, call_command

from sanad.audit.models import AuditEvent
from sanad.cases.models import TriageReview

pytestmark = pytest.mark.django_db

# Synthetic: "I don't want to live any more", then insults.
DANGER = "ma b9itch baghi n3ich. Ils m'insultent sur le groupe (exemple fictif)."


def page_of(client, report) -> str:
    response = client.get(f"/fr/staff/reports/{report.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_phrases_are_highlighted_and_the_raise_is_explained(analyst, sign_in, report_factory):
    report, _ = report_factory(description=DANGER, categories=("harassment",))
    assert report.urgency == "P0"
    page = page_of(sign_in(analyst), report)
    assert '<mark class="triage-mark triage-P0">ma b9itch baghi n3ich</mark>' in page
    assert '<mark class="triage-mark triage-category">insultent</mark>' in page
    assert "de P2 à P0" in page or "from P2 to P0" in page
    # The review form starts from the suggestion.
    assert 'name="signals" value="self_harm" id="assistant-signals_0" checked' in page


def test_the_reporter_words_are_escaped_around_the_highlights(analyst, sign_in, report_factory):
    report, _ = report_factory(description='<img src=x onerror=alert(1)> je veux mourir\n\n"deuxième" paragraphe')
    page = page_of(sign_in(analyst), report)
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; je <mark" in page
    assert "<p>&quot;deuxième&quot; paragraphe</p>" in page


def test_confirming_keeps_the_suggestion_as_a_labelled_example(analyst, sign_in, report_factory):
    report, _ = report_factory(description=DANGER, categories=("harassment",))
    response = sign_in(analyst).post(
        f"/fr/staff/reports/{report.pk}/assistant/",
        {"signals": ["self_harm"], "categories": ["harassment"], "urgency": "P0"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/fr/staff/reports/{report.pk}/"
    review = TriageReview.objects.get(report=report)
    assert (review.signals, review.categories, review.urgency, review.reviewed_by) == (
        ["self_harm"],
        ["harassment"],
        "P0",
        analyst,
    )
    assert review.confirmed == ["harassment", "self_harm"]
    assert (review.rejected, review.missed) == ([], [])
    event = AuditEvent.objects.get(action="report.triage_reviewed")
    assert event.detail["confirmed"] == ["harassment", "self_harm"]
    assert "n3ich" not in json.dumps(event.detail)
    report.refresh_from_db()
    assert report.urgency == "P0"  # the answer labels the words; it changes nothing in the report


def test_correcting_records_what_was_wrong_and_what_was_missed(analyst, sign_in, report_factory):
    report, _ = report_factory(description=DANGER, categories=("harassment",))
    client = sign_in(analyst)
    client.post(f"/fr/staff/reports/{report.pk}/assistant/", {"signals": ["self_harm"], "urgency": "P0"})
    client.post(
        f"/fr/staff/reports/{report.pk}/assistant/",
        {"signals": ["threat"], "categories": ["harassment", "threats"], "urgency": "P1"},
    )
    review = TriageReview.objects.get(report=report)
    assert review.rejected == ["self_harm"]
    assert review.missed == ["threat", "threats"]
    assert review.suggested == {"urgency": "P0", "signals": ["self_harm"], "categories": ["harassment"]}
    assert AuditEvent.objects.filter(action="report.triage_reviewed").count() == 2


@pytest.mark.parametrize(
    "data",
    [
        {"signals": ["self_harm"]},
        {"urgency": "P9"},
        {"urgency": "P1", "signals": ["flying"]},
        {"urgency": "P1", "categories": ["x"]},
    ],
)
def test_a_bad_answer_is_refused_and_nothing_is_kept(analyst, sign_in, report_factory, data):
    report, _ = report_factory(description=DANGER)
    response = sign_in(analyst).post(f"/fr/staff/reports/{report.pk}/assistant/", data)
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert not TriageReview.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "liaison", "school_team"])
def test_only_the_centre_answers_for_its_reports(request, sign_in, report_factory, who):
    report, _ = report_factory(description=DANGER)
    client = sign_in(request.getfixturevalue(who))
    response = client.post(f"/fr/staff/reports/{report.pk}/assistant/", {"signals": ["self_harm"], "urgency": "P0"})
    assert response.status_code == 404
    assert not TriageReview.objects.exists()


def test_answers_are_exported_with_their_words_for_evaluation(analyst, sign_in, report_factory, tmp_path):
    report, _ = report_factory(description=DANGER, categories=("harassment",))
    sign_in(analyst).post(f"/fr/staff/reports/{report.pk}/assistant/", {"signals": ["self_harm"], "urgency": "P0"})
    target = tmp_path / "examples.jsonl"
    call_command("export_triage_examples", "--output", str(target))
    [example] = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert example["text"] == DANGER
    assert (example["urgency"], example["signals"], example["categories"]) == ("P0", ["self_harm"], [])
    assert example["suggested"]["signals"] == ["self_harm"]
    assert AuditEvent.objects.get(action="triage.examples_exported").detail == {"count": 1}
    with pytest.raises(CommandError, match="cannot create"):
        call_command("export_triage_examples", "--output", str(target))  # never overwrites

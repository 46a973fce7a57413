"""Practice on the practice screens: scored with feedback, and isolated from real data."""

import pytest
from django.apps import apps
from django.core import mail

from sanad.audit.models import AuditEvent
from sanad.training.models import Attempt, CaseStudy
from sanad.training.tests.helpers import answer_study

pytestmark = pytest.mark.django_db

REAL_APPS = ("intake", "cases", "schools", "evidence", "audit")


def _real_counts() -> dict[str, int]:
    return {
        f"{model._meta.app_label}.{model.__name__}": model.objects.count()
        for app in REAL_APPS
        for model in apps.get_app_config(app).get_models()
    }


def _start(client, slug: str) -> Attempt:
    study = CaseStudy.objects.get(slug=slug)
    response = client.post(f"/fr/staff/training/practice/{study.pk}/start/")
    assert response.status_code == 302
    return Attempt.objects.filter(version__study=study).latest("started_at")


def test_the_practice_queue_lists_the_library(library_loaded, analyst, sign_in):
    response = sign_in(analyst).get("/fr/staff/training/practice/")
    assert response.status_code == 200
    assert response.content.decode().count("EX-") >= 30


def test_a_full_practice_run_writes_nothing_real_sends_nothing_and_audits_nothing(
    library_loaded, school_team, sign_in, django_capture_on_commit_callbacks
):
    client = sign_in(school_team)
    before = _real_counts()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for slug in ("hidden-self-harm", "sextortion-without-the-word", "figurative-dying-of-laughter"):
            attempt = _start(client, slug)
            answer_study(client, attempt)
            assert client.get(f"/fr/staff/training/attempts/{attempt.pk}/feedback/").status_code == 200
    assert _real_counts() == before
    assert AuditEvent.objects.count() == before["audit.AuditEvent"]
    assert mail.outbox == []
    assert callbacks == []


def test_the_right_answer_scores_full_marks(library_loaded, analyst, sign_in):
    client = sign_in(analyst)
    attempt = _start(client, "grooming-meeting-saturday")
    answer_study(client, attempt)
    attempt.refresh_from_db()
    assert attempt.score == 1
    page = client.get(f"/fr/staff/training/attempts/{attempt.pk}/feedback/").content.decode()
    assert "100 %" in page
    assert 'id="missed-title"' not in page


def test_feedback_lists_the_missed_danger_signal_first(library_loaded, analyst, sign_in):
    client = sign_in(analyst)
    attempt = _start(client, "hidden-self-harm")
    answer_study(client, attempt, right=False)
    attempt.refresh_from_db()
    assert attempt.score < 0.3
    assert attempt.parts[0]["name"] == "danger_signals"
    assert attempt.parts[0]["missed"] == ["self_harm"]
    page = client.get(f"/fr/staff/training/attempts/{attempt.pk}/feedback/").content.decode()
    missed = page.index('id="missed-title"')
    assert missed < page.index('id="parts-title"')
    # The reasons are shown.
    assert "Donner ses affaires" in page


def test_the_referral_preview_is_the_real_package_for_the_choices(library_loaded, analyst, sign_in):
    client = sign_in(analyst)
    attempt = _start(client, "sextortion-without-the-word")
    client.post(
        f"/fr/staff/training/attempts/{attempt.pk}/triage/", {"urgency": "P0", "categories": ["sexual_exploitation"]}
    )
    platform = client.post(
        f"/fr/staff/training/attempts/{attempt.pk}/referral/",
        {"referral": "platform", "redaction": ["identifiers"], "preview": "1"},
    ).content.decode()
    assert "package-platform" in platform
    assert "@night.rider.demo" in platform
    assert "10 dyal lil" not in platform  # the reporter's words were not shared
    police = client.post(
        f"/fr/staff/training/attempts/{attempt.pk}/referral/",
        {"referral": "police", "redaction": ["reporter_text", "identifiers"], "preview": "1"},
    ).content.decode()
    assert "10 dyal lil" in police


def test_a_bad_answer_keeps_what_was_typed_and_never_fails(library_loaded, analyst, sign_in):
    client = sign_in(analyst)
    attempt = _start(client, "class-group-insults")
    response = client.post(
        f"/fr/staff/training/attempts/{attempt.pk}/triage/", {"urgency": "P9", "danger_signals": ["threat"]}
    )
    assert response.status_code == 200
    assert 'value="threat" checked' in response.content.decode() or "checked" in response.content.decode()
    attempt.refresh_from_db()
    assert not attempt.answer


def test_a_finished_exercise_is_not_answered_again(library_loaded, analyst, sign_in):
    client = sign_in(analyst)
    attempt = _start(client, "doxxing-address-phone")
    answer_study(client, attempt)
    again = client.post(f"/fr/staff/training/attempts/{attempt.pk}/triage/", {"urgency": "P3", "categories": ["other"]})
    assert again.status_code == 302
    attempt.refresh_from_db()
    assert attempt.answer["urgency"] == "P2"


def test_a_trainee_sees_only_their_own_attempts(library_loaded, analyst, second_analyst, sign_in):
    attempt = _start(sign_in(analyst), "hacked-instagram")
    other = sign_in(second_analyst)
    for stage in ("", "triage/", "referral/", "feedback/"):
        assert other.get(f"/fr/staff/training/attempts/{attempt.pk}/{stage}").status_code == 404
    missing = other.get("/fr/staff/training/attempts/999999/triage/")
    assert missing.status_code == 404

"""Trusted reporters submit reports through the portal's own questions and rules, with idempotency
keys, and get a receipt the child uses on the follow-up page."""

import pytest

from sanad.audit.models import AuditEvent
from sanad.intake import receipts
from sanad.intake.models import Report

pytestmark = pytest.mark.django_db


def body(**changes: object) -> dict:
    return {
        "language": "fr",
        "danger_now": False,
        "self_harm": False,
        "sextortion_deadline": False,
        "reporter_role": "professional",
        "categories": ["harassment"],
        "description": "Un élève reçoit des insultes chaque soir (appel fictif à la ligne d'écoute).",
        "platforms": ["instagram"],
        "identifiers": ["@demo.insults"],
        "started": "week",
        "ongoing": "yes",
        "victim_age_band": "13_15",
        "victim_gender": "boy",
        "region": None,
        "told": ["other_adult"],
        "contact": None,
        "consent_share": False,
        "school": "",
    } | changes


def test_a_report_with_a_receipt_for_the_follow_up_page(helpline_partner, client):
    response = helpline_partner.post("/reports", body(), HTTP_IDEMPOTENCY_KEY="call-2026-0001")
    assert response.status_code == 201, response.content
    answer = response.json()
    report = Report.objects.get(reference=answer["reference"])
    assert report.channel == "api" and report.urgency == answer["urgency"]
    assert report.description.startswith("Un élève reçoit")  # sealed like the portal's
    assert report.receipt_digest == receipts.digest(answer["receipt"])
    assert answer["followup_url"].endswith("/fr/follow-up/")
    followed = client.post("/fr/follow-up/", {"receipt": answer["receipt"]}, follow=True)
    assert report.reference in followed.content.decode() or followed.status_code == 200
    assert AuditEvent.objects.filter(action="report.received_by_api", object_id=str(report.pk)).exists()


def test_the_portals_urgency_rules(helpline_partner):
    answer = helpline_partner.post("/reports", body(self_harm=True), HTTP_IDEMPOTENCY_KEY="call-2026-0002").json()
    assert answer["urgency"] == "P0"


def test_same_key_same_body_same_answer_other_body_409(helpline_partner):
    first = helpline_partner.post("/reports", body(), HTTP_IDEMPOTENCY_KEY="call-2026-0003")
    again = helpline_partner.post("/reports", body(), HTTP_IDEMPOTENCY_KEY="call-2026-0003")
    assert again.status_code == 201 and again.json() == first.json()
    assert Report.objects.count() == 1
    other = helpline_partner.post(
        "/reports", body(description="Autre chose (fictif)."), HTTP_IDEMPOTENCY_KEY="call-2026-0003"
    )
    assert other.status_code == 409 and other.json()["error"] == "idempotency_key_reused"
    assert Report.objects.count() == 1


def test_the_portals_validation(helpline_partner):
    missing_key = helpline_partner.post("/reports", body())
    assert missing_key.status_code == 422
    contact = helpline_partner.post(
        "/reports",
        body(contact={"method": "email", "value": "not an address", "safe": False}),
        HTTP_IDEMPOTENCY_KEY="call-2026-0004",
    )
    assert contact.status_code == 422
    assert set(contact.json()["fields"]) == {"contact.contact_value", "contact.contact_safe"}
    nobody = helpline_partner.post("/reports", body(told=["nobody", "parent"]), HTTP_IDEMPOTENCY_KEY="call-2026-0005")
    assert nobody.status_code == 422 and "child.told" in nobody.json()["fields"]
    unknown_platform = helpline_partner.post(
        "/reports", body(platforms=["myspace"]), HTTP_IDEMPOTENCY_KEY="call-2026-0006"
    )
    assert unknown_platform.status_code == 422
    assert Report.objects.count() == 0
    # A failed request does not spend its key.
    assert helpline_partner.post("/reports", body(), HTTP_IDEMPOTENCY_KEY="call-2026-0004").status_code == 201


def test_scope(platform_partner, police_partner):
    assert platform_partner.post("/reports", body(), HTTP_IDEMPOTENCY_KEY="call-2026-0007").status_code == 403
    assert police_partner.post("/reports", body(), HTTP_IDEMPOTENCY_KEY="call-2026-0008").status_code == 403

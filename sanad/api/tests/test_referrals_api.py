"""Authorities read, acknowledge and update their referrals, and download the same frozen pack
their liaison's page gives: exactly what the referral sent, with its redaction."""

import hashlib

import pytest

from sanad.api.tests.conftest import token_for
from sanad.cases import actions
from sanad.cases.pack import build_referral_pack, read_pack
from sanad.cases.tests.casework import attach, noisy_png

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(analyst, police, report_factory):
    report, _ = report_factory(description="Des menaces (exemple fictif).", identifiers=("@demo.threat",))
    attach(report, noisy_png(seed=7))
    case = actions.open_case(report, by=analyst)
    return actions.refer_case(
        case,
        target="police",
        organisation=police,
        brief="Pour enquête (fictif).",
        legal_ground="Art. 447-1",
        by=analyst,
    )


def test_the_referral_is_its_frozen_snapshot(referral, police_partner, analyst, report_factory):
    later, _ = report_factory(description="Un signalement lié plus tard (fictif).", identifiers=("@demo.later",))
    actions.link_report(later, case=referral.case, by=analyst)
    body = police_partner.get(f"/referrals/{referral.pk}").json()
    sent = body["sent"]
    assert body["case_reference"] == referral.case.reference and body["status"] == "sent"
    assert [part["text"] for part in sent["reports"]] == ["Des menaces (exemple fictif)."]
    assert [item["value"] for item in sent["identifiers"]] == ["demo.threat"]
    assert [item["sha256"] for item in sent["files"]] == [item["sha256"] for item in referral.snapshot["files"]]
    assert all("evidence" not in item for item in sent["files"])  # no internal ids
    assert sent["legal_ground"] == "Art. 447-1"


def test_acknowledge_then_update(referral, police_partner):
    acknowledged = police_partner.post(f"/referrals/{referral.pk}/acknowledge").json()
    assert acknowledged["status"] == "received" and acknowledged["acknowledged_at"]
    assert police_partner.post(f"/referrals/{referral.pk}/acknowledge").json()["status"] == "received"
    refused = police_partner.post(f"/referrals/{referral.pk}/update", {"status": "refused", "answer": ""})
    assert refused.status_code == 400
    updated = police_partner.post(
        f"/referrals/{referral.pk}/update", {"status": "investigating", "answer": "Enquête ouverte (fictif)."}
    )
    assert updated.json()["status"] == "investigating" and updated.json()["answer"] == "Enquête ouverte (fictif)."


def test_the_pack_is_the_one_sent(referral, police_partner):
    not_ready = police_partner.get(f"/referrals/{referral.pk}/pack")
    assert not_ready.status_code == 404 and not_ready.json()["error"] == "pack_not_ready"
    build_referral_pack(referral.pk)
    referral.refresh_from_db()
    response = police_partner.get(f"/referrals/{referral.pk}/pack")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response.content == read_pack(referral)
    assert hashlib.sha256(response.content).hexdigest() == referral.pack_sha256


def test_another_authoritys_referral_is_not_found(referral, other_police, administrator, police_partner):
    other = token_for(other_police, administrator)
    assert other.get("/referrals").json() == []
    for path in (f"/referrals/{referral.pk}", f"/referrals/{referral.pk}/pack"):
        assert other.get(path).status_code == 404
        assert other.get(path).json() == police_partner.get(path.replace(str(referral.pk), "999999")).json()
    assert other.post(f"/referrals/{referral.pk}/acknowledge").status_code == 404
    referral.refresh_from_db()
    assert referral.status == "sent"


def test_scopes(referral, police, administrator, platform_partner):
    reader = token_for(police, administrator, scopes=["referrals:read"])
    assert reader.get(f"/referrals/{referral.pk}").status_code == 200
    assert reader.post(f"/referrals/{referral.pk}/acknowledge").status_code == 403
    assert reader.get(f"/referrals/{referral.pk}/pack").status_code == 403
    assert platform_partner.get("/referrals").status_code == 403


def test_bad_input(referral, police_partner):
    wrong = police_partner.post(f"/referrals/{referral.pk}/update", {"status": "lost"})
    assert wrong.status_code == 422
    assert police_partner.get("/referrals", {"offset": -1}).status_code == 422
    assert (
        police_partner.client.post(
            f"/api/v1/referrals/{referral.pk}/update", "[", content_type="application/json"
        ).status_code
        == 400
    )

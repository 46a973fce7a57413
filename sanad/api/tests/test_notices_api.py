"""Platforms take and answer their notices through the API; a test platform client removes the
content and answers, and the time to removal appears on the case and in the figures."""

from datetime import timedelta

import pytest
import time_machine

from sanad.api.tests.conftest import token_for
from sanad.audit.models import AuditEvent
from sanad.cases import actions, notices
from sanad.cases.models import Notice

pytestmark = pytest.mark.django_db

LINK = "https://www.tiktok.com/@demo.account/video/7301234567890123456?is_from_webapp=1"


@pytest.fixture
def referral(analyst, platform_org, report_factory):
    report, _ = report_factory(categories=("harassment",), platforms=("tiktok",), identifiers=(LINK, "@demo.other"))
    case = actions.open_case(report, by=analyst)
    return actions.refer_case(
        case, target="platform", organisation=platform_org, brief="", legal_ground="Loi 103-13, art. 1-1", by=analyst
    )


def test_a_platform_client_takes_a_notice_removes_the_content_and_answers(referral, platform_partner, analyst, sign_in):
    """The test platform: list what is new, acknowledge, take the content down, answer."""
    sent_at = referral.sent_at
    with time_machine.travel(sent_at + timedelta(hours=1)):
        new = platform_partner.get("/notices", {"state": "sent"}).json()
        assert [item["content"] for item in new] == [LINK, "@demo.other"]  # the exact link, as typed
        notice = new[0]
        assert notice["legal_ground"] == "Loi 103-13, art. 1-1" and notice["clock"] == "other"
        assert platform_partner.post(f"/notices/{notice['id']}/acknowledge").json()["state"] == "acknowledged"
    with time_machine.travel(sent_at + timedelta(hours=5, minutes=15)):
        answered = platform_partner.post(f"/notices/{notice['id']}/answer", {"state": "removed"})
    assert answered.status_code == 200, answered.content
    assert answered.json()["state"] == "removed"
    # The case page shows it, with its time to removal.
    page = sign_in(analyst).get(f"/fr/staff/cases/{referral.case_id}/").content.decode()
    assert f'id="notice-{notice["id"]}"' in page and "5 heures" in page
    # The figures.
    [row] = notices.removal_times(organisation_id=referral.organisation_id)
    assert (row.notices, row.taken_down, row.waiting, row.median_hours) == (2, 1, 1, 5.25)
    assert AuditEvent.objects.filter(action="notice.answered", object_id=str(notice["id"]), detail__via="api").exists()


def test_a_refusal_without_reason_is_refused_then_with_it_recorded(referral, platform_partner):
    notice = referral.notices.first()
    refused = platform_partner.post(f"/notices/{notice.pk}/answer", {"state": "refused"})
    assert refused.status_code == 400 and refused.json()["error"] == "notice_refusal_reason"
    ok = platform_partner.post(f"/notices/{notice.pk}/answer", {"state": "refused", "reason": "Satire (fictitious)."})
    assert ok.json()["reason"] == "Satire (fictitious)."
    again = platform_partner.post(f"/notices/{notice.pk}/answer", {"state": "removed"})
    assert again.status_code == 409


def test_another_platforms_notice_is_not_found(referral, other_platform_partner, platform_partner):
    notice = referral.notices.first()
    assert other_platform_partner.get("/notices").json() == []
    for method, path in [
        ("get", f"/notices/{notice.pk}"),
        ("post", f"/notices/{notice.pk}/acknowledge"),
        ("post", f"/notices/{notice.pk}/answer"),
    ]:
        body = {"state": "removed"} if path.endswith("answer") else None
        theirs = (
            getattr(other_platform_partner, method)(path, body)
            if body
            else getattr(other_platform_partner, method)(path)
        )
        missing = (
            getattr(platform_partner, method)(path.replace(str(notice.pk), "999999"), body)
            if body
            else getattr(platform_partner, method)(path.replace(str(notice.pk), "999999"))
        )
        assert theirs.status_code == missing.status_code == 404
        assert theirs.json() == missing.json()
    notice.refresh_from_db()
    assert notice.state == "sent"


def test_scopes(referral, platform_org, police_partner, administrator):
    reader = token_for(platform_org, administrator, scopes=["notices:read"])
    notice = referral.notices.first()
    assert reader.get(f"/notices/{notice.pk}").status_code == 200
    answer = reader.post(f"/notices/{notice.pk}/answer", {"state": "removed"})
    assert answer.status_code == 403 and answer.json()["error"] == "scope_missing"
    assert police_partner.get("/notices").status_code == 403


def test_no_token_a_wrong_token_a_revoked_token(referral, platform_partner, client):
    from sanad.api import actions as api_actions
    from sanad.api.models import ApiToken

    assert client.get("/api/v1/notices").status_code == 401
    assert client.get("/api/v1/notices", HTTP_AUTHORIZATION="Bearer sanad_wrong").status_code == 401
    assert client.get("/api/v1/notices", HTTP_COOKIE="sessionid=x").status_code == 401  # no cookie auth
    token = ApiToken.objects.get()
    api_actions.revoke_token(token, by=token.created_by)
    assert platform_partner.get("/notices").status_code == 401


def test_every_use_is_audited(referral, platform_partner):
    before = AuditEvent.objects.filter(action="api.used").count()
    platform_partner.get("/notices")
    platform_partner.get(f"/notices/{referral.notices.first().pk}")
    assert AuditEvent.objects.filter(action="api.used").count() == before + 2


def test_rate_limit_per_token(referral, platform_partner, other_platform_partner, settings):
    settings.SANAD_RATE_LIMITS = settings.SANAD_RATE_LIMITS | {"api_token": "3/60"}
    answers = [platform_partner.get("/notices").status_code for _ in range(5)]
    assert answers[:3] == [200, 200, 200] and answers[-1] == 429
    limited = platform_partner.get("/notices")
    assert limited.json()["error"] == "rate_limited" and limited["Retry-After"]
    assert other_platform_partner.get("/notices").status_code == 200  # another token, its own count


def test_bad_input(referral, platform_partner):
    notice = referral.notices.first()
    path = f"/api/v1/notices/{notice.pk}/answer"
    malformed = platform_partner.client.post(path, "{not json", content_type="application/json")
    assert malformed.status_code == 400
    wrong = platform_partner.post(f"/notices/{notice.pk}/answer", {"state": 3, "reason": ["x"]})
    assert wrong.status_code == 422 and wrong.json()["error"] == "invalid"
    unknown_state = platform_partner.post(f"/notices/{notice.pk}/answer", {"state": "deleted"})
    assert unknown_state.status_code == 422
    huge = platform_partner.client.post(
        path, '{"state": "refused", "reason": "' + "x" * 3_000_000 + '"}', content_type="application/json"
    )
    assert huge.status_code in {400, 413}
    assert platform_partner.get("/notices/not-a-number").status_code in {404, 422}
    assert platform_partner.get("/notices", {"limit": "lots"}).status_code == 422
    notice.refresh_from_db()
    assert notice.state == "sent"


def test_staff_record_an_answer_for_a_platform_without_api(referral, analyst, sign_in):
    notice = referral.notices.first()
    client = sign_in(analyst)
    page = client.get(f"/fr/staff/referrals/{referral.pk}/").content.decode()
    assert "Notices" in page or "Avis" in page or f"notice-{notice.pk}" in page
    url = f"/fr/staff/referrals/{referral.pk}/notices/{notice.pk}/answer/"
    refused = client.post(url, {"state": "refused", "reason": ""})
    assert refused.status_code == 400
    response = client.post(url, {"state": "restricted"})
    assert response.status_code == 302
    notice.refresh_from_db()
    assert (notice.state, notice.answered_via) == ("restricted", "staff")
    assert Notice.objects.get(pk=notice.pk).time_to_removal is not None

"""A liaison sees only what was referred to their organisation, acknowledges and answers it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sanad.audit.models import AuditEvent
from sanad.cases.actions import refer_case
from sanad.cases.models import Case, CaseStatus, Referral, ReferralStatus
from sanad.cases.tests.conftest import _user
from sanad.cases.tests.referral_helpers import DESCRIPTION, case_with_files

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]  # also on SQLite, as the demo runs


def refer(case, organisation, analyst, target="police") -> Referral:
    return refer_case(
        case,
        target=target,
        organisation=organisation,
        brief="Merci de nous tenir informés (fictif).",
        legal_ground="Article 447-1 du Code pénal",
        by=analyst,
    )


def make_overdue(referral: Referral) -> None:
    Referral.objects.filter(pk=referral.pk).update(answer_due=timezone.now() - timedelta(hours=1))


@pytest.fixture
def referral(analyst, police, report_factory):
    case, _report, _files = case_with_files(analyst, report_factory)
    return refer(case, police, analyst)


def url(referral: Referral, action: str = "") -> str:
    return f"/fr/staff/referrals/{referral.pk}/{action}"


def test_a_liaison_lists_only_their_organisations_referrals(
    referral, analyst, other_police, liaison, report_factory, sign_in
):
    elsewhere_case, _report, _files = case_with_files(analyst, report_factory)
    elsewhere = refer(elsewhere_case, other_police, analyst)
    make_overdue(referral)
    page = sign_in(liaison).get("/fr/staff/referrals/").content.decode()
    assert referral.case.reference in page
    assert elsewhere.case.reference not in page
    assert "badge-overdue" in page


def test_centre_staff_see_every_referral_overdue_first(analyst, police, other_police, report_factory, sign_in):
    cases = [case_with_files(analyst, report_factory)[0] for _ in range(3)]
    on_time = refer(cases[0], police, analyst)
    late = refer(cases[1], other_police, analyst)
    answered = refer(cases[2], police, analyst)
    make_overdue(late)
    Referral.objects.filter(pk=answered.pk).update(status=ReferralStatus.CLOSED)
    page = sign_in(analyst).get("/fr/staff/referrals/").content.decode()
    positions = [page.index(item.case.reference) for item in (late, on_time, answered)]
    assert positions == sorted(positions)

    only_late = sign_in(analyst).get("/fr/staff/referrals/?show=overdue").content.decode()
    assert late.case.reference in only_late and on_time.case.reference not in only_late


def test_the_liaison_reads_what_the_profile_allows_and_the_view_is_audited(referral, liaison, sign_in):
    response = sign_in(liaison).get(url(referral))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Merci de nous tenir informés (fictif)." in page and DESCRIPTION in page
    assert f"/fr/staff/cases/{referral.case_id}/" not in page  # no way into the case page
    event = AuditEvent.objects.get(action="referral.viewed")
    assert (event.actor, event.object_id) == (liaison, str(referral.pk))


def test_a_platform_liaison_never_reads_the_reporters_text(analyst, platform_org, report_factory, sign_in):
    case, _report, _files = case_with_files(analyst, report_factory)
    platform_referral = refer(case, platform_org, analyst, target="platform")
    platform_liaison = _user("platform_liaison", platform_org, "liaison")
    page = sign_in(platform_liaison).get(url(platform_referral)).content.decode()
    assert "Article 447-1 du Code pénal" in page
    assert DESCRIPTION not in page


def test_the_liaison_acknowledges_then_answers(referral, liaison, sign_in):
    client = sign_in(liaison)
    before = Case.objects.values().get(pk=referral.case_id)

    response = client.post(url(referral, "update/"), {"status": "received", "answer": ""})
    assert response.status_code == 302 and response["Location"] == url(referral)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.RECEIVED and referral.acknowledged_at and not referral.answered_at

    client.post(url(referral, "update/"), {"status": "content_removed", "answer": "Contenu retiré (fictif)."})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CONTENT_REMOVED and referral.answered_at
    assert referral.answer == "Contenu retiré (fictif)."

    changes = [
        (event.detail["old"], event.detail["new"])
        for event in AuditEvent.objects.filter(action="referral.updated").order_by("seq")
    ]
    assert changes == [("sent", "received"), ("received", "content_removed")]
    assert all(event.actor == liaison for event in AuditEvent.objects.filter(action="referral.updated"))
    assert "Contenu retiré" not in str(AuditEvent.objects.filter(action="referral.updated").values_list("detail"))
    assert Case.objects.values().get(pk=referral.case_id) == before  # the case itself is the centre's

    page = client.get(url(referral)).content.decode()
    assert "Contenu retiré (fictif)." in page
    assert page.count('<li><time datetime="') == 3  # sent, received, content removed


def test_a_refusal_needs_its_reason(referral, liaison, sign_in):
    client = sign_in(liaison)
    response = client.post(url(referral, "update/"), {"status": "refused", "answer": "  "})
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    assert not AuditEvent.objects.filter(action="referral.updated").exists()

    client.post(url(referral, "update/"), {"status": "refused", "answer": "Hors de notre compétence (fictif)."})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REFUSED and referral.answer == "Hors de notre compétence (fictif)."


def test_an_unknown_status_is_refused(referral, liaison, sign_in):
    response = sign_in(liaison).post(url(referral, "update/"), {"status": "sent", "answer": ""})
    assert response.status_code == 400


def test_centre_staff_read_but_do_not_answer_for_the_liaison(referral, analyst, sign_in):
    client = sign_in(analyst)
    assert client.get(url(referral)).status_code == 200
    assert client.post(url(referral, "update/"), {"status": "received"}).status_code == 404


@pytest.mark.parametrize("persona", ["unrelated_liaison", "outsider", "school_team", "ministry_viewer"])
def test_others_find_nothing(referral, persona, sign_in, request):
    client = sign_in(request.getfixturevalue(persona))
    assert client.get(url(referral)).status_code == 404
    assert client.post(url(referral, "update/"), {"status": "received", "answer": ""}).status_code == 404
    assert client.get(url(referral, "pack/")).status_code == 404
    assert referral.case.reference not in client.get("/fr/staff/referrals/").content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    assert not AuditEvent.objects.filter(action__in=["referral.viewed", "referral.updated"]).exists()


def test_a_liaison_cannot_open_the_case_page(referral, liaison, sign_in):
    assert sign_in(liaison).get(f"/fr/staff/cases/{referral.case_id}/").status_code == 404
    assert Case.objects.get(pk=referral.case_id).status == CaseStatus.REFERRED


def test_the_liaison_sees_the_shared_pictures_blurred_and_reveals_them_on_record(referral, liaison, sign_in):
    client = sign_in(liaison)
    page = client.get(url(referral)).content.decode()
    picture = next(item for item in referral.case.case_reports.get().report.evidence.all() if item.is_image)
    address = f"/fr/staff/evidence/{picture.pk}/preview/"
    assert address in page and "is-blurred" in page
    assert client.get(address)["Content-Type"] == "image/jpeg"
    assert client.post(f"/fr/staff/evidence/{picture.pk}/reveal/").status_code == 302
    assert AuditEvent.objects.filter(action="evidence.revealed", actor=liaison, object_id=str(picture.pk)).exists()
    assert "is-blurred" not in client.get(url(referral)).content.decode().split(f'id="evidence-{picture.pk}"')[1][:600]

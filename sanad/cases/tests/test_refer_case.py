"""An analyst refers a case: chooses the target, writes the brief, previews exactly what is sent, sends."""

from datetime import timedelta

import pytest

from sanad.audit.models import AuditEvent
from sanad.cases.actions import close_case
from sanad.cases.models import CaseStatus, Referral, ReferralStatus
from sanad.cases.tests.referral_helpers import (
    case_with_files,
    form_data,
    package_of,
    preview,
    refer_url,
    send,
)
from sanad.testing import set_deadline

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]  # also on SQLite, as the demo runs


def test_the_analyst_first_chooses_the_kind_of_recipient(analyst, report_factory, sign_in):
    case, _report, _files = case_with_files(analyst, report_factory)
    page = sign_in(analyst).get(refer_url(case))
    assert page.status_code == 200
    assert 'name="target"' in page.content.decode() and 'value="platform"' in page.content.decode()


def test_only_organisations_of_the_matching_kind_are_offered(
    analyst, police, other_police, platform_org, report_factory, sign_in
):
    case, _report, _files = case_with_files(analyst, report_factory)
    page = sign_in(analyst).get(refer_url(case) + "?target=police").content.decode()
    assert police.name in page and other_police.name in page
    assert platform_org.name not in page


def test_an_organisation_of_another_kind_is_refused(analyst, platform_org, report_factory, sign_in):
    case, _report, _files = case_with_files(analyst, report_factory)
    response = preview(sign_in(analyst), case, form_data("police", platform_org))
    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_a_platform_request_needs_its_legal_ground(analyst, platform_org, report_factory, sign_in):
    case, _report, _files = case_with_files(analyst, report_factory)
    response = preview(sign_in(analyst), case, form_data("platform", platform_org, legal_ground=""))
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()


def test_the_preview_shows_exactly_what_the_recipient_receives(analyst, liaison, police, report_factory, sign_in):
    case, _report, _files = case_with_files(analyst, report_factory)
    analyst_client = sign_in(analyst)
    data = form_data("police", police, brief="Première ligne.\nالسطر الثاني بالعربية.")
    previewed = package_of(preview(analyst_client, case, data))
    assert not Referral.objects.exists()  # a preview sends nothing

    referral = send(analyst_client, case, data)
    received = package_of(sign_in(liaison).get(f"/fr/staff/referrals/{referral.pk}/"))
    assert received == previewed
    assert 'dir="rtl">السطر الثاني بالعربية.</p>' in received


def test_sending_creates_the_referral_with_the_platform_deadline(analyst, platform_org, report_factory, sign_in):
    case, _report, _files = case_with_files(analyst, report_factory)
    referral = send(sign_in(analyst), case, form_data("platform", platform_org))
    assert (referral.target, referral.organisation, referral.status) == ("platform", platform_org, ReferralStatus.SENT)
    assert referral.brief == "Merci de traiter ce signalement (fictif)."
    assert referral.legal_ground == "Article 447-1 du Code pénal"
    assert referral.answer_due - referral.sent_at == timedelta(hours=48)
    case.refresh_from_db()
    assert case.status == CaseStatus.REFERRED
    event = AuditEvent.objects.get(action="referral.sent")
    assert event.object_id == str(referral.pk) and event.actor == analyst
    assert "brief" not in event.detail  # the audit log holds ids and codes, never what was written


def test_the_deadline_follows_the_reference_data(analyst, platform_org, report_factory, sign_in):
    set_deadline("referral", "platform", timedelta(hours=12))
    case, _report, _files = case_with_files(analyst, report_factory)
    referral = send(sign_in(analyst), case, form_data("platform", platform_org))
    assert referral.answer_due - referral.sent_at == timedelta(hours=12)


def test_a_repeated_send_makes_one_referral(analyst, police, report_factory, sign_in):
    case, _report, _files = case_with_files(analyst, report_factory)
    client = sign_in(analyst)
    data = form_data("police", police)
    first = send(client, case, data)
    again = send(client, case, data)  # a double tap, or the back button and send again
    assert again == first
    assert Referral.objects.count() == 1
    assert AuditEvent.objects.filter(action="referral.sent").count() == 1


def test_a_case_changed_since_the_preview_is_previewed_again(analyst, police, report_factory, sign_in):
    case, _report, _files = case_with_files(analyst, report_factory)
    client = sign_in(analyst)
    data = form_data("police", police)
    response = client.post(refer_url(case), data | {"send": "1", "fingerprint": "0" * 64})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not Referral.objects.exists()


def test_change_goes_back_to_the_form_with_what_was_written(analyst, police, report_factory, sign_in):
    case, _report, _files = case_with_files(analyst, report_factory)
    data = form_data("police", police, brief="Texte à reprendre (fictif).")
    page = sign_in(analyst).post(refer_url(case), data | {"edit": "1"}).content.decode()
    assert "Texte à reprendre (fictif).</textarea>" in page
    assert not Referral.objects.exists()


def test_a_closed_case_cannot_be_referred(analyst, police, report_factory, sign_in):
    case, _report, _files = case_with_files(analyst, report_factory)
    close_case(case, outcome="resolved", by=analyst)
    assert sign_in(analyst).get(refer_url(case)).status_code == 400
    assert preview(sign_in(analyst), case, form_data("police", police)).status_code == 400


@pytest.mark.parametrize("persona", ["liaison", "outsider", "school_team", "ministry_viewer"])
def test_only_centre_staff_refer(persona, analyst, police, report_factory, sign_in, request):
    case, _report, _files = case_with_files(analyst, report_factory)
    client = sign_in(request.getfixturevalue(persona))
    assert client.get(refer_url(case)).status_code == 404
    assert preview(client, case, form_data("police", police)).status_code == 404
    assert not Referral.objects.exists()

"""A referral is what was sent: its recipient's page, the files they may open and the pack never
follow the case afterwards. New material goes only through an addendum, itself previewed."""

import pytest

from sanad.audit.models import AuditEvent
from sanad.cases import actions
from sanad.cases.models import Referral
from sanad.cases.pack import read_pack
from sanad.cases.tests.casework import attach, noisy_png
from sanad.cases.tests.referral_helpers import (
    case_with_files,
    fingerprint,
    form_data,
    open_zip,
    package_of,
    preview,
    refer_url,
    send,
)

pytestmark = pytest.mark.django_db

LATER_TEXT = "Nouveau message de menace reçu hier soir (fictif)."
LATER_HANDLE = "@demo.second.account"
LATER_CONTACT = "+212600000777"


@pytest.fixture
def referred(analyst, police, report_factory, sign_in, django_capture_on_commit_callbacks):
    case, _report, _files = case_with_files(analyst, report_factory)
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(sign_in(analyst), case, form_data("police", police))
    referral.refresh_from_db()
    return case, referral


@pytest.fixture
def later_report(report_factory):
    report, _ = report_factory(description=LATER_TEXT, identifiers=(LATER_HANDLE,), contact=LATER_CONTACT)
    report.consent_contact = True
    report.save()
    evidence = attach(report, noisy_png(seed=7), name="later.png")
    return report, evidence


def link_later(case, later_report, analyst):
    report, evidence = later_report
    actions.link_report(report, case=case, by=analyst)
    return report, evidence


def test_a_report_linked_later_never_reaches_the_recipient(referred, later_report, analyst, liaison, sign_in):
    case, referral = referred
    before_page = package_of(sign_in(liaison).get(f"/fr/staff/referrals/{referral.pk}/"))
    pack_before = read_pack(referral)
    report, evidence = link_later(case, later_report, analyst)

    client = sign_in(liaison)
    page = client.get(f"/fr/staff/referrals/{referral.pk}/")
    assert page.status_code == 200
    assert package_of(page) == before_page
    body = page.content.decode()
    for leaked in (LATER_TEXT, "demo.second.account", LATER_CONTACT, report.reference):
        assert leaked not in body
    # Nor can the liaison open the later report's file, blurred or not.
    assert client.get(f"/fr/staff/evidence/{evidence.pk}/preview/").status_code == 404
    assert client.post(f"/fr/staff/evidence/{evidence.pk}/reveal/").status_code == 404
    # The pack is the one built when it was sent.
    referral.refresh_from_db()
    assert read_pack(referral) == pack_before


def test_the_files_sent_stay_openable_by_the_recipient(referred, liaison, sign_in):
    _case, referral = referred
    sent = [item["evidence"] for item in referral.snapshot["files"]]
    assert len(sent) == 2
    client = sign_in(liaison)
    for evidence in sent:
        assert client.get(f"/fr/staff/evidence/{evidence}/preview/").status_code == 200


def test_an_addendum_sends_only_what_is_new_after_its_own_preview(
    referred, later_report, analyst, liaison, sign_in, django_capture_on_commit_callbacks
):
    case, referral = referred
    _report, evidence = link_later(case, later_report, analyst)
    client = sign_in(analyst)
    url = f"/fr/staff/referrals/{referral.pk}/addendum/"
    assert client.get(url).status_code == 200
    shown = client.post(url, {"brief": "Un nouveau signalement du même auteur (fictif).", "preview": "1"})
    assert shown.status_code == 200
    previewed = package_of(shown)
    assert LATER_TEXT in previewed and "demo.second.account" in previewed
    assert "demo.aggressor" not in previewed  # already sent with the referral
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "brief": "Un nouveau signalement du même auteur (fictif).",
                "send": "1",
                "fingerprint": fingerprint(shown),
            },
        )
    assert response.status_code == 302
    addendum = Referral.objects.get(addendum_to=referral)
    assert [item["evidence"] for item in addendum.snapshot["files"]] == [str(evidence.pk)]

    liaison_client = sign_in(liaison)
    page = liaison_client.get(f"/fr/staff/referrals/{addendum.pk}/")
    assert page.status_code == 200 and LATER_TEXT in page.content.decode()
    assert (
        f"/fr/staff/referrals/{addendum.pk}/"
        in liaison_client.get(f"/fr/staff/referrals/{referral.pk}/").content.decode()
    )
    assert liaison_client.get(f"/fr/staff/evidence/{evidence.pk}/preview/").status_code == 200
    addendum.refresh_from_db()
    _opened, manifest = open_zip(read_pack(addendum))
    assert [item["evidence"] for item in manifest["files"]] == [str(evidence.pk)]
    assert manifest["addendum_to"] == referral.pk


def test_an_addendum_with_nothing_new_and_nothing_to_say_is_refused(referred, analyst, sign_in):
    _case, referral = referred
    response = sign_in(analyst).post(f"/fr/staff/referrals/{referral.pk}/addendum/", {"brief": "", "preview": "1"})
    shown = response.content.decode()
    client = sign_in(analyst)
    refused = client.post(
        f"/fr/staff/referrals/{referral.pk}/addendum/", {"brief": "", "send": "1", "fingerprint": fingerprint(response)}
    )
    assert refused.status_code == 400
    assert not Referral.objects.filter(addendum_to=referral).exists()
    assert "package" in shown


def test_a_case_changed_between_preview_and_send_is_previewed_again(
    analyst, police, report_factory, later_report, sign_in
):
    case, _report, _files = case_with_files(analyst, report_factory)
    client = sign_in(analyst)
    data = form_data("police", police)
    shown = preview(client, case, data)
    link_later(case, later_report, analyst)
    response = client.post(refer_url(case), data | {"send": "1", "fingerprint": fingerprint(shown)})
    assert response.status_code == 200
    assert not Referral.objects.exists()
    assert LATER_TEXT in package_of(response)
    assert fingerprint(response) != fingerprint(shown)


def test_previewing_a_referral_is_audited(analyst, police, report_factory, sign_in):
    case, _report, _files = case_with_files(analyst, report_factory)
    preview(sign_in(analyst), case, form_data("police", police))
    event = AuditEvent.objects.get(action="referral.previewed")
    assert (event.actor, event.object_type, event.object_id, event.detail["target"]) == (
        analyst,
        "case",
        str(case.pk),
        "police",
    )


def test_a_platform_sees_what_was_sent_not_identifiers_added_later(
    analyst, platform_org, report_factory, later_report, sign_in, django_capture_on_commit_callbacks
):
    from sanad.testing import staff_user

    case, _report, _files = case_with_files(analyst, report_factory)
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(sign_in(analyst), case, form_data("platform", platform_org))
    link_later(case, later_report, analyst)
    trust_and_safety = staff_user("platform.liaison", platform_org, "liaison")
    page = sign_in(trust_and_safety).get(f"/fr/staff/referrals/{referral.pk}/").content.decode()
    assert "demo.aggressor" in page
    assert "demo.second.account" not in page


def test_a_platform_receives_the_exact_link_the_reporter_gave(
    analyst, platform_org, report_factory, sign_in, django_capture_on_commit_callbacks
):
    exact = "https://www.youtube.com/watch?v=AbC123xyz&t=42s"
    report, _ = report_factory(identifiers=(exact, "https://www.facebook.com/profile.php?id=100012345678901"))
    case = actions.open_case(report, by=analyst)
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(sign_in(analyst), case, form_data("platform", platform_org))
    sent = {item["value"]: item["typed"] for item in referral.snapshot["identifiers"]}
    assert sent["https://www.youtube.com/watch?v=AbC123xyz"] == exact
    assert sent["id:100012345678901"] == "https://www.facebook.com/profile.php?id=100012345678901"
    page = package_of(sign_in(analyst).get(f"/fr/staff/referrals/{referral.pk}/"))
    assert exact.replace("&", "&amp;") in page

"""Reference data in Django's admin: administrators of the centre change platforms, deadlines,
emergency numbers, regions and the wording of advice; the portal and the back-office follow at
once; every change is in Sanad's audit log; nobody else gets in."""

from datetime import timedelta

import pytest
from django.test import Client

from sanad.audit.models import AuditEvent
from sanad.intake.tests.conftest import ANSWERS
from sanad.reference.models import AdviceWording, Deadline, EmergencyNumber, Platform
from sanad.reference.urgency import deadline as first_action_deadline
from sanad.testing import staff_user

pytestmark = pytest.mark.django_db
ADMIN = "/en/staff/reference/"
LINE = "Do not answer the person: it often makes things worse."


def where_step() -> str:
    """The wizard's "where" step as a reporter sees it, after the steps before it."""
    reporter = Client()
    for slug in ("danger", "what"):
        assert reporter.post(f"/en/report/step/{slug}/", {**ANSWERS[slug], "next": ""}).status_code == 302
    page = reporter.get("/en/report/step/where/")
    assert page.status_code == 200
    return page.content.decode()


def test_the_installation_profile_is_there(db):
    assert Platform.objects.count() == 12
    assert dict(Deadline.objects.filter(kind="first_action").values_list("key", "duration")) == {
        "P0": timedelta(hours=1),
        "P1": timedelta(hours=24),
        "P2": timedelta(hours=72),
        "P3": timedelta(days=7),
    }
    assert list(EmergencyNumber.objects.values_list("number", flat=True)) == ["19", "177", "15"]


def test_a_new_platform_is_offered_to_reporters_and_audited(administrator, sign_in):
    client = sign_in(administrator)
    response = client.post(
        f"{ADMIN}reference/platform/add/",
        {
            "code": "kick",
            "name_ar": "Kick",
            "name_fr": "Kick",
            "name_en": "Kick (streaming)",
            "position": 5,
            "offered": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.get(action="reference.added")
    assert (event.actor, event.object_type) == (administrator, "platform")
    assert "code" in event.detail["fields"]
    assert "Kick (streaming)" in where_step()


def test_a_platform_no_longer_offered_leaves_the_wizard(administrator, sign_in):
    platform = Platform.objects.get(code="x")
    data = {
        "name_ar": platform.name_ar,
        "name_fr": platform.name_fr,
        "name_en": platform.name_en,
        "position": platform.position,
    }
    assert sign_in(administrator).post(f"{ADMIN}reference/platform/{platform.pk}/change/", data).status_code == 302
    reporter = Client()
    reporter.post(
        "/en/report/step/danger/", {"danger_now": "no", "self_harm": "no", "sextortion_deadline": "no", "next": ""}
    )
    assert "X (Twitter)" not in reporter.get("/en/report/step/where/").content.decode()
    assert AuditEvent.objects.get(action="reference.changed").detail == {"fields": ["offered"]}


def test_a_changed_deadline_applies_to_the_next_report(administrator, sign_in):
    deadline = Deadline.objects.get(kind="first_action", key="P3")
    response = sign_in(administrator).post(
        f"{ADMIN}reference/deadline/{deadline.pk}/change/", {"duration": "2 00:00:00"}
    )
    assert response.status_code == 302
    assert first_action_deadline("P3") == timedelta(days=2)
    assert AuditEvent.objects.get(action="reference.changed").detail == {"fields": ["duration"]}


def test_the_urgencies_always_keep_a_deadline(administrator, sign_in):
    deadline = Deadline.objects.get(kind="first_action", key="P0")
    assert (
        sign_in(administrator).post(f"{ADMIN}reference/deadline/{deadline.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Deadline.objects.filter(pk=deadline.pk).exists()


def test_an_emergency_number_with_its_hours_is_shown_on_every_public_page(administrator, sign_in):
    data = {
        "name_ar": "الخط الوطني لحماية الطفولة",
        "name_fr": "Ligne enfance",
        "name_en": "Child helpline",
        "number": "2511",
        "hours": "8:30–18:00",
        "position": 4,
        "shown": "on",
    }
    assert sign_in(administrator).post(f"{ADMIN}reference/emergencynumber/add/", data).status_code == 302
    home = Client().get("/fr/").content.decode()
    assert 'href="tel:2511"' in home and "Ligne enfance" in home and "8:30–18:00" in home
    assert 'href="tel:19"' in home


def test_with_every_number_hidden_the_profile_numbers_still_show(db):
    EmergencyNumber.objects.update(shown=False)
    assert 'href="tel:19"' in Client().get("/fr/").content.decode()


def test_the_centre_rewords_a_line_of_advice_in_one_language(administrator, sign_in):
    data = {"source": LINE, "text_fr": "Ne réponds pas : bloque et garde les preuves.", "text_ar": "", "text_en": ""}
    response = sign_in(administrator).post(f"{ADMIN}reference/advicewording/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "Ne réponds pas : bloque et garde les preuves." in Client().get("/fr/help/harassment/").content.decode()
    assert LINE in Client().get("/en/help/harassment/").content.decode()  # English keeps Sanad's wording
    assert AdviceWording.objects.count() == 1


def test_a_wording_names_a_line_that_exists(administrator, sign_in):
    data = {"source": "Something Sanad never says.", "text_fr": "x", "text_ar": "", "text_en": ""}
    assert sign_in(administrator).post(f"{ADMIN}reference/advicewording/add/", data).status_code == 200
    assert not AdviceWording.objects.exists()


@pytest.mark.parametrize("persona", ["analyst", "supervisor", "liaison", "outsider"])
def test_nobody_else_gets_in(persona, request, sign_in):
    client = sign_in(request.getfixturevalue(persona))
    assert client.get(ADMIN).status_code == 404
    assert client.get(f"{ADMIN}reference/platform/").status_code == 404
    response = client.post(
        f"{ADMIN}reference/emergencynumber/add/",
        {"name_ar": "x", "name_fr": "x", "name_en": "x", "number": "1", "position": 1},
    )
    assert response.status_code == 404
    assert not EmergencyNumber.objects.filter(number="1").exists()


def test_an_administrator_needs_the_second_factor(centre):
    administrator = staff_user("half.signed", centre, "administrator")
    client = Client()
    client.force_login(administrator)  # password only
    response = client.get(ADMIN)
    assert response.status_code == 302 and "/two-factor/" in response["Location"]


def test_signed_out_visitors_go_to_the_sign_in_page(db):
    response = Client().get(ADMIN)
    assert response.status_code == 302 and "/staff/sign-in/" in response["Location"]

"""Administrators add and change organisations of every kind of DOMAIN.md; a kind that already
has accounts, cases or referrals stays; an academy names its region; every change is audited."""

import pytest

from sanad.accounts.models import Organisation, Region
from sanad.audit.models import AuditEvent
from sanad.testing import make_school

pytestmark = pytest.mark.django_db
NEW = "/en/staff/admin/organisations/new/"
KINDS = ["centre", "ministry", "academy", "police", "gendarmerie", "prosecutor", "platform", "support", "helpline"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_can_be_added(kind, administrator, sign_in):
    region = Region.objects.order_by("position").first()
    data = {"name": f"Organisation {kind} (test)", "kind": kind, "region": region.pk, "contact_email": "x@org.invalid"}
    assert sign_in(administrator).post(NEW, data).status_code == 302
    organisation = Organisation.objects.get(name=f"Organisation {kind} (test)")
    assert (organisation.kind, organisation.region) == (kind, region)
    event = AuditEvent.objects.get(action="organisation.created")
    assert event.object_id == str(organisation.pk) and event.detail == {"kind": kind}


def test_schools_come_from_the_import_but_can_be_renamed(administrator, sign_in):
    page = sign_in(administrator).get(NEW).content.decode()
    assert 'value="school"' not in page
    school = make_school("TEST-ORG", "Collège (test)")
    data = {
        "name": "Collège Ibn Sina (test)",
        "kind": "school",
        "region": school.region_id,
        "contact_email": school.organisation.contact_email,
    }
    assert (
        sign_in(administrator).post(f"/en/staff/admin/organisations/{school.organisation_id}/", data).status_code == 302
    )
    school.organisation.refresh_from_db()
    assert school.organisation.name == "Collège Ibn Sina (test)"
    assert AuditEvent.objects.get(action="organisation.changed").detail == {"fields": ["name"]}


def test_an_academy_needs_its_region(administrator, sign_in):
    response = sign_in(administrator).post(
        NEW, {"name": "AREF (test)", "kind": "academy", "region": "", "contact_email": ""}
    )
    assert response.status_code == 400
    assert "A regional academy needs its region." in response.content.decode()
    assert 'value="AREF (test)"' in response.content.decode()


def test_the_kind_of_an_organisation_with_accounts_stays(administrator, liaison, police, sign_in):
    data = {"name": police.name, "kind": "platform", "region": "", "contact_email": ""}
    response = sign_in(administrator).post(f"/en/staff/admin/organisations/{police.pk}/", data)
    assert response.status_code == 400
    assert "cannot change" in response.content.decode()
    police.refresh_from_db()
    assert police.kind == "police"


@pytest.mark.parametrize("persona", ["analyst", "supervisor", "liaison", "outsider"])
def test_nobody_else_manages_organisations(persona, request, police, sign_in):
    client = sign_in(request.getfixturevalue(persona))
    assert client.get("/en/staff/admin/organisations/").status_code == 404
    assert client.post(NEW, {"name": "X", "kind": "police", "region": "", "contact_email": ""}).status_code == 404
    assert client.get(f"/en/staff/admin/organisations/{police.pk}/").status_code == 404
    assert not Organisation.objects.filter(name="X").exists()

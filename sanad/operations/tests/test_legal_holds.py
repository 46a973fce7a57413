"""Legal holds: set and lifted with a reason by those who supervise; a held case is not erased
when its period ends, a released one is at the next run; holds and what comes are on one page."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from sanad.audit.models import AuditEvent
from sanad.cases.models import Case
from sanad.operations.erasure import erase_expired
from sanad.operations.models import LegalHold
from sanad.schools.models import ProtocolRun

from .conftest import closed_case, make_report
from .test_retention_erasure import closed_school_case  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
DAY = timedelta(days=1)
REASON = "Réquisition du parquet de Rabat, dossier 2026/123 (fictif)."
PAGE = "/en/staff/admin/retention/"


@pytest.fixture
def old_case(analyst) -> Case:
    with time_machine.travel(T0 - DAY, tick=False):
        report, _ = make_report()
    with time_machine.travel(T0, tick=False):
        return closed_case(report, analyst)


def test_a_held_case_is_kept_and_a_released_one_goes(old_case, supervisor, sign_in):
    client = sign_in(supervisor)
    with time_machine.travel(T0 + 100 * DAY, tick=False):
        assert (
            client.post(f"{PAGE}holds/", {"reference": old_case.reference.lower(), "reason": REASON}).status_code == 302
        )
    hold = LegalHold.objects.get()
    assert (hold.case, hold.reason, hold.set_by) == (old_case, REASON, supervisor)
    event = AuditEvent.objects.get(action="retention.hold_set")
    assert (event.object_type, event.object_id, event.detail) == ("case", str(old_case.pk), {"hold": str(hold.pk)})
    assert REASON not in str(event.detail)

    with time_machine.travel(T0 + 800 * DAY, tick=False):
        summary = erase_expired()
    assert summary.skipped_held >= 1
    assert Case.objects.filter(pk=old_case.pk).exists()

    with time_machine.travel(T0 + 801 * DAY, tick=False):
        response = sign_in(supervisor).post(f"{PAGE}holds/{hold.pk}/lift/", {"reason": "Dossier jugé (fictif)."})
    assert response.status_code == 302
    hold.refresh_from_db()
    assert not hold.in_force and hold.lift_reason == "Dossier jugé (fictif)." and hold.lifted_by == supervisor
    assert AuditEvent.objects.filter(action="retention.hold_lifted", object_id=str(old_case.pk)).exists()

    with time_machine.travel(T0 + 802 * DAY, tick=False):
        erase_expired()
    assert not Case.objects.filter(pk=old_case.pk).exists()


def test_a_hold_on_a_school_case_keeps_it(closed_school_case, administrator, sign_in):  # noqa: F811
    run = closed_school_case
    sign_in(administrator).post(f"{PAGE}holds/", {"reference": run.reference, "reason": REASON})
    with time_machine.travel(T0 + 2000 * DAY, tick=False):
        erase_expired()
    assert ProtocolRun.objects.filter(pk=run.pk).exists()


def test_a_hold_needs_a_reason_and_a_real_reference(old_case, supervisor, sign_in):
    client = sign_in(supervisor)
    response = client.post(f"{PAGE}holds/", {"reference": old_case.reference, "reason": ""})
    assert response.status_code == 400
    response = client.post(f"{PAGE}holds/", {"reference": "C-NOTHING1", "reason": REASON})
    assert response.status_code == 400
    assert "No case or school case has this reference." in response.content.decode()
    assert REASON in response.content.decode()  # what was typed is kept
    assert not LegalHold.objects.exists()


def test_a_lift_needs_a_reason(old_case, supervisor, sign_in):
    client = sign_in(supervisor)
    client.post(f"{PAGE}holds/", {"reference": old_case.reference, "reason": REASON})
    hold = LegalHold.objects.get()
    client.post(f"{PAGE}holds/{hold.pk}/lift/", {"reason": " "})
    hold.refresh_from_db()
    assert hold.in_force


def test_the_page_shows_what_goes_in_the_next_30_days_and_the_holds(old_case, analyst, supervisor, sign_in):
    with time_machine.travel(T0 - DAY, tick=False):
        other, _ = make_report()
    with time_machine.travel(T0 + 10 * DAY, tick=False):
        later = closed_case(other, analyst)
    client = sign_in(supervisor)
    client.post(f"{PAGE}holds/", {"reference": later.reference, "reason": REASON})
    with time_machine.travel(T0 + 710 * DAY, tick=False):
        page = sign_in(supervisor).get(PAGE)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    body = page.content.decode()
    assert f'data-reference="{old_case.reference}" data-what="case"' in body
    assert f'data-reference="{later.reference}"' not in body  # held: listed with the holds instead
    assert REASON in body
    assert AuditEvent.objects.filter(action="retention.holds_viewed", actor=supervisor).exists()


@pytest.mark.parametrize("persona", ["analyst", "liaison", "outsider"])
def test_nobody_else_sees_or_sets_holds(persona, request, old_case, supervisor, sign_in):
    sign_in(supervisor).post(f"{PAGE}holds/", {"reference": old_case.reference, "reason": REASON})
    hold = LegalHold.objects.get()
    client = sign_in(request.getfixturevalue(persona))
    assert client.get(PAGE).status_code == 404
    assert client.post(f"{PAGE}holds/", {"reference": old_case.reference, "reason": REASON}).status_code == 404
    assert client.post(f"{PAGE}holds/{hold.pk}/lift/", {"reason": "x"}).status_code == 404
    assert LegalHold.objects.count() == 1 and LegalHold.objects.get().in_force

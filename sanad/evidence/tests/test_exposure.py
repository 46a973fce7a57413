"""Each person sees their reveals per day and kind; their supervisor sees them too; past the
daily threshold a break is suggested."""

import pytest

from sanad.accounts.models import Organisation, User
from sanad.audit.models import AuditEvent
from sanad.evidence.actions import capture_file, reveal_file
from sanad.evidence.tests import samples
from sanad.testing import signed_in, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(db):
    return Organisation.objects.create(name="Centre (test)", kind=Organisation.Kind.CENTRE)


@pytest.fixture
def analyst(centre):
    return staff_user("analyste", centre, User.Role.ANALYST)


@pytest.fixture
def supervisor(centre):
    return staff_user("superviseure", centre, User.Role.SUPERVISOR)


def reveal(user: User, data: bytes, name: str) -> None:
    reveal_file(capture_file(data, name=name, actor="reporter"), by=user)


def test_my_reveals_by_kind_and_a_break_past_the_threshold(settings, analyst):
    settings.SANAD_EXPOSURE_DAILY_THRESHOLD = 3
    client = signed_in(analyst)
    reveal(analyst, samples.png(), "a.png")
    reveal(analyst, samples.pdf(), "b.pdf")
    page = client.get("/en/staff/exposure/").content.decode()
    assert "break suggested" not in page
    reveal(analyst, samples.jpeg(), "c.jpg")
    page = client.get("/en/staff/exposure/").content.decode()
    today = page.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert [cell.split("<")[0] for cell in today.split("<td>")[1:5]] == ["2", "0", "0", "1"]
    assert "<strong>3</strong>" in today and "break suggested" in today
    assert "Please take a break" in page


def test_a_supervisor_sees_the_team_and_each_person(settings, analyst, supervisor):
    reveal(analyst, samples.png(), "a.png")
    client = signed_in(supervisor)
    page = client.get("/en/staff/exposure/").content.decode()
    assert "Your team today" in page and f"?person={analyst.pk}" in page
    assert "Exposure of analyste" in client.get(f"/en/staff/exposure/?person={analyst.pk}").content.decode()
    assert AuditEvent.objects.filter(action="exposure.viewed", object_id=str(analyst.pk)).exists()


def test_an_analyst_cannot_see_a_colleague(analyst, supervisor):
    assert signed_in(analyst).get(f"/en/staff/exposure/?person={supervisor.pk}").status_code == 404

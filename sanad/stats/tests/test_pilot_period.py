"""The end-of-period review of the school protocol's pilot: each school's resource team is asked once
the period ends (on its page and by e-mail, once), answers once, and the committee sees it per step
and region beside the reviews made after closed cases, suppressed like every table."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from sanad.accounts.models import Region
from sanad.audit.models import AuditEvent
from sanad.schools.models import ProtocolVersion
from sanad.stats import catalogue, tasks
from sanad.stats.catalogue import Audience
from sanad.stats.models import PilotPeriod, PilotReview, PilotStepAnswer
from sanad.stats.tables import Filters, Scope, pilot_table
from sanad.testing import make_school, team_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended(school):
    """A pilot period that ended yesterday, for the school's region."""
    today = timezone.localdate()
    period = PilotPeriod.objects.create(
        name_fr="Pilote (test)", name_ar="تجربة (اختبار)", starts_on=today - timedelta(days=200),
        ends_on=today - timedelta(days=1),
    )  # fmt: skip
    period.regions.set([school.region])
    return period


def _url(period: PilotPeriod, language: str = "fr") -> str:
    return f"/{language}/staff/statistics/pilot/period/{period.pk}/"


def _answers(workable: str = "yes", minutes: str = "20", missing: str = "") -> dict[str, str]:
    data = {}
    for step in ProtocolVersion.objects.current().steps:
        data[f"{step.code}_workable"] = workable
        data[f"{step.code}_minutes"] = minutes
        data[f"{step.code}_missing"] = missing
    return data


def test_the_team_is_asked_on_its_page_once_the_period_ends(school, ended, sign_in):
    member = team_member("period.teacher", school)
    client = sign_in(member)
    page = client.get("/fr/staff/school/").content.decode()
    assert _url(ended) in page  # the to-do
    assert client.get(_url(ended)).status_code == 200
    assert client.post(_url(ended), _answers()).status_code == 302
    assert _url(ended) not in client.get("/fr/staff/school/").content.decode()  # done


def test_a_period_not_ended_or_for_another_region_asks_nothing(school, ended, sign_in):
    member = team_member("period.early", school)
    ended.ends_on = timezone.localdate()  # ends today: not yet
    ended.save()
    client = sign_in(member)
    assert _url(ended) not in client.get("/fr/staff/school/").content.decode()
    assert client.get(_url(ended)).status_code == 404
    ended.ends_on = timezone.localdate() - timedelta(days=1)
    ended.save()
    elsewhere = Region.objects.exclude(pk=school.region_id).order_by("position").first()
    ended.regions.set([elsewhere])
    assert client.get(_url(ended)).status_code == 404  # the same answer as a period that does not exist
    ended.regions.clear()  # no region named: every region
    assert client.get(_url(ended)).status_code == 200


def test_only_a_school_team_answers(ended, sign_in, analyst, outsider, supervisor):
    for person in (analyst, outsider, supervisor):
        assert sign_in(person).get(_url(ended)).status_code == 404
    assert sign_in(analyst).get("/fr/staff/statistics/pilot/period/999999/").status_code == 404


def test_one_review_per_school_and_period(school, ended, sign_in):
    first, second = team_member("period.first", school), team_member("period.second", school)
    assert sign_in(first).post(_url(ended), _answers()).status_code == 302
    response = sign_in(second).post(_url(ended), _answers("no"))
    assert response.status_code == 302  # the colleague is told it was given; theirs is kept
    review = PilotReview.objects.get(period=ended, school=school)
    assert review.answered_by == first and not review.answers.filter(workable=False).exists()
    assert review.region_id == school.region_id and review.run is None
    assert AuditEvent.objects.filter(action="pilot.period_reviewed", object_id=str(ended.pk)).count() == 1


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Ce champ est obligatoire."), ("ar", "هذا الحقل مطلوب")],
)
def test_bad_answers_are_named_in_the_reader_s_language_and_nothing_typed_is_lost(
    school, ended, sign_in, language, expected
):
    member = team_member(f"period.{language}", school)
    data = _answers(minutes="-3", missing="Un guide pour les parents (test).")
    first = ProtocolVersion.objects.current().steps[0].code
    del data[f"{first}_workable"]
    response = sign_in(member).post(_url(ended, language), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert expected in page
    assert "Un guide pour les parents (test)." in page  # what was typed comes back
    assert 'value="-3"' in page
    assert not PilotReview.objects.exists()


def test_minutes_must_be_a_number(school, ended, sign_in):
    member = team_member("period.minutes", school)
    response = sign_in(member).post(_url(ended), _answers(minutes="beaucoup"))
    assert response.status_code == 400
    assert "Saisissez un nombre entier." in response.content.decode()
    assert not PilotStepAnswer.objects.exists()


def test_the_team_is_emailed_once_when_the_period_ends(school, ended, mailoutbox):
    team_member("period.mail", school)
    assert tasks.ask_for_period_reviews.call() == 1
    assert tasks.ask_for_period_reviews.call() == 0  # once per school and period
    (mail,) = mailoutbox
    assert "Pilote (test)" in mail.body and "تجربة (اختبار)" in mail.body
    assert _url(ended) in mail.body


def test_a_school_that_answered_or_a_period_long_past_is_not_emailed(school, ended, sign_in, mailoutbox):
    member = team_member("period.done", school)
    sign_in(member).post(_url(ended), _answers())
    assert tasks.ask_for_period_reviews.call() == 0
    ended.ends_on = timezone.localdate() - tasks.ASK_WITHIN - timedelta(days=1)
    ended.save()
    other = make_school("TEST-PERIOD-2", "Lycée (test)", region=school.region)
    team_member("period.other", other)
    assert tasks.ask_for_period_reviews.call() == 0
    assert mailoutbox == []


def test_the_committee_sees_both_kinds_per_step_and_region_suppressed(school, ended, sign_in):
    schools = [school] + [make_school(f"TEST-P{n}", f"École {n} (test)", region=school.region) for n in range(5)]
    for n, each in enumerate(schools):
        member = team_member(f"period.{n}", each)
        sign_in(member).post(_url(ended), _answers("yes" if n else "no", minutes=str(10 * (n + 1))))
    today = timezone.localdate()
    filters = Filters(start=date(today.year - 1, 1, 1), end=today.replace(day=1))
    steps = pilot_table(catalogue.BY_CODE["pilot_steps"], filters, Scope(Audience.CENTRE))
    keys = [column.key for column in steps.columns]
    first = dict(zip(keys, steps.lines[0].cells, strict=True))
    assert first["case_count"] == 0 and first["period_count"] == 6
    assert first["period_workable"] == pytest.approx(5 / 6) and first["period_minutes"] == 30
    regions = pilot_table(catalogue.BY_CODE["pilot_regions"], filters, Scope(Audience.NATIONAL))
    region_keys = [column.key for column in regions.columns]
    shown = {line.key: cells for line, cells in regions.body}[school.region.code]
    by_key = dict(zip(region_keys, shown, strict=True))
    assert by_key["period_count"].text == "5"  # six reviews, rounded to a multiple of five
    assert by_key["case_count"].text == "0" and by_key["case_workable"].text == "—"
    # With one review only, the committee sees "< 5" and no share that would tell it apart.
    PilotReview.objects.exclude(school=school).delete()
    regions = pilot_table(catalogue.BY_CODE["pilot_regions"], filters, Scope(Audience.NATIONAL))
    by_key = dict(zip(region_keys, {line.key: cells for line, cells in regions.body}[school.region.code], strict=True))
    assert by_key["period_count"].text == "< 5" and by_key["period_workable"].hidden

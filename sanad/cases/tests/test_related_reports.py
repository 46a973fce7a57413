"""Reports naming the same identifier or carrying the same file are suggested on the triage page."""

import pytest

from sanad.cases.tests.casework import attach, case_for, noisy_png
from sanad.evidence.models import SimilarEvidence
from sanad.evidence.tests import samples

pytestmark = pytest.mark.django_db


def suggestions(page: str) -> str:
    return page.split('id="related-title"', 1)[1].split("</section>", 1)[0]


def test_same_identifier_whatever_its_spelling(analyst, sign_in, report_factory):
    report, _ = report_factory(identifiers=("@demo.aggressor",))
    same, _ = report_factory(identifiers=("https://instagram.com/Demo.Aggressor",))
    elsewhere, _ = report_factory(identifiers=("@someone.else",))
    page = sign_in(analyst).get(f"/en/staff/reports/{report.pk}/").content.decode()
    related = suggestions(page)
    assert same.reference in related
    assert "same username" in related
    assert elsewhere.reference not in related
    assert report.reference not in related


def test_same_phone_shows_the_case_it_is_in(analyst, sign_in, report_factory):
    report, _ = report_factory(identifiers=("0612345678",), platforms=("whatsapp",))
    earlier, _ = report_factory(identifiers=("+212 6 12 34 56 78",), platforms=("sms",))
    case = case_for(earlier, analyst)
    related = suggestions(sign_in(analyst).get(f"/en/staff/reports/{report.pk}/").content.decode())
    assert earlier.reference in related
    assert case.reference in related
    assert "same phone number" in related


def test_same_file(analyst, sign_in, report_factory):
    picture = noisy_png(seed=3)
    report, _ = report_factory(identifiers=())
    attach(report, picture)
    same, _ = report_factory(identifiers=())
    attach(same, picture, name="another-name.png")
    different, _ = report_factory(identifiers=())
    attach(different, noisy_png(seed=4))
    related = suggestions(sign_in(analyst).get(f"/en/staff/reports/{report.pk}/").content.decode())
    assert same.reference in related
    assert "same file" in related
    assert different.reference not in related


def test_nothing_related(analyst, sign_in, report_factory):
    report, _ = report_factory(identifiers=("@lonely.one",))
    related = suggestions(sign_in(analyst).get(f"/en/staff/reports/{report.pk}/").content.decode())
    assert "No other report" in related


def test_the_case_page_suggests_reports_outside_the_case(analyst, sign_in, report_factory):
    first, _ = report_factory(identifiers=("@demo.aggressor",))
    case = case_for(first, analyst)
    second, _ = report_factory(identifiers=("@demo.aggressor",))
    related = suggestions(sign_in(analyst).get(f"/en/staff/cases/{case.pk}/").content.decode())
    assert second.reference in related
    assert first.reference not in related


def test_a_resized_copy_of_a_picture_relates_the_reports_with_its_distance(analyst, sign_in, report_factory):
    original = samples.scene(8)
    report, _ = report_factory(identifiers=("@first.one",))
    attach(report, samples.encoded(original))
    copy, _ = report_factory(identifiers=("@second.one",))
    attach(copy, samples.encoded(original.resize((320, 240)), "JPEG", quality=70), name="copie.jpg")
    different, _ = report_factory(identifiers=("@third.one",))
    attach(different, samples.encoded(samples.scene(9)))
    related = suggestions(sign_in(analyst).get(f"/en/staff/reports/{report.pk}/").content.decode())
    assert copy.reference in related and different.reference not in related
    distance = SimilarEvidence.objects.filter(evidence__reports=report).get().distance
    assert f"similar picture (PDQ distance {distance})" in related

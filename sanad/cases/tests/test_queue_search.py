"""The search box finds reports by receipt, reference, identifier and words, through keyed hashes only."""

import pytest

from sanad.cases import actions
from sanad.cases.tests.casework import case_for, references_in_table
from sanad.intake.models import ReportTerm

pytestmark = pytest.mark.django_db


def search(client, text: str) -> list[str]:
    response = client.get("/fr/staff/queue/", {"q": text})
    assert response.status_code == 200
    return references_in_table(response.content.decode())


def test_by_receipt_typed_loosely(analyst, sign_in, report_factory):
    report, receipt = report_factory()
    report_factory()
    loose = receipt.lower().replace("-", " ").replace("0", "o")
    assert search(sign_in(analyst), loose) == [report.reference]


def test_a_receipt_of_a_triaged_report_finds_its_case_even_closed(analyst, sign_in, report_factory):
    report, receipt = report_factory()
    case = case_for(report, analyst)
    actions.close_case(case, outcome="resolved", by=analyst)
    assert search(sign_in(analyst), receipt) == [case.reference]


def test_by_report_and_case_reference(analyst, sign_in, report_factory):
    report, _ = report_factory()
    other, _ = report_factory()
    case = case_for(other, analyst)
    client = sign_in(analyst)
    assert search(client, report.reference.lower()) == [report.reference]
    assert search(client, f"  {case.reference} ") == [case.reference]
    assert search(client, other.reference) == [case.reference]


def test_by_identifier_whatever_the_spelling(analyst, sign_in, report_factory):
    named, _ = report_factory(identifiers=("@demo.aggressor",), description="Il m'insulte.")
    bare, _ = report_factory(identifiers=("other.aggressor",))  # reads like a web address
    report_factory(identifiers=("@someone.else",))
    by_link, _ = report_factory(identifiers=("https://www.instagram.com/link.person/?igshid=abc",))
    by_phone, _ = report_factory(identifiers=("06 12 34 56 78",), platforms=("whatsapp",))
    client = sign_in(analyst)
    assert search(client, "@Demo.Aggressor") == [named.reference]
    assert search(client, "demo.aggressor") == [named.reference]
    assert search(client, "@Other.Aggressor") == [bare.reference]
    assert search(client, "instagram.com/Link.Person") == [by_link.reference]
    assert search(client, "@link.person") == [by_link.reference]
    assert search(client, "+212612345678") == [by_phone.reference]


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Il y a du harcèlement à l'école chaque matin.", "harcelement"),
        ("Il y a du harcelement à l'ecole chaque matin.", "HARCÈLEMENT l'École"),
        ("كان يرسل لي رسائل تَهْدِيد كل ليلة", "تهديد"),
        ("كان يرسل لي رسائل تهديد كل ليلة", "تَهْدِيد"),
        ("هددني بنشر الصورة على إنستغرام", "انستغرام"),
    ],
)
def test_by_words_ignoring_case_accents_and_diacritics(analyst, sign_in, report_factory, text, query):
    found, _ = report_factory(description=text, identifiers=())
    report_factory(description="Rien à voir, un autre message.", identifiers=())
    assert search(sign_in(analyst), query) == [found.reference]


def test_every_word_must_be_in_the_same_report(analyst, sign_in, report_factory):
    both, _ = report_factory(description="Des menaces et du chantage sur Snapchat.", identifiers=())
    report_factory(description="Des menaces seulement.", identifiers=())
    client = sign_in(analyst)
    assert search(client, "chantage menaces") == [both.reference]
    assert len(search(client, "menaces")) == 2


def test_word_search_finds_whole_words_only(analyst, sign_in, report_factory):
    report_factory(description="Des insultes quotidiennes.", identifiers=())
    client = sign_in(analyst)
    assert search(client, "insulte") == []  # no stemming, no substrings
    assert search(client, "insultes quotidiennes graves") == []  # one word missing


def test_the_index_holds_no_word_in_clear(analyst, report_factory):
    report, _ = report_factory(description="Un mot secret: zanzibar.", identifiers=())
    terms = list(ReportTerm.objects.filter(report=report).values_list("term", flat=True))
    assert terms and all("zanzibar" not in term for term in terms)
    assert all(len(term) == 16 for term in terms)


def test_nothing_found_says_so(analyst, sign_in, report_factory):
    report_factory()
    response = sign_in(analyst).get("/en/staff/queue/", {"q": "introuvable"})
    assert references_in_table(response.content.decode()) == []
    assert "Nothing matches this search" in response.content.decode()

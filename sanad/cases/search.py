"""The queue's search box: receipts, references, identifiers and words, none stored in clear.

What staff type is hashed with the same keys as what reporters sent (receipts.py,
identifiers.py, search_terms.py), so a search compares keyed hashes, never text. Word
search finds whole words after normalisation, in any order, all of them in one report; it
cannot find parts of words, phrases, misspellings, or words inside attachments
(docs/architecture.md, "Searching the back-office").
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Count, Q

from sanad.cases.models import Case, CaseReport
from sanad.intake import receipts, search_terms
from sanad.intake.identifiers import NormalisedIdentifier, normalise
from sanad.intake.models import Identifier, Platform, Report, ReportTerm

REPORT_REFERENCE = re.compile(r"^SN-[0-9A-Z]{8}$")
CASE_REFERENCE = re.compile(r"^C-[0-9A-Z]{8}$")
# More words than this narrow nothing further and only make the query longer.
MAX_WORDS = 12


@dataclass(frozen=True)
class Found:
    """What a search matched: reports (triaged or not) and cases, as conditions on their ids."""

    reports: Q
    cases: Q

    def case_condition(self) -> Q:
        # A case is found by its reference or through any report it holds.
        matched_reports = Report.objects.filter(self.reports).values("pk")
        return self.cases | Q(pk__in=CaseReport.objects.filter(report__in=matched_reports).values("case"))


NOTHING = Q(pk__in=[])


def search(text: str) -> Found | None:
    """None when there is nothing to search for."""
    text = text.strip()
    if not text:
        return None
    if receipts.normalise(text) is not None:
        return Found(reports=Q(receipt_digest=receipts.digest(text)), cases=NOTHING)
    reference = "".join(text.split()).upper()
    if REPORT_REFERENCE.match(reference):
        return Found(reports=Q(reference=reference), cases=NOTHING)
    if CASE_REFERENCE.match(reference):
        return Found(reports=NOTHING, cases=Q(pk__in=Case.objects.filter(reference=reference).values("pk")))
    return Found(reports=_by_identifier(text) | _by_words(text), cases=NOTHING)


def _by_identifier(text: str) -> Q:
    digests = {digest for identifier in _readings(text) for digest in identifier_digests(identifier)}
    if not digests:
        return NOTHING
    return Q(pk__in=Identifier.objects.filter(digest__in=digests).values("report"))


def _readings(text: str) -> list[NormalisedIdentifier]:
    """What the text may be: "demo.aggressor" reads as a web address and as a username alike."""
    value = text.strip()
    variants = [value, value[1:]] if value.startswith("@") else [value, f"@{value}"]
    return [found for found in (normalise(variant) for variant in variants) if found is not None]


def _without_marks(text: str) -> str:
    """Arabic short vowels are combining marks, which the tokeniser would take for word breaks."""
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


def identifier_digests(identifier: NormalisedIdentifier) -> list[str]:
    """A handle's digest includes its platform; staff searching "@name" mean it on any platform."""
    if identifier.kind != Identifier.Kind.HANDLE:
        return [identifier.digest]
    return [
        NormalisedIdentifier(identifier.kind, identifier.value, platform).digest for platform in ["", *Platform.values]
    ]


def _by_words(text: str) -> Q:
    hashes = sorted({search_terms.term_hash(word) for word in search_terms.words(_without_marks(text))})[:MAX_WORDS]
    if not hashes:
        return NOTHING
    # Every word must be there: count the distinct terms each report has among them.
    having_all = (
        ReportTerm.objects.filter(term__in=hashes)
        .values("report")
        .annotate(found=Count("term", distinct=True))
        .filter(found=len(hashes))
        .values("report")
    )
    return Q(pk__in=having_all)

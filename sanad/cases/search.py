"""The queue's search box: receipts, references, identifiers and words, none stored in clear.

What staff type is hashed with the same keys as what reporters sent (receipts.py,
identifiers.py, search_terms.py), so a search compares keyed hashes, never text. Word
search finds whole words after normalisation, in any order, all of them in one report; it
cannot find parts of words, phrases, misspellings, or words inside attachments
(docs/architecture.md, "Searching the back-office").
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from sanad.cases.models import Case
from sanad.intake import receipts, search_terms
from sanad.intake.identifiers import NormalisedIdentifier, normalise
from sanad.intake.models import Identifier, Report, ReportTerm
from sanad.lib.keyed_hash import keyed_hash
from sanad.schools.models import ProtocolRun

REPORT_REFERENCE = re.compile(r"^SN-[0-9A-Z]{8}$")
CASE_REFERENCE = re.compile(r"^C-[0-9A-Z]{8}$")
SCHOOL_REFERENCE = re.compile(r"^E-[0-9A-Z]{8}$")
# More words than this narrow nothing further and only make the query longer.
MAX_WORDS = 12


# A search never lists more than this many matching reports (the queue shows them 50 a page).
MAX_MATCHES = 1000


@dataclass(frozen=True)
class Found:
    """What a search matched, as ids: a few index look-ups now, instead of conditions the
    queue's ordered scans would have to test on every one of a million rows."""

    waiting_report_ids: list[int]  # matched reports still waiting for triage
    case_ids: list[int]  # cases found by reference or holding a matched report, closed ones too
    kind: str = ""  # what was sought: receipt, report_reference, case_reference, school_reference, identifier_or_words
    sought: str = ""  # a keyed hash of what was typed, for the audit log (never the text)
    school_case_ids: list[int] = field(default_factory=list)  # school cases found by their reference


NOTHING = Q(pk__in=[])


def search(text: str) -> Found | None:
    """None when there is nothing to search for."""
    text = text.strip()
    if not text:
        return None
    cases = Case.objects.none()
    if receipts.normalise(text) is not None:
        kind, reports = "receipt", Q(receipt_digest=receipts.digest(text))
    elif REPORT_REFERENCE.match(reference := "".join(text.split()).upper()):
        kind, reports = "report_reference", Q(reference=reference)
    elif CASE_REFERENCE.match(reference):
        kind, reports, cases = "case_reference", NOTHING, Case.objects.filter(reference=reference)
    elif SCHOOL_REFERENCE.match(reference):
        # A school case asking the centre, or the case the centre opened for it.
        runs = list(ProtocolRun.objects.filter(reference=reference).values_list("pk", flat=True))
        kind, reports, cases = "school_reference", NOTHING, Case.objects.filter(school_case__in=runs)
        found = _found(reports, cases)
        return Found(
            found.waiting_report_ids, found.case_ids, kind=kind, sought=sought_digest(text), school_case_ids=runs
        )
    else:
        # Two index look-ups, joined here: one query with "id IN (...) OR id IN (...)" would
        # make PostgreSQL scan every report.
        matches = {*_by_identifier(text), *_by_words(text)}
        kind, reports = "identifier_or_words", Q(pk__in=sorted(matches)[:MAX_MATCHES])
    found = _found(reports, cases)
    return Found(found.waiting_report_ids, found.case_ids, kind=kind, sought=sought_digest(text))


def sought_digest(text: str) -> str:
    """What was searched for, as the audit log keeps it: a keyed hash of the text as typed,
    enough to tell two searches for the same thing apart from others, never the text."""
    return keyed_hash("audit:search", unicodedata.normalize("NFKC", " ".join(text.split())).casefold())[:32]


def _found(reports: Q, cases: QuerySet[Case]) -> Found:
    # One look-up of the matched reports says which still wait for triage and which cases hold
    # the others: the queue then reads a handful of waiting reports, not a thousand ids again.
    waiting, holding = [], set()
    matched = Report.objects.filter(reports).values_list("pk", "triaged_at", "case_link__case")
    for report, triaged_at, case in matched[:MAX_MATCHES]:
        if triaged_at is None:
            waiting.append(report)
        if case is not None:
            holding.add(case)
    # A case is also found by its reference.
    return Found(waiting_report_ids=waiting, case_ids=sorted({*holding, *cases.values_list("pk", flat=True)}))


def _by_identifier(text: str) -> list[int]:
    """Staff searching "@name" mean it on any platform: handles and player ids are matched by
    their loose digest (the name anywhere), everything else by its own."""
    readings = _readings(text)
    if not readings:
        return []
    found = Identifier.objects.filter(loose_digest__in={identifier.loose_digest for identifier in readings})
    return list(found.values_list("report", flat=True)[:MAX_MATCHES])


def _readings(text: str) -> list[NormalisedIdentifier]:
    """What the text may be: "demo.aggressor" reads as a web address and as a username alike."""
    value = text.strip()
    variants = [value, value[1:]] if value.startswith("@") else [value, f"@{value}"]
    return [found for found in (normalise(variant) for variant in variants) if found is not None]


def _without_marks(text: str) -> str:
    """Arabic short vowels are combining marks, which the tokeniser would take for word breaks."""
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


def _by_words(text: str) -> list[int]:
    hashes = sorted({search_terms.term_hash(word) for word in search_terms.words(_without_marks(text))})[:MAX_WORDS]
    if not hashes:
        return []
    # Every word must be there: one semi-join per word, each through the (term, report) index.
    reports = ReportTerm.objects.filter(term=hashes[0])
    for term in hashes[1:]:
        reports = reports.filter(report__in=ReportTerm.objects.filter(term=term).values("report"))
    return list(reports.order_by("report").values_list("report", flat=True)[:MAX_MATCHES])

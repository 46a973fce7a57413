"""What staff see of the triage assistant on a report: the phrases it found, highlighted in the
reporter's words, what they made it suggest, and the analyst's answer to it.

The report keeps only rule names and offsets into its sealed description (Report.triage); the
phrases are cut from the description opened for this page, in memory, like the rest of it.
"""

from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from sanad.cases.models import TriageReview
from sanad.intake.models import Category, Report
from sanad.triage.danger import DANGERS

# How a highlighted phrase is drawn: the most urgent reason wins where two overlap.
STRENGTH = {"P0": 0, "P1": 1, "category": 2}


@dataclass
class Signal:
    code: str
    label: str
    urgency: str
    phrases: list[str]


@dataclass
class Assistant:
    urgency: str | None  # what the words call for
    raised_from: str | None  # the answers' urgency, when the words raised it
    signals: list[Signal] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)  # labels

    @property
    def found_anything(self) -> bool:
        return bool(self.signals or self.categories)


def read_assistant(report: Report, text: str) -> Assistant:
    record = report.triage or {}
    phrases: dict[str, list[str]] = {}
    for start, end, finds in _spans(record, len(text)):
        phrase = " ".join(text[start:end].split())
        if phrase and phrase not in phrases.setdefault(finds, []):
            phrases[finds].append(phrase)
    signals = [
        Signal(code, str(DANGERS[code].label), DANGERS[code].urgency, phrases.get(code, []))
        for code in record.get("signals") or []
        if code in DANGERS
    ]
    labels = dict(Category.choices)
    return Assistant(
        urgency=record.get("urgency"),
        raised_from=record.get("answered") if report.raised_by_text else None,
        signals=signals,
        categories=[str(labels[code]) for code in record.get("categories") or [] if code in labels],
    )


def highlighted(report: Report, text: str) -> SafeString:
    """The reporter's words as paragraphs (like `linebreaks`), each phrase the assistant found in a <mark>."""
    marks: dict[int, str] = {}  # character offset -> the strongest reason marking it
    for start, end, finds in _spans(report.triage or {}, len(text)):
        strength = DANGERS[finds].urgency if finds in DANGERS else "category"
        for offset in range(start, end):
            if offset not in marks or STRENGTH[strength] < STRENGTH[marks[offset]]:
                marks[offset] = strength
    paragraphs = []
    for paragraph, offset in _paragraphs(text):
        lines = []
        for line, line_offset in _lines(paragraph, offset):
            lines.append(_marked(line, line_offset, marks))
        paragraphs.append(format_html("<p>{}</p>", mark_safe("<br>".join(lines))))  # noqa: S308 (each line escaped in _marked)
    return mark_safe("\n".join(paragraphs))  # noqa: S308 (built from format_html and escaped parts)


def review_of(report: Report) -> TriageReview | None:
    try:
        return report.triage_review
    except TriageReview.DoesNotExist:
        return None


def review_initial(report: Report, review: TriageReview | None) -> dict[str, object]:
    """The review form starts from the analyst's last answer, or else from the suggestion."""
    if review is not None:
        return {"signals": review.signals, "categories": review.categories, "urgency": review.urgency}
    record = report.triage or {}
    return {
        "signals": record.get("signals") or [],
        "categories": record.get("categories") or [],
        "urgency": record.get("urgency") or "P3",
    }


def _spans(record: dict, length: int) -> list[tuple[int, int, str]]:
    found = []
    for item in record.get("findings") or []:
        for span in item.get("spans") or []:
            start, end = span
            # Offsets into this very text; anything else (a changed text) is left out rather than misplaced.
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length:
                found.append((start, end, item.get("finds", "")))
    return found


def _paragraphs(text: str) -> list[tuple[str, int]]:
    """Paragraphs (split at blank lines) with the offset each starts at, so marks stay in place."""
    parts, start = [], 0
    while start <= len(text):
        blank = _next_blank_line(text, start)
        end = len(text) if blank is None else blank[0]
        if text[start:end].strip():
            parts.append((text[start:end], start))
        if blank is None:
            break
        start = blank[1]
    return parts


def _next_blank_line(text: str, start: int) -> tuple[int, int] | None:
    """Where the next run of two or more line breaks (with spaces between) starts and ends."""
    index = start
    while True:
        first = text.find("\n", index)
        if first == -1:
            return None
        end = first + 1
        while end < len(text) and text[end] in " \t\r":
            end += 1
        if end < len(text) and text[end] == "\n":
            while end < len(text) and text[end] in " \t\r\n":
                end += 1
            return first, end
        index = first + 1


def _lines(paragraph: str, offset: int) -> list[tuple[str, int]]:
    lines, start = [], 0
    for line in paragraph.split("\n"):
        lines.append((line.rstrip("\r"), offset + start))
        start += len(line) + 1
    return lines


def _marked(line: str, offset: int, marks: dict[int, str]) -> str:
    pieces: list[str]
    pieces, run_start, run_mark = [], 0, marks.get(offset)
    for index in range(1, len(line) + 1):
        current = marks.get(offset + index) if index < len(line) else None
        if index == len(line) or current != run_mark:
            chunk = escape(line[run_start:index])
            if run_mark is None:
                pieces.append(chunk)
            else:
                pieces.append(f'<mark class="triage-mark triage-{run_mark}">{chunk}</mark>')
            run_start, run_mark = index, current
    return "".join(pieces)

"""Every piece of text that people typed is isolated on the page, so a right-to-left override
(U+202E) in a pupil's name, an identifier or a note cannot reverse the text around it; and no
unbroken string can widen a page (the wrapping rule is in the style sheets, checked here too).

The check is structural: each text node holding the marker must sit inside an element that
isolates it (`<bdi>`, or any element with a `dir` attribute, which HTML isolates), or inside a
form control, whose value the browser isolates by itself.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sanad.cases import actions as case_actions
from sanad.cases.tests.casework import attach, noisy_png
from sanad.cases.tests.conftest import make_report
from sanad.schools import actions as school_actions
from sanad.schools.actions import PupilEntry
from sanad.schools.models import Author, ToldBy
from sanad.testing import team_member

pytestmark = pytest.mark.django_db

RLO = "\u202e"
MARK = f"{RLO}evil-txet"
ISOLATING = {"bdi", "textarea", "input", "option", "code"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Isolation(HTMLParser):
    """Collects the text nodes holding the marker that no ancestor isolates."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.exposed: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        isolates = tag in ISOLATING or any(name == "dir" for name, _ in attrs)
        if any(value and RLO in value for _, value in attrs) and tag not in {"input", "option", "textarea"}:
            # An attribute value (a title, a label) is not laid out as text; nothing to isolate.
            pass
        if tag not in VOID:
            self.stack.append((tag, isolates))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if RLO in data and not any(isolates for _, isolates in self.stack):
            path = " > ".join(tag for tag, _ in self.stack[-4:])
            self.exposed.append(f"{path}: {data.strip()[:60]!r}")


def exposed(html: str) -> list[str]:
    parser = Isolation()
    parser.feed(html)
    return parser.exposed


def test_the_checker_sees_text_that_is_not_isolated():
    assert exposed(f"<p>Name: {MARK}</p>") != []
    assert exposed(f"<p>Name: <bdi>{MARK}</bdi></p>") == []
    assert exposed(f'<p>Name: <span dir="auto">{MARK}</span></p>') == []


@pytest.fixture
def world(analyst, police, school, django_capture_on_commit_callbacks, sign_in):
    analyst.first_name = f"Analyste {MARK}"
    analyst.save()
    police.name = f"Police {MARK}"
    police.save()
    report, _ = make_report(
        description=f"Il écrit {MARK} partout (fictif).",
        identifiers=(f"@demo{MARK}", f"https://example.com/{MARK}"),
        contact=f"+2126000{MARK}",
    )
    report.school = f"Collège {MARK}"
    report.save()
    attach(report, noisy_png(), name=f"capture{MARK}.png")
    case = case_actions.open_case(report, by=analyst)
    case_actions.add_note(case, body=f"Note {MARK}", by=analyst)
    case_actions.message_reporter(case, report, body=f"Message {MARK}", by=analyst)
    with django_capture_on_commit_callbacks(execute=True):
        referral = case_actions.refer_case(
            case,
            target="police",
            organisation=police,
            brief=f"Brief {MARK}",
            legal_ground=f"Art. {MARK}",
            by=analyst,
        )
    case_actions.update_referral(referral, status="investigating", answer=f"Réponse {MARK}", by=analyst)
    teacher = team_member("teacher", school)
    teacher.first_name = f"Prof {MARK}"
    teacher.save()
    run = school_actions.record_case(
        school,
        by=teacher,
        told_by=ToldBy.VICTIM,
        categories=["harassment"],
        facts=f"Faits {MARK}",
        evidence_kept=True,
        author=Author.PUPIL,
        pupils=[PupilEntry("victim", f"Élève {MARK}", f"5e {MARK}"), PupilEntry("involved", f"Auteur {MARK}")],
    )
    with django_capture_on_commit_callbacks(execute=True):
        school_actions.assess(run, by=teacher, level=3, serious_because=["threats"])
    school_actions.skip_step(run, "hear", by=teacher, reason=f"Raison {MARK}")
    school_actions.complete_step(run, "listen", by=teacher, note=f"Entretien {MARK}", details={"safety": "safe"})
    return {"report": report, "case": case, "referral": referral, "run": run, "teacher": teacher}


def pages(world) -> list[tuple[str, str]]:
    return [
        ("analyst", "/fr/staff/queue/"),
        ("analyst", f"/fr/staff/queue/?q={world['report'].reference}"),
        ("analyst", f"/fr/staff/reports/{world['report'].pk}/"),
        ("analyst", f"/ar/staff/cases/{world['case'].pk}/"),
        ("analyst", f"/fr/staff/cases/{world['case'].pk}/"),
        ("analyst", f"/fr/staff/referrals/{world['referral'].pk}/"),
        ("analyst", "/fr/staff/referrals/"),
        ("supervisor", "/fr/staff/supervision/"),
        ("administrator", "/fr/staff/audit/"),
        ("liaison", "/ar/staff/referrals/"),
        ("liaison", f"/ar/staff/referrals/{world['referral'].pk}/"),
        ("teacher", f"/ar/staff/school/cases/{world['run'].pk}/"),
        ("teacher", "/fr/staff/school/"),
    ]


def test_user_text_is_isolated_on_every_staff_page(world, analyst, supervisor, administrator, liaison, sign_in):
    people = {
        "analyst": analyst,
        "supervisor": supervisor,
        "administrator": administrator,
        "liaison": liaison,
        "teacher": world["teacher"],
    }
    problems = {}
    seen = 0
    for persona, path in pages(world):
        response = sign_in(people[persona]).get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        seen += html.count(RLO)
        if found := exposed(html):
            problems[path] = found
    assert seen > 20  # the marker really reached the pages
    assert problems == {}


def test_every_page_lets_long_strings_wrap():
    """Both the portal and the back-office load portal.css; its body rule lets any text wrap
    (tests/browser/test_trust.py measures the pages at phone width)."""
    css = (Path(__file__).resolve().parents[2] / "static" / "sanad" / "portal.css").read_text()
    assert re.search(r"(?m)^body \{[^}]*overflow-wrap: anywhere", css)

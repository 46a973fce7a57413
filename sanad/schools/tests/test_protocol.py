"""The protocol as versioned data: what validate() refuses, version 1, and the administrators' editor."""

import copy
import re
import threading
import time
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
import time_machine
from django.db import connection, connections, transaction
from django.utils import translation

from sanad.accounts.models import Organisation, User
from sanad.audit.models import AuditEvent
from sanad.schools.actions import ProtocolChanged, publish_protocol
from sanad.schools.models import ProtocolRun, ProtocolVersion
from sanad.schools.protocol import InvalidProtocol, Step, reference_definition, validate
from sanad.schools.tests.conftest import record
from sanad.schools.views.protocol import deadline_words
from sanad.testing import staff_user

pytestmark = pytest.mark.smoke  # also on SQLite, as the demo runs

PAGE = "/fr/staff/schools/protocol/"
EDIT = "/fr/staff/schools/protocol/edit/"
# Messages are checked in English: the French catalogue may not have this page's new strings yet.
EDIT_EN = "/en/staff/schools/protocol/edit/"
REFERENCE_CODES = [
    "record",
    "listen",
    "assess",
    "parents",
    "hear",
    "protect",
    "measures",
    "takedown",
    "follow_up_week",
    "follow_up_month",
    "close",
]
OPENED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


# validate() ---------------------------------------------------------------------------------


def problems_of(definition: object) -> list[str]:
    with translation.override("en"), pytest.raises(InvalidProtocol) as refused:
        validate(definition)
    return refused.value.problems


def changed(change) -> dict:
    definition = copy.deepcopy(reference_definition())
    change({step["code"]: step for step in definition["steps"]}, definition["steps"])
    return definition


def test_the_reference_version_validates():
    steps = validate(reference_definition())
    assert [step.code for step in steps] == REFERENCE_CODES
    assessment = steps[2]
    assert assessment.records == ("level", "note")
    assert assessment.deadline_hours == 72
    assert not assessment.not_applicable
    assert steps[7].deadline_from == "assessment"
    assert steps[-1].deadline_hours is None


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        pytest.param(
            lambda by, steps: by["assess"].update(records=["note"]),
            "One step must record the severity level.",
            id="no-level-step",
        ),
        pytest.param(
            lambda by, steps: steps.remove(by["close"]),
            "One step must record the outcome and a short review.",
            id="no-outcome-step",
        ),
        pytest.param(
            lambda by, steps: steps.insert(0, steps.pop()),
            "The step recording the outcome must be the last one.",
            id="outcome-not-last",
        ),
        pytest.param(
            lambda by, steps: by["listen"]["records"].append("level"),
            "Only one step may record the severity level.",
            id="two-level-steps",
        ),
        pytest.param(
            lambda by, steps: by["hear"]["records"].append("parents"),
            "Only one step may record which parents were informed, when, how and their response.",
            id="two-parents-steps",
        ),
        pytest.param(
            lambda by, steps: by["assess"].update(not_applicable=True),
            "Step assess cannot be marked not applicable: every case needs it.",
            id="assessment-not-applicable",
        ),
        pytest.param(
            lambda by, steps: by["close"].update(not_applicable=True),
            "Step close cannot be marked not applicable: every case needs it.",
            id="closing-not-applicable",
        ),
        pytest.param(
            lambda by, steps: by["listen"].update(deadline_hours=0),
            "The deadline of step listen must be between 1 hour and a year.",
            id="deadline-zero",
        ),
        pytest.param(
            lambda by, steps: by["listen"].update(deadline_hours=24 * 367),
            "The deadline of step listen must be between 1 hour and a year.",
            id="deadline-beyond-a-year",
        ),
        pytest.param(
            lambda by, steps: by["listen"].update(deadline_hours="48"),
            "The deadline of step listen must be between 1 hour and a year.",
            id="deadline-as-text",
        ),
        pytest.param(
            lambda by, steps: by["listen"].update(deadline_hours=True),
            "The deadline of step listen must be between 1 hour and a year.",
            id="deadline-as-boolean",
        ),
        pytest.param(
            lambda by, steps: by["listen"].update(deadline_from="tomorrow"),
            "The deadline of step listen starts from an unknown moment.",
            id="deadline-from-unknown",
        ),
        pytest.param(
            lambda by, steps: by["listen"].update(deadline_from=["opening"]),
            "The deadline of step listen starts from an unknown moment.",
            id="deadline-from-a-list",
        ),
        pytest.param(
            lambda by, steps: by["hear"].update(code="listen"),
            "Two steps have the same code.",
            id="duplicate-codes",
        ),
        pytest.param(
            lambda by, steps: by["hear"].update(code="hear the pupils"),
            "Step 5 needs a short code of letters and digits.",
            id="code-with-spaces",
        ),
        pytest.param(
            lambda by, steps: by["hear"]["records"].append("photo"),
            "Step hear records something the platform does not know.",
            id="unknown-record",
        ),
        pytest.param(
            lambda by, steps: by["hear"]["records"].append(["note"]),
            "Step hear records something the platform does not know.",
            id="record-not-a-name",
        ),
        pytest.param(
            lambda by, steps: by["protect"]["title"].pop("ar"),
            "Step protect needs a title in Arabic, French and English.",
            id="missing-arabic-title",
        ),
        pytest.param(
            lambda by, steps: by["protect"]["title"].update(fr="   "),
            "Step protect needs a title in Arabic, French and English.",
            id="blank-french-title",
        ),
        pytest.param(
            lambda by, steps: steps.insert(1, "listen"),
            "Step 2 is not a step.",
            id="step-not-an-object",
        ),
    ],
)
def test_validate_refuses(change, problem):
    assert problem in problems_of(changed(change))


@pytest.mark.parametrize("definition", [{}, {"steps": []}, {"steps": "record"}, [], None])
def test_a_protocol_needs_steps(definition):
    assert problems_of(definition) == ["The protocol has no steps."]


def test_every_problem_is_listed_at_once():
    def change(by, steps):
        by["listen"].update(deadline_hours=-1)
        by["protect"]["title"].pop("en")
        steps.remove(by["assess"])

    assert problems_of(changed(change)) == [
        "The deadline of step listen must be between 1 hour and a year.",
        "Step protect needs a title in Arabic, French and English.",
        "One step must record the severity level.",
    ]


# Version 1 ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_current_installs_the_reference_version_once():
    assert not ProtocolVersion.objects.exists()
    first = ProtocolVersion.objects.current()
    again = ProtocolVersion.objects.current()
    assert first.pk == again.pk
    assert ProtocolVersion.objects.count() == 1
    assert first.number == 1
    assert first.published_by is None
    assert first.definition == reference_definition()
    assert [step.code for step in first.steps] == REFERENCE_CODES


@pytest.mark.django_db
def test_current_is_the_newest_published_version(administrator):
    ProtocolVersion.objects.current()
    second = publish_protocol(reference_definition(), summary="same steps", by=administrator)
    assert second.number == 2
    assert ProtocolVersion.objects.current().pk == second.pk


# Deadlines in words ---------------------------------------------------------------------------


def step_with(hours: int | None, start: str = "opening") -> Step:
    return Step("x", {}, {}, hours, start, (), False)


@pytest.mark.parametrize(
    ("hours", "start", "words"),
    [
        (48, "opening", "48 hours"),
        (1, "opening", "1 hour"),
        (72, "opening", "72 hours"),
        (120, "opening", "5 days"),
        (168, "opening", "7 days"),
        (100, "opening", "100 hours"),
        (24, "assessment", "24 hours after the assessment"),
        (240, "assessment", "10 days after the assessment"),
        (None, "opening", "no deadline"),
        (None, "assessment", "no deadline"),
    ],
)
def test_deadline_in_words(hours, start, words):
    with translation.override("en"):
        assert deadline_words(step_with(hours, start)) == words


# The editor -----------------------------------------------------------------------------------


class EditorForm(HTMLParser):
    """What a browser would send from the editor's form as the page shows it."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, list[str]] = {}
        self._inside = False
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._inside = "protocol-editor" in found.get("class", "")
        if not self._inside or "name" not in found:
            return
        if tag == "input" and found.get("type") in {"checkbox", "radio"}:
            if "checked" in found:
                self.fields.setdefault(found["name"], []).append(found.get("value", "on"))
        elif tag == "input":
            self.fields.setdefault(found["name"], []).append(found.get("value", ""))
        elif tag == "textarea":
            self._textarea, self._text = found["name"], ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._inside = False
        if tag == "textarea" and self._textarea is not None:
            # Django starts a textarea with a newline, which browsers drop.
            self.fields.setdefault(self._textarea, []).append(self._text.removeprefix("\n"))
            self._textarea = None


def form_of(page) -> dict[str, list[str]]:
    """The fields of the editor's form in a page (or a response)."""
    reader = EditorForm()
    reader.feed(page if isinstance(page, str) else page.content.decode())
    return reader.fields


def step_index(data: dict[str, list[str]], code: str) -> int:
    return next(int(name.split("-")[1]) for name, value in data.items() if name.endswith("-code") and value == [code])


def set_field(data: dict[str, list[str]], code: str, field: str, *values: str) -> None:
    data[f"form-{step_index(data, code)}-{field}"] = list(values)


@pytest.fixture
def editor(administrator, sign_in):
    client = sign_in(administrator)
    response = client.get(EDIT)
    assert response.status_code == 200
    return client, form_of(response)


def steps_in(version: ProtocolVersion) -> dict[str, Step]:
    return {step.code: step for step in version.steps}


@pytest.mark.django_db
def test_the_editor_shows_the_current_steps(editor):
    _client, data = editor
    assert data["form-TOTAL_FORMS"] == ["12"]  # eleven steps and one blank to add
    assert data["form-INITIAL_FORMS"] == ["11"]
    assert data["based_on"] == ["1"]
    assert [data[f"form-{n}-code"][0] for n in range(11)] == REFERENCE_CODES
    assert data["form-0-title_ar"] == ["تسجيل الحالة"]
    assert data["form-1-deadline_hours"] == ["48"]
    assert data["form-7-deadline_from"] == ["assessment"]
    assert data["form-2-records"] == ["note", "level"]  # in the order of the vocabulary
    assert "form-2-not_applicable" not in data and data["form-1-not_applicable"] == ["on"]
    assert data["form-11-code"] == [""]
    assert data["summary"] == [""]


@pytest.mark.django_db
def test_the_editor_writes_each_language_in_its_own_direction(administrator, sign_in):
    page = sign_in(administrator).get("/ar/staff/schools/protocol/edit/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert 'name="form-0-title_ar"' in page
    for language, direction in (("ar", "rtl"), ("fr", "ltr"), ("en", "ltr")):
        for field in ("title", "guidance"):
            tag = tag_of(page, f"form-0-{field}_{language}")
            assert f'lang="{language}"' in tag and f'dir="{direction}"' in tag
    assert " readonly" in tag_of(page, "form-0-code")
    assert " readonly" not in tag_of(page, "form-11-code")


def tag_of(page: str, name: str) -> str:
    return re.search(rf'<(?:input|textarea)[^>]* name="{name}"[^>]*>', page).group(0)


@pytest.mark.django_db
def test_publishing_makes_a_new_version_that_new_cases_follow(editor, administrator, school_a, teacher_a, sign_in):
    client, data = editor
    with time_machine.travel(OPENED, tick=False):
        before = record(school_a, teacher_a)
    set_field(data, "listen", "deadline_hours", "24")
    set_field(data, "hear", "title_fr", "Entendre les témoins")
    data["summary"] = ["Écoute de la victime sous 24 heures."]

    response = client.post(EDIT, data)

    assert response.status_code == 302
    assert response["Location"] == PAGE
    second = ProtocolVersion.objects.current()
    assert second.number == 2
    assert second.published_by == administrator
    assert second.summary == "Écoute de la victime sous 24 heures."
    assert steps_in(second)["listen"].deadline_hours == 24
    assert steps_in(second)["hear"].title["fr"] == "Entendre les témoins"
    assert [step.code for step in second.steps] == REFERENCE_CODES
    first = ProtocolVersion.objects.get(number=1)
    assert first.definition == reference_definition()

    with time_machine.travel(OPENED, tick=False):
        after = record(school_a, teacher_a)
    assert after.protocol == second
    assert after.steps.get(code="listen").due_at == OPENED + timedelta(hours=24)
    before = ProtocolRun.objects.get(pk=before.pk)
    assert before.protocol == first
    assert before.steps.get(code="listen").due_at == OPENED + timedelta(hours=48)
    assert list(before.steps.values_list("code", flat=True)) == REFERENCE_CODES

    event = AuditEvent.objects.get(action="protocol.published")
    assert event.actor == administrator
    assert (event.object_type, event.object_id) == ("protocol", str(second.pk))
    assert event.detail == {"number": 2}

    page = client.get(PAGE).content.decode()
    assert "La version 2 du protocole est publiée" in page  # the message, in the page's language
    assert "Écoute de la victime sous 24 heures." in page
    version_rows = {n: page.split(f'id="version-{n}"')[1].split("</tr>")[0] for n in (1, 2)}
    assert 'class="number">1</td>' in version_rows[2]
    assert 'class="number">1</td>' in version_rows[1]
    listen_row = page.split('id="step-listen"')[1].split("</tr>")[0]
    assert "Écouter la victime" in listen_row
    assert "24 heures" in listen_row


@pytest.mark.django_db
def test_steps_can_be_added_removed_and_reordered(editor):
    client, data = editor
    data.update(
        {
            "form-11-code": ["Check_In"],
            "form-11-title_ar": ["اطمئنان"],
            "form-11-title_fr": ["Prendre des nouvelles"],
            "form-11-title_en": ["Check in"],
            "form-11-guidance_fr": ["Un court échange avec la victime."],
            "form-11-deadline_hours": ["96"],
            "form-11-deadline_from": ["assessment"],
            "form-11-records": ["note"],
            "form-11-not_applicable": ["on"],
            "form-11-ORDER": ["4"],
            "summary": ["Une prise de nouvelles ; plus de suivi à un mois."],
        }
    )
    set_field(data, "follow_up_month", "DELETE", "on")
    set_field(data, "takedown", "ORDER", "2")

    response = client.post(EDIT, data)

    assert response.status_code == 302
    steps = steps_in(ProtocolVersion.objects.current())
    assert list(steps) == [
        "record",
        "takedown",
        "listen",
        "assess",
        "check_in",
        "parents",
        "hear",
        "protect",
        "measures",
        "follow_up_week",
        "close",
    ]
    new = steps["check_in"]
    assert new.title == {"ar": "اطمئنان", "fr": "Prendre des nouvelles", "en": "Check in"}
    assert new.guidance == {"ar": "", "fr": "Un court échange avec la victime.", "en": ""}
    assert (new.deadline_hours, new.deadline_from, new.records, new.not_applicable) == (
        96,
        "assessment",
        ("note",),
        True,
    )


@pytest.mark.django_db
def test_a_step_without_a_deadline(editor):
    client, data = editor
    set_field(data, "follow_up_month", "deadline_hours", "")
    data["summary"] = ["Le suivi à un mois n'a plus d'échéance."]
    assert client.post(EDIT, data).status_code == 302
    assert steps_in(ProtocolVersion.objects.current())["follow_up_month"].deadline_hours is None


def refused(client, data, status: int = 400, path: str = EDIT) -> str:
    response = client.post(path, data)
    assert response.status_code == status
    assert ProtocolVersion.objects.count() == 1
    assert not AuditEvent.objects.filter(action="protocol.published").exists()
    return response.content.decode()


def summary_box(page: str) -> str:
    return page.split('class="error-summary"')[1].split("</div>")[0]


def fieldset(page: str, number: int) -> str:
    """The fieldset of the step at this position on the page (it holds fieldsets of its own)."""
    return page.split(f'id="step-{number}"')[1].split('class="panel protocol-')[0]


@pytest.mark.django_db
def test_a_protocol_the_platform_cannot_run_is_refused_keeping_everything_typed(editor):
    client, data = editor
    set_field(data, "record", "records", "note", "attachments", "level")
    set_field(data, "listen", "deadline_hours", "12")
    set_field(data, "hear", "guidance_fr", "Entendre chacun à part (modifié).")
    data["summary"] = ["Résumé tapé à garder"]

    page = refused(client, data, path=EDIT_EN)

    assert "Only one step may record the severity level." in summary_box(page)
    assert "Only one step may record the severity level." in fieldset(page, 1)  # record
    assert "Only one step may record the severity level." in fieldset(page, 3)  # assess
    assert "Only one step may record" not in fieldset(page, 2)
    kept = form_of(page)
    assert kept["form-0-records"] == ["note", "attachments", "level"]
    assert kept["form-1-deadline_hours"] == ["12"]
    assert kept["form-4-guidance_fr"] == ["Entendre chacun à part (modifié)."]
    assert kept["summary"] == ["Résumé tapé à garder"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "problem", "step"),
    [
        pytest.param(
            {"assess": ("DELETE", "on")}, "One step must record the severity level.", None, id="level-removed"
        ),
        pytest.param(
            {"close": ("ORDER", "1")}, "The step recording the outcome must be the last one.", 11, id="outcome-first"
        ),
        pytest.param(
            {"assess": ("not_applicable", "on")},
            "A step recording the severity level cannot be marked not applicable: every case needs it.",
            3,
            id="assessment-not-applicable",
        ),
        pytest.param({"hear": ("code", "listen")}, "Another step has the same code.", 5, id="duplicate-code"),
        pytest.param({"protect": ("title_ar", "")}, "Give the step&#x27;s title in Arabic.", 6, id="missing-title"),
        pytest.param(
            {"listen": ("deadline_hours", "deux jours")},
            "Write the deadline as a whole number of hours.",
            2,
            id="hours-not-a-number",
        ),
        pytest.param({"listen": ("deadline_hours", "0")}, "A deadline is at least 1 hour.", 2, id="hours-zero"),
        pytest.param(
            {"listen": ("deadline_hours", "9000")}, "A deadline is at most a year (8784 hours).", 2, id="hours-too-many"
        ),
        pytest.param({"hear": ("records", "photo")}, "Select a valid choice.", 5, id="unknown-record"),
        pytest.param({"hear": ("deadline_from", "tomorrow")}, "Select a valid choice.", 5, id="unknown-start"),
        pytest.param({"hear": ("ORDER", "cinquième")}, "Write the position as a whole number.", 5, id="bad-position"),
    ],
)
def test_each_problem_is_shown_at_the_top_and_next_to_its_step(editor, change, problem, step):
    client, data = editor
    for code, (field, value) in change.items():
        set_field(data, code, field, value)
    data["summary"] = ["Un changement"]
    page = refused(client, data, path=EDIT_EN)
    assert problem in summary_box(page)
    if step is not None:
        assert problem in fieldset(page, step)
        assert f'href="#step-{step}"' in summary_box(page)
    assert form_of(page)["summary"] == ["Un changement"]


@pytest.mark.django_db
def test_a_new_step_needs_a_code_and_its_titles(editor):
    client, data = editor
    data["form-11-title_fr"] = ["Une étape sans code"]
    data["summary"] = ["Un changement"]
    page = refused(client, data, path=EDIT_EN)
    assert "Give the new step a code." in fieldset(page, 12)
    assert "Give the step&#x27;s title in Arabic." in fieldset(page, 12)
    assert "The new step" in summary_box(page)
    assert form_of(page)["form-11-title_fr"] == ["Une étape sans code"]


@pytest.mark.django_db
def test_a_summary_is_required(editor):
    client, data = editor
    set_field(data, "listen", "deadline_hours", "36")
    page = refused(client, data, path=EDIT_EN)
    assert "Say what changed in this version." in summary_box(page)
    assert form_of(page)["form-1-deadline_hours"] == ["36"]


@pytest.mark.django_db
def test_removing_a_step_with_a_problem_is_not_a_problem(editor):
    client, data = editor
    set_field(data, "follow_up_month", "title_en", "")
    set_field(data, "follow_up_month", "DELETE", "on")
    data["summary"] = ["Plus de suivi à un mois."]
    assert client.post(EDIT, data).status_code == 302
    assert "follow_up_month" not in steps_in(ProtocolVersion.objects.current())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "garbage",
    [
        pytest.param({}, id="nothing"),
        pytest.param({"summary": "x", "based_on": "1"}, id="no-management-form"),
        pytest.param(
            {"form-TOTAL_FORMS": "beaucoup", "form-INITIAL_FORMS": "0", "summary": "x"}, id="count-not-a-number"
        ),
        pytest.param(
            {"form-TOTAL_FORMS": "100000", "form-INITIAL_FORMS": "0", "summary": "x", "based_on": "1"}, id="too-many"
        ),
        pytest.param(
            {"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0", "summary": "x", "based_on": "1"}, id="no-steps"
        ),
        pytest.param(
            {
                "form-TOTAL_FORMS": "1",
                "form-INITIAL_FORMS": "1",
                "form-0-code": "close",
                "form-0-deadline_hours": "soon",
                "summary": "x",
                "based_on": "1",
            },
            id="hours-not-a-number",
        ),
    ],
)
def test_garbage_is_refused_not_a_server_error(administrator, sign_in, garbage):
    client = sign_in(administrator)
    page = refused(client, garbage)
    assert 'class="error-summary"' in page


@pytest.mark.django_db
@pytest.mark.parametrize("based_on", [None, "", "premier", "0"])
def test_a_form_without_its_version_is_refused(editor, based_on):
    client, data = editor
    data["summary"] = ["Un changement"]
    if based_on is None:
        del data["based_on"]
    else:
        data["based_on"] = [based_on]
    page = refused(client, data, path=EDIT_EN)
    assert "This form is incomplete: reload the page and try again." in summary_box(page)


@pytest.mark.django_db
def test_publishing_over_a_newer_version_is_refused_then_allowed_once_seen(editor, centre):
    client, data = editor
    colleague = staff_user("administrator2", centre, User.Role.ADMINISTRATOR)
    publish_protocol(reference_definition(), summary="published meanwhile", by=colleague, based_on=1)
    set_field(data, "listen", "deadline_hours", "30")
    data["summary"] = ["Mon changement"]

    response = client.post(EDIT_EN, data)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Version 2 was published while you were editing." in summary_box(page)
    assert ProtocolVersion.objects.current().number == 2
    again = form_of(response)
    assert again["based_on"] == ["2"]
    assert again["form-1-deadline_hours"] == ["30"]
    assert again["summary"] == ["Mon changement"]

    assert client.post(EDIT, again).status_code == 302
    third = ProtocolVersion.objects.current()
    assert (third.number, third.summary) == (3, "Mon changement")
    assert steps_in(third)["listen"].deadline_hours == 30


@pytest.mark.django_db
def test_publish_refuses_an_invalid_definition(administrator):
    ProtocolVersion.objects.current()
    with pytest.raises(InvalidProtocol):
        publish_protocol({"steps": []}, summary="nothing", by=administrator)
    with pytest.raises(ProtocolChanged):
        publish_protocol(reference_definition(), summary="stale", by=administrator, based_on=7)
    assert ProtocolVersion.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_administrators_publishing_at_once_get_different_numbers(centre):
    """The second insert waits on the first's unique number, fails when it commits, and reads again."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks and waits are PostgreSQL's")
    first = staff_user("administrator", centre, User.Role.ADMINISTRATOR)
    second = staff_user("administrator2", centre, User.Role.ADMINISTRATOR)
    ProtocolVersion.objects.current()
    holding, release = threading.Event(), threading.Event()
    published: dict[str, object] = {}

    def slow_publisher() -> None:
        try:
            with transaction.atomic():
                ProtocolVersion.objects.create(number=2, definition=reference_definition(), summary="first")
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    def other_publisher() -> None:
        try:
            published["version"] = publish_protocol(reference_definition(), summary="second", by=second)
        except Exception as error:  # reported by the assertion below
            published["error"] = error
        finally:
            connections.close_all()

    slow = threading.Thread(target=slow_publisher)
    slow.start()
    assert holding.wait(10)
    other = threading.Thread(target=other_publisher)
    other.start()
    try:
        waiting = False
        for _ in range(100):
            with connection.cursor() as cursor:
                cursor.execute(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()"
                )
                waiting = cursor.fetchone()[0] > 0
            if waiting:
                break
            time.sleep(0.05)
        assert waiting, "the second publisher should wait on the first one's number"
    finally:
        release.set()
        slow.join(10)
        other.join(10)
    assert "error" not in published, published.get("error")
    assert published["version"].number == 3
    assert sorted(ProtocolVersion.objects.values_list("number", flat=True)) == [1, 2, 3]
    assert first.pk  # both accounts exist in the committed database


# Who may use it -----------------------------------------------------------------------------


@pytest.fixture
def supervisor(centre):
    return staff_user("supervisor", centre, User.Role.SUPERVISOR)


@pytest.fixture
def liaison(db):
    police = Organisation.objects.create(name="Police (test)", kind=Organisation.Kind.POLICE)
    return staff_user("liaison", police, User.Role.LIAISON)


@pytest.fixture
def academy_administrator(region):
    academy = Organisation.objects.get(kind=Organisation.Kind.ACADEMY, region=region)
    return staff_user("academy_admin", academy, User.Role.ADMINISTRATOR)


@pytest.mark.django_db
def test_the_administrator_reads_the_protocol_page(administrator, sign_in):
    response = sign_in(administrator).get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    assert [row.split('"')[0] for row in rows.split('id="step-')[1:]] == REFERENCE_CODES
    assert "Évaluer la gravité" in rows
    assert 'href="/fr/staff/schools/protocol/edit/"' in page


@pytest.mark.django_db
def test_the_versions_are_listed_newest_first(administrator, sign_in):
    for summary in ("second", "third", "fourth"):
        publish_protocol(reference_definition(), summary=summary, by=administrator)
    page = sign_in(administrator).get(PAGE).content.decode()
    listed = re.findall(r'<tr id="version-(\d+)"', page)
    assert listed == ["4", "3", "2", "1"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona",
    [
        "analyst",
        "supervisor",
        "teacher_a",
        "head_a",
        "academy_viewer",
        "ministry_viewer",
        "liaison",
        "academy_administrator",
    ],
)
def test_only_centre_administrators_find_the_protocol_pages(request, sign_in, persona):
    client = sign_in(request.getfixturevalue(persona))
    assert client.get(PAGE).status_code == 404
    assert client.get(EDIT).status_code == 404
    data = {"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0", "summary": "x", "based_on": "1"}
    assert client.post(EDIT, data).status_code == 404
    assert ProtocolVersion.objects.filter(number__gt=1).count() == 0


@pytest.mark.django_db
def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(EDIT)
    assert response.status_code == 302
    assert "/staff/" in response["Location"] and "next=" in response["Location"]


@pytest.mark.parametrize("change", [{"not_applicable": True}, {"records": ["level", "note"]}, {"records": ["safety"]}])
def test_the_first_step_is_the_recording_itself(change):
    """record_case completes the first step: it may only hold what recording gives."""
    from sanad.schools.protocol import InvalidProtocol, reference_definition, validate

    definition = reference_definition()
    definition["steps"][0].update(change)
    with pytest.raises(InvalidProtocol) as refused:
        validate(definition)
    assert any("first step" in problem for problem in refused.value.problems)

"""Schools and resource-team members imported from CSV: every row or none, with a report
naming each refused line and why; new members get one welcome e-mail with a working link."""

import html
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from sanad.accounts.models import Organisation, Region, User
from sanad.audit.models import AuditEvent
from sanad.evidence.uploads import RefusedUpload
from sanad.lib import csv_files
from sanad.schools import imports
from sanad.schools.models import Level, School, TeamMember
from sanad.schools.tasks import send_welcome
from sanad.testing import staff_user

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
# English pages show the source strings, whatever the translations say.
URL = "/en/staff/schools/import/"
SCHOOLS_HEADER = "code,name,region,province,level"
TEAM_HEADER = "school_code,username,first_name,last_name,email,position,trained_on"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def reasons(report: csv_files.ImportReport) -> dict[int, list[str]]:
    return {line.number: line.reasons for line in report.refused}


def import_examples() -> None:
    assert imports.import_schools((EXAMPLES / "schools.csv").read_bytes(), by=None).applied


# --- Schools ---------------------------------------------------------------------------


def test_the_example_schools_file_imports_every_school_with_its_academy(administrator):
    report = imports.import_schools((EXAMPLES / "schools.csv").read_bytes(), by=administrator)

    assert report.applied and report.ok
    assert (report.created, report.updated, report.unchanged) == (5, 0, 0)
    primary = School.objects.select_related("organisation", "academy", "region").get(code="EX-1001")
    assert primary.name == "École primaire Al Amal (exemple)"
    assert primary.organisation.kind == Organisation.Kind.SCHOOL
    assert primary.organisation.region == primary.region
    assert primary.region.code == "casablanca-settat"
    assert primary.academy == Organisation.objects.get(kind=Organisation.Kind.ACADEMY, region=primary.region)
    assert primary.level == Level.PRIMARY
    # French, Arabic and quoted values, region by its name in either language.
    assert School.objects.get(code="EX-1002").level == Level.MIDDLE
    assert School.objects.get(code="EX-1003").level == Level.SECONDARY
    arabic = School.objects.get(code="EX-2001")
    assert (arabic.region.code, arabic.level) == ("oriental", Level.PRIMARY)
    assert School.objects.get(code="EX-2002").name == "Collège Ennour, annexe (exemple)"

    event = AuditEvent.objects.get(action="schools.imported")
    assert event.actor == administrator
    assert event.detail == {"created": 5, "updated": 0, "unchanged": 0}


def test_one_bad_row_imports_nothing_and_the_report_names_its_line_and_every_reason(region):
    data = csv(
        SCHOOLS_HEADER,
        f"T-1,École Une (test),{region.code},Province (test),primary",
        f"T-2,,{region.code},Province (test),university",
        f"T-3,École Trois (test),{region.code},Province (test),middle",
    )

    report = imports.import_schools(data, by=None)

    assert not report.applied
    assert not School.objects.filter(code__startswith="T-").exists()
    assert not AuditEvent.objects.filter(action="schools.imported").exists()
    assert list(reasons(report)) == [3]
    assert reasons(report)[3] == ["name is missing.", "level «university» is not one of primary, middle, secondary."]
    assert [line.number for line in report.accepted] == [2, 4]
    assert "Line 3 (T-2):" in report.text()
    assert report.text()[-1].startswith("Nothing was imported")


def test_semicolons_a_byte_order_mark_french_words_and_blank_lines_are_understood():
    data = "\ufeffCode;NAME;Région;Province;Level\r\n\r\nT-1;Lycée Al Test (test);Fès-Meknès;Province (test);Lycée\r\n;;;;\r\nT-2;Collège Deux, annexe (test);الشرق;Province (test);collège\r\n"
    report = imports.import_schools(data.encode(), by=None)

    assert report.warnings == []
    assert report.applied, report.text()
    assert [line.number for line in report.lines] == [3, 5]
    first, second = School.objects.get(code="T-1"), School.objects.get(code="T-2")
    assert (first.region.code, first.level) == ("fes-meknes", Level.SECONDARY)
    assert (second.region.code, second.level, second.name) == ("oriental", Level.MIDDLE, "Collège Deux, annexe (test)")


def test_the_same_file_imported_again_changes_nothing_and_a_changed_row_updates(region):
    data = csv(SCHOOLS_HEADER, f"T-1,École Une (test),{region.code},Province (test),primary")
    assert imports.import_schools(data, by=None).created == 1
    organisations = Organisation.objects.count()

    again = imports.import_schools(data, by=None)
    assert again.applied
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert Organisation.objects.count() == organisations
    assert School.objects.filter(code="T-1").count() == 1

    changed = csv(SCHOOLS_HEADER, f"t-1,École Une rénovée (test),{region.code},Autre province (test),middle")
    report = imports.import_schools(changed, by=None)
    assert (report.created, report.updated) == (0, 1)
    school = School.objects.get(code="T-1")
    assert (school.name, school.province, school.level) == (
        "École Une rénovée (test)",
        "Autre province (test)",
        "middle",
    )


def test_a_code_twice_in_the_file_refuses_both_lines(region):
    data = csv(
        SCHOOLS_HEADER,
        f"T-1,École Une (test),{region.code},Province (test),primary",
        f"T-2,École Deux (test),{region.code},Province (test),primary",
        f"t-1,École Une bis (test),{region.code},Province (test),primary",
    )
    report = imports.import_schools(data, by=None)

    assert reasons(report) == {
        2: ["The same code is also on line 4."],
        4: ["The same code is also on line 2."],
    }
    assert not School.objects.filter(code__in=["T-1", "T-2"]).exists()


def test_an_unknown_region_is_refused(region):
    report = imports.check_schools(csv(SCHOOLS_HEADER, "T-1,École Une (test),Atlantide,Province (test),primary"))
    assert len(reasons(report)[2]) == 1
    assert reasons(report)[2][0].startswith("region «Atlantide» is not a known region")


def test_an_existing_school_is_not_moved_to_another_region(school_a, other_region):
    data = csv(SCHOOLS_HEADER, f"{school_a.code},{school_a.name},{other_region.code},Province (test),middle")
    report = imports.import_schools(data, by=None)
    assert "an import does not move schools" in reasons(report)[2][0]
    school_a.refresh_from_db()
    assert school_a.region != other_region


def test_a_region_without_an_academy_gets_one():
    region = Region.objects.create(code="test-region", name_ar="منطقة", name_fr="Région Test", name_en="Test region")
    report = imports.import_schools(
        csv(SCHOOLS_HEADER, "T-1,École Une (test),Région test,Province (test),primaire"), by=None
    )
    assert report.applied, report.text()
    academy = School.objects.get(code="T-1").academy
    assert (academy.kind, academy.region, academy.name) == (Organisation.Kind.ACADEMY, region, "AREF Région Test")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "This file is empty."),
        (b"code,name\nT-1,x\n", "Missing: region, province, level."),
        ("code,name,region,province,level\nT-1,École,x,y,primary\n".encode("latin-1"), "This file is not in UTF-8"),
        (b"PK\x03\x04\x14\x00\x06\x00", "spreadsheet workbook"),
        ("code,name,region,province,level\n".encode("utf-16"), "UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        (b"code,name,region,province,level\n", "no rows to import"),
        (b"code,name,region,province,level\n" + b"x" * csv_files.MAX_BYTES, "larger than 2 MB"),
        (csv(SCHOOLS_HEADER, *[f"T-{n},x,y,z,primary" for n in range(csv_files.MAX_ROWS + 1)]), "more than 5000 rows"),
        (b'code,name,region,province,level\nT-1,"never closed,x,y,primary\n', None),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_as_a_whole_with_a_clear_message(data, problem):
    report = imports.import_schools(data, by=None)
    assert not report.applied
    if problem is None:
        # csv reads an unclosed quote to the end of the file: the row is refused, not the server.
        assert not report.ok
    else:
        assert problem in report.problem
        assert report.lines == []


# --- Team members ----------------------------------------------------------------------


def team_row(school: School, username: str, position: str = "teacher", trained_on: str = "2025-09-15", **fields: str):
    values = {
        "first_name": "Prénom",
        "last_name": "Fictif",
        "email": f"{username}@school.invalid",
    } | fields
    return f"{school.code},{username},{values['first_name']},{values['last_name']},{values['email']},{position},{trained_on}"


def test_team_members_get_an_account_of_their_school_without_a_password(school_a, administrator):
    data = csv(
        TEAM_HEADER,
        team_row(school_a, "t.head", "chef d'établissement"),
        team_row(school_a, "t.counsellor", "Conseillère", "15/09/2025"),
        team_row(school_a, "t.teacher", "أستاذة", ""),
    )
    report = imports.import_team(data, by=administrator)

    assert report.applied, report.text()
    head = User.objects.get(username="t.head")
    assert (head.role, head.organisation, head.email) == (
        User.Role.SCHOOL_TEAM,
        school_a.organisation,
        "t.head@school.invalid",
    )
    assert head.is_school_team
    assert not head.has_usable_password()
    positions = dict(TeamMember.objects.filter(school=school_a).values_list("user__username", "position"))
    assert positions == {"t.head": "head", "t.counsellor": "counsellor", "t.teacher": "teacher"}
    assert TeamMember.objects.get(user__username="t.counsellor").trained_on.isoformat() == "2025-09-15"
    assert TeamMember.objects.get(user__username="t.teacher").trained_on is None
    event = AuditEvent.objects.get(action="team.imported")
    assert event.detail == {"created": 3, "updated": 0, "unchanged": 0}


def test_the_example_team_file_imports_after_the_example_schools():
    import_examples()
    report = imports.import_team((EXAMPLES / "team.csv").read_bytes(), by=None)
    assert report.applied, report.text()
    assert TeamMember.objects.filter(school__code="EX-1002").count() == 4
    assert TeamMember.objects.get(user__username="exemple.head2001").position == "head"


def test_a_member_of_the_same_school_is_updated_and_a_second_import_changes_nothing(school_a, teacher_a):
    data = csv(TEAM_HEADER, team_row(school_a, "Teacher_A", "counsellor", first_name="Hanane"))
    report = imports.import_team(data, by=None)
    assert (report.created, report.updated) == (0, 1)
    teacher_a.refresh_from_db()
    assert (teacher_a.first_name, teacher_a.team_membership.position) == ("Hanane", "counsellor")
    assert imports.import_team(data, by=None).unchanged == 1


def test_an_unknown_school_code_is_refused_even_in_a_schools_file_of_the_same_run(school_a):
    data = csv(TEAM_HEADER, team_row(school_a, "t.one"), "NOPE-1,t.two,Prénom,Fictif,t.two@school.invalid,teacher,")
    report = imports.import_team(data, by=None)
    assert reasons(report) == {3: ["No school has the code «NOPE-1». Import the schools first, then their teams."]}
    assert not User.objects.filter(username__in=["t.one", "t.two"]).exists()


def test_a_username_of_another_school_or_role_is_refused(school_a, teacher_b, analyst):
    data = csv(TEAM_HEADER, team_row(school_a, "teacher_b"), team_row(school_a, "ANALYST"))
    report = imports.import_team(data, by=None)
    assert set(reasons(report)) == {2, 3}
    assert all("already used by another account" in found[0] for found in reasons(report).values())
    teacher_b.refresh_from_db()
    analyst.refresh_from_db()
    assert teacher_b.organisation == teacher_b.team_membership.school.organisation != school_a.organisation
    assert analyst.role == User.Role.ANALYST


def test_a_school_may_have_only_one_head_after_the_import(school_a, head_a):
    second_head = imports.import_team(csv(TEAM_HEADER, team_row(school_a, "t.head", "head")), by=None)
    assert reasons(second_head) == {2: [f"The school {school_a.code} would have more than one head: head_a, t.head."]}

    two_in_file = imports.check_team(
        csv(
            TEAM_HEADER,
            team_row(school_a, "head_a", "teacher"),
            team_row(school_a, "t.one", "head"),
            team_row(school_a, "t.two", "directeur"),
        )
    )
    assert set(reasons(two_in_file)) == {3, 4}

    # The old head takes another position in the same file: one head after the import.
    handover = imports.import_team(
        csv(TEAM_HEADER, team_row(school_a, "head_a", "teacher"), team_row(school_a, "t.head", "head")), by=None
    )
    assert handover.applied, handover.text()
    assert list(
        TeamMember.objects.filter(school=school_a, position="head").values_list("user__username", flat=True)
    ) == ["t.head"]


@time_machine.travel(NOW, tick=False)
def test_a_bad_email_a_date_in_the_future_and_a_bad_position_are_refused(school_a):
    data = csv(
        TEAM_HEADER,
        team_row(school_a, "t.one", email="not-an-address"),
        team_row(school_a, "t.two", trained_on="2026-03-03"),
        team_row(school_a, "t.three", "janitor", trained_on="31/02/2025"),
        team_row(school_a, "t.four", trained_on="2026-03-02"),
    )
    report = imports.import_team(data, by=None)
    assert reasons(report) == {
        2: ["email «not-an-address» is not a valid e-mail address."],
        3: ["trained_on «2026-03-03» is in the future."],
        4: [
            "position «janitor» is not one of head, counsellor, teacher, other.",
            "trained_on «31/02/2025» is not a date: write it as YYYY-MM-DD or DD/MM/YYYY.",
        ],
    }
    assert not User.objects.filter(username__startswith="t.").exists()


def test_a_team_of_more_than_five_is_imported_with_a_warning(school_a, teacher_a, head_a):
    rows = [team_row(school_a, f"t.member{n}") for n in range(4)]
    report = imports.import_team(csv(TEAM_HEADER, *rows), by=None)
    assert report.applied
    assert report.warnings == [
        f"The school {school_a.code} will have 6 team members; a resource team is three to five."
    ]


def test_missing_trained_on_column_is_allowed_and_extra_columns_are_ignored_with_a_warning(school_a):
    data = csv(
        "school_code,username,first_name,last_name,email,position,notes",
        f"{school_a.code},t.one,Prénom,Fictif,t.one@school.invalid,teacher,anything",
    )
    report = imports.import_team(data, by=None)
    assert report.applied, report.text()
    assert report.warnings == ["These columns are not used and were ignored: notes."]


# --- The welcome e-mail ---------------------------------------------------------------


def link_in(message: str, language: str) -> str:
    found = re.search(rf"https?://\S+/{language}/staff/set-password/\S+/", message)
    assert found, message
    return found.group(0)


def test_a_new_member_gets_one_welcome_email_whose_link_sets_the_password(
    school_a, django_capture_on_commit_callbacks, settings
):
    settings.SANAD_SITE_URL = "https://sanad.example.invalid"
    data = csv(TEAM_HEADER, team_row(school_a, "t.new"))
    with django_capture_on_commit_callbacks(execute=True):
        assert imports.import_team(data, by=None).applied
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["t.new@school.invalid"]
    assert "t.new" in message.body and school_a.name in message.body
    french, arabic = link_in(message.body, "fr"), link_in(message.body, "ar")
    assert french.startswith("https://sanad.example.invalid/fr/staff/set-password/")
    assert french.replace("/fr/", "/ar/") == arabic

    # Imported again, or the task run twice: no second e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        assert imports.import_team(data, by=None).unchanged == 1
    send_welcome.call(User.objects.get(username="t.new").pk)
    assert len(mail.outbox) == 1

    client = Client()
    path = french.removeprefix("https://sanad.example.invalid")
    response = client.get(path)
    assert response.status_code == 302  # the token moves into the session, out of the address
    form_url = response["Location"]
    assert client.get(form_url).status_code == 200
    new_password = "a long passphrase for the test"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    assert response["Location"] == "/fr/staff/sign-in/"
    assert User.objects.get(username="t.new").check_password(new_password)

    # Signing in with it leads to the enrolment of the second factor.
    response = Client().post("/fr/staff/sign-in/", {"username": "t.new", "password": new_password})
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/staff/two-factor/setup/")

    # The link worked once.
    used = Client().get(path.replace("/fr/", "/en/", 1), follow=True)
    assert used.status_code == 200
    assert "This link does not work" in html.unescape(used.content.decode())


def test_no_welcome_email_when_nothing_is_imported(school_a, django_capture_on_commit_callbacks):
    data = csv(TEAM_HEADER, team_row(school_a, "t.new"), team_row(school_a, "t.bad", email="nope"))
    with django_capture_on_commit_callbacks(execute=True):
        assert not imports.import_team(data, by=None).applied
    assert mail.outbox == []


# --- The page --------------------------------------------------------------------------


def upload(client: Client, data: bytes, *, kind: str = "schools", action: str = "check", name: str = "schools.csv"):
    return client.post(URL, {"kind": kind, "action": action, "file": SimpleUploadedFile(name, data, "text/csv")})


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_only_centre_administrators_reach_the_page(administrator, sign_in):
    response = sign_in(administrator).get(URL)
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()


@pytest.mark.parametrize("persona", ["analyst", "teacher_a", "head_a", "academy_viewer", "ministry_viewer"])
def test_other_staff_get_not_found(persona, request, sign_in):
    user = request.getfixturevalue(persona)
    client = sign_in(user)
    assert client.get(URL).status_code == 404
    assert upload(client, (EXAMPLES / "schools.csv").read_bytes(), action="import").status_code == 404
    assert not School.objects.filter(code__startswith="EX-").exists()


def test_an_administrator_of_an_academy_gets_not_found(region, sign_in):
    academy = Organisation.objects.get(kind=Organisation.Kind.ACADEMY, region=region)
    assert sign_in(staff_user("aref_admin", academy, User.Role.ADMINISTRATOR)).get(URL).status_code == 404


def test_check_shows_the_report_and_writes_nothing_then_import_writes(administrator, sign_in):
    client = sign_in(administrator)
    data = (EXAMPLES / "schools.csv").read_bytes()

    checked = upload(client, data)
    assert checked.status_code == 200
    assert "5 rows accepted: 5 new, 0 updated, 0 unchanged." in page_text(checked)
    assert not School.objects.filter(code__startswith="EX-").exists()

    imported = upload(client, data, action="import")
    assert imported.status_code == 302
    assert imported["Location"] == URL
    assert School.objects.filter(code__startswith="EX-").count() == 5
    assert "Import done: 5 new, 0 updated, 0 unchanged." in page_text(client.get(URL))
    assert AuditEvent.objects.get(action="schools.imported").actor == administrator


def test_refused_rows_are_listed_with_their_line_and_reasons(administrator, sign_in, region):
    data = csv(
        SCHOOLS_HEADER, f"T-1,École (test),{region.code},Province (test),primary", "T-2,École (test),Atlantide,P,x"
    )
    for action in ("check", "import"):
        response = upload(sign_in(administrator), data, action=action)
        assert response.status_code == 400
        text = page_text(response)
        assert "1 line refused: nothing was imported" in text
        assert "Line 3" in text
        assert "level «x» is not one of primary, middle, secondary." in text
    assert not School.objects.filter(code__in=["T-1", "T-2"]).exists()


def test_team_members_import_through_the_page(administrator, sign_in, school_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(
            sign_in(administrator), csv(TEAM_HEADER, team_row(school_a, "t.page")), kind="team", action="import"
        )
    assert response.status_code == 302
    assert User.objects.get(username="t.page").is_school_team
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a text file"),
        ("name;code\né;à\n".encode("cp1252"), "This file is not in UTF-8"),
        (b"<html><body>hello</body></html>", "The first line must name the columns"),
        (b"", "This file is empty."),
    ],
)
def test_a_garbage_upload_gets_a_400_with_a_message(administrator, sign_in, data, message):
    response = upload(sign_in(administrator), data, action="import")
    assert response.status_code == 400
    assert message in page_text(response)
    assert not AuditEvent.objects.filter(action="schools.imported").exists()


def test_a_file_over_the_limit_is_refused_before_it_is_read(administrator, sign_in):
    response = upload(sign_in(administrator), b"x" * (csv_files.MAX_BYTES + 1))
    assert response.status_code == 400
    # The upload handler dropped it while it arrived: the oversized file was never kept in memory.
    assert isinstance(response.context["form"].files["file"], RefusedUpload)
    assert "larger than 2 MB" in page_text(response)


def test_the_page_checks_the_csrf_token_itself(administrator, sign_in):
    client = sign_in(administrator)
    client.handler.enforce_csrf_checks = True
    assert upload(client, (EXAMPLES / "schools.csv").read_bytes(), action="import").status_code == 403
    assert not School.objects.filter(code__startswith="EX-").exists()


def test_a_form_without_a_file_or_a_kind_is_refused(administrator, sign_in):
    response = sign_in(administrator).post(URL, {"action": "check"})
    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"kind", "file"}


# --- The commands ----------------------------------------------------------------------


def test_the_commands_import_check_and_exit_with_1_when_rows_are_refused(tmp_path, capsys):
    schools = EXAMPLES / "schools.csv"
    call_command("import_schools", str(schools), "--check")
    assert "5 rows accepted" in capsys.readouterr().out
    assert not School.objects.filter(code__startswith="EX-").exists()

    call_command("import_schools", str(schools))
    assert "Imported." in capsys.readouterr().out
    assert School.objects.filter(code__startswith="EX-").count() == 5
    call_command("import_team", str(EXAMPLES / "team.csv"))
    assert TeamMember.objects.filter(school__code__startswith="EX-").count() == 5

    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv(TEAM_HEADER, "EX-1001,t.x,Prénom,Fictif,nope,teacher,"))
    with pytest.raises(CommandError) as refused:
        call_command("import_team", str(bad))
    assert refused.value.returncode == 1
    output = capsys.readouterr().out
    assert "Line 2 (t.x):" in output and "email «nope» is not a valid e-mail address." in output
    assert not User.objects.filter(username="t.x").exists()

    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_schools", str(tmp_path / "missing.csv"))

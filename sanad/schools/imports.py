"""Schools and resource-team members imported from CSV files: all rows or none.

A file is read (UTF-8 with or without BOM, comma or semicolon, header names in any case),
each row checked against the file and the database, and the report lists every refused
line with all its reasons. Only a file with no refused row is applied, in one
transaction, with one audit event; new accounts get their welcome e-mail after commit.
"""

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower, Upper
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanad.accounts.models import Organisation, Region, User
from sanad.audit.log import record
from sanad.lib.csv_files import (
    NEW,
    UNCHANGED,
    UPDATED,
    FileRefused,
    ImportReport,
    Line,
    Table,
    fold,
    missing,
    quoted,
    read_table,
    refuse_duplicates,
    refuse_extra_cells,
    required,
    warn_ignored_columns,
)
from sanad.schools.models import Level, School, TeamMember
from sanad.schools.tasks import send_welcome

# DOMAIN.md: a resource team is three to five trained staff. More is allowed, and said.
TEAM_MAXIMUM = 5

SCHOOLS = "schools"
TEAM = "team"
KINDS = {SCHOOLS: gettext_lazy("schools"), TEAM: gettext_lazy("resource-team members")}

SCHOOL_COLUMNS = ("code", "name", "region", "province", "level")
TEAM_COLUMNS = ("school_code", "username", "first_name", "last_name", "email", "position", "trained_on")
OPTIONAL_COLUMNS = frozenset({"trained_on"})


SCHOOL_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FRENCH_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")


LEVEL_WORDS = {
    Level.PRIMARY: ["primary", "primary school", "primaire", "école primaire", "ابتدائي", "التعليم الابتدائي"],
    Level.MIDDLE: [
        "middle",
        "middle school",
        "collège",
        "secondaire collégial",
        "إعدادي",
        "ثانوي إعدادي",
        "الثانوي الإعدادي",
    ],
    Level.SECONDARY: [
        "secondary",
        "secondary school",
        "lycée",
        "secondaire",
        "secondaire qualifiant",
        "ثانوي",
        "ثانوي تأهيلي",
        "الثانوي التأهيلي",
    ],
}
POSITION_WORDS = {
    TeamMember.Position.HEAD: [
        "head",
        "head of school",
        "chef d'établissement",
        "directeur",
        "directrice",
        "proviseur",
        "principal",
        "principale",
        "مدير",
        "مديرة",
        "مدير المؤسسة",
        "رئيس المؤسسة",
    ],
    TeamMember.Position.COUNSELLOR: [
        "counsellor",
        "counselor",
        "conseiller",
        "conseillère",
        "conseiller d'orientation",
        "مستشار",
        "مستشارة",
        "مستشار في التوجيه",
    ],
    TeamMember.Position.TEACHER: [
        "teacher",
        "enseignant",
        "enseignante",
        "professeur",
        "professeure",
        "أستاذ",
        "أستاذة",
        "مدرس",
        "معلم",
        "معلمة",
    ],
    TeamMember.Position.OTHER: ["other", "other staff", "autre", "آخر", "أخرى"],
}
LEVELS = {fold(word): level for level, words in LEVEL_WORDS.items() for word in words}
POSITIONS = {fold(word): position for position, words in POSITION_WORDS.items() for word in words}


# --- Schools ---------------------------------------------------------------------------


@dataclass
class SchoolRow:
    line: Line
    code: str
    name: str
    region: Region | None
    province: str
    level: str
    school: School | None = None


def _region_index() -> dict[str, Region]:
    index = {}
    for region in Region.objects.all():
        for name in (region.code, region.name_fr, region.name_ar, region.name_en):
            index[fold(name)] = region
    return index


def _validate_schools(table: Table, report: ImportReport) -> list[SchoolRow]:
    regions = _region_index()
    example_region = min(regions.values(), key=lambda region: region.position).code if regions else ""
    codes = {values["code"].upper() for _number, values in table.rows if values["code"]}
    existing = {
        school.upper_code: school
        for school in School.objects.annotate(upper_code=Upper("code"))
        .filter(upper_code__in=codes)
        .select_related("organisation", "region")
    }
    rows = []
    for number, values in table.rows:
        line = Line(number, values["code"])
        reasons = line.reasons
        code = required(values, "code", 20, reasons)
        if code and len(code) <= 20 and not SCHOOL_CODE.match(code):
            reasons.append(
                _("code %(value)s may hold only letters, digits, dots, dashes and underscores.")
                % {"value": quoted(code)}
            )
        name = required(values, "name", 200, reasons)
        province = required(values, "province", 80, reasons)
        region = None
        if not values["region"]:
            reasons.append(missing("region"))
        else:
            region = regions.get(fold(values["region"]))
            if region is None:
                reasons.append(
                    _("region %(value)s is not a known region: use its code (such as %(example)s) or its name.")
                    % {"value": quoted(values["region"]), "example": example_region}
                )
        level = ""
        if not values["level"]:
            reasons.append(missing("level"))
        else:
            level = LEVELS.get(fold(values["level"]), "")
            if not level:
                reasons.append(
                    _("level %(value)s is not one of primary, middle, secondary.") % {"value": quoted(values["level"])}
                )
        row = SchoolRow(line, code, name, region, province, level, existing.get(code.upper()))
        if row.school is not None:
            if region is not None and row.school.region_id != region.pk:
                # Moving a school changes its academy and who oversees its cases: not a bulk operation.
                reasons.append(
                    _("This school is already registered in the region %(region)s; an import does not move schools.")
                    % {"region": row.school.region.code}
                )
            changed = (row.school.name, row.school.province, row.school.level) != (name, province, level)
            line.outcome = UPDATED if changed else UNCHANGED
        rows.append(row)
    refuse_duplicates(
        [row.line for row in rows], lambda line: line.key.upper(), _("The same code is also on line %(lines)s.")
    )
    refuse_extra_cells(table, [row.line for row in rows])
    return rows


def _academy(region: Region, cache: dict[int, Organisation]) -> Organisation:
    """The region's academy, created as the data migration does when a region has none yet."""
    if region.pk not in cache:
        academy = Organisation.objects.filter(kind=Organisation.Kind.ACADEMY, region=region).order_by("pk").first()
        cache[region.pk] = academy or Organisation.objects.create(
            kind=Organisation.Kind.ACADEMY, region=region, name=f"AREF {region.name_fr}"
        )
    return cache[region.pk]


def _apply_schools(rows: list[SchoolRow], by: User | None) -> None:
    academies: dict[int, Organisation] = {}
    for row in rows:
        school, region = row.school, row.region
        assert region is not None  # refused rows never reach here
        if school is None:
            organisation = Organisation.objects.create(kind=Organisation.Kind.SCHOOL, region=region, name=row.name)
            School.objects.create(
                organisation=organisation,
                code=row.code,
                region=region,
                province=row.province,
                academy=_academy(region, academies),
                level=row.level,
            )
        elif row.line.outcome == UPDATED:
            if school.organisation.name != row.name:
                school.organisation.name = row.name
                school.organisation.save(update_fields=["name"])
            school.province, school.level = row.province, row.level
            school.save(update_fields=["province", "level"])
    lines = [row.line for row in rows]
    record(
        by,
        "schools.imported",
        created=sum(line.outcome == NEW for line in lines),
        updated=sum(line.outcome == UPDATED for line in lines),
        unchanged=sum(line.outcome == UNCHANGED for line in lines),
    )


# --- Team members ----------------------------------------------------------------------


@dataclass
class MemberRow:
    line: Line
    school: School | None
    username: str
    first_name: str
    last_name: str
    email: str
    position: str
    trained_on: date | None
    user: User | None = None


def _date(value: str, reasons: list[str]) -> date | None:
    if not value:
        return None
    try:
        if ISO_DATE.match(value):
            day = date.fromisoformat(value)
        elif FRENCH_DATE.match(value):
            day = datetime.strptime(value, "%d/%m/%Y").date()  # noqa: DTZ007 (a calendar date, no time)
        else:
            raise ValueError(value)
    except ValueError:
        reasons.append(
            _("trained_on %(value)s is not a date: write it as YYYY-MM-DD or DD/MM/YYYY.") % {"value": quoted(value)}
        )
        return None
    if day > timezone.localdate():
        reasons.append(_("trained_on %(value)s is in the future.") % {"value": quoted(value)})
        return None
    return day


def _validate_team(table: Table, report: ImportReport) -> list[MemberRow]:
    codes = {values["school_code"].upper() for _number, values in table.rows if values["school_code"]}
    schools = {
        school.upper_code: school
        for school in School.objects.annotate(upper_code=Upper("code"))
        .filter(upper_code__in=codes)
        .select_related("organisation")
    }
    usernames = {values["username"].lower() for _number, values in table.rows if values["username"]}
    # Account names are matched in any case: "Teacher.A" and "teacher.a" would be two people signing in as one.
    users = {
        user.lower_name: user
        for user in User.objects.annotate(lower_name=Lower("username"))
        .filter(lower_name__in=usernames)
        .select_related("organisation", "team_membership")
    }
    validate_username = UnicodeUsernameValidator()
    rows = []
    for number, values in table.rows:
        line = Line(number, values["username"])
        reasons = line.reasons
        school = None
        code = values["school_code"]
        if not code:
            reasons.append(missing("school_code"))
        else:
            school = schools.get(code.upper())
            if school is None:
                reasons.append(
                    _("No school has the code %(value)s. Import the schools first, then their teams.")
                    % {"value": quoted(code)}
                )
        username = required(values, "username", 150, reasons)
        if username and len(username) <= 150:
            try:
                validate_username(username)
            except ValidationError:
                reasons.append(
                    _("username %(value)s may hold only letters, digits and @ . + - _ (no spaces).")
                    % {"value": quoted(username)}
                )
        first_name = required(values, "first_name", 150, reasons)
        last_name = required(values, "last_name", 150, reasons)
        email = required(values, "email", 254, reasons)
        if email and len(email) <= 254:
            try:
                validate_email(email)
            except ValidationError:
                reasons.append(_("email %(value)s is not a valid e-mail address.") % {"value": quoted(email)})
            else:
                email = User.objects.normalize_email(email)
        position = ""
        if not values["position"]:
            reasons.append(missing("position"))
        else:
            position = POSITIONS.get(fold(values["position"]), "")
            if not position:
                reasons.append(
                    _("position %(value)s is not one of head, counsellor, teacher, other.")
                    % {"value": quoted(values["position"])}
                )
        trained_on = _date(values["trained_on"], reasons)
        row = MemberRow(line, school, username, first_name, last_name, email, position, trained_on)
        row.user = users.get(username.lower()) if username else None
        if row.user is not None and school is not None:
            _compare_member(row, school)
        rows.append(row)
    refuse_duplicates(
        [row.line for row in rows], lambda line: line.key.lower(), _("The same username is also on line %(lines)s.")
    )
    refuse_extra_cells(table, [row.line for row in rows])
    _check_teams(rows, report)
    return rows


def _compare_member(row: MemberRow, school: School) -> None:
    user = row.user
    assert user is not None
    if user.role != User.Role.SCHOOL_TEAM or user.organisation_id != school.organisation_id:
        row.line.reasons.append(
            _("The username %(value)s is already used by another account (another organisation or role).")
            % {"value": quoted(row.username)}
        )
        return
    member = getattr(user, "team_membership", None)
    now = (user.first_name, user.last_name, user.email, member.position if member else "", member and member.trained_on)
    wanted = (row.first_name, row.last_name, row.email, row.position, row.trained_on)
    row.line.outcome = UNCHANGED if now == wanted else UPDATED


def _check_teams(rows: list[MemberRow], report: ImportReport) -> None:
    """After the import, each school has at most one head; more than five members is said, not refused."""
    by_school: dict[int, list[MemberRow]] = defaultdict(list)
    for row in rows:
        if row.school is not None:
            by_school[row.school.pk].append(row)
    current: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for school_id, username, position in TeamMember.objects.filter(school__in=list(by_school)).values_list(
        "school", "user__username", "position"
    ):
        current[school_id].append((username, position))
    for school_id, school_rows in by_school.items():
        school = school_rows[0].school
        assert school is not None
        in_file = {row.username.lower() for row in school_rows}
        staying = [(name, position) for name, position in current[school_id] if name.lower() not in in_file]
        heads = [name for name, position in staying if position == TeamMember.Position.HEAD]
        heads += [row.username for row in school_rows if row.position == TeamMember.Position.HEAD]
        if len(heads) > 1:
            for row in school_rows:
                if row.position == TeamMember.Position.HEAD:
                    row.line.reasons.append(
                        _("The school %(code)s would have more than one head: %(heads)s.")
                        % {"code": school.code, "heads": ", ".join(heads)}
                    )
        size = len(staying) + len(in_file)
        if size > TEAM_MAXIMUM:
            report.warnings.append(
                _("The school %(code)s will have %(size)s team members; a resource team is three to five.")
                % {"code": school.code, "size": size}
            )


def _apply_team(rows: list[MemberRow], by: User | None) -> None:
    for row in rows:
        school = row.school
        assert school is not None  # refused rows never reach here
        if row.user is None:
            # No password: the new member chooses one through the link of the welcome e-mail.
            user = User.objects.create_user(
                username=row.username,
                email=row.email,
                password=None,
                first_name=row.first_name,
                last_name=row.last_name,
                organisation=school.organisation,
                role=User.Role.SCHOOL_TEAM,
            )
            TeamMember.objects.create(school=school, user=user, position=row.position, trained_on=row.trained_on)
            transaction.on_commit(partial(send_welcome.enqueue, user.pk))
        elif row.line.outcome == UPDATED:
            user = row.user
            user.first_name, user.last_name, user.email = row.first_name, row.last_name, row.email
            user.save(update_fields=["first_name", "last_name", "email"])
            TeamMember.objects.update_or_create(
                user=user, defaults={"school": school, "position": row.position, "trained_on": row.trained_on}
            )
    lines = [row.line for row in rows]
    record(
        by,
        "team.imported",
        created=sum(line.outcome == NEW for line in lines),
        updated=sum(line.outcome == UPDATED for line in lines),
        unchanged=sum(line.outcome == UNCHANGED for line in lines),
    )


# --- Entry points ------------------------------------------------------------------------

KIND_PARTS: dict[str, tuple[tuple[str, ...], Callable, Callable]] = {
    SCHOOLS: (SCHOOL_COLUMNS, _validate_schools, _apply_schools),
    TEAM: (TEAM_COLUMNS, _validate_team, _apply_team),
}


def _validate(kind: str, data: bytes) -> tuple[ImportReport, list]:
    columns, validate, _apply = KIND_PARTS[kind]
    report = ImportReport(kind)
    try:
        table = read_table(data, columns, optional=OPTIONAL_COLUMNS)
    except FileRefused as refusal:
        report.problem = refusal.message
        return report, []
    warn_ignored_columns(table, report)
    rows = validate(table, report)
    report.lines = [row.line for row in rows]
    return report, rows


def check(kind: str, data: bytes) -> ImportReport:
    """What importing this file would do; nothing is written."""
    report, _rows = _validate(kind, data)
    return report


def run_import(kind: str, data: bytes, *, by: User | None) -> ImportReport:
    """Import the file when no row is refused; otherwise write nothing and say why."""
    _columns, _validate_rows, apply = KIND_PARTS[kind]
    try:
        with transaction.atomic():
            report, rows = _validate(kind, data)
            if report.ok:
                apply(rows, by)
                report.applied = True
    except IntegrityError:
        # Two imports of the same schools or accounts at once: the second one's rows collide.
        report = ImportReport(kind)
        report.problem = _("Someone changed the same records during the import. Nothing was imported; try again.")
    return report


def check_schools(data: bytes) -> ImportReport:
    return check(SCHOOLS, data)


def import_schools(data: bytes, *, by: User | None) -> ImportReport:
    return run_import(SCHOOLS, data, by=by)


def check_team(data: bytes) -> ImportReport:
    return check(TEAM, data)


def import_team(data: bytes, *, by: User | None) -> ImportReport:
    return run_import(TEAM, data, by=by)

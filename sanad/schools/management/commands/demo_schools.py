"""The demo's two pilot regions (the campaign's pilot: collèges and lycées of Rabat-Salé-Kénitra and
Marrakech-Safi): schools, their resource teams, an academy account per
region, and school cases at several stages of the protocol, made through the actions.

Synthetic people only. Like demo_staff, it publishes passwords and keys (appended to
var/demo_accounts.txt), so it refuses to run unless SANAD_DEBUG is on. Idempotent:
schools and accounts are found by their code and name, cases are made once.
"""

import base64
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import time_machine
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation

from sanad.accounts.demo import DEMO_PASSWORD, account_lines, demo_account, totp_key
from sanad.accounts.models import Organisation, Region, User
from sanad.schools import actions
from sanad.schools.actions import PupilEntry
from sanad.schools.models import (
    TRAINED_TEAM_MINIMUM,
    Author,
    Level,
    ParentContact,
    ProtocolRun,
    Pupil,
    RunOutcome,
    School,
    TeamMember,
    ToldBy,
)

HEADING = "Pilot schools (demo_schools): two regions, their resource teams and academies."
TRAINED_ON = date(2025, 10, 15)  # the day of the demo teams' resource-team training

Position = TeamMember.Position


@dataclass(frozen=True)
class DemoMember:
    username: str
    first_name: str
    position: str
    trained: bool = True
    featured: bool = False  # printed in full (key and recovery codes) on the terminal


@dataclass(frozen=True)
class DemoSchool:
    code: str
    name: str
    region: str  # a region code of accounts/migrations/0002_morocco_regions.py
    province: str
    level: str
    team: tuple[DemoMember, ...]


SCHOOLS = (
    DemoSchool(
        "DEMO-RS-C2",
        "Collège Al Wahda (démo)",
        "rabat-sale-kenitra",
        "Salé",
        Level.MIDDLE,
        (
            DemoMember("directrice.wahda", "Latifa", Position.HEAD),
            DemoMember("conseiller.wahda", "Mehdi", Position.COUNSELLOR),
            DemoMember("enseignante.wahda", "Houda", Position.TEACHER),
        ),
    ),
    # demo_staff's school: its demo.school account joins this team (see _school).
    DemoSchool(
        "DEMO-RS-C1",
        "Collège Al Amal (démo)",
        "rabat-sale-kenitra",
        "Rabat",
        Level.MIDDLE,
        (
            DemoMember("directeur.amal", "Rachid", Position.HEAD, featured=True),
            DemoMember("conseillere.amal", "Samira", Position.COUNSELLOR),
            DemoMember("enseignant.amal", "Hicham", Position.TEACHER, featured=True),
        ),
    ),
    DemoSchool(
        "DEMO-RS-L1",
        "Lycée Ibn Khaldoun (démo)",
        "rabat-sale-kenitra",
        "Kénitra",
        Level.SECONDARY,
        (
            DemoMember("directeur.khaldoun", "Mustapha", Position.HEAD),
            DemoMember("conseillere.khaldoun", "Naima", Position.COUNSELLOR),
            DemoMember("enseignant.khaldoun", "Adil", Position.TEACHER),
            DemoMember("enseignante.khaldoun", "Zineb", Position.TEACHER),
            DemoMember("professeur.khaldoun", "Said", Position.TEACHER),
        ),
    ),
    DemoSchool(
        "DEMO-MS-C2",
        "Collège Al Massira (démo)",
        "marrakech-safi",
        "Safi",
        Level.MIDDLE,
        (
            DemoMember("directeur.massira", "Brahim", Position.HEAD),
            DemoMember("conseillere.massira", "Khadija", Position.COUNSELLOR),
            DemoMember("enseignante.massira", "Hanane", Position.TEACHER),
        ),
    ),
    DemoSchool(
        "DEMO-MS-C1",
        "Collège Al Khawarizmi (démo)",
        "marrakech-safi",
        "Marrakech",
        Level.MIDDLE,
        (
            DemoMember("directrice.khawarizmi", "Amina", Position.HEAD, featured=True),
            DemoMember("conseiller.khawarizmi", "Younes", Position.COUNSELLOR),
            DemoMember("enseignant.khawarizmi", "Lahcen", Position.TEACHER),
            DemoMember("enseignante.khawarizmi", "Malika", Position.TEACHER),
        ),
    ),
    # No trained team: two members, one trained. The academy's dashboard points at it.
    DemoSchool(
        "DEMO-MS-L1",
        "Lycée Al Manar (démo)",
        "marrakech-safi",
        "Essaouira",
        Level.SECONDARY,
        (
            DemoMember("directeur.manar", "Abdellah", Position.HEAD),
            DemoMember("enseignant.manar", "Omar", Position.TEACHER, trained=False),
        ),
    ),
)


@dataclass(frozen=True)
class DemoAcademyAccount:
    username: str
    first_name: str
    region: str


ACADEMY_ACCOUNTS = (
    DemoAcademyAccount("aref.rabat", "Jamila", "rabat-sale-kenitra"),
    DemoAcademyAccount("aref.marrakech", "Hassan", "marrakech-safi"),
)
# demo_staff's school account, added to Collège Al Amal's team when it exists.
DEMO_STAFF_SCHOOL_ACCOUNT = "demo.school"
DEMO_STAFF_SCHOOL = "DEMO-RS-C1"


class Command(BaseCommand):
    help = "Create the demo's pilot regions: schools, resource teams, academy accounts and school cases (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_schools publishes passwords and keys: it runs only with SANAD_DEBUG=true.")
        with transaction.atomic():
            regions = {region.code: region for region in Region.objects.filter(code__in={s.region for s in SCHOOLS})}
            if len(regions) != len({s.region for s in SCHOOLS}):
                raise CommandError("The Morocco regions are missing: run manage.py migrate first.")
            schools = {demo.code: self._school(demo, regions[demo.region]) for demo in SCHOOLS}
            users = {}
            for demo in SCHOOLS:
                for member in demo.team:
                    users[member.username] = self._member(member, schools[demo.code])
            for account in ACADEMY_ACCOUNTS:
                users[account.username] = self._academy_account(account, regions[account.region])
            self._join_demo_staff_school_account(schools[DEMO_STAFF_SCHOOL])
            if not ProtocolRun.objects.filter(school__in=schools.values()).exists():
                self._cases(schools, users)
        with translation.override("en"):
            text = self._printout(schools)
        self._publish(text)
        self.stdout.write(text)

    # Schools and accounts

    def _school(self, demo: DemoSchool, region: Region) -> School:
        academy = Organisation.objects.get(kind=Organisation.Kind.ACADEMY, region=region)
        school = School.objects.select_related("organisation").filter(code=demo.code).first()
        if school is None:
            # demo_staff made "Collège Al Amal (démo)" as an organisation only: it becomes this school.
            organisation = Organisation.objects.filter(
                name=demo.name, kind=Organisation.Kind.SCHOOL, school__isnull=True
            ).first() or Organisation(name=demo.name, kind=Organisation.Kind.SCHOOL)
            organisation.region = region
            organisation.contact_email = f"{demo.code.lower()}@school.invalid"
            organisation.save()
            school = School(organisation=organisation, code=demo.code)
        school.region, school.province, school.academy, school.level = region, demo.province, academy, demo.level
        school.save()
        return school

    def _member(self, member: DemoMember, school: School) -> User:
        user = demo_account(
            member.username, member.first_name, organisation=school.organisation, role=User.Role.SCHOOL_TEAM
        )
        TeamMember.objects.update_or_create(
            user=user,
            defaults={
                "school": school,
                "position": member.position,
                "trained_on": TRAINED_ON if member.trained else None,
            },
        )
        return user

    def _academy_account(self, account: DemoAcademyAccount, region: Region) -> User:
        academy = Organisation.objects.get(kind=Organisation.Kind.ACADEMY, region=region)
        return demo_account(account.username, account.first_name, organisation=academy, role=User.Role.MINISTRY)

    def _join_demo_staff_school_account(self, school: School) -> None:
        user = User.objects.filter(username=DEMO_STAFF_SCHOOL_ACCOUNT, organisation=school.organisation).first()
        if user is not None:
            TeamMember.objects.update_or_create(
                user=user, defaults={"school": school, "position": Position.TEACHER, "trained_on": TRAINED_ON}
            )

    # Cases, once, through the actions: the audit log and the signals see what a team would do.

    def _cases(self, schools: dict[str, School], users: dict[str, User]) -> None:
        now = timezone.now()
        self._just_recorded(schools["DEMO-RS-C1"], users["enseignant.amal"])
        self._interview_done(schools["DEMO-RS-C2"], users["enseignante.wahda"], users["conseiller.wahda"])
        self._parents_informed(schools["DEMO-RS-L1"], users["enseignant.khaldoun"], users["conseillere.khaldoun"])
        self._escalated(schools["DEMO-RS-C1"], users["conseillere.amal"], users["directeur.amal"])
        self._closed(schools["DEMO-MS-C1"], users["enseignante.khawarizmi"], users["conseiller.khawarizmi"], now)
        self._overdue(schools["DEMO-MS-C2"], users["enseignante.massira"], users["conseillere.massira"], now)

    def _just_recorded(self, school: School, teacher: User) -> ProtocolRun:
        return actions.record_case(
            school,
            by=teacher,
            told_by=ToldBy.PARENT,
            categories=["harassment"],
            facts="La mère d'une élève signale des moqueries répétées dans un groupe WhatsApp de la classe "
            "(situation inventée pour la démo).",
            evidence_kept=True,
            author=Author.PUPIL,
            pupils=[
                PupilEntry(Pupil.Role.VICTIM, "Yasmine Exemple", "2e année collège B (démo)"),
                PupilEntry(Pupil.Role.INVOLVED, "Anas Inventé", "2e année collège B (démo)"),
            ],
        )

    def _interview_done(self, school: School, teacher: User, counsellor: User) -> ProtocolRun:
        run = actions.record_case(
            school,
            by=teacher,
            told_by=ToldBy.VICTIM,
            categories=["personal_data"],
            facts="Un élève dit qu'une photo de lui circule avec un surnom moqueur (exemple fictif).",
            evidence_kept=False,
            author=Author.UNKNOWN,
            pupils=[PupilEntry(Pupil.Role.VICTIM, "Rayan Fictif", "1re année collège A (démo)")],
        )
        actions.complete_step(
            run,
            "listen",
            by=counsellor,
            details={"safety": "worried"},
            note="Entretien au calme ; l'élève a peur d'en parler à ses parents (démo).",
        )
        return run

    def _parents_informed(self, school: School, teacher: User, counsellor: User) -> ProtocolRun:
        run = actions.record_case(
            school,
            by=teacher,
            told_by=ToldBy.PUPIL,
            categories=["harassment", "hate_speech"],
            facts="Des camarades signalent des insultes répétées contre une élève sur Instagram (personnes fictives).",
            evidence_kept=True,
            author=Author.PUPIL,
            pupils=[
                PupilEntry(Pupil.Role.VICTIM, "Salma Exemple", "1re année bac (démo)"),
                PupilEntry(Pupil.Role.INVOLVED, "Karim Irréel", "1re année bac (démo)"),
                PupilEntry(Pupil.Role.WITNESS, "Nour Inventée", "1re année bac (démo)"),
            ],
        )
        actions.complete_step(run, "listen", by=counsellor, details={"safety": "safe"})
        actions.assess(run, by=counsellor, level=2, serious_because=[], note="Insultes répétées depuis un mois (démo).")
        parents = (
            (Pupil.Role.VICTIM, ParentContact.Relation.MOTHER),
            (Pupil.Role.INVOLVED, ParentContact.Relation.FATHER),
        )
        for pupil, relation in parents:
            actions.inform_parents(
                run,
                by=counsellor,
                pupil=run.pupils.get(role=pupil),
                relation=relation,
                informed_on=timezone.localdate(),
                means=ParentContact.Means.MEETING,
                response="Les parents soutiennent la démarche de l'école (démo).",
            )
        actions.complete_step(run, "parents", by=counsellor, note="Deux rencontres au bureau de la conseillère (démo).")
        return run

    def _escalated(self, school: School, counsellor: User, head: User) -> ProtocolRun:
        run = actions.record_case(
            school,
            by=counsellor,
            told_by=ToldBy.VICTIM,
            categories=["sexual_exploitation", "threats"],
            facts="Une élève dit qu'un inconnu en ligne menace de publier ses photos si elle ne paie pas "
            "(situation inventée pour la démo).",
            evidence_kept=True,
            author=Author.ADULT,
            pupils=[PupilEntry(Pupil.Role.VICTIM, "Sara Imaginaire", "3e année collège A (démo)")],
        )
        actions.complete_step(
            run, "listen", by=counsellor, details={"safety": "danger"}, note="Élève très inquiète (démo)."
        )
        # Level 3 asks the centre: its queue lists it (ProtocolRun.centre_asked_at), the head gets an e-mail.
        actions.assess(
            run,
            by=head,
            level=3,
            serious_because=["sexual_content", "extortion"],
            note="Sextorsion : ne rien payer, garder les captures (démo).",
        )
        actions.request_takedown(run, by=counsellor, links="https://example.invalid/demo.account.sextortion")
        return run

    def _closed(self, school: School, teacher: User, counsellor: User, now: datetime) -> ProtocolRun:
        """A case handled over five weeks and closed: every step recorded on its day."""
        opened = now - timedelta(days=40)

        def on(day: int) -> time_machine.travel:
            return time_machine.travel(opened + timedelta(days=day, hours=2), tick=False)

        with on(0):
            run = actions.record_case(
                school,
                by=teacher,
                told_by=ToldBy.STAFF,
                categories=["harassment"],
                facts="Un enseignant a vu une élève exclue et moquée dans un groupe de classe (exemple fictif).",
                evidence_kept=True,
                author=Author.PUPIL,
                pupils=[
                    PupilEntry(Pupil.Role.VICTIM, "Imane Exemple", "1re année collège C (démo)"),
                    PupilEntry(Pupil.Role.INVOLVED, "Walid Fictif", "1re année collège C (démo)"),
                ],
            )
        with on(1):
            actions.complete_step(run, "listen", by=counsellor, details={"safety": "safe"})
        with on(2):
            actions.assess(run, by=counsellor, level=1, serious_because=[])
            actions.skip_step(run, "takedown", by=counsellor, reason="Messages supprimés par leur auteur (démo).")
            actions.inform_parents(
                run,
                by=counsellor,
                pupil=run.pupils.get(role=Pupil.Role.VICTIM),
                relation=ParentContact.Relation.FATHER,
                informed_on=timezone.localdate(),
                means=ParentContact.Means.PHONE,
                response="Le père remercie l'école (démo).",
            )
            actions.complete_step(run, "parents", by=counsellor, note="Appel au père (démo).")
        with on(4):
            actions.complete_step(run, "hear", by=counsellor, note="Élèves entendus séparément (démo).")
            actions.skip_step(run, "protect", by=counsellor, reason="Pas de besoin exprimé par l'élève (démo).")
        with on(6):
            actions.complete_step(
                run, "measures", by=teacher, details={"approach": "restorative"}, note="Cercle de parole (démo)."
            )
        with on(7):
            actions.complete_step(run, "follow_up_week", by=counsellor, note="Les moqueries ont cessé (démo).")
        with on(30):
            actions.complete_step(run, "follow_up_month", by=counsellor, note="Tout va bien (démo).")
        with on(31):
            actions.close_run(
                run,
                by=counsellor,
                outcome=RunOutcome.STOPPED,
                review="Démarche réparatrice efficace ; suivi rapide par l'équipe (démo).",
            )
        return run

    def _overdue(self, school: School, teacher: User, counsellor: User, now: datetime) -> ProtocolRun:
        """Recorded twelve days ago and left after the interview: several deadlines are really past."""
        opened = now - timedelta(days=12)
        with time_machine.travel(opened, tick=False):
            run = actions.record_case(
                school,
                by=teacher,
                told_by=ToldBy.PARENT,
                categories=["gaming_exploitation"],
                facts="Un parent signale qu'un joueur en ligne réclame des codes de cartes à son enfant (démo).",
                evidence_kept=False,
                author=Author.UNKNOWN,
                pupils=[PupilEntry(Pupil.Role.VICTIM, "Ilyas Inventé", "2e année collège C (démo)")],
            )
        with time_machine.travel(opened + timedelta(days=1), tick=False):
            actions.complete_step(run, "listen", by=counsellor, details={"safety": "safe"})
        return run

    # The printout

    def _printout(self, schools: dict[str, School]) -> str:
        lines = [
            HEADING,
            f"Password of every account: {DEMO_PASSWORD}",
            "Second factor: the account's TOTP key in an authenticator app (6 digits, 30 s), or one recovery code.",
            "",
        ]
        featured = [(m, schools[s.code]) for s in SCHOOLS for m in s.team if m.featured]
        for member, school in featured:
            lines += account_lines(
                member.username, member.first_name, Position(member.position).label, school.name, width=21
            )
        for account in ACADEMY_ACCOUNTS:
            academy = Organisation.objects.get(kind=Organisation.Kind.ACADEMY, region__code=account.region)
            lines += account_lines(
                account.username, account.first_name, User.Role.MINISTRY.label, academy.name, width=21
            )
        lines += ["", "Schools and their resource teams (TOTP key of each account):"]
        for demo in SCHOOLS:
            school = schools[demo.code]
            members = TeamMember.objects.filter(school=school).select_related("user").order_by("position", "user")
            trained = sum(1 for member in members if member.trained_on)
            team = "trained team" if trained >= TRAINED_TEAM_MINIMUM else f"NO TRAINED TEAM ({trained} trained)"
            lines.append(f"  {demo.code}  {school.name} – {school.region.name_fr}, {demo.province}; {team}")
            for team_member in members:
                key = base64.b32encode(totp_key(team_member.user.username)).decode()
                lines.append(f"    {team_member.user.username:<22} {team_member.get_position_display():<15} {key}")
        runs = (
            ProtocolRun.objects.filter(school__in=schools.values())
            .select_related("school__organisation")
            .prefetch_related("steps")
            .order_by("opened_at", "pk")
        )
        if runs:
            lines += ["", "Demo school cases:"]
            for run in runs:
                lines.append(f"  {run.reference}  {run.school.name:<30} {self._stage(run)}")
        return "\n".join(lines) + "\n"

    def _stage(self, run: ProtocolRun) -> str:
        if run.is_closed:
            return f"closed ({run.get_outcome_display()})"
        words = [f"level {run.level}" if run.level else "not assessed"]
        if run.is_escalated:
            words.append("escalated")
        overdue = sum(1 for step in run.steps.all() if step.is_overdue())
        if overdue:
            words.append(f"{overdue} steps overdue")
        done = sum(1 for step in run.steps.all() if step.state != "pending")
        words.append(f"{done}/{len(run.steps.all())} steps recorded")
        return ", ".join(words)

    def _publish(self, text: str) -> None:
        """Append to demo_staff's var/demo_accounts.txt, replacing what an earlier run appended."""
        path = Path(settings.VAR_DIR) / "demo_accounts.txt"
        before = path.read_text() if path.exists() else ""
        before = before.split(HEADING, 1)[0].rstrip("\n")
        path.write_text((before + "\n\n" if before else "") + text)

"""Demo organisations and one staff account per role, with a known password, TOTP key and
recovery codes, and a few demo reports triaged into cases so the back-office is not empty.

Synthetic people only. Everything here is published in var/demo_accounts.txt, so the
command refuses to run unless SANAD_DEBUG is on: these accounts must never reach production.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from sanad.accounts.demo import DEMO_PASSWORD, account_lines, demo_account
from sanad.accounts.models import Organisation, Region, User
from sanad.cases import actions
from sanad.cases.models import Case, CaseStatus, Outcome, ReferralTarget
from sanad.intake.models import Report

SIGN_IN_URL = "http://127.0.0.1:8000/fr/staff/sign-in/"

Kind = Organisation.Kind
ORGANISATIONS = {
    "centre": ("Centre national de signalement (démo)", Kind.CENTRE),
    "police": ("Police – brigade de lutte contre la cybercriminalité (démo)", Kind.POLICE),
    "gendarmerie": ("Gendarmerie – cellule numérique (démo)", Kind.GENDARMERIE),
    "prosecutor": ("Parquet – tribunal de première instance (démo)", Kind.PROSECUTOR),
    "platform": ("Demo platform", Kind.PLATFORM),
    "school": ("Collège Al Amal (démo)", Kind.SCHOOL),
    "support": ("Service d'écoute et de soutien psychologique (démo)", Kind.SUPPORT),
    "ministry": ("Ministère de l'Éducation nationale (démo)", Kind.MINISTRY),
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    organisation: str  # a key of ORGANISATIONS
    role: str


Role = User.Role
ACCOUNTS = [
    DemoAccount("demo.admin", "Salma", "centre", Role.ADMINISTRATOR),
    DemoAccount("demo.supervisor", "Omar", "centre", Role.SUPERVISOR),
    DemoAccount("demo.analyst", "Nadia", "centre", Role.ANALYST),
    DemoAccount("demo.analyst2", "Yassine", "centre", Role.ANALYST),
    DemoAccount("demo.school", "Karima", "school", Role.SCHOOL_TEAM),
    DemoAccount("demo.police", "Hamid", "police", Role.LIAISON),
    DemoAccount("demo.platform", "Lina", "platform", Role.LIAISON),
    DemoAccount("demo.ministry", "Driss", "ministry", Role.MINISTRY),
]


class Command(BaseCommand):
    help = "Create demo organisations and staff accounts (idempotent), triage a few demo reports, print the accounts."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_staff publishes passwords and keys: it runs only with SANAD_DEBUG=true.")
        with transaction.atomic():
            organisations = self._organisations()
            users = {account.username: self._account(account, organisations) for account in ACCOUNTS}
            if not Case.objects.exists():
                self._triage(users, organisations)
        with translation.override("en"):
            text = self._printout(organisations)
        (Path(settings.VAR_DIR) / "demo_accounts.txt").write_text(text)
        self.stdout.write(text)

    def _organisations(self) -> dict[str, Organisation]:
        region = Region.objects.order_by("position").first()
        found = {}
        for key, (name, kind) in ORGANISATIONS.items():
            found[key], _ = Organisation.objects.get_or_create(
                name=name, kind=kind, defaults={"region": region if kind == Kind.SCHOOL else None}
            )
        return found

    def _account(self, account: DemoAccount, organisations: dict[str, Organisation]) -> User:
        organisation = organisations[account.organisation]
        return demo_account(account.username, account.first_name, organisation=organisation, role=account.role)

    def _triage(self, users: dict[str, User], organisations: dict[str, Organisation]) -> None:
        """Triage three demo reports through the actions, once: the audit log gets real events."""
        untriaged = Report.objects.filter(case_link__isnull=True).order_by("submitted_at")
        analyst, analyst2 = users["demo.analyst"], users["demo.analyst2"]
        sextortion = untriaged.filter(urgency="P0", sextortion_deadline=True).first()
        if sextortion is not None:
            case = actions.open_case(sextortion, by=analyst)
            actions.set_case_status(case, to=CaseStatus.IN_PROGRESS, by=analyst)
            actions.add_note(case, body="Note de démo : rappeler la victime, conseiller de ne rien payer.", by=analyst)
        doxxing = untriaged.filter(categories__category="personal_data").first()
        if doxxing is not None:
            case = actions.open_case(doxxing, by=analyst2)
            actions.refer_case(
                case,
                target=ReferralTarget.PLATFORM,
                organisation=organisations["platform"],
                brief="Demande de retrait : un compte publie l'adresse et la photo d'une élève (démo).",
                legal_ground="Conditions d'utilisation de la plateforme (démo)",
                by=analyst2,
            )
        gaming = untriaged.filter(categories__category="gaming_exploitation").first()
        if gaming is not None:
            case = actions.open_case(gaming, by=analyst)
            actions.close_case(case, outcome=Outcome.CONTENT_REMOVED, by=analyst)

    def _printout(self, organisations: dict[str, Organisation]) -> str:
        lines = [
            f"Demo staff accounts (sign in at {SIGN_IN_URL}).",
            f"Password of every account: {DEMO_PASSWORD}",
            f"Second factor: add the TOTP key to an authenticator app (issuer {settings.OTP_TOTP_ISSUER}, "
            "6 digits, 30 s), or type one recovery code (each works once; make demo restores them).",
            "",
        ]
        for account in ACCOUNTS:
            role = User.Role(account.role).label
            organisation = organisations[account.organisation].name
            lines += account_lines(account.username, account.first_name, role, organisation)
        demo_cases = (
            Case.objects.filter(case_reports__linked_by__username__in=[a.username for a in ACCOUNTS])
            .select_related("assignee")
            .distinct()
            .order_by("opened_at", "pk")
        )
        if demo_cases:
            lines += ["", "Demo cases (opened from the demo reports by the demo analysts):"]
            for case in demo_cases:
                assignee = case.assignee.username if case.assignee else "nobody"
                lines.append(f"  {case.reference}  {case.urgency}  {case.get_status_display():<12} {assignee}")
        return "\n".join(lines) + "\n"

"""Two years and more of synthetic reports, cases and referrals for the statistics, campaign
periods, trained team members, the committee's secretary and an academy's viewer (printed like
demo_staff's accounts). Synthetic people and reports only; it runs only with SANAD_DEBUG=true."""

from datetime import date, timedelta
from typing import cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from sanad.accounts.demo import DEMO_PASSWORD, account_lines, demo_account
from sanad.accounts.models import Organisation, Region, User
from sanad.intake.models import Report
from sanad.schools.models import ProtocolRun, ProtocolVersion, RunStatus, School, TeamMember
from sanad.stats import actions, refresh, synthetic
from sanad.stats.models import Campaign, PilotPeriod, PilotReview

MINISTRY = "Ministère de l'Éducation nationale (démo)"
# demo_staff's school account works in this school (demo_schools): its team is left to answer the
# end-of-period review, so the demo shows the to-do on the team's page.
TEAM_LEFT_TO_ANSWER = "DEMO-RS-C1"
MISSING = [
    "",
    "",
    "Un modèle de message aux parents en arabe dialectal (démo).",
    "Du temps libéré pour l'entretien (démo).",
    "Un contact direct à l'académie (démo).",
]
CENTRE = "Centre national de signalement (démo)"


class Command(BaseCommand):
    help = "Synthetic figures over two years for the statistics (idempotent), and the committee's demo accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reports", type=int, default=4000, help="synthetic reports over the last 26 months")

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_stats publishes passwords and makes synthetic reports: SANAD_DEBUG=true only.")
        ministry, _ = Organisation.objects.get_or_create(name=MINISTRY, kind=Organisation.Kind.MINISTRY)
        region = Region.objects.get(code="casablanca-settat")
        academy, _ = Organisation.objects.get_or_create(
            name="Académie régionale Casablanca-Settat (démo)",
            kind=Organisation.Kind.ACADEMY,
            defaults={"region": region},
        )
        secretary = demo_account("demo.committee", "Amina", organisation=ministry, role=User.Role.COMMITTEE)
        demo_account("demo.academy", "Rachid", organisation=academy, role=User.Role.MINISTRY)
        if not Report.objects.filter(reference__startswith="SN-0").exists():
            self._figures(cast(int, options["reports"]), secretary)  # --reports: type=int
        self._campaigns()
        self._training()
        self._pilot()
        done = refresh.refresh_all()
        with translation.override("en"):
            lines = ["Statistics demo accounts (same password as the others: " + DEMO_PASSWORD + ")."]
            lines += account_lines("demo.committee", "Amina", str(User.Role.COMMITTEE.label), ministry.name)
            lines += account_lines("demo.academy", "Rachid", str(User.Role.MINISTRY.label), academy.name)
        lines.append(f"Statistics rebuilt in {done.seconds:.1f} s.")
        text = "\n".join(lines) + "\n"
        with open(settings.VAR_DIR / "demo_accounts.txt", "a", encoding="utf-8") as out:
            out.write("\n" + text)
        self.stdout.write(text)

    def _figures(self, count: int, by: User) -> None:
        centre = Organisation.objects.filter(kind=Organisation.Kind.CENTRE).first()
        if centre is None:
            centre = Organisation.objects.create(name=CENTRE, kind=Organisation.Kind.CENTRE)
        recipients = list(
            Organisation.objects.filter(
                kind__in=[Organisation.Kind.POLICE, Organisation.Kind.PLATFORM, Organisation.Kind.PROSECUTOR]
            )
        )
        now = timezone.now()
        start = (now - timedelta(days=26 * 30)).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        synthetic.generate(
            count, start=start, end=now - timedelta(hours=2), centre=centre, recipients=recipients, by=by
        )

    def _campaigns(self) -> None:
        year = timezone.localdate().year
        for offset in (2, 1, 0):
            Campaign.objects.get_or_create(
                name_fr=f"« Parle, tu n'es pas seul·e » {year - offset} (démo)",
                defaults={
                    "name_ar": f"«تكلّم، لست وحدك» {year - offset} (مثال)",
                    "starts_on": date(year - offset, 3, 1),
                    "ends_on": date(year - offset, 4, 15),
                    "channels": "télévision, radio, écoles, réseaux sociaux",
                },
            )

    def _training(self) -> None:
        untrained = TeamMember.objects.filter(trained_on__isnull=True)
        for index, member in enumerate(untrained):
            member.trained_on = timezone.localdate() - timedelta(days=30 * (index % 20))
            member.save(update_fields=["trained_on"])

    def _pilot(self) -> None:
        """The pilot period of the last school year, for the pilot schools' regions, with the reviews
        of every team but one, and a review after each closed school case of those teams."""
        schools = list(School.objects.filter(team__isnull=False).distinct().select_related("region"))
        if not schools:
            return  # demo_schools did not run: no team to answer
        today = timezone.localdate()
        year = today.year if today.month > 6 else today.year - 1
        period, created = PilotPeriod.objects.get_or_create(
            name_fr=f"Pilote du protocole {year - 1}-{year} (démo)",
            defaults={
                "name_ar": f"التجربة النموذجية للبروتوكول {year - 1}-{year} (مثال)",
                "starts_on": date(year - 1, 9, 1),
                "ends_on": date(year, 6, 30),
            },
        )
        if created:
            period.regions.set({school.region for school in schools})
        steps = ProtocolVersion.objects.current().steps
        for index, school in enumerate(schools):
            member = TeamMember.objects.filter(school=school, user__is_active=True).select_related("user").first()
            if member is None or school.code == TEAM_LEFT_TO_ANSWER:
                continue
            if not PilotReview.objects.filter(period=period, school=school).exists():
                actions.answer_period_review(period, school, answers=self._answers(steps, index), by=member.user)
            closed = ProtocolRun.objects.filter(school=school, status=RunStatus.CLOSED).select_related(
                "protocol", "school"
            )
            for run in closed:
                if not PilotReview.objects.filter(run=run).exists():
                    answers = self._answers(run.protocol.steps, index + run.pk)
                    actions.answer_pilot_review(run, answers=answers, by=member.user)

    def _answers(self, steps: list, seed: int) -> list[dict]:
        return [
            {
                "step": step.code,
                "workable": (seed + position) % 4 != 0,
                "minutes": 15 + 15 * ((seed * 7 + position * 3) % 6),
                "missing": MISSING[(seed + position) % len(MISSING)],
            }
            for position, step in enumerate(steps)
        ]

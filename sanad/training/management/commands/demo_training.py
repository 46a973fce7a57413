"""The demo's training: the library, a trainer account, the resource-team course, a finished
cohort (the Rabat-Salé-Kénitra pilot teachers, passed, with certificates) and one in progress
(Marrakech-Safi). Runs after demo_schools. Synthetic people only; like demo_staff it publishes
passwords and keys (appended to var/demo_accounts.txt), so it runs only with SANAD_DEBUG on.
Idempotent: the accounts, the course and the cohorts are found by name.
"""

from datetime import datetime
from pathlib import Path
from typing import Any

import time_machine
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation

from sanad.accounts.demo import DEMO_PASSWORD, account_lines, demo_account
from sanad.accounts.models import Organisation, User
from sanad.schools.models import TeamMember
from sanad.training import courses, practice
from sanad.training.loading import load_library
from sanad.training.models import CaseStudy, Cohort, Course, Enrolment, QuestionSet, TraineeRole

HEADING = "Training (demo_training): a trainer, the resource-team course and two cohorts."
TRAINER = ("formatrice.demo", "Salma")
COURSE_TITLE = {"ar": "دورة فريق الموارد (التجربة النموذجية)", "fr": "Parcours équipe ressource (pilote)"}
STUDIES = (
    "class-group-insults",
    "figurative-dying-of-laughter",
    "hidden-self-harm",
    "pupil-author-mock-account",
    "sextortion-without-the-word",
)
FINISHED = "Pilote 2025 · Rabat-Salé-Kénitra"
IN_PROGRESS = "Pilote 2026 · Marrakech-Safi"
# The finished cohort passed on the day demo_schools records as the teams' training.
FINISHED_ON = datetime(2025, 10, 15, 11, 0, tzinfo=timezone.get_fixed_timezone(60))


class Command(BaseCommand):
    help = "Create the demo's training: library, trainer, course, a finished cohort and one in progress."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_training publishes passwords and keys: it runs only with SANAD_DEBUG=true.")
        centre = Organisation.objects.filter(kind=Organisation.Kind.CENTRE).order_by("pk").first()
        if centre is None or not TeamMember.objects.filter(school__code__startswith="DEMO-").exists():
            raise CommandError("Run demo_staff and demo_schools first.")
        loaded = load_library()
        with transaction.atomic():
            trainer = demo_account(TRAINER[0], TRAINER[1], organisation=centre, role=User.Role.TRAINER)
            course = self._course(trainer)
            finished = self._finished(course, trainer)
            in_progress = self._in_progress(course, trainer)
        with translation.override("en"):
            text = self._printout(trainer, centre, [finished, in_progress], loaded.created)
        self._publish(text)
        self.stdout.write(text)

    def _course(self, trainer: User) -> Course:
        course = Course.objects.filter(title=COURSE_TITLE).first()
        if course:
            return course
        check = QuestionSet.objects.get(slug="resource-team-check")
        studies = sorted(CaseStudy.objects.filter(slug__in=STUDIES), key=lambda study: STUDIES.index(study.slug))
        return courses.build_course(
            title=COURSE_TITLE,
            role=TraineeRole.RESOURCE_TEACHER,
            pass_mark=70,
            studies=studies,
            pre=check,
            post=check,
            by=trainer,
        )

    def _members(self, prefix: str) -> list[User]:
        return [
            member.user
            for member in TeamMember.objects.filter(school__code__startswith=prefix)
            .select_related("user")
            .order_by("school__code", "position", "user__username")
        ]

    def _finished(self, course: Course, trainer: User) -> Cohort:
        cohort = Cohort.objects.filter(name=FINISHED).first()
        if cohort:
            return cohort
        with time_machine.travel(FINISHED_ON, tick=False):
            cohort = courses.open_cohort(course, name=FINISHED, trainees=self._members("DEMO-RS-"), by=trainer)
            for n, enrolment in enumerate(cohort.enrolments.select_related("trainee")):
                # Every third trainee misses the hidden self-harm: the trainer's page shows it as the hard item.
                for item in course.items.all():
                    self._answer(
                        enrolment, item, right=not (n % 3 == 2 and item.study is not None and "self" in item.study.slug)
                    )
            cohort.closed_at = timezone.now()
            cohort.save(update_fields=["closed_at"])
        return cohort

    def _in_progress(self, course: Course, trainer: User) -> Cohort:
        cohort = Cohort.objects.filter(name=IN_PROGRESS).first()
        if cohort:
            return cohort
        cohort = courses.open_cohort(course, name=IN_PROGRESS, trainees=self._members("DEMO-MS-"), by=trainer)
        items = list(course.items.all())
        for n, enrolment in enumerate(cohort.enrolments.all()):
            # Some have done the first check, some also the first case studies (not all right).
            for item in items[: n % 4]:
                self._answer(enrolment, item, right=item.position != 3)
        return cohort

    def _answer(self, enrolment: Enrolment, item: Any, *, right: bool) -> None:
        attempt = courses.start_item(enrolment, item)
        if item.question_set_id:
            answers = {
                str(q.position): q.answer if right or q.kind != "single" else "wrong"
                for q in item.question_set.questions.all()
            }
            courses.answer_questions(attempt, answers)
            return
        answer = attempt.studied.answer
        practice.save_stage(
            attempt,
            "triage",
            {
                "danger_signals": answer["danger_signals"] if right else [],
                "urgency": answer["urgency"] if right else "P2",
                "categories": answer["categories"],
            },
        )
        practice.save_stage(attempt, "referral", {"referral": answer["referral"], "redaction": answer["redaction"]})
        if answer["protocol_level"] is not None:
            practice.save_stage(
                attempt,
                "protocol",
                {
                    "protocol_level": answer["protocol_level"] if right else 2,
                    "protocol_steps": answer["protocol_steps"],
                },
            )

    def _printout(self, trainer: User, centre: Organisation, cohorts: list[Cohort], created: int) -> str:
        lines = [HEADING, f"Password: {DEMO_PASSWORD}", f"Case studies installed: {created} new.", ""]
        lines += account_lines(trainer.username, TRAINER[1], User.Role.TRAINER.label, centre.name, width=21)
        lines += ["", "Cohorts (http://127.0.0.1:8000/fr/staff/training/trainer/):"]
        for cohort in cohorts:
            enrolments = list(cohort.enrolments.all())
            passed = sum(1 for enrolment in enrolments if enrolment.passed_at)
            state = "finished" if cohort.closed_at else "in progress"
            lines.append(f"  {cohort.name}: {len(enrolments)} trainees, {passed} passed ({state})")
        lines.append("Resource-team teachers take the course from Training in the back-office menu.")
        return "\n".join(lines) + "\n"

    def _publish(self, text: str) -> None:
        """Append to demo_staff's var/demo_accounts.txt, replacing what an earlier run appended."""
        path = Path(settings.VAR_DIR) / "demo_accounts.txt"
        before = path.read_text() if path.exists() else ""
        before = before.split(HEADING, 1)[0].rstrip("\n")
        path.write_text((before + "\n\n" if before else "") + text)

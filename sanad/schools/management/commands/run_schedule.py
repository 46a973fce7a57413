"""The scheduler: enqueue the periodic tasks every SANAD_SCHEDULE_SECONDS, forever.

Django's task API has no periodic tasks; this loop is the smallest thing that gives them.
One scheduler per deployment (the tasks are idempotent, so a second one only wastes work).
`--once` enqueues once and exits, for cron or systemd timers.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from sanad.audit.tasks import checkpoint_audit_chain
from sanad.schools.tasks import send_step_reminders

PERIODIC = (send_step_reminders, checkpoint_audit_chain)


class Command(BaseCommand):
    help = "Enqueue the periodic tasks (school step reminders, audit checkpoints) on a fixed interval."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--once", action="store_true", help="enqueue once and exit")

    def handle(self, *args: object, once: bool = False, **options: object) -> None:
        while True:
            for periodic in PERIODIC:
                periodic.enqueue()
            if once:
                return
            time.sleep(settings.SANAD_SCHEDULE_SECONDS)

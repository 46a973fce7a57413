"""The scheduler: enqueue each periodic task of SANAD_PERIODIC_TASKS at its own interval, forever.

Django's task API has no periodic tasks; this loop is the smallest thing that gives them.
One scheduler per deployment (the tasks are idempotent, so a second one only wastes work).
`--once` enqueues every task once and exits, for cron or systemd timers.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Enqueue the periodic tasks (settings.SANAD_PERIODIC_TASKS), each at its own interval."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="enqueue every task once and exit")

    def handle(self, *args: object, once: bool = False, **options: object) -> None:
        periodic = {import_string(path): seconds for path, seconds in settings.SANAD_PERIODIC_TASKS.items()}
        due = dict.fromkeys(periodic, 0.0)
        while True:
            now = time.monotonic()
            for task, seconds in periodic.items():
                if now >= due[task]:
                    task.enqueue()
                    due[task] = now + seconds
            if once:
                return
            time.sleep(max(1.0, min(due.values()) - time.monotonic()))

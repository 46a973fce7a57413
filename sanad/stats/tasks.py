"""The worker keeps the aggregate tables up to date (refresh.py) and asks the resource teams for
their review at the end of a pilot period: every task is safe to run twice."""

from datetime import timedelta
from functools import partial

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from sanad.audit.models import Notification
from sanad.audit.notify import notify_once
from sanad.schools.models import School
from sanad.schools.tasks import team
from sanad.stats import refresh
from sanad.stats.models import PilotPeriod, PilotReview

# A period's teams are e-mailed during the days after it ends (its to-do on the team's page stays
# until the review is given): a period entered long after it ended does not mail every school.
ASK_WITHIN = timedelta(days=30)


@task()
def refresh_recent_figures() -> None:
    """This month and the last one, every schedule tick."""
    refresh.refresh_months(refresh.recent_months())


@task()
def refresh_all_figures() -> None:
    """Everything, once a day: a late first action or a reclassified old report is counted again."""
    refresh.refresh_all()


@task()
def ask_for_period_reviews() -> int:
    """E-mail each asked school's resource team once when a pilot period has ended."""
    today = timezone.localdate()
    sent = 0
    for period in PilotPeriod.objects.filter(ends_on__lt=today, ends_on__gte=today - ASK_WITHIN):
        regions = list(period.regions.values_list("pk", flat=True))
        schools = School.objects.filter(team__user__is_active=True).distinct()
        if regions:
            schools = schools.filter(region__in=regions)
        answered = PilotReview.objects.filter(period=period).values("school")
        waiting = {
            f"pilot_period_review:{period.pk}:{school.pk}": school for school in schools.exclude(pk__in=answered)
        }
        # One query for the schools already told, rather than a failed claim per school per tick.
        told = set(Notification.objects.filter(key__in=list(waiting)).values_list("key", flat=True))
        for key, school in waiting.items():
            if key in told:
                continue
            sent += notify_once(
                key=key,
                kind="pilot_period_review",
                about=("pilot_period", period.pk),
                staff=team(school),
                subject=f"[Sanad] {school.name}",
                write=partial(_asking, period),
            )
    return sent


def _asking(period: PilotPeriod) -> str:
    """Written once per staff language (the link names the language)."""
    link = reverse("stats:period_review", args=[period.pk])
    return _(
        "The pilot period “%(name)s” of the school protocol has ended. The national committee asks your "
        "resource team for a short review of the protocol over the period (a few minutes, once per school). "
        "Open the back-office: it is on your team's page (%(link)s)."
    ) % {"name": period.name, "link": link}

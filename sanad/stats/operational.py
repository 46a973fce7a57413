"""The centre's operational block: today, this week, deadlines. Counts on indexed columns only
(the open-case queue's partial index, the referrals' due index, the daily aggregate)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from sanad.cases.models import Case, Referral
from sanad.stats.models import DailyFigure


@dataclass
class Today:
    reports_today: int
    reports_week: int
    p0_today: int
    open_cases: int
    overdue_cases: int
    due_within_a_day: int
    overdue_referrals: int


def today(now: datetime | None = None) -> Today:
    """Three queries: the daily aggregate, the open cases (their partial index), the waiting referrals."""
    now = now or timezone.now()
    day = timezone.localtime(now).date()
    daily = DailyFigure.objects.filter(day__gt=day - timedelta(days=7)).aggregate(
        today=Sum("reports", filter=Q(day=day)),
        week=Sum("reports"),
        p0=Sum("reports", filter=Q(day=day, urgency="P0")),
    )
    cases = Case.objects.open().aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=Q(next_due_at__lt=now)),
        soon=Count("pk", filter=Q(next_due_at__gte=now, next_due_at__lt=now + timedelta(days=1))),
    )
    return Today(
        reports_today=daily["today"] or 0,
        reports_week=daily["week"] or 0,
        p0_today=daily["p0"] or 0,
        open_cases=cases["open"],
        overdue_cases=cases["overdue"],
        due_within_a_day=cases["soon"],
        overdue_referrals=Referral.objects.overdue(now).count(),
    )

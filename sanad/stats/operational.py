"""The centre's operational block: today, this week, deadlines. Counts on indexed columns only
(the open-case queue's partial index, the referrals' due index, the daily aggregate)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Sum
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
    now = now or timezone.now()
    day = timezone.localtime(now).date()
    daily = DailyFigure.objects.filter(day__gt=day - timedelta(days=7))
    open_cases = Case.objects.open()
    return Today(
        reports_today=daily.filter(day=day).aggregate(n=Sum("reports"))["n"] or 0,
        reports_week=daily.aggregate(n=Sum("reports"))["n"] or 0,
        p0_today=daily.filter(day=day, urgency="P0").aggregate(n=Sum("reports"))["n"] or 0,
        open_cases=open_cases.count(),
        overdue_cases=open_cases.filter(next_due_at__lt=now).count(),
        due_within_a_day=open_cases.filter(next_due_at__gte=now, next_due_at__lt=now + timedelta(days=1)).count(),
        overdue_referrals=Referral.objects.overdue(now).count(),
    )

"""When a person reads a report, and when to come back for the answer, in a child's words.

Both come from the report's first-action deadline (its urgency's, from the reference data),
said as a clock time today or tomorrow, or as a day, in the deployment's time zone.
"""

from datetime import datetime, timedelta

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sanad.intake.models import PublicStatus, Report


def _clock(moment: datetime) -> str:
    return formats.time_format(moment, "H:i")  # the 24-hour clock, in every language


def _day(moment: datetime) -> str:
    return formats.date_format(moment, "l j F")


def read_by(report: Report, now: datetime | None = None) -> str:
    """When a trained person will read the report; empty once it is being handled."""
    if report.status != PublicStatus.RECEIVED:
        return ""
    now = timezone.localtime(now)
    due = timezone.localtime(report.first_action_due)
    if due <= now:
        return _("It is taking longer than we said. Your report is not forgotten: a person will read it very soon.")
    if due - now <= timedelta(hours=1):
        return _("A trained person will read your report within the hour, before %(time)s.") % {"time": _clock(due)}
    if due.date() == now.date():
        return _("A trained person will read your report today, before %(time)s.") % {"time": _clock(due)}
    if due.date() == now.date() + timedelta(days=1):
        return _("A trained person will read your report by tomorrow, %(time)s.") % {"time": _clock(due)}
    return _("A trained person will read your report by %(day)s.") % {"day": _day(due)}


def come_back(report: Report, now: datetime | None = None) -> str:
    """When our first answer can be waiting for the reporter."""
    if report.status != PublicStatus.RECEIVED:
        return ""
    now = timezone.localtime(now)
    due = timezone.localtime(report.first_action_due)
    if due <= now or due - now <= timedelta(hours=1):
        return _("Come back with your code in an hour to read our answer.")
    if due.date() == now.date():
        return _("Come back with your code after %(time)s to read our answer.") % {"time": _clock(due)}
    if due.date() == now.date() + timedelta(days=1):
        return _("Come back with your code tomorrow after %(time)s to read our answer.") % {"time": _clock(due)}
    return _("Come back with your code on %(day)s to read our answer.") % {"day": _day(due)}

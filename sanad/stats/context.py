"""The resource team's to-do from the statistics: the pilot periods waiting for its review.

A context processor (named in settings, like the periodic tasks) so that `schools` never imports
`stats`: the team's page shows `pilot_periods_waiting` when it is there. Lazy: only a page that
shows it pays its two queries."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from sanad.stats.access import periods_waiting


def pilot_todo(request: HttpRequest) -> dict[str, object]:
    # An anonymous visitor's list is empty: periods_waiting checks that first.
    return {"pilot_periods_waiting": SimpleLazyObject(lambda: periods_waiting(request.user))}

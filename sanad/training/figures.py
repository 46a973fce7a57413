"""Training figures for the statistics (no personal data): people who passed a course, by region
and by the role the course was for. Called by sanad/stats; nothing here knows of stats.

A person counts once per role, in the region of their organisation (a school's, an academy's, a
regional police service's); a national organisation's staff count under region None.
"""

from collections import Counter
from datetime import datetime

from sanad.training.models import Enrolment


def trained_by_region_and_role(
    *, since: datetime | None = None, until: datetime | None = None
) -> dict[tuple[str | None, str], int]:
    """{(region code or None, TraineeRole code): number of people who passed} for courses passed in
    [since, until). Certificates later revoked are not counted. Small cells are the caller's to suppress."""
    passed = Enrolment.objects.filter(passed_at__isnull=False).exclude(certificate__revoked_at__isnull=False)
    if since is not None:
        passed = passed.filter(passed_at__gte=since)
    if until is not None:
        passed = passed.filter(passed_at__lt=until)
    people = set(passed.values_list("trainee__organisation__region__code", "cohort__course__role", "trainee_id"))
    return dict(Counter((region, role) for region, role, _trainee in people))

"""Training figures for the statistics (no personal data): people who passed a course, by region
and by the role the course was for. Called by sanad/stats; nothing here knows of stats.

A person counts once per role, in the region of their organisation (a school's, an academy's, a
regional police service's); a national organisation's staff count under region None.
"""

from collections import Counter
from datetime import datetime

from sanad.training.models import TRAINED_ON_ROLES, Certificate, Enrolment, TraineeRole

# The kinds of professional a course trains, in the order the statistics show them.
KINDS = {
    TraineeRole.RESOURCE_TEACHER: TraineeRole.RESOURCE_TEACHER.label,
    TraineeRole.HEAD: TraineeRole.HEAD.label,
    TraineeRole.ANALYST: TraineeRole.ANALYST.label,
    TraineeRole.LIAISON: TraineeRole.LIAISON.label,
}


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


def certificates_issued() -> list[tuple[int, int | None, str, datetime, bool]]:
    """Every certificate still valid of an active account: (the trainee's id, their organisation's
    region id or None, the course's TraineeRole code, when it was issued, whether the course also
    records a resource-team member's `trained_on`). Ids only, for the statistics to count each
    person once per kind; nothing leaves the server."""
    valid = Certificate.objects.filter(revoked_at__isnull=True, enrolment__trainee__is_active=True)
    rows = valid.values_list(
        "enrolment__trainee_id", "enrolment__trainee__organisation__region_id", "enrolment__cohort__course__role",
        "issued_at",
    )  # fmt: skip
    return [(person, region, role, issued_at, role in TRAINED_ON_ROLES) for person, region, role, issued_at in rows]

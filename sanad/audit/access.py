"""Who may read the audit log: the centre's administrators, and nobody else."""

from django.db.models import QuerySet

from sanad.audit.models import AuditEvent
from sanad.lib.errors import NotFound


def events_readable_by(user: object) -> QuerySet[AuditEvent]:
    """Every event, for an administrator of the centre; the not-found answer for anyone else."""
    if not getattr(user, "is_active", False) or not getattr(user, "administers_centre", False):
        raise NotFound()
    return AuditEvent.objects.all()

"""A file becomes known content after its case was opened: when the worker analyses it, or when
a hash list is imported. The scheduler runs this every SANAD_PICKUP_SECONDS so that such a case
is raised (actions.escalate_known_content) without anyone having to think of it; the command
`escalate_known_content` does the same at once, after an import."""

from django_tasks import task

from sanad.cases import actions


@task()
def escalate_known_content() -> int:
    return actions.escalate_known_content()

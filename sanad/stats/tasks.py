"""The worker keeps the aggregate tables up to date (refresh.py): both tasks are safe to run twice."""

from django_tasks import task

from sanad.stats import refresh


@task()
def refresh_recent_figures() -> None:
    """This month and the last one, every schedule tick."""
    refresh.refresh_months(refresh.recent_months())


@task()
def refresh_all_figures() -> None:
    """Everything, once a day: a late first action or a reclassified old report is counted again."""
    refresh.refresh_all()

from django_tasks import task

from sanad.evidence import pipeline


@task()
def verify_evidence(evidence_id: str) -> None:
    """Check the sealed file, then analyse it (pipeline.py); safe to run twice."""
    pipeline.process(evidence_id)

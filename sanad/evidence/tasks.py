from django_tasks import task

from sanad.evidence.integrity import verify_integrity


@task()
def verify_evidence(evidence_id: str) -> None:
    verify_integrity(evidence_id)

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from sanad.evidence import pipeline
from sanad.evidence.models import Evidence

# A file still not checked or analysed this long after capture was never queued, or its worker
# died (below).
FORGOTTEN_AFTER = timedelta(minutes=5)


@task()
def verify_evidence(evidence_id: str) -> None:
    """Check the sealed file, then analyse it (pipeline.py); safe to run twice."""
    pipeline.process(evidence_id)


@task()
def verify_forgotten() -> int:
    """Check and analyse the files whose own task was never queued (a server killed between the
    commit that saved a file and the queueing that follows it) or never finished (a worker
    killed while analysing). The scheduler runs it; safe at any time."""
    waiting = Evidence.objects.filter(
        Q(state=Evidence.State.RECEIVED) | Q(state=Evidence.State.PROCESSED, analysis=Evidence.Analysis.PENDING),
        received_at__lt=timezone.now() - FORGOTTEN_AFTER,
    ).values_list("pk", flat=True)
    forgotten = [str(evidence_id) for evidence_id in waiting[:500]]
    for evidence_id in forgotten:
        pipeline.process(evidence_id)
    return len(forgotten)

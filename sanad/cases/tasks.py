from django_tasks import task

from sanad.cases.pack import build_referral_pack


@task()
def build_pack(referral_id: int) -> None:
    """Build and seal the evidence pack of a referral (idempotent: an existing pack is kept)."""
    build_referral_pack(referral_id)

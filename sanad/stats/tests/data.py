"""Hand-made reports, cases and referrals for the statistics' tests and benchmark: rows written
directly (the statistics only read them), with the fields the indicators count and nothing else."""

import secrets
from datetime import datetime, timedelta

from sanad.accounts.models import Region
from sanad.intake.models import Identifier, Report, ReportCategory, ReportPlatform


def report(
    at: datetime,
    *,
    region: Region | None = None,
    categories: tuple[str, ...] = ("harassment",),
    platforms: tuple[str, ...] = ("instagram",),
    told: tuple[str, ...] = ("nobody",),
    identifiers: tuple[str, ...] = (),
    urgency: str = "P2",
    age_band: str = "13_15",
    gender: str = "girl",
    channel: str = "web",
    heard_from: str | None = None,
) -> Report:
    made = Report.objects.create(
        receipt_digest=secrets.token_hex(32),
        channel=channel,
        language="fr",
        urgency=urgency,
        first_action_due=at + timedelta(days=3),
        danger_now=False,
        self_harm=False,
        sextortion_deadline=False,
        reporter_role="victim",
        description_sealed=b"",
        started="week",
        ongoing="yes",
        victim_age_band=age_band,
        victim_gender=gender,
        region=region,
        submitted_at=at,
        heard_from=heard_from,
        **{f"told_{name}": True for name in told},
    )
    ReportCategory.objects.bulk_create([ReportCategory(report=made, category=c) for c in categories])
    ReportPlatform.objects.bulk_create([ReportPlatform(report=made, platform=p) for p in platforms])
    Identifier.objects.bulk_create(
        [Identifier(report=made, kind="handle", value_sealed=b"", digest=d, loose_digest=d) for d in identifiers]
    )
    return made

"""Synthetic reports, cases and referrals for the demo and the benchmark: bulk-inserted rows with
made-up answers and no text (descriptions are empty sealed fields). Never run outside the demo or
a throwaway benchmark database: statistics count every report in the database as real."""

import random
import secrets
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import cast

from django.db import transaction

from sanad.accounts.models import Organisation, Region, User
from sanad.cases.models import Case, CaseReport, Referral
from sanad.intake.models import Identifier, Report, ReportCategory, ReportPlatform
from sanad.lib.categories import Category

CATEGORIES = [c.value for c in Category]
CATEGORY_WEIGHTS = [30, 8, 6, 10, 8, 7, 10, 9, 8, 4]
PLATFORMS = ["instagram", "tiktok", "facebook", "whatsapp", "snapchat", "youtube", "telegram", "game", "sms"]
PLATFORM_WEIGHTS = [25, 22, 12, 15, 8, 4, 4, 7, 3]
AGES = ["under_10", "10_12", "13_15", "16_17", "18_25", "unknown"]
AGE_WEIGHTS = [3, 15, 40, 25, 12, 5]
TOLD = ["parent", "teacher", "friend", "other_adult", "nobody"]
HEARD = [None, "school", "social_media", "tv_radio", "family_friends", "poster", "search", "other"]
HEARD_WEIGHTS = [40, 15, 20, 8, 8, 3, 4, 2]
URGENCY_HOURS = {"P0": 1, "P1": 24, "P2": 72, "P3": 168}


def generate(
    count: int, *, start: datetime, end: datetime, centre: Organisation, recipients: list[Organisation], by: User,
    seed: int = 14, batch: int = 5000, offset: int = 0,
) -> int:  # fmt: skip
    """Insert `count` reports spread over [start, end) (more in campaign-like spring months), 80 % of
    them in cases, a third of those referred; returns how many reports were made."""
    rng = random.Random(seed)  # noqa: S311 (made-up figures, not secrets)
    regions = list(Region.objects.values_list("pk", flat=True))
    span = (end - start).total_seconds()
    made = 0
    for first in range(0, count, batch):
        size = min(batch, count - first)
        with transaction.atomic():
            _batch(rng, offset + first, size, start, span, regions, centre, recipients, by)
        made += size
    return made


def _moments(rng: random.Random, start: datetime, span: float) -> Iterator[datetime]:
    while True:
        moment = start + timedelta(seconds=rng.random() * span)
        # More reports in March-April and October (the campaign months of the demo).
        if moment.month in (3, 4, 10) or rng.random() < 0.75:
            yield moment


def _batch(
    rng: random.Random, first: int, size: int, start: datetime, span: float, regions: list[int],
    centre: Organisation, recipients: list[Organisation], by: User,
) -> None:  # fmt: skip
    moments = _moments(rng, start, span)
    reports = []
    for index in range(first, first + size):
        at = next(moments)
        urgency = rng.choices(["P0", "P1", "P2", "P3"], [3, 17, 45, 35])[0]
        told = {name: rng.random() < share for name, share in zip(TOLD, [0.3, 0.05, 0.35, 0.1, 0.0], strict=True)}
        if not any(told.values()):
            told["nobody"] = rng.random() < 0.8
        reports.append(
            Report(
                reference=f"SN-{index:09d}",
                receipt_digest=secrets.token_hex(32),
                channel=rng.choices(["web", "api", "phone", "email"], [80, 5, 12, 3])[0],
                language=rng.choice(["ar", "fr", "ar"]),
                status="closed",
                urgency=urgency,
                first_action_due=at + timedelta(hours=URGENCY_HOURS[urgency]),
                danger_now=urgency == "P0",
                self_harm=False,
                sextortion_deadline=False,
                reporter_role=rng.choices(["victim", "parent", "witness", "professional"], [55, 25, 12, 8])[0],
                description_sealed=b"",
                started="week",
                ongoing="no",
                victim_age_band=rng.choices(AGES, AGE_WEIGHTS)[0],
                victim_gender=rng.choices(["girl", "boy", "other", "unsaid"], [55, 40, 1, 4])[0],
                region_id=rng.choice(regions) if rng.random() < 0.93 else None,
                submitted_at=at,
                heard_from=rng.choices(HEARD, HEARD_WEIGHTS)[0],
                **{f"told_{name}": value for name, value in told.items()},
            )
        )
    Report.objects.bulk_create(reports)
    categories, platforms, identifiers, cases = [], [], [], []
    for report in reports:
        for category in set(rng.choices(CATEGORIES, CATEGORY_WEIGHTS, k=rng.choice([1, 1, 1, 2]))):
            categories.append(ReportCategory(report_id=report.pk, category=category))
        for platform in set(rng.choices(PLATFORMS, PLATFORM_WEIGHTS, k=rng.choice([1, 1, 2]))):
            platforms.append(ReportPlatform(report_id=report.pk, platform=platform))
        if rng.random() < 0.6:
            digest = f"{rng.randrange(int(len(reports) * 3 + first)):064x}"  # some handles come back
            identifiers.append(
                Identifier(report_id=report.pk, kind="handle", value_sealed=b"", digest=digest, loose_digest=digest)
            )
        if rng.random() < 0.8:
            due = report.first_action_due
            window = due - report.submitted_at
            acted = report.submitted_at + window * rng.choice([0.05, 0.2, 0.5, 0.9, 1.4])
            closed = acted + timedelta(days=rng.randrange(1, 30))
            cases.append(
                Case(
                    reference=f"C-{report.pk:010d}"[:12],
                    urgency=report.urgency,
                    status="closed",
                    outcome=rng.choices(
                        [
                            "resolved",
                            "content_removed",
                            "referred_to_justice",
                            "no_action_possible",
                            "duplicate",
                            "unfounded",
                        ],
                        [35, 25, 10, 15, 8, 7],
                    )[0],
                    organisation=centre,
                    opened_at=report.submitted_at + timedelta(minutes=rng.randrange(1, 30)),
                    first_action_due=due,
                    first_action_at=acted,
                    closed_at=closed,
                )
            )
    ReportCategory.objects.bulk_create(categories)
    ReportPlatform.objects.bulk_create(platforms)
    Identifier.objects.bulk_create(identifiers)
    Case.objects.bulk_create(cases)
    links, referrals = [], []
    for case in cases:
        report_pk = int(case.reference[2:])
        links.append(CaseReport(case_id=case.pk, report_id=report_pk))
        if recipients and rng.random() < 0.35:
            recipient = rng.choice(recipients)
            sent = cast(datetime, case.first_action_at)  # every case above was acted on
            answered = sent + timedelta(hours=rng.choice([2, 10, 30, 60, 200, 500]))
            referrals.append(
                Referral(
                    case_id=case.pk,
                    target="platform" if recipient.kind == Organisation.Kind.PLATFORM else recipient.kind,
                    organisation=recipient,
                    status="content_removed" if recipient.kind == Organisation.Kind.PLATFORM else "closed",
                    sent_at=sent,
                    sent_by=by,
                    answer_due=sent + timedelta(hours=72),
                    answered_at=answered,
                )
            )
    CaseReport.objects.bulk_create(links)
    Referral.objects.bulk_create(referrals)

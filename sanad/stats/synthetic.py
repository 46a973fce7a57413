"""Synthetic reports, cases and referrals for the demo and the benchmark: bulk-inserted rows with
made-up answers and no text (descriptions are empty sealed fields). Never run outside the demo or
a throwaway benchmark database: statistics count every report in the database as real."""

import random
import secrets
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

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
    seed: int = 14, batch: int = 20_000, offset: int = 0,
) -> int:  # fmt: skip
    """Insert `count` reports spread over [start, end) (more in campaign-like spring months), 80 % of
    them in cases, a third of those referred; returns how many reports were made.

    Rows are made as plain tuples with their ids chosen here (after the largest id in each table),
    so no insert has to return its ids; on PostgreSQL they go in with COPY, a few seconds per
    100,000 reports (the ORM's INSERTs took 20 minutes for 300,000 on a loaded machine)."""
    rng = random.Random(seed)  # noqa: S311 (made-up figures, not secrets)
    regions = list(Region.objects.values_list("pk", flat=True))
    span = (end - start).total_seconds()
    writer = _Writer(by)
    made = 0
    for first in range(0, count, batch):
        size = min(batch, count - first)
        with transaction.atomic():
            _batch(rng, offset + first, size, start, span, regions, centre, recipients, writer)
        made += size
    writer.finish()
    return made


class _Writer:
    """Writes rows given as {attname: value} (the rest take the field's default) into a model's table:
    COPY on PostgreSQL, bulk_create elsewhere (the demo's SQLite). Ids are handed out by `ids()`."""

    def __init__(self, by: User) -> None:
        self.by = by
        self.next_id = {model: (model._default_manager.aggregate(n=Max("pk"))["n"] or 0) + 1 for model in MODELS}

    def ids(self, model: type[models.Model], count: int) -> range:
        first = self.next_id[model]
        self.next_id[model] = first + count
        return range(first, first + count)

    def write(self, model: type[models.Model], names: tuple[str, ...], rows: list[tuple]) -> None:
        if not rows:
            return
        if connection.vendor != "postgresql":
            model._default_manager.bulk_create(
                [model(**dict(zip(names, row, strict=True))) for row in rows], batch_size=2000
            )
            return
        now = timezone.now()
        fields = [field for field in model._meta.concrete_fields if field.attname not in names]
        rest = tuple(
            field.get_db_prep_save(now if getattr(field, "auto_now", False) else field.get_default(), connection)
            for field in fields
        )
        columns = ", ".join(connection.ops.quote_name(name) for name in (*names, *(f.column for f in fields)))
        with connection.cursor() as cursor, cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row + rest)

    def finish(self) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), MODELS):
                    cursor.execute(statement)


MODELS = [Report, ReportCategory, ReportPlatform, Identifier, Case, CaseReport, Referral]


def _moments(rng: random.Random, start: datetime, span: float) -> Iterator[datetime]:
    while True:
        moment = start + timedelta(seconds=rng.random() * span)
        # More reports in March-April and October (the campaign months of the demo).
        if moment.month in (3, 4, 10) or rng.random() < 0.75:
            yield moment


REPORT = (
    "id", "reference", "receipt_digest", "channel", "language", "status", "urgency", "first_action_due",
    "danger_now", "self_harm", "sextortion_deadline", "reporter_role", "description_sealed", "started", "ongoing",
    "victim_age_band", "victim_gender", "region_id", "submitted_at", "heard_from",
    *(f"told_{name}" for name in TOLD),
)  # fmt: skip
CASE = (
    "id", "reference", "urgency", "status", "outcome", "organisation_id", "opened_at", "first_action_due",
    "first_action_at", "closed_at",
)  # fmt: skip
REFERRAL = (
    "id", "case_id", "target", "organisation_id", "status", "sent_at", "sent_by_id", "answer_due", "answered_at",
)  # fmt: skip
OUTCOMES = ["resolved", "content_removed", "referred_to_justice", "no_action_possible", "duplicate", "unfounded"]
OUTCOME_WEIGHTS = [35, 25, 10, 15, 8, 7]
TOLD_SHARES = [0.3, 0.05, 0.35, 0.1, 0.0]


def _batch(
    rng: random.Random, first: int, size: int, start: datetime, span: float, regions: list[int],
    centre: Organisation, recipients: list[Organisation], writer: "_Writer",
) -> None:  # fmt: skip
    moments = _moments(rng, start, span)
    choices, random_ = rng.choices, rng.random
    reports, categories, platforms, identifiers, cases, links, referrals = [], [], [], [], [], [], []
    for report_id, index in zip(writer.ids(Report, size), range(first, first + size), strict=True):
        at = next(moments)
        urgency = choices(["P0", "P1", "P2", "P3"], [3, 17, 45, 35])[0]
        told = [random_() < share for share in TOLD_SHARES]
        if not any(told):
            told[-1] = random_() < 0.8
        due = at + timedelta(hours=URGENCY_HOURS[urgency])
        reports.append(
            (
                report_id, f"SN-{index:09d}", secrets.token_hex(32),
                choices(["web", "api", "phone", "email"], [80, 5, 12, 3])[0], rng.choice(["ar", "fr", "ar"]),
                "closed", urgency, due, urgency == "P0", False, False,
                choices(["victim", "parent", "witness", "professional"], [55, 25, 12, 8])[0], b"", "week", "no",
                choices(AGES, AGE_WEIGHTS)[0], choices(["girl", "boy", "other", "unsaid"], [55, 40, 1, 4])[0],
                rng.choice(regions) if random_() < 0.93 else None, at, choices(HEARD, HEARD_WEIGHTS)[0], *told,
            )
        )  # fmt: skip
        for category in set(choices(CATEGORIES, CATEGORY_WEIGHTS, k=rng.choice([1, 1, 1, 2]))):
            categories.append((report_id, category))
        for platform in set(choices(PLATFORMS, PLATFORM_WEIGHTS, k=rng.choice([1, 1, 2]))):
            platforms.append((report_id, platform))
        if random_() < 0.6:
            digest = f"{rng.randrange(int(size * 3 + first)):064x}"  # some handles come back
            identifiers.append((report_id, "handle", b"", digest, digest))
        if random_() < 0.8:
            acted = at + (due - at) * rng.choice([0.05, 0.2, 0.5, 0.9, 1.4])
            closed = acted + timedelta(days=rng.randrange(1, 30))
            cases.append(  # the report's id first, replaced by the case's
                (
                    report_id, f"C-{report_id:010d}"[:12], urgency, "closed", choices(OUTCOMES, OUTCOME_WEIGHTS)[0],
                    centre.pk, at + timedelta(minutes=rng.randrange(1, 30)), due, acted, closed,
                )
            )  # fmt: skip
    case_ids = writer.ids(Case, len(cases))
    for case_id, link_id, case in zip(case_ids, writer.ids(CaseReport, len(cases)), cases, strict=True):
        acted = case[8]
        links.append((link_id, case_id, case[0]))
        if recipients and random_() < 0.35:
            recipient = rng.choice(recipients)
            to_platform = recipient.kind == Organisation.Kind.PLATFORM
            answered = acted + timedelta(hours=rng.choice([2, 10, 30, 60, 200, 500]))
            referrals.append(
                (
                    case_id, "platform" if to_platform else recipient.kind, recipient.pk,
                    "content_removed" if to_platform else "closed", acted, writer.by.pk, acted + timedelta(hours=72),
                    answered,
                )
            )  # fmt: skip
    writer.write(Report, REPORT, reports)
    writer.write(ReportCategory, ("id", "report_id", "category"), _numbered(writer, ReportCategory, categories))
    writer.write(ReportPlatform, ("id", "report_id", "platform"), _numbered(writer, ReportPlatform, platforms))
    names = ("id", "report_id", "kind", "value_sealed", "digest", "loose_digest")
    writer.write(Identifier, names, _numbered(writer, Identifier, identifiers))
    writer.write(Case, CASE, [(case_id, *case[1:]) for case_id, case in zip(case_ids, cases, strict=True)])
    writer.write(CaseReport, ("id", "case_id", "report_id"), links)
    writer.write(Referral, REFERRAL, _numbered(writer, Referral, referrals))


def _numbered(writer: _Writer, model: type[models.Model], rows: list[tuple]) -> list[tuple]:
    return [(pk, *row) for pk, row in zip(writer.ids(model, len(rows)), rows, strict=True)]

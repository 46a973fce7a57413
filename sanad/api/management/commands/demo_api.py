"""The partner API's demo: the demo platform's token (printed; the same on every run), and notices
in each state on two synthetic cases. Synthetic content only; refuses to run without SANAD_DEBUG."""

import hashlib
import hmac
from datetime import timedelta
from typing import cast

import time_machine
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from sanad.accounts.models import Organisation, User
from sanad.api import tokens
from sanad.api.models import ApiToken, Scope
from sanad.cases import actions, notices
from sanad.intake import actions as intake_actions
from sanad.intake.identifiers import NormalisedIdentifier, normalise
from sanad.intake.models import Report

PLATFORM = "Demo platform"  # demo_staff's platform organisation
MARK = "Démo de l'API (fictif)."
CASES = [
    (
        ("sexual_exploitation",),
        "tiktok",
        ["https://www.tiktok.com/@demo.api.account/video/7300000000000000001", "@demo.api.second"],
        "Une vidéo intime d'une élève republiée par un faux compte (exemple fictif).",
    ),
    (
        ("harassment",),
        "instagram",
        ["https://www.instagram.com/p/DemoApiPost01/", "@demo.api.mocker", "https://www.instagram.com/demo.api.fake/"],
        "Des moqueries quotidiennes sous les photos d'un élève (exemple fictif).",
    ),
]


def demo_secret() -> str:
    """Fixed per installation (derived from its index key), so every run prints the same token."""
    key = cast(str, settings.SANAD_INDEX_KEY)  # the start-up checks refuse to run without it
    digest = hmac.new(key.encode(), b"demo-api-token", hashlib.sha256).hexdigest()
    return f"{tokens.PREFIX}demo_{digest[:32]}"


class Command(BaseCommand):
    help = "Create the demo platform's API token and a few notices in various states (idempotent); print the token."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_api prints a working token: it runs only with SANAD_DEBUG=true.")
        platform = Organisation.objects.filter(name=PLATFORM, kind=Organisation.Kind.PLATFORM).first()
        analyst = User.objects.filter(username="demo.analyst").first()
        if platform is None or analyst is None:
            raise CommandError("Run demo_staff first (it makes the demo platform and analyst).")
        secret = demo_secret()
        with transaction.atomic():
            ApiToken.objects.get_or_create(
                digest=tokens.digest(secret),
                defaults={
                    "organisation": platform,
                    "name": "demo",
                    "scopes": [Scope.NOTICES_READ, Scope.NOTICES_ANSWER],
                    "prefix": tokens.shown_prefix(secret),
                },
            )
            if not self._already(platform):
                self._notices(platform, analyst)
        self.stdout.write(
            "\nPartner API (docs/api.md), schema and docs at http://127.0.0.1:8000/api/v1/docs\n"
            f"  {PLATFORM} token (notices:read notices:answer): {secret}\n"
            f'  curl -H "Authorization: Bearer {secret}" http://127.0.0.1:8000/api/v1/notices\n'
        )

    def _already(self, platform: Organisation) -> bool:
        return any(referral.brief == MARK for referral in platform.referrals.all())

    def _notices(self, platform: Organisation, analyst: User) -> None:
        now = timezone.now()
        referrals = []
        for hours_ago, (categories, where, links, text) in zip((30, 20), CASES, strict=True):
            with time_machine.travel(now - timedelta(hours=hours_ago), tick=False):
                report = Report(
                    language="fr",
                    submitted_at=timezone.now(),
                    danger_now=False,
                    self_harm=False,
                    sextortion_deadline=False,
                    reporter_role="witness",
                    started="week",
                    ongoing="yes",
                    victim_age_band="13_15",
                    victim_gender="unsaid",
                    told_other_adult=True,
                )
                intake_actions.receive_report(
                    report,
                    description=text,
                    school="",
                    contact="",
                    categories=list(categories),
                    platforms=[where],
                    # Made-up links, never empty: each normalises to an identifier.
                    identifiers=[cast(NormalisedIdentifier, normalise(link, platform=where)) for link in links],
                    evidence=[],
                )
                case = actions.open_case(report, by=analyst)
                referrals.append(
                    actions.refer_case(
                        case,
                        target="platform",
                        organisation=platform,
                        brief=MARK,
                        legal_ground="Loi 103-13 relative à la lutte contre les violences faites aux femmes (démo)",
                        by=analyst,
                    )
                )
        sexual, harassment = (list(referral.notices.order_by("position")) for referral in referrals)
        with time_machine.travel(now - timedelta(hours=27), tick=False):
            notices.answer_notice(sexual[0], state="removed", by=None, via="api")  # within its 24 h clock
        notices.watch_notice_clocks.call()  # the second one's 24 h ran out: expired, escalated
        with time_machine.travel(now - timedelta(hours=18), tick=False):
            notices.acknowledge_notice(harassment[0], by=None, via="api")
        with time_machine.travel(now - timedelta(hours=2), tick=False):
            notices.answer_notice(harassment[0], state="restricted", by=None, via="api")
            notices.answer_notice(
                harassment[1], state="refused", reason="Humour entre amis selon nos règles (démo).", by=None, via="api"
            )
        # harassment[2] stays sent: the demo platform's client can take it.

"""Synthetic demo reports: invented people and situations only."""

from datetime import timedelta
from pathlib import Path
from typing import cast

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation

from sanad.accounts.models import Region
from sanad.intake import actions
from sanad.intake.identifiers import NormalisedIdentifier, normalise
from sanad.intake.models import (
    PublicStatus,
    Report,
)

DEMO = [
    # (categories, platforms, flags, role, age, status, text, identifiers, centre message)
    (
        ["sexual_exploitation"],
        ["instagram"],
        {"sextortion_deadline": True},
        "victim",
        "13_15",
        PublicStatus.BEING_HANDLED,
        "شي واحد فانستا كيطلب مني نصيفط ليه تصاور ولا غادي ينشر التصاور ديالي. عطاني حتى لغدا.",
        ["@demo.stranger.01"],
        "Merci de nous avoir écrit. Ne payez rien et ne répondez plus. Nous avons demandé le retrait du compte.",
    ),
    (
        ["harassment"],
        ["whatsapp"],
        {},
        "parent",
        "10_12",
        PublicStatus.RECEIVED,
        "Des élèves de la classe de ma fille (personnes fictives) l'insultent dans un groupe WhatsApp depuis trois semaines.",
        ["+212 600 000 101"],
        None,
    ),
    (
        ["personal_data", "harassment"],
        ["tiktok"],
        {},
        "witness",
        "16_17",
        PublicStatus.REFERRED,
        "Un compte TikTok a publié l'adresse et la photo d'une camarade (situation inventée pour la démo).",
        ["https://www.tiktok.com/@demo.account.02"],
        "Nous avons transmis le signalement à la plateforme.",
    ),
    (
        ["gaming_exploitation"],
        ["game"],
        {},
        "victim",
        "10_12",
        PublicStatus.CLOSED,
        "Wahed f Free Fire bgha mni code dyal carte bach y3tini diamonds (demo).",
        ["DemoPlayer_03"],
        "Le compte du joueur a été suspendu. Bravo d'avoir signalé.",
    ),
    (
        ["threats"],
        ["snapchat"],
        {"danger_now": True},
        "victim",
        "16_17",
        PublicStatus.RECEIVED,
        "Someone (fictional) says they will wait for me after school tomorrow.",
        ["@demo.threat.04"],
        None,
    ),
]


class Command(BaseCommand):
    help = "Load synthetic demo reports (idempotent: does nothing if they exist) and print their receipts."

    @transaction.atomic
    @translation.override("en")  # the terminal's listing, whatever the default language
    def handle(self, *args: object, **options: object) -> None:
        # Receipts are stored only as keyed hashes: the demo keeps its synthetic ones in a file to print again.
        saved = Path(settings.VAR_DIR) / "demo_receipts.txt"
        if Report.objects.exists():
            self.stdout.write(saved.read_text() if saved.exists() else "Demo reports already loaded.")
            return
        region = Region.objects.order_by("position").first()
        lines = []
        now = timezone.now()
        for index, (cats, platforms, flags, role, age, status, text, idents, reply) in enumerate(DEMO):
            report = Report(
                language="fr",
                submitted_at=now - timedelta(hours=5 * index + 1),
                danger_now=flags.get("danger_now", False),
                self_harm=False,
                sextortion_deadline=flags.get("sextortion_deadline", False),
                reporter_role=role,
                started="week",
                ongoing="yes",
                victim_age_band=age,
                victim_gender="unsaid",
                region=region,
                told_nobody=True,
            )
            receipt = actions.receive_report(
                report,
                description=text,
                school="",
                contact="",
                categories=cats,
                platforms=platforms,
                # The demo's own identifiers, never empty: each normalises to one.
                identifiers=[cast(NormalisedIdentifier, normalise(raw, platform=platforms[0])) for raw in idents],
                evidence=[],
            )
            if status in (PublicStatus.REFERRED, PublicStatus.CLOSED):
                actions.set_public_status(report, PublicStatus.BEING_HANDLED)
            actions.set_public_status(report, status)
            if reply:
                actions.send_centre_message(report, reply)
            lines.append(
                f"  {receipt}  {report.reference}  {report.urgency}  {report.get_status_display()}  ({', '.join(cats)})"
            )
        text = "Demo receipt codes (follow up at http://127.0.0.1:8000/fr/follow-up/):\n" + "\n".join(lines) + "\n"
        saved.write_text(text)
        self.stdout.write(text)

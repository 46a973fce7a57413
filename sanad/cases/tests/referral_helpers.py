"""Test helpers for referrals: a case with files, the refer journey, reading a pack."""

import io
import json
import re
import zipfile

from django.test import Client

from sanad.accounts.models import Organisation, User
from sanad.cases.actions import open_case
from sanad.cases.models import Case, Referral
from sanad.evidence.actions import capture_file
from sanad.evidence.models import Evidence
from sanad.evidence.tasks import verify_evidence
from sanad.evidence.tests import samples
from sanad.intake.models import Report

DESCRIPTION = "Il publie mes photos et mon adresse sur un faux compte (exemple fictif)."
SCHOOL = "Collège Ibn Sina (fictif)"
CONTACT = "+212600000001"


def case_with_files(
    analyst: User, report_factory, *, contact: str = CONTACT, consent: bool = True, school: str = SCHOOL
) -> tuple[Case, Report, list[Evidence]]:
    report, _receipt = report_factory(
        description=DESCRIPTION,
        identifiers=("@demo.aggressor", "https://example.com/demo-post/42"),
        contact=contact,
    )
    report.school = school
    report.consent_contact = consent and bool(contact)
    report.save()
    files = [
        capture_file(data, name=name, actor="reporter")
        for data, name in [(samples.png(), "a.png"), (samples.jpeg(), "b.jpg")]
    ]
    report.evidence.add(*files)
    for evidence in files:  # what the worker does after commit: check, then make the previews
        verify_evidence.call(str(evidence.pk))
    return open_case(report, by=analyst), report, files


def refer_url(case: Case) -> str:
    return f"/fr/staff/cases/{case.pk}/refer/"


def form_data(target: str, organisation: Organisation, **extra: str) -> dict[str, str]:
    data = {
        "target": target,
        "organisation": str(organisation.pk),
        "brief": "Merci de traiter ce signalement (fictif).",
    }
    if target in {"police", "gendarmerie", "prosecutor", "platform"}:
        data["legal_ground"] = "Article 447-1 du Code pénal"
    return data | extra


def preview(client: Client, case: Case, data: dict[str, str]):
    return client.post(refer_url(case), data | {"preview": "1"})


def send(client: Client, case: Case, data: dict[str, str]) -> Referral:
    """The analyst's two steps: preview, then send what was previewed."""
    shown = preview(client, case, data)
    assert shown.status_code == 200, shown.content.decode()[:2000]
    response = client.post(refer_url(case), data | {"send": "1", "fingerprint": fingerprint(shown)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Referral.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def fingerprint(response) -> str:
    return re.search(r'name="fingerprint" value="([0-9a-f]{64})"', response.content.decode()).group(1)


def package_of(response) -> str:
    """The rendered cases/_package.html in a page: the one element every view of a referral shares."""
    page = response.content.decode()
    start = page.index('<div class="package package-')
    depth = 0
    for tag in re.finditer(r"<div\b|</div>", page[start:]):
        depth += 1 if tag.group() == "<div" else -1
        if depth == 0:
            return page[start : start + tag.end()]
    raise AssertionError("the package is not closed")


def open_zip(archive: bytes) -> tuple[zipfile.ZipFile, dict]:
    opened = zipfile.ZipFile(io.BytesIO(archive))
    return opened, json.loads(opened.read("manifest.json"))


def rezip(archive: bytes, *, change: str) -> bytes:
    """The same archive with one byte of one entry changed, zipped again."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == change:
                data = data[:-1] + bytes([data[-1] ^ 0x01])
            target.writestr(info, data)
    return buffer.getvalue()

"""The reporter's journey over HTTP, sample files, and a look at everything the database holds."""

import copy
import re
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sanad.evidence.tests import samples

# The steps a reporter without a danger answer goes through (contact is reached from the review
# page; posting it anyway is harmless, and tests with a danger answer need it).
STEPS = ["danger", "what", "where", "evidence", "child", "contact"]
RECEIPT = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")

# A complete, valid set of answers: a 14-year-old harassed on Instagram, anonymous.
ANSWERS: dict[str, dict[str, str | list[str]]] = {
    "danger": {"danger_now": "no", "self_harm": "no", "sextortion_deadline": "no"},
    "what": {
        "reporter_role": "victim",
        "categories": ["harassment"],
        "description": "A fake account keeps posting mocking pictures of me with my name.",
    },
    "where": {"platforms": ["instagram"], "identifiers": "@Sara.K", "started": "week", "ongoing": "yes"},
    "child": {
        "victim_age_band": "13_15",
        "victim_gender": "girl",
        "region": "casablanca-settat",
        "told": ["friend"],
    },
    "contact": {
        "wants_contact": "no",
        "contact_method": "",
        "contact_value": "",
        "consent_share": "no",
        "school": "",
    },
}


def step_url(slug: str, language: str = "en") -> str:
    return f"/{language}/report/step/{slug}/"


def answers_with(**changes: dict[str, str | list[str]]) -> dict[str, dict[str, str | list[str]]]:
    """The default answers, with some steps' answers changed: answers_with(danger={"self_harm": "yes"})."""
    answers = copy.deepcopy(ANSWERS)
    for slug, values in changes.items():
        answers[slug].update(values)
    return answers


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    # The content type a browser claims is irrelevant: the server sniffs the content.
    return SimpleUploadedFile(name, data, content_type=content_type)


def walk_wizard(client: Client, answers: dict, *, files: list | None = None, language: str = "en") -> None:
    """Answer every step up to the review page, as a browser without JavaScript would."""
    for slug in STEPS:
        data = {"files": files or [], "next": ""} if slug == "evidence" else {**answers[slug], "next": ""}
        response = client.post(step_url(slug, language), data)
        assert response.status_code == 302, (slug, response.content.decode()[:2000])


def receipt_on(page: str) -> str:
    # The code may be split into several elements for line breaking: read the text without tags.
    found = set(RECEIPT.findall(re.sub(r"<[^>]*>", "", page)))
    assert len(found) == 1, found
    return found.pop()


@pytest.fixture
def send_report() -> Callable[..., str]:
    """Walk the wizard over HTTP, send, and return the receipt the reporter is shown."""

    def send(client: Client, *, files: list | None = None, language: str = "en", **changes: dict) -> str:
        walk_wizard(client, answers_with(**changes), files=files, language=language)
        response = client.post(step_url("review", language), {"next": ""})
        assert response.status_code == 302
        assert response["Location"] == f"/{language}/report/sent/"
        page = client.get(response["Location"])
        assert page.status_code == 200
        return receipt_on(page.content.decode())

    return send


@pytest.fixture
def receipt(client, send_report) -> str:
    """The receipt of the default report, sent by `client` (which then forgets it, as advised)."""
    code = send_report(client)
    client.post("/en/report/sent/")
    return code


@pytest.fixture
def open_followup() -> Callable[[Client, str], None]:
    def open_(client: Client, code: str) -> None:
        response = client.post("/en/follow-up/", {"receipt": code})
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"] == "/en/follow-up/report/"

    return open_


@pytest.fixture
def png_bytes() -> bytes:
    return samples.png()


@pytest.fixture
def jpeg_bytes() -> bytes:
    return samples.jpeg()


@pytest.fixture
def pdf_bytes() -> bytes:
    return samples.pdf()


def is_checked(page: str, name: str, value: str) -> bool:
    """Whether the radio button or checkbox `name=value` is ticked on the page, whatever the attribute order."""
    for tag in re.findall(r"<input\b[^>]*>", page):
        if f'name="{name}"' in tag and f'value="{value}"' in tag:
            return re.search(r"\schecked\b", tag) is not None
    raise AssertionError(f"no input {name}={value} on the page")

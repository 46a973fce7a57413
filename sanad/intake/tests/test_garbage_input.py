"""Whatever is sent to a public URL, the answer is never a server error."""

import random

import pytest
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from sanad.evidence.tests import samples
from sanad.intake.forms import (
    ChildForm,
    ContactForm,
    DangerForm,
    ReceiptForm,
    ReplyForm,
    ReturnForm,
    WhatForm,
    WhereForm,
)
from sanad.intake.models import Report
from sanad.intake.tests.conftest import ANSWERS, upload, walk_wizard

pytestmark = pytest.mark.django_db

# Each public URL, with the visitor whose state takes a request deepest into its view.
TARGETS = [
    *(
        (f"/en/report/step/{slug}/", "writing")
        for slug in ["danger", "what", "where", "evidence", "child", "contact", "review"]
    ),
    ("/en/report/step/nothing-here/", "fresh"),
    ("/en/report/", "fresh"),
    ("/en/follow-up/", "fresh"),
    ("/en/follow-up/report/", "following"),
    ("/en/follow-up/report/message/", "following"),
    ("/en/follow-up/report/evidence/", "following"),
    ("/en/report/sent/", "following"),
    ("/en/report/sent/summary/", "following"),
    ("/en/report/return/", "writing"),
    ("/en/follow-up/report/summary/", "following"),
    ("/en/exit/", "writing"),
    ("/en/follow-up/leave/", "leaving"),
    ("/i18n/setlang/", "fresh"),
]
FIELDS = sorted(
    {
        name
        for form in (DangerForm, WhatForm, WhereForm, ChildForm, ContactForm, ReplyForm, ReceiptForm, ReturnForm)
        for name in form.base_fields
    }
    | {"files", "remove", "next", "back", "upload", "language", "next_url", "switch_language", "from", "code"}
)
ABSURD = [
    "",
    "\x00",
    "a\x00b",
    "\xed\xa0\x80",  # what a lone UTF-16 surrogate becomes when read as Latin-1
    "x" * 50_000,
    "1e309",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "\u202egnp.exe",
    "😢" * 1000,
    "00000000-0000-0000-0000-000000000000",
    "https://[oops",
    "\n" * 5000,
    "yes\nno",
]
INVALID_CHOICES = {
    "danger_now": "perhaps",
    "self_harm": ["yes", "no"],
    "reporter_role": "admin",
    "categories": ["harassment", "harassment", "drop table"],
    "started": "yesterday",
    "platforms": ["instagram", "geocities"],
    "victim_age_band": "99",
    "region": ["casablanca-settat", "oriental"],
    "told": ["nobody", "nobody", "aliens"],
    "wants_contact": "maybe",
    "contact_method": "pigeon",
    "contact_safe": "definitely",
    "consent_share": "\x00",
    "remove": "../../etc/passwd",
    "language": "xx-invalid",
}


@pytest.fixture
def browsers(send_report, open_followup):
    """Visitors in every state; a server error shows as a 500 response instead of being raised."""
    fresh, writing, following, leaving = (Client(raise_request_exception=False) for _ in range(4))
    walk_wizard(writing, ANSWERS)  # a complete draft, so every step and the review do their work
    receipt = send_report(following)
    open_followup(following, receipt)
    open_followup(leaving, receipt)  # the same report, on a second device that will leave
    return {"fresh": fresh, "writing": writing, "following": following, "leaving": leaving}


def server_errors(browsers, request) -> list[tuple[str, str, int]]:
    """Send `request(client, url)` to every target; return those answered with a server error."""
    failures = []
    for url, who in TARGETS:
        response = request(browsers[who], url)
        if response.status_code >= 500:
            failures.append((url, who, response.status_code))
    return failures


def malformed_bodies() -> dict[str, tuple[bytes, str]]:
    """Request bodies no browser would send, with the content type they claim."""
    rng = random.Random(20260514)
    multipart = encode_multipart(BOUNDARY, {"description": "hello", "files": [upload("a.png", samples.png())]})
    form = "application/x-www-form-urlencoded"
    odd_file = (
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="../../\x00.png"\r\n'
            "Content-Type: image/png\r\n\r\n"
        ).encode()
        + samples.png()
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )
    return {
        "random-urlencoded": (rng.randbytes(4000), form),
        "random-multipart": (rng.randbytes(4000), MULTIPART_CONTENT),
        "random-octets": (rng.randbytes(4000), "application/octet-stream"),
        "random-json": (rng.randbytes(200), "application/json"),
        "oversized": (b"description=" + b"x" * (1024 * 1024 + 10), form),
        "oversized-multipart-field": (
            encode_multipart(BOUNDARY, {"body": "x" * (1024 * 1024 + 10)}),
            MULTIPART_CONTENT,
        ),
        "truncated-multipart": (multipart[: len(multipart) // 2], MULTIPART_CONTENT),
        "truncated-multipart-headers": (multipart[:60], MULTIPART_CONTENT),
        "wrong-boundary": (multipart, "multipart/form-data; boundary=SomethingElseEntirely"),
        "no-boundary": (multipart, "multipart/form-data"),
        "too-many-fields": ("&".join(f"f{n}=1" for n in range(500)).encode(), form),
        "too-many-files": (
            encode_multipart(BOUNDARY, {"files": [upload(f"{n}.png", b"x") for n in range(150)]}),
            MULTIPART_CONTENT,
        ),
        "odd-file-name": (odd_file, MULTIPART_CONTENT),
        "non-utf8": (b"description=\xff\xfe\xfa&categories=\xc3\x28&receipt=\xe9\xe9&body=\x80&remove=\xff", form),
        "non-utf8-multipart": (multipart.replace(b"hello", b"\xff\xfe\x00\xc3\x28"), MULTIPART_CONTENT),
        "unknown-charset": (b"description=hello", f"{form}; charset=no-such-charset"),
        "nul-bytes": (b"description=%00&receipt=%00&body=%00&region=%00&remove=%00&identifiers=%00", form),
        "percent-garbage": (b"%%%=%%%&%zz=%ff%fe&=&&&", form),
        "empty": (b"", form),
    }


def test_malformed_bodies_never_cause_a_server_error(browsers):
    failures = {}
    for name, (body, content_type) in malformed_bodies().items():
        errors = server_errors(browsers, lambda client, url, b=body, t=content_type: client.generic("POST", url, b, t))
        if errors:
            failures[name] = errors
    assert failures == {}


def test_malformed_bodies_never_cause_a_server_error_in_the_csrf_check():
    # In production the CSRF check reads the body before any view does.
    guarded = Client(enforce_csrf_checks=True, raise_request_exception=False)
    guarded.get("/en/report/step/danger/")  # a CSRF cookie, as a browser would have
    failures = []
    for name, (body, content_type) in malformed_bodies().items():
        for url in ("/en/report/step/what/", "/en/follow-up/", "/i18n/setlang/"):
            status = guarded.generic("POST", url, body, content_type).status_code
            if status >= 500:
                failures.append((name, url, status))
    assert failures == []


def test_absurd_field_values_never_cause_a_server_error(browsers):
    # Each request gives every field a different value, some as lists; over all the requests every
    # field meets every value.
    failures = {}
    for turn in range(len(ABSURD)):
        data = {}
        for position, name in enumerate(FIELDS):
            value = ABSURD[(position + turn) % len(ABSURD)]
            data[name] = [value, value] if (position + turn) % 3 == 0 else value
        errors = server_errors(browsers, lambda client, url, d=data: client.post(url, d))
        if errors:
            failures[turn] = errors
    assert failures == {}


def test_invalid_choices_never_cause_a_server_error(browsers):
    failures = {}
    for button in ("next", "back", "upload"):
        data = {**INVALID_CHOICES, button: ""}
        errors = server_errors(browsers, lambda client, url, d=data: client.post(url, d))
        if errors:
            failures[button] = errors
    assert failures == {}


def test_refused_files_in_any_field_never_cause_a_server_error(browsers):
    def files() -> list:
        return [
            upload("a" * 1000 + ".png", samples.png()),
            upload("bomb.png", samples.png_claiming(40_000, 40_000)),
            upload("broken.png", samples.damaged_png()),
            upload("x.svg", samples.svg()),
            upload("random.bin", random.Random(7).randbytes(3000)),
            upload("empty.png", b""),
        ]

    failures = {}
    for field in ("files", "body"):
        errors = server_errors(browsers, lambda client, url, f=field: client.post(url, {f: files(), "upload": ""}))
        if errors:
            failures[field] = errors
    assert failures == {}


def test_garbage_query_strings_never_cause_a_server_error(browsers):
    queries = [
        "%00=%00&next=%ff%fe&language=%00&receipt=K7QF-9XRM-2HTP-4WNB&remove=1&categories[]=1",
        "a=1&" * 2000,
        "q=" + "x" * 20_000,
        "%E0%A4%A=1&%zz&=&&",
    ]
    failures = {}
    for query in queries:
        errors = server_errors(browsers, lambda client, url, q=query: client.get(f"{url}?{q}"))
        if errors:
            failures[query[:40]] = errors
    assert failures == {}


def test_a_report_with_absurd_identifiers_is_still_sent(client, send_report):
    identifiers = [
        "https://[oops",
        "http://[::1]:99999/",
        "https://instagram.com/",
        "@",
        "+",
        "0000000000000000000000",
        "javascript:alert(1)",
        "mailto:someone@example.org",
        "\u202e@evil",
        "ftp://example.org/../../",
    ]
    send_report(client, where={"platforms": ["other"], "identifiers": "\n".join(identifiers)})
    assert Report.objects.get().identifiers.count() == len(identifiers) - 2  # "@" and "+" alone name nobody

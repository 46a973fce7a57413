"""With JavaScript on, a large picture is made smaller in the browser before it is sent (a JPEG of
at most 2048 px); without it, the file goes as it was chosen. Either way the server takes the
SHA-256 of what arrives (docs/portal.md, "Pictures")."""

import hashlib
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import BrowserContext, expect

from sanad.evidence.integrity import read_file
from sanad.intake.models import ReportDraft
from tests.browser import journey
from tests.browser.conftest import LANGUAGES

pytestmark = [pytest.mark.browser]


def large_photo(folder: Path) -> Path:
    """A 3000 by 2000 synthetic photo with noise, so it does not compress: several megabytes."""
    image = Image.frombytes("RGB", (3000, 2000), random.Random(19).randbytes(3000 * 2000 * 3))
    target = folder / "photo-conversation.png"
    image.save(target, "PNG", compress_level=1)
    return target


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_large_picture_is_made_smaller_only_when_javascript_can(
    language: str, javascript: bool, new_context: Callable[..., BrowserContext], tmp_path: Path
) -> None:
    photo = large_photo(tmp_path)
    original = photo.read_bytes()
    page = new_context(javascript=javascript).new_page()
    journey.open_report(page, language)
    journey.answer_danger(page, language, sextortion=False)
    journey.fill_what(page, categories=["harassment"])
    journey.go_next(page, language, "where")
    journey.fill_where(page)
    journey.go_next(page, language, "evidence")
    journey.upload(page, language, [photo])
    # With JavaScript the form waits for the smaller copy, then sends: wait for the file listed.
    expect(page.locator(".file-list li")).to_have_count(1, timeout=30_000)

    evidence = ReportDraft.objects.get().evidence.get()
    received = read_file(evidence)
    assert evidence.sha256 == hashlib.sha256(received).hexdigest()  # the fingerprint of what arrived
    if javascript:
        assert evidence.content_type == "image/jpeg"
        assert max(evidence.width, evidence.height) == 2048
        assert evidence.size < len(original) / 4
        assert evidence.original_name == "photo-conversation.jpg"
    else:
        assert evidence.content_type == "image/png"
        assert received == original

"""Pages travel compressed; static files have hashed names, are compressed ahead of time and
cached for a year; files (PDF, pictures) are not compressed again."""

import gzip
import re

import pytest

pytestmark = pytest.mark.django_db

ASSET = re.compile(r'(?:href|src)="(/static/sanad/portal\.[0-9a-f]{12}\.(?:css|js))"')


@pytest.mark.smoke
def test_a_page_is_sent_compressed_to_a_browser_that_accepts_it(client):
    plain = client.get("/fr/").content
    response = client.get("/fr/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert len(response.content) < len(plain) / 2
    # The same page (its CSRF token and gzip padding differ from one answer to the next).
    assert gzip.decompress(response.content).decode().count("<section") == plain.decode().count("<section")


def test_pages_name_their_css_and_script_by_content_hash(client):
    page = client.get("/fr/").content.decode()
    assert len(ASSET.findall(page)) == 2, "portal.css and portal.js under hashed names"


def test_static_files_are_cached_for_a_year_and_sent_compressed(client):
    for asset in ASSET.findall(client.get("/fr/").content.decode()):
        response = client.get(asset, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, asset
        assert "immutable" in response["Cache-Control"]
        assert int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1)) >= 365 * 24 * 3600
        assert response["Content-Encoding"] == "gzip"


def test_a_pdf_is_not_compressed_again(client, settings):
    from sanad.intake.tests.conftest import ANSWERS, step_url, walk_wizard

    walk_wizard(client, ANSWERS)
    client.post(step_url("review"), {"next": ""})
    response = client.get("/en/report/sent/summary/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Type"] == "application/pdf"
    assert not response.has_header("Content-Encoding")

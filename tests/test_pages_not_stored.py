"""No page is written to the browser's disk cache, staff or public, errors included; static
files are (their names change with their content)."""

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/fr/staff/sign-in/",
        "/fr/staff/",
        "/fr/staff/no-such-page/",
        "/ar/staff/cases/999999/",
        "/fr/",
        "/ar/help/",
        "/fr/report/step/danger/",
        "/fr/no-such-page/",
        "/ar/certificates/verify/?code=ABCD-EFGH-JKLM",
    ],
)
def test_no_page_is_stored(path):
    response = Client().get(path)
    assert "no-store" in response["Cache-Control"], path


def test_static_files_are_not_marked_no_store(client):
    assert finders.find("sanad/portal.css")
    response = client.get("/static/sanad/portal.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")

"""Quick exit ends, on the server, what this browser could reopen: the live draft and the
follow-up. The draft itself stays, for its lifetime, reachable only with its return code."""

import pytest
from django.contrib.sessions.models import Session

from sanad.intake.models import ReportDraft
from sanad.intake.tests.conftest import ANSWERS, step_url

pytestmark = pytest.mark.django_db

EXIT = "/fr/exit/"


def start_report(client) -> None:  # type: ignore[no-untyped-def]
    for slug in ["danger", "what"]:
        client.post(step_url(slug), {**ANSWERS[slug], "next": ""})


@pytest.mark.smoke
def test_quick_exit_ends_the_draft_cookie_and_leaves_for_the_neutral_site(client, settings):
    settings.SANAD_QUICK_EXIT_URL = "https://weather.example.net/today"
    start_report(client)
    assert client.get("/en/").content.decode().count("Continue my report") == 1

    response = client.get(EXIT)

    assert response.status_code == 302
    assert response["Location"] == "https://weather.example.net/today"
    assert response["Clear-Site-Data"] == '"cache"'
    assert "no-store" in response["Cache-Control"]
    assert client.cookies["sanad_draft"].value == ""  # deleted
    assert client.cookies["sanad_return"].value != ""  # kept: it opens nothing without the code
    assert ReportDraft.objects.count() == 1  # the answers are kept, sealed
    # Whoever opens the site next on this browser sees no report under way.
    home = client.get("/en/").content.decode()
    assert "Continue my report" not in home and "Report now" in home
    assert client.get(step_url("what"))["Location"] == step_url("danger")
    assert "A fake account keeps posting" not in client.get(step_url("danger")).content.decode()


def test_quick_exit_ends_the_follow_up_session_on_the_server(client, receipt, open_followup):
    open_followup(client, receipt)
    assert Session.objects.count() == 1
    client.get(EXIT)
    assert not Session.objects.exists()
    assert client.get("/en/follow-up/report/")["Location"] == "/en/follow-up/"


def test_closing_the_follow_up_also_ends_its_session_on_the_server(client, receipt, open_followup):
    open_followup(client, receipt)
    client.post("/en/follow-up/leave/")
    assert not Session.objects.exists()


def test_every_public_page_is_no_store(client, receipt, open_followup):
    # A page the browser never stored cannot come back from its cache after a quick exit.
    start_report(client)
    for url in ["/en/", "/en/help/", "/en/help/harassment/", "/en/privacy/", step_url("what"), "/en/report/return/"]:
        assert "no-store" in client.get(url)["Cache-Control"], url
    open_followup(client, receipt)
    assert "no-store" in client.get("/en/follow-up/report/")["Cache-Control"]


def test_the_quick_exit_link_on_every_page_goes_through_the_server(client):
    page = client.get("/ar/").content.decode()
    assert 'href="/ar/exit/"' in page and "data-quick-exit" in page

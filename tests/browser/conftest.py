"""Browser journeys: Debian's Chromium driven by Playwright against the live server.

One browser for the whole session, a fresh context (cookies, storage) per test, always
at a phone's size. No request ever leaves the machine: anything that is not the live
server is refused, except the quick-exit address, a stub served on this machine.
"""

import importlib
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright
from pytest_django.live_server_helper import LiveServer

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# the ORM calls the tests make between two page actions.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # the test machines run as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
# The neutral page the quick exit leads to: another origin, served by a stub on this machine
# (our exit answers with a redirect, and Playwright's routes do not see where a redirect leads).
QUICK_EXIT_STUB = b"<!doctype html><html lang='en'><title>Weather</title><h1>Weather today</h1></html>"


class _NeutralSite(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(QUICK_EXIT_STUB)))
        self.end_headers()
        self.wfile.write(QUICK_EXIT_STUB)

    def log_message(self, format: str, *args: object) -> None:
        return None


_neutral_site = ThreadingHTTPServer(("127.0.0.1", 0), _NeutralSite)
threading.Thread(target=_neutral_site.serve_forever, daemon=True).start()
QUICK_EXIT_URL = f"http://127.0.0.1:{_neutral_site.server_address[1]}/today"
LANGUAGES = ["ar", "fr"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_server() -> Iterator[LiveServer]:
    """pytest-django's live server, serving static files as production does: through the app
    (WhiteNoise: collected, hashed, compressed, cached for a year). Django's test handler would
    look the hashed names up among the unhashed source files and answer 404."""
    server = LiveServer("localhost", start=False)
    server.thread.static_handler = lambda application: application
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _regions(transactional_db: None) -> None:
    """The live server needs a transactional database, which is emptied after each test:
    put the configuration's regions and reference data back (the data migrations' own)."""
    from sanad.accounts.models import Region

    migration = importlib.import_module("sanad.accounts.migrations.0002_morocco_regions")
    for position, (code, name_ar, name_fr, name_en) in enumerate(migration.REGIONS, start=1):
        Region.objects.update_or_create(
            code=code, defaults={"name_ar": name_ar, "name_fr": name_fr, "name_en": name_en, "position": position}
        )
    # And the installation profile's reference data (platforms, deadlines, emergency numbers).
    from django.apps import apps

    from sanad.reference import current

    importlib.import_module("sanad.reference.migrations.0002_installation_profile").install(apps, None)
    current.forget()


@pytest.fixture
def new_context(browser: Browser, live_server, settings) -> Iterator[Callable[..., BrowserContext]]:
    """Makes browser contexts at phone size; `javascript=False` for the no-script journeys,
    `bypass_csp=True` only where axe-core must be injected."""
    settings.SANAD_QUICK_EXIT_URL = QUICK_EXIT_URL
    contexts: list[BrowserContext] = []

    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith((live_server.url, QUICK_EXIT_URL)):
            route.continue_()
        else:
            route.abort()

    def make(*, javascript: bool = True, bypass_csp: bool = False, locale: str = "fr-FR") -> BrowserContext:
        context = browser.new_context(
            base_url=live_server.url,
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
            java_script_enabled=javascript,
            bypass_csp=bypass_csp,
            locale=locale,
        )
        context.set_default_timeout(10_000)
        context.route("**/*", route)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context().new_page()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    configured = os.environ.get("SANAD_SCREENSHOT_DIR")
    if configured:
        path = Path(configured)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return Path(tempfile.mkdtemp(prefix="screenshots-", dir=django_settings.VAR_DIR))


@pytest.fixture
def screenshot(screenshot_dir: Path) -> Callable[..., Path]:
    """Saves the whole page as <name>.png, for example ar-01-home.png; with `at`, only the screen
    that shows that element (a long page, such as a dashboard, is read a screen at a time)."""

    def save(page: Page, name: str, *, at: str | None = None) -> Path:
        path = screenshot_dir / f"{name}.png"
        if at is not None:
            page.locator(at).first.evaluate("element => element.scrollIntoView({block: 'center'})")
            page.screenshot(path=path, animations="disabled", caret="initial")
            return path
        # Filling a form scrolls; from the top, the sticky header is drawn once, where it belongs.
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=path, full_page=True, animations="disabled", caret="initial")
        return path

    return save


@pytest.fixture(scope="session")
def axe_source() -> str:
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")

"""Browser journeys: Debian's Chromium driven by Playwright against the live server.

One browser for the whole session, a fresh context (cookies, storage) per test, always
at a phone's size. No request ever leaves the machine: anything that is not the live
server is refused, except the quick-exit address, which answers from a local stub.
"""

import importlib
import os
import tempfile
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

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
# A neutral page the quick-exit button leads to; routed to a stub, never fetched.
QUICK_EXIT_URL = "https://weather.example.net/today"
QUICK_EXIT_STUB = "<!doctype html><html lang='en'><title>Weather</title><h1>Weather today</h1></html>"
LANGUAGES = ["ar", "fr"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _regions(transactional_db: None) -> None:
    """The live server needs a transactional database, which is emptied after each test:
    put the configuration's regions back (the data migration's own list)."""
    from sanad.accounts.models import Region

    migration = importlib.import_module("sanad.accounts.migrations.0002_morocco_regions")
    for position, (code, name_ar, name_fr, name_en) in enumerate(migration.REGIONS, start=1):
        Region.objects.update_or_create(
            code=code, defaults={"name_ar": name_ar, "name_fr": name_fr, "name_en": name_en, "position": position}
        )


@pytest.fixture
def new_context(browser: Browser, live_server, settings) -> Iterator[Callable[..., BrowserContext]]:
    """Makes browser contexts at phone size; `javascript=False` for the no-script journeys,
    `bypass_csp=True` only where axe-core must be injected."""
    settings.SANAD_QUICK_EXIT_URL = QUICK_EXIT_URL
    contexts: list[BrowserContext] = []

    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith(live_server.url):
            route.continue_()
        elif url.startswith(QUICK_EXIT_URL):
            route.fulfill(status=200, content_type="text/html", body=QUICK_EXIT_STUB)
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
def screenshot(screenshot_dir: Path) -> Callable[[Page, str], Path]:
    """Saves the whole page as <name>.png, for example ar-01-home.png."""

    def save(page: Page, name: str) -> Path:
        path = screenshot_dir / f"{name}.png"
        # Filling a form scrolls; from the top, the sticky header is drawn once, where it belongs.
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=path, full_page=True, animations="disabled", caret="initial")
        return path

    return save


@pytest.fixture(scope="session")
def axe_source() -> str:
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")

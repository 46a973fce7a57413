"""What the portal weighs on a phone, and how long a whole report takes on 2G, measured in Chromium.

    .venv/bin/python bench/portal_weight.py            # French, then Arabic
    .venv/bin/python bench/portal_weight.py --language ar

Serves the portal with the production server (gunicorn, gunicorn.conf.py, DEBUG off, static files
collected) on a throwaway SQLite database, then drives Debian's Chromium at phone size through a
calm report without screenshots, from the home page to the receipt, as bench/time_model.py's
scenario answers it (the same answers by field name, so it also runs on older versions of the
wizard). Chromium's own network emulation (DevTools) holds every request to a profile:

- bytes per page, as transferred (compressed, headers included): "cold" is a first visit with an
  empty cache (the page and every file it needs), "warm" what that page cost on the way through
  the report, with the browser's cache as the earlier pages left it;
- the time of the whole report on WebPageTest's 2G profile (280/256 kbit/s, 800 ms round trip):
  page loads only, from the first request to the receipt on screen; nobody reads or types here
  (bench/time_model.py adds that).

Nothing leaves the machine: the server listens on 127.0.0.1 and every other address is refused.
Not a test: the figures are the output.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

from bench.time_model import SCENARIO  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
PROFILE_2G = {"latency": 800, "download": 280_000 / 8, "upload": 256_000 / 8}


@dataclass
class PageLoad:
    path: str
    document: int = 0  # bytes of the page itself (and of the POST and redirect that led to it)
    assets: dict[str, int] = field(default_factory=dict)  # static files fetched over the network
    seconds: float = 0.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(var_dir: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {
        **os.environ,
        "SANAD_VAR_DIR": str(var_dir),
        "SANAD_DATABASE_URL": f"sqlite:///{var_dir / 'weight.sqlite3'}",
        "SANAD_DEBUG": "false",
        "SANAD_SECURE_COOKIES": "false",
        "SANAD_ALLOWED_HOSTS": "127.0.0.1",
        "SANAD_TASK_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "SANAD_EMAIL_BACKEND": "memory",
        "SANAD_LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["generate_keys"], ["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True)
    log = (var_dir / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py", "sanad.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server, base
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit(f"gunicorn did not start:\n{(var_dir / 'gunicorn.log').read_text()[-2000:]}")


def fill(page, careful: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Answer what this page asks, by field name, as bench/time_model.py's calm reporter does."""
    for name, wanted in SCENARIO.items():
        values = wanted if isinstance(wanted, list) else [wanted]
        fields = page.locator(f'[name="{name}"]')
        if fields.count() == 0:
            continue
        first = fields.first
        kind = first.get_attribute("type") or first.evaluate("e => e.tagName.toLowerCase()")
        if kind in {"radio", "checkbox"}:
            for value in values:
                box = page.locator(f'input[name="{name}"][value="{value}"]')
                if box.count():
                    box.check()
        elif kind == "select":
            first.select_option(values[0])
        else:
            first.fill(values[0])


def walk(browser, base: str, language: str, *, throttle: bool) -> list[PageLoad]:  # type: ignore[no-untyped-def]
    """The calm report in a fresh context; what each page cost."""
    # No request routing: Playwright turns the HTTP cache off when it routes, and the cache is
    # what "warm" measures. The pages name nothing outside the server (checked below).
    context = browser.new_context(base_url=base, viewport=PHONE, is_mobile=True, has_touch=True, locale=language)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if throttle:
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": PROFILE_2G["latency"],
                "downloadThroughput": PROFILE_2G["download"],
                "uploadThroughput": PROFILE_2G["upload"],
            },
        )
    requests: dict[str, str] = {}
    current: list[PageLoad] = []

    def sent(event: dict) -> None:
        requests[event["requestId"]] = event["request"]["url"]

    def finished(event: dict) -> None:
        url = requests.get(event["requestId"], "")
        if not current or not url:
            return
        if "/static/" in url:
            current[-1].assets[url] = current[-1].assets.get(url, 0) + int(event["encodedDataLength"])
        else:
            current[-1].document += int(event["encodedDataLength"])

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.loadingFinished", finished)

    loads: list[PageLoad] = []

    def load(action) -> None:  # type: ignore[no-untyped-def]
        entry = PageLoad("")
        current[:] = [entry]
        started = time.perf_counter()
        action()
        page.wait_for_load_state("load")
        entry.seconds = time.perf_counter() - started
        entry.path = page.url.removeprefix(base)
        loads.append(entry)

    load(lambda: page.goto(f"/{language}/"))
    load(lambda: page.locator('.hero a[href*="/report/"]').first.click())
    for _ in range(12):
        if "/report/sent/" in page.url:
            break
        button = page.locator('button[name="next"]')
        if button.count() == 0:  # an older version's start page: its link into the report
            load(lambda: page.locator('main a[href*="/report/step/"]').first.click())
            continue
        fill(page)
        load(button.first.click)
    else:
        raise SystemExit(f"no receipt: stopped at {page.url}")
    page.wait_for_timeout(300)  # the last loadingFinished events
    context.close()
    elsewhere = sorted({url for url in requests.values() if not url.startswith(base)})
    if elsewhere:
        raise SystemExit(f"the pages asked for addresses outside the server: {elsewhere}")
    return loads


def report(browser, base: str, language: str) -> None:  # type: ignore[no-untyped-def]
    fast = walk(browser, base, language, throttle=False)
    slow = walk(browser, base, language, throttle=True)
    assets: dict[str, int] = {}
    for entry in fast:
        for url, size in entry.assets.items():
            assets.setdefault(url, size)
    all_assets = sum(assets.values())
    print(f"\n== {language}: a calm report without screenshots, page by page")
    print(f"{'page':<34}{'cold KB':>9}{'warm KB':>9}{'2G s':>8}")
    for entry, throttled in zip(fast, slow, strict=True):
        cold = entry.document + all_assets
        warm = entry.document + sum(entry.assets.values())
        print(f"{entry.path[:33]:<34}{cold / 1024:>9.1f}{warm / 1024:>9.1f}{throttled.seconds:>8.1f}")
    total_warm = sum(entry.document + sum(entry.assets.values()) for entry in fast)
    print(f"static files (CSS, script), once: {all_assets / 1024:.1f} KB; the whole report: {total_warm / 1024:.1f} KB")
    print(f"the whole report on 2G (page loads only): {sum(entry.seconds for entry in slow):.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--language", action="append", choices=["ar", "fr", "en"], help="[fr and ar]")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="sanad-weight.") as var:
        server, base = start_server(Path(var))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-quic"]
                )
                print(
                    "Chromium, 390 x 844, gunicorn (gunicorn.conf.py) on 127.0.0.1, DEBUG off, static files collected"
                )
                for language in args.language or ["fr", "ar"]:
                    report(browser, base, language)
                browser.close()
        finally:
            server.terminate()
            server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How long a report takes a child, modelled from the pages the portal really renders.

    .venv/bin/python bench/time_model.py            # French and Arabic, both scenarios
    .venv/bin/python bench/time_model.py --language fr --details

The portal is driven in-process (Django's test client, a throwaway SQLite database, the
production settings with DEBUG off and static files collected) from the home page to the
receipt, as a child would: on each page it reads, taps, types and presses the page's main
button. Each rendered page is read for what it asks of the child:

- words read, at 150 words a minute: the visible words of <main>, from the top down to the
  control the child presses to leave the page (a child presses "Report now" without reading
  the home page's lower sections; on a form step the button is last, so every question is
  read). A "choose all that fit" question is read whole; a single-choice question down to the
  answer chosen (who knows their answer stops there); a list box's options down to the answer,
  once opened. The header, the emergency bar and the return-code line are read where they
  first appear (or change). Hidden text (`hidden`, `visually-hidden`, `aria-hidden`) and the
  inside of a closed <details> are not read; the "careful" scenario opens and reads every
  <details>.
- taps, 1.5 s each: each answer chosen (a list box is two), each text box entered, each button.
- typing, 2 characters a second on a phone.
- page loads on a network profile: one round trip per request (a POST and the page it leads
  to are two), the bytes actually sent (compressed when the server compresses), a new
  connection's DNS, TCP and TLS round trips on the first page, and the page's CSS and script
  while they are not fresh in the browser's cache (a 304 revalidation costs a round trip).

It prints, per page: words on the page and words read, questions (fields), choices, taps,
characters typed, bytes, and seconds on 4G and 2G; then the totals. The goal (issue 19): a
calm report without evidence in under 3 minutes. Not a test: the figures are the output.
"""

import argparse
import gzip
import io
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

READING_WPM = 150
TAP_SECONDS = 1.5
TYPING_CPS = 2.0


@dataclass(frozen=True)
class Network:
    name: str
    down_bps: float
    up_bps: float
    rtt: float  # seconds


# WebPageTest's connectivity profiles.
NETWORKS = [
    Network("4G", 9_000_000, 9_000_000, 0.170),
    Network("2G", 280_000, 256_000, 0.800),
]
NEW_CONNECTION_RTTS = 3  # DNS, TCP and TLS 1.3 (one each); the first request's own round trip is counted apart
HEADER_BYTES = 450  # request or response headers, each way, roughly

# A synthetic 13-year-old's calm report: what is typed and chosen, by field name.
# "He insults me every day in the class group", in Darija with Latin letters: a first line, as
# children write them. The careful reporter writes more.
DESCRIPTION = "kaysabni kol nhar f groupe dial l9ism"
CAREFUL_DESCRIPTION = (
    "kaysabni kol nhar f groupe dial l9ism w kaynchar tsawri bla ma nbghi, 3tani l'insta dyalo o ma bghach ywe9ef"
)
SCENARIO: dict[str, str | list[str]] = {
    "danger_now": "no",
    "self_harm": "no",
    "sextortion_deadline": "no",
    "reporter_role": "victim",
    "categories": ["harassment"],
    "description": DESCRIPTION,
    "started": "week",
    "ongoing": "yes",
    "platforms": ["instagram"],
    "identifiers": "@demo.bully",
    "victim_age_band": "13_15",
    "victim_gender": "girl",
    "region": "casablanca-settat",
    "told": ["friend"],
    "wants_contact": "no",
    "consent_share": "no",
}
SCREENSHOT_BYTES = 600_000  # a phone screenshot as the careful reporter's phone sends it


# --- Reading a page ---------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIPPED = {"script", "style", "template", "noscript", "title", "head"}
WORD = re.compile(r"\w", re.UNICODE)


@dataclass
class Control:
    tag: str
    attrs: dict[str, str]
    words_before: int  # words of <main> read before it, in document order
    label_words: int = 0  # the words of the <label> around it (an answer's text)


@dataclass
class Page:
    url: str
    words_main: int = 0
    chrome: list[str] = field(default_factory=list)  # header, emergency bar, return line: runs of text
    # A list box's options other than the one shown: read only by whoever opens it, down to theirs.
    options: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    words_in_details: int = 0  # inside closed <details>, beyond their summary
    text: list[str] = field(default_factory=list)  # the words of <main> read, as runs of text
    controls: list[Control] = field(default_factory=list)
    checked: dict[str, set[str]] = field(default_factory=dict)
    stylesheets: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)


class Reader(HTMLParser):
    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page(url)
        self.stack: list[tuple[str, bool, str]] = []  # tag, hidden, region ("main", "chrome", "")
        self.closed_details = 0
        self.in_summary = 0
        self.select: str | None = None  # name of the list box being read
        self.option: tuple[str, bool] | None = None  # value, shown
        self.shown_in_select = False
        self.in_label: Control | None = None

    def _hidden(self) -> bool:
        return any(hidden for _tag, hidden, _region in self.stack)

    def _region(self) -> str:
        for _tag, _hidden, region in reversed(self.stack):
            if region in {"main", "chrome"}:
                return region
        return ""

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {name: value or "" for name, value in attrs_list}
        classes = attrs.get("class", "").split()
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.page.stylesheets.append(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.page.scripts.append(attrs["src"])
        if tag in {"input", "button", "a", "select", "textarea", "option"}:
            if not self._hidden() and attrs.get("type") != "hidden":
                self.page.controls.append(Control(tag, attrs, self.page.words_main))
                if tag == "input" and self.stack and any(t == "label" for t, _h, _r in self.stack):
                    self.in_label = self.page.controls[-1]
            if tag == "input" and "checked" in attrs:
                self.page.checked.setdefault(attrs.get("name", ""), set()).add(attrs.get("value", "on"))
            if tag == "option" and "selected" in attrs:
                self.page.checked.setdefault("__option", set()).add(attrs.get("value", ""))
        if tag == "select":
            self.select, self.shown_in_select = attrs.get("name", ""), False
            self.page.options[self.select] = []
        if tag == "option" and self.select is not None:
            # A closed list box shows its selected option, or else its first.
            shown = "selected" in attrs or not self.shown_in_select
            self.shown_in_select = self.shown_in_select or shown
            self.option = (attrs.get("value", ""), shown)
        if tag in VOID:
            return
        in_progress = any(region == "progress" for _tag, _hidden, region in self.stack)
        hidden = (
            tag in SKIPPED
            or (in_progress and tag == "ol")  # the progress bar's step names are drawn as bars
            or "hidden" in attrs
            or attrs.get("aria-hidden") == "true"
            or "visually-hidden" in classes
            or "skip-link" in classes
        )
        region = ""
        if tag == "main":
            region = "main"
        elif "site-header" in classes or "emergency" in classes or "keep-line" in classes:
            region = "chrome"
        elif "progress" in classes:
            region = "progress"
        self.stack.append((tag, hidden, region))
        if tag == "details" and "open" not in attrs:
            self.closed_details += 1
        if tag == "summary":
            self.in_summary += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag == "select":
            self.select = None
        if tag == "option":
            self.option = None
        if tag == "label":
            self.in_label = None
        while self.stack:
            popped, _hidden, _region = self.stack.pop()
            if popped == "details" and self.closed_details:
                self.closed_details -= 1
            if popped == "summary" and self.in_summary:
                self.in_summary -= 1
            if popped == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._hidden():
            return
        words = sum(1 for token in data.split() if WORD.search(token))
        if not words:
            return
        region = self._region()
        if self.option is not None and self.select is not None and not self.option[1]:
            self.page.options[self.select].append((self.option[0], words))
            return
        if region == "main":
            if self.closed_details and not self.in_summary:
                self.page.words_in_details += words
            else:
                self.page.words_main += words
                self.page.text.append(" ".join(data.split()))
                if self.in_label is not None:
                    self.in_label.label_words += words
        elif region == "chrome":
            self.page.chrome.append(" ".join(data.split()))


def read(url: str, html_text: str) -> Page:
    reader = Reader(url)
    reader.feed(html_text)
    reader.close()
    return reader.page


# --- Driving the portal ---------------------------------------------------------------------


@dataclass
class Visit:
    """One page the child reads and acts on, and the requests that brought it."""

    page: Page
    name: str
    words_read: int = 0
    fields: int = 0
    choices: int = 0
    taps: int = 0
    typed: int = 0
    requests: list[tuple[int, int]] = field(default_factory=list)  # (bytes up, bytes down)
    assets: list[str] = field(default_factory=list)
    chrome_read: int = 0  # words of the header, emergency bar and return line not seen on an earlier page


def _body_bytes(response) -> int:  # type: ignore[no-untyped-def]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return len(content)


def _text(response) -> str:  # type: ignore[no-untyped-def]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Encoding") == "gzip":
        content = gzip.decompress(content)
    return content.decode()


class Driver:
    def __init__(self, language: str, *, careful: bool) -> None:
        from django.test import Client

        self.language = language
        self.careful = careful
        self.client = Client(HTTP_ACCEPT_ENCODING="gzip, deflate, br", HTTP_ACCEPT_LANGUAGE=language)
        self.visits: list[Visit] = []
        self.asset_bytes: dict[str, int] = {}
        self.asset_max_age: dict[str, int] = {}
        self.chrome_seen: set[str] = set()

    def _request(self, method: str, url: str, data: dict | None = None) -> tuple[object, list[tuple[int, int]]]:
        """One request and the redirects it leads to; the last response and each request's bytes."""
        requests: list[tuple[int, int]] = []
        up = HEADER_BYTES + (len(_encode(data)) if data else 0)
        response = self.client.post(url, data) if method == "POST" else self.client.get(url)
        requests.append((up, HEADER_BYTES + _body_bytes(response)))
        while response.status_code in (301, 302, 303):
            url = response["Location"]
            response = self.client.get(url)
            requests.append((HEADER_BYTES, HEADER_BYTES + _body_bytes(response)))
        if response.status_code != 200:
            raise SystemExit(f"{method} {url}: {response.status_code}\n{_text(response)[:1500]}")
        return response, requests

    def _asset(self, url: str) -> None:
        if url in self.asset_bytes:
            return
        response = self.client.get(url)
        self.asset_bytes[url] = HEADER_BYTES + _body_bytes(response)
        found = re.search(r"max-age=(\d+)", response.get("Cache-Control", ""))
        self.asset_max_age[url] = int(found.group(1)) if found else 0

    def arrive(self, response, requests: list[tuple[int, int]], name: str) -> Visit:  # type: ignore[no-untyped-def]
        page = read(response.wsgi_request.path, _text(response))
        visit = Visit(page, name, requests=requests, assets=[*page.stylesheets, *page.scripts])
        # The header repeats on every page: it is read where it first appears, or changes.
        new = [run for run in page.chrome if run not in self.chrome_seen]
        self.chrome_seen.update(new)
        visit.chrome_read = sum(sum(1 for token in run.split() if WORD.search(token)) for run in new)
        for asset in visit.assets:
            self._asset(asset)
        self.visits.append(visit)
        return visit

    def run(self) -> list[Visit]:
        response, requests = self._request("GET", f"/{self.language}/")
        visit = self.arrive(response, requests, "home")
        while True:
            path = visit.page.url
            if path.endswith("/report/sent/"):
                self._read_all(visit)  # the receipt: the child reads it to write the code down
                return self.visits
            if len(self.visits) > 20:
                raise SystemExit("no receipt after 20 pages: the scenario does not fit the wizard")
            response, requests, name = self._act(visit)
            visit = self.arrive(response, requests, name)

    def _read_all(self, visit: Visit) -> None:
        visit.words_read = visit.page.words_main + (visit.page.words_in_details if self.careful else 0)

    def _act(self, visit: Visit) -> tuple[object, list[tuple[int, int]], str]:
        page = visit.page
        submit = next((c for c in page.controls if c.tag == "button" and c.attrs.get("name") == "next"), None)
        if submit is None:
            # A page without a form step: follow its link into the report.
            link = next(
                (
                    c
                    for c in page.controls
                    if c.tag == "a" and re.search(r"/report/(step/[a-z]+/|)$", c.attrs.get("href", ""))
                ),
                None,
            )
            if link is None:
                raise SystemExit(f"{page.url}: no way into the report")
            visit.words_read = page.words_main if self.careful else link.words_before
            visit.taps = 1
            response, requests = self._request("GET", link.attrs["href"])
            return response, requests, _name(link.attrs["href"])
        # Read from the top down to the button pressed (a form's last control), the careful
        # reporter opening every folded part too.
        visit.words_read = submit.words_before + (page.words_in_details if self.careful else 0)
        data, taps, typed, fields, choices, scanned = self._fill(page)
        visit.words_read += scanned
        if page.url.endswith("/step/evidence/") and self.careful:
            # Choose a screenshot and add it: the file picker, the file, "Add these files".
            taps += 3
            visit.requests.append((HEADER_BYTES + SCREENSHOT_BYTES, HEADER_BYTES + 30_000))
        visit.taps, visit.typed, visit.fields, visit.choices = taps + 1, typed, fields, choices
        response, requests = self._request("POST", page.url, {**data, submit.attrs.get("name", "next"): ""})
        return response, requests, _name(response.wsgi_request.path)

    def _fill(self, page: Page) -> tuple[dict[str, object], int, int, int, int, int]:
        """The form's data as the scenario answers it, with the taps, characters typed, fields,
        choices, and words of a list box's options read while looking for the answer."""
        data: dict[str, object] = {}
        taps = typed = choices = scanned = 0
        # The careful reporter has a screenshot: "I have screenshots to send" leads to the evidence step.
        scenario = {**SCENARIO, "description": CAREFUL_DESCRIPTION, "has_files": "on"} if self.careful else SCENARIO
        # A single-choice question is read down to the answer chosen: who knows their answer stops
        # there. Every option of a "choose all that fit" question is read.
        radios: dict[str, list[Control]] = {}
        for control in page.controls:
            if control.attrs.get("type") == "radio":
                radios.setdefault(control.attrs.get("name", ""), []).append(control)
        for name, options in radios.items():
            values = [option.attrs.get("value") for option in options]
            if scenario.get(name) in values:
                scanned -= sum(option.label_words for option in options[values.index(scenario.get(name)) + 1 :])
        names: list[str] = []
        in_select = False
        for control in page.controls:
            attrs = control.attrs
            name = attrs.get("name", "")
            kind = attrs.get("type", control.tag)
            if control.tag == "option":
                choices += in_select
                continue
            in_select = control.tag == "select"
            if not name or kind in {"submit", "hidden", "file"} or control.tag in {"button", "a"}:
                continue
            if name == "csrfmiddlewaretoken":
                continue
            if name not in names:
                names.append(name)
            wanted = scenario.get(name)
            if kind in {"radio", "checkbox"}:
                choices += 1
                value = attrs.get("value", "on")
                values = wanted if isinstance(wanted, list) else [wanted]
                already = value in page.checked.get(name, set())
                if value in values:
                    data.setdefault(name, []).append(value)  # type: ignore[union-attr]
                    taps += 0 if already else 1
                elif already and wanted is None:
                    data.setdefault(name, []).append(value)  # type: ignore[union-attr]
            elif control.tag == "select":
                if wanted:
                    data[name] = wanted
                    taps += 2  # open the list, pick
                    for value, words in page.options.get(name, []):
                        scanned += words
                        if value == wanted:
                            break
            else:  # text box
                text = wanted if isinstance(wanted, str) else ""
                data[name] = text
                if text:
                    taps += 1
                    typed += len(text)
        return data, taps, typed, len(names), choices, scanned


def _encode(data: dict) -> bytes:
    from urllib.parse import urlencode

    return urlencode(data, doseq=True).encode()


def _name(path: str) -> str:
    parts = [part for part in path.split("/") if part]
    return parts[-1] if parts else "home"


# --- Time -------------------------------------------------------------------------------------


@dataclass
class Timing:
    reading: float
    acting: float
    loading: dict[str, float]


def timings(driver: Driver, visits: list[Visit]) -> Iterator[tuple[Visit, Timing]]:
    clock = 0.0
    cached_at: dict[str, dict[str, float]] = {network.name: {} for network in NETWORKS}
    for index, visit in enumerate(visits):
        words = visit.words_read + visit.chrome_read
        reading = words / READING_WPM * 60
        acting = visit.taps * TAP_SECONDS + visit.typed / TYPING_CPS
        loading: dict[str, float] = {}
        for network in NETWORKS:
            seconds = NEW_CONNECTION_RTTS * network.rtt if index == 0 else 0.0
            for up, down in visit.requests:
                seconds += network.rtt + up * 8 / network.up_bps + down * 8 / network.down_bps
            fetched = []
            for asset in visit.assets:
                fresh_until = cached_at[network.name].get(asset)
                if fresh_until is None:
                    fetched.append(driver.asset_bytes[asset])
                    cached_at[network.name][asset] = clock + driver.asset_max_age[asset]
                elif fresh_until < clock:
                    fetched.append(HEADER_BYTES)  # 304 Not Modified
                    cached_at[network.name][asset] = clock + driver.asset_max_age[asset]
            if fetched:  # in parallel, after the page
                seconds += network.rtt + sum(fetched) * 8 / network.down_bps
            loading[network.name] = seconds
        clock += reading + acting + loading["4G"]
        yield visit, Timing(reading, acting, loading)


def report(language: str, *, careful: bool, details: bool) -> dict[str, float]:
    """Print the table of one scenario; return the minutes to the receipt per network."""
    driver = Driver(language, careful=careful)
    visits = driver.run()
    scenario = "careful, one screenshot" if careful else "calm, no evidence"
    print(f"\n== {language}: {scenario}")
    header = f"{'page':<10}{'words':>6}{'read':>6}{'fields':>7}{'choices':>8}{'taps':>5}{'typed':>6}{'KB':>7}"
    header += "".join(f"{'s ' + n.name:>8}" for n in NETWORKS)
    print(header)
    to_receipt = {network.name: 0.0 for network in NETWORKS}
    receipt_reading = 0.0
    words_total = read_total = 0
    for visit, timing in timings(driver, visits):
        page_bytes = sum(down for _up, down in visit.requests)
        words = visit.page.words_main + visit.chrome_read
        read_words = visit.words_read + visit.chrome_read
        words_total += words
        read_total += read_words
        line = (
            f"{visit.name:<10}{words:>6}{read_words:>6}{visit.fields:>7}{visit.choices:>8}{visit.taps:>5}"
            f"{visit.typed:>6}{page_bytes / 1024:>7.1f}"
        )
        for network in NETWORKS:
            # The report is sent when the receipt shows: its page's load counts, its reading not.
            if visit is visits[-1]:
                to_receipt[network.name] += timing.loading[network.name]
                line += f"{timing.loading[network.name]:>8.1f}"
            else:
                seconds = timing.reading + timing.acting + timing.loading[network.name]
                to_receipt[network.name] += seconds
                line += f"{seconds:>8.1f}"
        if visit is visits[-1]:
            receipt_reading = timing.reading
            line += f"   + {timing.reading:.0f} s to read the receipt page"
        print(line)
        if details:
            print(f"{'':10}" + " | ".join(visit.page.text))
            print(
                f"{'':10}reading {timing.reading:.1f} s, acting {timing.acting:.1f} s, loading "
                + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timing.loading.items())
            )
    print(
        f"{'total':<10}{words_total:>6}{read_total:>6}{'':>33}"
        + "".join(f"{to_receipt[n.name]:>8.1f}" for n in NETWORKS)
    )
    print(
        "to the receipt: "
        + ", ".join(f"{n.name} {to_receipt[n.name] / 60:.2f} min" for n in NETWORKS)
        + (" (goal: under 3 minutes)" if not careful else "")
        + f"; reading the receipt page: {receipt_reading:.0f} s more"
    )
    return {name: seconds / 60 for name, seconds in to_receipt.items()}


def setup() -> None:
    var_dir = Path(tempfile.mkdtemp(prefix="sanad-time-model."))
    os.environ.update(
        {
            "SANAD_VAR_DIR": str(var_dir),
            "SANAD_DATABASE_URL": f"sqlite:///{var_dir / 'model.sqlite3'}",
            "SANAD_DEBUG": "false",
            "SANAD_SECURE_COOKIES": "false",
            "SANAD_ALLOWED_HOSTS": "testserver",
            "SANAD_TASK_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "SANAD_EMAIL_BACKEND": "memory",
            "SANAD_LOG_LEVEL": "ERROR",
            "DJANGO_SETTINGS_MODULE": "sanad.settings",
        }
    )
    # The keys first, in their own process: the settings read them when Django starts.
    subprocess.run([sys.executable, "manage.py", "generate_keys"], cwd=ROOT, check=True, capture_output=True)
    import django
    from django.core.management import call_command

    django.setup()
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO(), "verbosity": 0}
    call_command("migrate", "--no-input", **quiet)
    call_command("collectstatic", "--no-input", **quiet)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--language", action="append", choices=["ar", "fr", "en"], help="[fr and ar]")
    parser.add_argument("--details", action="store_true", help="reading, acting and loading per page")
    args = parser.parse_args()
    setup()
    print(
        f"model: reading {READING_WPM} words a minute, {TAP_SECONDS} s a tap, typing {TYPING_CPS:g} characters "
        "a second; networks "
        + ", ".join(
            f"{n.name} {n.down_bps / 1000:g}/{n.up_bps / 1000:g} kbit/s, RTT {n.rtt * 1000:g} ms" for n in NETWORKS
        )
    )
    for language in args.language or ["fr", "ar"]:
        for careful in (False, True):
            report(language, careful=careful, details=args.details)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What scripts/production-start.sh does as a person would, with the standard library only:

    production_check.py enrol-admin MANAGE_PY_COMMAND...   create the first administrator,
        answering the authenticator prompt with a code of the key it prints (an app would)
    production_check.py journey --port 8443 --cafile CERT --source 127.0.0.77 --admin-file F
        a reporter sends a report with a file through the proxy and follows it with the receipt;
        the administrator signs in with both factors and finds the report by its receipt

Every request leaves from --source, a loopback address of its own, so the logs can be searched
for it afterwards.
"""

import argparse
import base64
import hashlib
import hmac
import html
import http.client
import json
import re
import ssl
import struct
import subprocess
import sys
import time
import uuid
import zlib
from pathlib import Path
from urllib.parse import urlencode, urlsplit

RECEIPT = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")


def totp(secret_base32: str, at: float | None = None) -> str:
    """RFC 6238 with the defaults authenticator apps use (SHA-1, 30 s, 6 digits)."""
    key = base64.b32decode(secret_base32 + "=" * (-len(secret_base32) % 8))
    counter = struct.pack(">Q", int((at or time.time()) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def enrol_admin(command: list[str], out: Path) -> None:
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdin and process.stdout
    printed = []
    for line in process.stdout:
        printed.append(line)
        if line.startswith("Key: "):
            key = line.removeprefix("Key: ").replace(" ", "").strip()
            process.stdin.write(totp(key) + "\n")
            process.stdin.flush()
            break
    rest = process.stdout.read()
    if process.wait() != 0:
        sys.exit("create_admin failed:\n" + "".join(printed) + rest)
    codes = re.search(r"Recovery codes.*\n  (.+)", rest).group(1).split()  # type: ignore[union-attr]
    out.write_text(json.dumps({"key": key, "recovery_codes": codes, "enrolled_at": time.time()}))
    print(f"administrator enrolled: authenticator confirmed with a code, {len(codes)} recovery codes printed once")


def _text(page: str) -> str:
    """A page's words, for an error message."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))[:400]


class Browser:
    """Cookies, CSRF tokens and redirects over TLS to the proxy, from one source address."""

    def __init__(self, port: int, cafile: str, source: str, host: str = "localhost") -> None:
        self.port, self.source, self.host = port, source, host
        self.context = ssl.create_default_context(cafile=cafile)
        self.cookies: dict[str, str] = {}
        self.requests = 0
        self.last_url = ""

    def request(
        self, method: str, path: str, body: bytes | None = None, content_type: str = ""
    ) -> tuple[int, dict, str]:
        connection = http.client.HTTPSConnection(
            self.host, self.port, context=self.context, source_address=(self.source, 0), timeout=30
        )
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": "sanad-production-check"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if method == "POST":
            headers["Referer"] = self.last_url or f"https://{self.host}:{self.port}{path}"
            headers["Origin"] = f"https://{self.host}:{self.port}"
            headers["Content-Type"] = content_type or "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode(errors="replace")
        self.requests += 1
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie = rest.split(";", 1)[0]
                if "Max-Age=0" in value or "expires=Thu, 01 Jan 1970" in value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = cookie
        if method == "GET":
            self.last_url = f"https://{self.host}:{self.port}{path}"
        return response.status, dict(response.getheaders()), text

    def get(self, path: str) -> str:
        for _ in range(5):
            status, headers, text = self.request("GET", path)
            if status in (301, 302):
                path = urlsplit(headers["Location"]).path
                continue
            if status != 200:
                sys.exit(f"GET {path}: {status}\n{_text(text)}")
            self._last_page = text
            return text
        sys.exit(f"GET {path}: too many redirects")

    def post(
        self, path: str, fields: dict[str, str | list[str]], files: dict[str, tuple[str, bytes, str]] | None = None
    ) -> str:
        """Submit a form of the page last opened at `path` (its CSRF token included); follow the redirect."""
        page = self.get(path) if not self.last_url.endswith(path) else self._last_page
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        data: list[tuple[str, str]] = [("csrfmiddlewaretoken", token.group(1))] if token else []
        for name, value in fields.items():
            data += [(name, item) for item in value] if isinstance(value, list) else [(name, value)]
        if files:
            boundary = uuid.uuid4().hex
            parts = [
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                for name, value in data
            ]
            for name, (filename, content, kind) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    f"Content-Type: {kind}\r\n\r\n".encode()
                    + content
                    + b"\r\n"
                )
            body, content_type = (
                b"".join(parts) + f"--{boundary}--\r\n".encode(),
                f"multipart/form-data; boundary={boundary}",
            )
        else:
            body, content_type = urlencode(data).encode(), ""
        status, headers, text = self.request("POST", path, body, content_type)
        if status in (301, 302):
            self._last_page = self.get(urlsplit(headers["Location"]).path)
            return self._last_page
        if status != 200:
            sys.exit(f"POST {path}: {status}\n{_text(text)}")
        self._last_page = text
        return text

    _last_page = ""


def png() -> bytes:
    """A small synthetic picture (no person in it)."""
    width, height = 32, 24
    raw = b"".join(
        b"\x00" + b"".join(bytes((x * 8 % 256, y * 10 % 256, 160)) for x in range(width)) for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def journey(port: int, cafile: str, source: str, admin_file: Path, password: str) -> None:
    reporter = Browser(port, cafile, source)
    step = "/fr/report/step/{}/"
    reporter.get("/fr/")
    reporter.get("/fr/report/")
    answers = {
        "danger": {"danger_now": "no", "self_harm": "no", "sextortion_deadline": "no"},
        "who": {"reporter_role": "victim"},
        "what": {
            "categories": ["harassment"],
            "description": "Un faux compte publie des photos moqueuses de moi (exemple fictif).",
            "started": "week",
            "ongoing": "yes",
        },
        "where": {"platforms": ["instagram"], "identifiers": "@demo.aggressor"},
        "child": {
            "victim_age_band": "13_15",
            "victim_gender": "girl",
            "region": "casablanca-settat",
            "school": "",
            "told": ["friend"],
        },
        "contact": {"wants_contact": "no", "contact_method": "", "contact_value": "", "consent_share": "no"},
    }
    for slug in ("danger", "who", "what", "where"):
        reporter.post(step.format(slug), {**answers[slug], "next": ""})
    reporter.post(step.format("evidence"), {"next": ""}, files={"files": ("capture.png", png(), "image/png")})
    for slug in ("child", "contact"):
        reporter.post(step.format(slug), {**answers[slug], "next": ""})
    sent = reporter.post(step.format("review"), {"next": ""})
    receipt = RECEIPT.search(html.unescape(re.sub(r"<[^>]*>", "", sent)))
    if receipt is None:
        sys.exit("no receipt was shown after sending")
    print(f"reporter: every wizard step with one file, receipt shown ({receipt.group(0)[:4]}-…)")

    follower = Browser(port, cafile, source)
    page = follower.post("/fr/follow-up/", {"receipt": receipt.group(0)})
    if "timeline" not in page:
        sys.exit("the receipt did not open the follow-up")
    print("reporter: the receipt opens the follow-up page (status and history)")

    staff = Browser(port, cafile, source)
    admin = json.loads(admin_file.read_text())
    staff.post("/fr/staff/sign-in/", {"username": "premier.admin", "password": password})
    # A code works once: wait for the app's next code if enrolment used this one.
    while int(time.time() // 30) <= int(admin["enrolled_at"] // 30):
        time.sleep(1)
    staff.post("/fr/staff/two-factor/", {"token": totp(admin["key"]), "next": "/fr/staff/queue/"})
    found = staff.get("/fr/staff/queue/?" + urlencode({"q": receipt.group(0)}))
    if not re.search(r"SN-[0-9A-Z]{8}", found):
        sys.exit("the administrator did not find the report by its receipt")
    health = json.loads(reporter.request("GET", "/healthz")[2])
    print(f"staff: signed in with both factors, the receipt finds the report in the queue; /healthz {health['status']}")
    print(f"{reporter.requests + follower.requests + staff.requests} requests from {source}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    enrol = commands.add_parser("enrol-admin")
    enrol.add_argument("--out", type=Path, required=True)
    enrol.add_argument("manage", nargs=argparse.REMAINDER)
    walk = commands.add_parser("journey")
    walk.add_argument("--port", type=int, required=True)
    walk.add_argument("--cafile", required=True)
    walk.add_argument("--source", default="127.0.0.77")
    walk.add_argument("--admin-file", type=Path, required=True)
    walk.add_argument("--password", required=True)
    options = parser.parse_args()
    if options.command == "enrol-admin":
        enrol_admin(options.manage, options.out)
    else:
        journey(options.port, options.cafile, options.source, options.admin_file, options.password)


if __name__ == "__main__":
    main()

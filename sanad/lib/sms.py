"""Text messages to reporters who asked to be contacted by phone or WhatsApp.

Sanad does not run a phone network: a deployment names its SMS gateway (SANAD_SMS_BACKEND):

- `none` (default): no SMS is sent; a reporter who gave a phone number reads their messages
  with their receipt code, as every reporter can;
- `console`: printed (the demo);
- `memory`: kept in `outbox` (tests);
- `http`: a JSON POST of `{"to": "+212…", "text": "…"}` to SANAD_SMS_URL with the bearer token
  SANAD_SMS_TOKEN, the shape most SMS gateways (and a small adapter in front of any other) take.

A text never carries content: it says that a message waits and where to read it.
"""

import json
import sys
import urllib.request
from collections.abc import Callable

from django.conf import settings
from django.utils import translation

outbox: list[dict[str, str]] = []


class SmsFailed(Exception):
    pass


def configured() -> bool:
    return settings.SANAD_SMS_BACKEND != "none"


def send(*, to: str, text: str) -> None:
    backend = settings.SANAD_SMS_BACKEND
    if backend == "memory":
        outbox.append({"to": to, "text": text})
    elif backend == "console":
        sys.stdout.write(f"SMS to {to}: {text}\n")
    elif backend == "http":
        _post(to, text)
    else:
        raise SmsFailed(f"no SMS gateway configured ({backend})")


def send_in(language: str, *, to: str, write: Callable[[], str]) -> None:
    with translation.override(language):
        text = write()
    send(to=to, text=text)


def _post(to: str, text: str) -> None:
    request = urllib.request.Request(  # noqa: S310 (the operator's configured https gateway)
        settings.SANAD_SMS_URL,
        data=json.dumps({"to": to, "text": text}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {settings.SANAD_SMS_TOKEN}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            if response.status >= 300:
                raise SmsFailed(f"gateway answered {response.status}")
    except OSError as error:
        raise SmsFailed(str(error)) from error

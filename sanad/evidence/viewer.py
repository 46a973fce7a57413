"""What a staff page receives for a file: a sealed preview made by the worker, or, once
revealed, the original as an inert download. Never a picture decoded for the request.

Used by every viewer (the centre's case pages, a liaison's referral, a school team's case),
each behind its own gate, which decides who may see the file at all.
"""

from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from sanad.evidence import crypto, storage
from sanad.evidence.actions import KnownContentHidden
from sanad.evidence.models import Evidence
from sanad.evidence.previews import NoPreview
from sanad.lib.errors import SanadError

REVEALED_KEY = "sanad_revealed"
# A session remembers at most this many reveals (the oldest are forgotten: blurred again).
MAX_REVEALED = 500


def revealed_in(session: SessionBase) -> set[str]:
    """The files this person revealed in this session only: a new sign-in shows every picture blurred."""
    return set(session.get(REVEALED_KEY, []))


def remember_reveal(session: SessionBase, evidence: Evidence) -> None:
    revealed = [item for item in session.get(REVEALED_KEY, []) if item != str(evidence.pk)]
    session[REVEALED_KEY] = [*revealed, str(evidence.pk)][-MAX_REVEALED:]


class RevealFirst(SanadError):
    code = "reveal_first"
    status = 403
    message = _("Reveal this file on the case page before opening it.")


def response_for(evidence: Evidence, *, revealed: bool, download_name: str) -> HttpResponse:
    """Blurred preview until revealed; then the clear preview (pictures) or the original (other files)."""
    if evidence.hidden:
        raise KnownContentHidden()
    if evidence.is_image or (evidence.is_video and not revealed):
        kind = "preview" if revealed else "blurred"
        name = evidence.renditions.get(kind)
        if not name:
            raise NoPreview()  # not made yet (the worker is on it), or not a picture it could read
        data = _open(name, context=evidence.rendition_context(kind))
        response = HttpResponse(data, content_type="image/jpeg")
    elif not revealed:
        raise RevealFirst()
    else:
        response = HttpResponse(
            _open(evidence.storage_name, context=evidence.context), content_type=evidence.content_type
        )
        response["Content-Disposition"] = f'attachment; filename="{download_name}"'
    # The file is the reporter's, not ours: never sniffed into something active, never able to run.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _open(name: str, *, context: str) -> bytes:
    try:
        return storage.read_sealed(name, context=context)
    except (OSError, crypto.TamperedError) as error:
        raise NoPreview() from error

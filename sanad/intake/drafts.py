"""Which draft a browser is writing, and how a reporter gets a kept draft back.

A reporter has no server-side session while writing. The browser holds the draft's id in two
signed, HttpOnly cookies:

- `sanad_draft`, the live one: it ends when the browser closes, and at once on "Quick exit".
  While it lives, the portal offers "Continue my report".
- `sanad_return`, kept for the draft's lifetime: on its own it opens nothing. With the draft's
  four-digit return code, shown at the top of every step, it makes the draft live again
  (`/report/return/`). Someone else picking up the phone after a quick exit sees no sign of a
  report, and the code is tried at most `draft_resume` times (docs/portal.md).
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from sanad.lib.keyed_hash import keyed_hash

DRAFT_COOKIE = "sanad_draft"
RETURN_COOKIE = "sanad_return"
CODE_DIGITS = 4
_KEEP = object()


def live_id(request: HttpRequest) -> str | None:
    """The id of the draft this browser is writing (unsent or sent), if its cookie is one we signed."""
    return request.get_signed_cookie(DRAFT_COOKIE, default=None, salt=DRAFT_COOKIE)


def kept_id(request: HttpRequest) -> str | None:
    """The id of the draft kept for a return on this browser, if any."""
    return request.get_signed_cookie(RETURN_COOKIE, default=None, salt=RETURN_COOKIE)


def return_code(draft_id: str) -> str:
    """The draft's code to come back to it: derived with the index key, so nothing stores it."""
    return f"{int(keyed_hash('draft-return', str(draft_id))[:12], 16) % 10**CODE_DIGITS:0{CODE_DIGITS}d}"


# request.sanad_drafts is the change keeps_draft() writes to the response's cookies: an
# attribute of our own on Django's request, hence the ignores.
def remember(request: HttpRequest, draft_id: str) -> None:
    """Make this draft the browser's live draft, and the one kept for a return."""
    request.sanad_drafts = (draft_id, draft_id)  # type: ignore[attr-defined]


def end_live(request: HttpRequest) -> None:
    """End the live cookie; a kept draft stays kept (quick exit)."""
    request.sanad_drafts = (None, _KEEP)  # type: ignore[attr-defined]


def forget(request: HttpRequest) -> None:
    """Forget both: the report was sent and its receipt written down, or the return was refused."""
    request.sanad_drafts = (None, None)  # type: ignore[attr-defined]


def keeps_draft(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Write the cookies a view changed: signed, HttpOnly, SameSite=Lax."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        change = getattr(request, "sanad_drafts", None)
        if change is None:
            return response
        live, kept = change
        common = {
            "secure": settings.SESSION_COOKIE_SECURE,
            "httponly": True,
            "samesite": settings.SESSION_COOKIE_SAMESITE,
        }
        if live is None:
            response.delete_cookie(DRAFT_COOKIE, samesite=settings.SESSION_COOKIE_SAMESITE)
        else:
            response.set_signed_cookie(DRAFT_COOKIE, live, salt=DRAFT_COOKIE, **common)  # gone at browser close
        if kept is None:
            response.delete_cookie(RETURN_COOKIE, samesite=settings.SESSION_COOKIE_SAMESITE)
        elif kept is not _KEEP:
            max_age = int(settings.SANAD_DRAFT_LIFETIME.total_seconds())
            response.set_signed_cookie(RETURN_COOKIE, kept, salt=RETURN_COOKIE, max_age=max_age, **common)
        return response

    return wrapped

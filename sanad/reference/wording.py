"""Advice lines whose wording the centre can change: `advice` is used like `gettext_lazy`.

    from sanad.reference.wording import advice as _
    KEEP = [_("Take screenshots...")]

Each line is still extracted into the translation catalogues and translated as usual; when an
administrator gave the centre's own wording for the current language, that is shown instead.
"""

from functools import partial
from typing import TYPE_CHECKING, cast

from django.utils.functional import Promise, lazy
from django.utils.translation import get_language, gettext_lazy

from sanad.reference.current import snapshot

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# Every advice line the code defines (English source → its translation), for the admin's choices.
LINES: dict[str, Promise] = {}


def _worded(source: str, translated: Promise) -> str:
    own = snapshot().wording.get(source)
    text = own.text((get_language() or "en")[:2]) if own is not None else ""
    return text or str(translated)


def advice(source: str) -> "StrPromise":
    translated = gettext_lazy(source)
    LINES[source] = translated
    # A lazy str, like gettext_lazy's (django-stubs types lazy() as returning the function's own type).
    return cast("StrPromise", lazy(partial(_worded, source, translated), str)())


def known_lines() -> list[tuple[str, str]]:
    """(source, shortened source) of every advice line, for a choice list."""
    return [(source, source if len(source) <= 120 else source[:117] + "…") for source in sorted(LINES)]

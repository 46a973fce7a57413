"""Lists of words in running text, with the language's own comma (، in Arabic)."""

from collections.abc import Iterable

from django.utils.translation import pgettext


def joined(items: Iterable[object]) -> str:
    return (pgettext("list separator", ",") + " ").join(str(item) for item in items)

"""Filters every template has (TEMPLATES builtins)."""

from collections.abc import Iterable

from django import template

from sanad.lib import lists

register = template.Library()


@register.filter
def joined(items: Iterable[object] | None) -> str:
    """{{ names|joined }}: a list with the language's own comma."""
    return lists.joined(items) if items else ""

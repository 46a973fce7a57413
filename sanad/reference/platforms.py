"""The platforms reporters choose from, named in the current language."""

from sanad.reference.current import snapshot


def offered_choices() -> list[tuple[str, str]]:
    """What the report wizard offers, in the administrators' order."""
    return [(platform.code, platform.name) for platform in snapshot().platforms if platform.offered]


def all_choices() -> list[tuple[str, str]]:
    """Every platform, offered or not: past reports keep the ones no longer offered."""
    return [(platform.code, platform.name) for platform in snapshot().platforms]


def codes() -> list[str]:
    return [platform.code for platform in snapshot().platforms]


def label(code: str) -> str:
    return dict(all_choices()).get(code, code)

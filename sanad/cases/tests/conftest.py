"""The back-office personas live in sanad/personas.py (a plugin of the root conftest); tests of
this app import these helpers from here."""

from sanad.personas import PASSWORD, _user, make_report, make_school  # noqa: F401

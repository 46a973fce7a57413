"""Date formats per language (FORMAT_MODULE_PATH).

The month names below are marked for translation so that our Arabic catalogue can give
the names used in Morocco (يناير … ماي … غشت … نونبر دجنبر), overriding Django's.
"""

from django.utils.translation import gettext_noop

MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)

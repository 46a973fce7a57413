"""E-mails to staff: written in the languages the centre works in, never with case content.

E-mail is not sealed: a message names a reference, a deadline and a link, never what a
child wrote, a pupil's name or an identifier.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation

# Staff e-mails are written in the two languages every centre and school works in.
STAFF_LANGUAGES = ("fr", "ar")
SEPARATOR = "\n\n— — —\n\n"


def in_staff_languages(write: Callable[[], str]) -> str:
    """`write()` called once per staff language, the texts one after the other."""
    parts = []
    for language in STAFF_LANGUAGES:
        with translation.override(language):
            parts.append(write())
    return SEPARATOR.join(parts)


def send_to_staff(*, subject: str, write: Callable[[], str], to: list[str]) -> int:
    """Send `write()` in every staff language; how many messages went (0 when nobody to tell)."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return 0
    return send_mail(
        subject=subject,
        message=in_staff_languages(write),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )


def send_in(language: str, *, subject: str, write: Callable[[], str], to: list[str]) -> int:
    """Send `write()` in one language (a reporter's own)."""
    with translation.override(language):
        message = write()
    return send_mail(subject=subject, message=message, from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=to)

"""What every public page shows: the emergency numbers, the help lines and the quick exit."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from sanad.reference.current import snapshot
from sanad.reference.profile import profile_numbers


def portal(request: HttpRequest) -> dict[str, object]:
    numbers = [(line.name, line.number, line.hours) for line in snapshot().emergency_numbers]
    return {
        # A child must always see a number to call: with none shown, the installation profile's.
        "emergency_numbers": numbers or profile_numbers(),
        "help_lines": settings.SANAD_HELP_LINES,
        "image_removal_url": settings.SANAD_IMAGE_REMOVAL_URL,
        # Ours first: it ends the draft cookie and the follow-up on the server, then leaves.
        "quick_exit_url": reverse("intake:quick_exit"),
    }

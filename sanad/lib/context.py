"""What every public page shows: the emergency numbers, the help lines and the quick exit."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def portal(request: HttpRequest) -> dict[str, object]:
    numbers = [
        (settings.EMERGENCY_LABELS.get(key, key), number) for key, number in settings.SANAD_EMERGENCY_NUMBERS.items()
    ]
    return {
        "emergency_numbers": numbers,
        "help_lines": settings.SANAD_HELP_LINES,
        "image_removal_url": settings.SANAD_IMAGE_REMOVAL_URL,
        # Ours first: it ends the draft cookie and the follow-up on the server, then leaves.
        "quick_exit_url": reverse("intake:quick_exit"),
    }

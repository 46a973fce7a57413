"""What every public page shows: the emergency numbers and the quick-exit link."""

from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict[str, object]:
    numbers = [
        (settings.EMERGENCY_LABELS.get(key, key), number) for key, number in settings.SANAD_EMERGENCY_NUMBERS.items()
    ]
    return {"emergency_numbers": numbers, "quick_exit_url": settings.SANAD_QUICK_EXIT_URL}

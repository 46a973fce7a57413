import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from sanad.accounts.models import User


@pytest.mark.parametrize("weak", ["password123", "12345678901234", "short-pw", "h.supervisor2026"])
def test_weak_passwords_are_refused(weak):
    with pytest.raises(ValidationError):
        validate_password(weak, User(username="h.supervisor", first_name="Hanane"))

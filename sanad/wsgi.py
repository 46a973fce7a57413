import os

from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanad.settings")
application = get_wsgi_application()

# A production server does not run Django's system checks: run ours here, so the app
# refuses to start without valid keys rather than storing anything unencrypted.
_errors = [message for message in run_checks() if message.is_serious()]
if _errors:
    raise ImproperlyConfigured("\n".join(str(message) for message in _errors))

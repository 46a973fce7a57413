"""The app's settings plus one bare view, so both are served by the same server in a benchmark."""

from sanad.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare_urls"

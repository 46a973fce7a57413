"""No page of Sanad is stored: not by the browser's disk cache, not by a proxy.

A back-office page shows decrypted personal data or depends on who is signed in; a portal page
on a shared phone must not come back from the cache after a quick exit (docs/portal.md). So every
response the app makes, error pages and file downloads included, is marked `no-store`. Static
files are not: WhiteNoise, above this middleware, answers them (hashed names, cached a year).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class PagesNotStored:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response

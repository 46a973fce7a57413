"""Staff pages are never stored: not by the browser's disk cache, not by a proxy.

Every back-office page (its URLs live under /<language>/staff/) shows decrypted personal data
or depends on who is signed in, so every one of its responses, error pages and file
downloads included, is marked `no-store`.
"""

import re

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

STAFF_PATH = re.compile(r"^/[a-z]{2}(-[a-z]+)?/staff/")


class StaffPagesNotStored:
    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if STAFF_PATH.match(request.path_info):
            add_never_cache_headers(response)
        return response

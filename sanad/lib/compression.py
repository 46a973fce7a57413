"""Pages and API answers travel compressed; files (pictures, PDFs, video) go as they are.

A child on 2G pays for every byte: an HTML page compresses to about a third. Django's
GZipMiddleware pads each compressed answer with random bytes (its "Heal The Breach"
mitigation of BREACH), and CSRF tokens are masked per response, so compressing pages that
carry a token next to text a reporter typed does not let an observer guess the token from
the sizes. Static files are compressed once, ahead of time, by WhiteNoise.
"""

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = ("text/", "application/json", "application/javascript", "application/xml", "image/svg+xml")


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not response.get("Content-Type", "").startswith(TEXT_TYPES):
            return response  # already compressed (images, video, PDF) or not worth the CPU
        return super().process_response(request, response)

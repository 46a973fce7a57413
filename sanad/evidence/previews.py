"""Previews for staff: made once by the worker, sealed, and served as they are; a page never decodes an original.

Two JPEGs per picture (and per video, from a keyframe): the preview, at most 1200 px, and the
blurred one, greyscale with a strong Gaussian blur, shown until someone reveals the file.
Re-encoding drops every piece of metadata (EXIF, GPS, comments) and anything hidden after the
picture; the original keeps them for investigators.

Memory is bounded: the uploads check already refused pictures over UPLOAD_MAX_PIXELS, a JPEG is
decoded at a reduced size (DCT scaling), and anything else is reduced right after decoding, so
the worker holds one decoded original (at most UPLOAD_MAX_PIXELS x 4 bytes) at a time, never
the copies the old per-request previews made (issue 10, finding 8: 20 s and 4.8 GB a page).
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFilter, ImageOps

from sanad.lib.errors import SanadError

MAX_SIDE = 1200
# Screenshots are read (OCR) at a larger size: chat text at 1200 px is too small for tesseract.
TEXT_SIDE = 2400
# Relative to the picture's size, so a face stays unrecognisable in a small picture too.
BLUR_FRACTION = 1 / 30
JPEG_QUALITY = 85


class NoPreview(SanadError):
    code = "no_preview"
    status = 404
    message = _("No preview can be shown for this file.")


@dataclass(frozen=True)
class Renditions:
    preview: bytes
    blurred: bytes


def decode(data: bytes, *, max_side: int = TEXT_SIDE) -> Image.Image:
    """The picture upright, in RGB or L, at most `max_side` pixels wide or high."""
    try:
        with Image.open(io.BytesIO(data)) as original:
            width, height = original.size
            if width * height > settings.UPLOAD_MAX_PIXELS:
                raise NoPreview()
            original.draft("RGB", (max_side, max_side))  # JPEG: decode at a reduced size
            orientation = original.getexif().get(0x0112)
            # A box reduction by a whole factor first (fast, one pass over the decoded original),
            # then a fine resize of the already small picture; the original is freed on exit.
            factor = -(-max(original.size) // max_side)  # rounded up: the result fits at once
            picture = original.reduce(factor) if factor > 2 else original.copy()
        picture.thumbnail((max_side, max_side))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise NoPreview() from error
    if orientation:
        picture.getexif()[0x0112] = orientation
        picture = ImageOps.exif_transpose(picture)
    return _flatten(picture)


def renditions(picture: Image.Image) -> Renditions:
    small = picture.copy()
    small.thumbnail((MAX_SIDE, MAX_SIDE))
    radius = max(4.0, max(small.size) * BLUR_FRACTION)
    blurred = small.convert("L").filter(ImageFilter.GaussianBlur(radius))
    return Renditions(preview=_jpeg(small), blurred=_jpeg(blurred))


def _jpeg(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def _flatten(picture: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no transparency, and palettes or 16-bit modes do not save as JPEG."""
    if picture.mode in {"RGB", "L"}:
        return picture
    rgba = picture.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background

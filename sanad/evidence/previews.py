"""Image previews for staff: re-encoded, smaller, and blurred in greyscale until revealed.

A preview is drawn from the decrypted original in memory and never stored. Re-encoding
drops every piece of metadata (EXIF, GPS, comments) and anything hidden after the
picture; the original keeps them for investigators.
"""

import io

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFilter, ImageOps

from sanad.lib.errors import SanadError

MAX_SIDE = 1200
# Relative to the picture's size, so a face stays unrecognisable in a small picture too.
BLUR_FRACTION = 1 / 30
JPEG_QUALITY = 85


class NoPreview(SanadError):
    code = "no_preview"
    status = 404
    message = _("No preview can be shown for this file.")


def preview(data: bytes, *, blurred: bool) -> bytes:
    """A JPEG at most MAX_SIDE pixels wide or high; greyscale and blurred unless `blurred` is False."""
    try:
        with Image.open(io.BytesIO(data)) as original:
            original.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG: decode at a reduced size, faster
            picture = ImageOps.exif_transpose(original)
            picture.thumbnail((MAX_SIDE, MAX_SIDE))
            picture = _flatten(picture)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise NoPreview() from error
    if blurred:
        radius = max(4.0, max(picture.size) * BLUR_FRACTION)
        picture = picture.convert("L").filter(ImageFilter.GaussianBlur(radius))
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

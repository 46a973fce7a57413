"""The text of screenshots, read by Debian's tesseract in Arabic, French and English at once.

Most harassment reaches us as screenshots of chats: their text is sealed like a report's own
text, shown to the analyst (who can often decide without looking at the picture) and indexed
by keyed hash for search (the app that knows reports does the indexing).
"""

import io

from django.conf import settings
from PIL import Image

from sanad.evidence import sandboxed

# Smaller than this on its short side, a picture holds no text worth reading.
MIN_SIDE = 64
# A screenshot is mostly flat background (a chat's wallpaper, a page's white): at least this
# share of its pixels fall in its most common shade. Photos almost never do, and tesseract
# spends up to seconds finding nothing in them.
SCREENSHOT_BACKGROUND = 0.25
OCR_TIMEOUT = 60


def read_text(picture: Image.Image) -> str:
    """The text tesseract reads in the picture ("" when none); the picture is already decoded and reduced."""
    if not looks_like_screenshot(picture):
        return ""
    png = io.BytesIO()
    picture.convert("L").save(png, "PNG", compress_level=1)
    command = ["tesseract", "stdin", "stdout", "-l", settings.SANAD_OCR_LANGUAGES, "--psm", "3"]
    try:
        # One thread per page: a worker reads several pages in parallel, and tesseract's own
        # threads only slow small pages down.
        out = sandboxed.run(command, stdin=png.getvalue(), timeout=OCR_TIMEOUT, env={"OMP_THREAD_LIMIT": "1"})
    except sandboxed.ToolFailed:
        return ""
    lines = (line.strip() for line in out.decode(errors="replace").splitlines())
    return "\n".join(line for line in lines if line)


def looks_like_screenshot(picture: Image.Image) -> bool:
    if min(picture.size) < MIN_SIDE:
        return False
    sample = picture.convert("L").reduce(max(1, min(picture.size) // 256))
    shades = sample.point(lambda value: value // 8).histogram()[:32]  # 32 shades: JPEG noise blurs nothing
    return max(shades) >= SCREENSHOT_BACKGROUND * sum(shades)

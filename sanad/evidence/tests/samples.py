"""Sample keys, and small files of every kind an upload may be: built here, synthetic content only."""

import base64
import functools
import io
import os
import random
import struct
import subprocess
import tempfile
import zipfile
import zlib
from pathlib import Path

import pikepdf
from PIL import Image, ImageDraw, ImageFont


def new_kek(key_id: str) -> str:
    """One entry of SANAD_KEK: "id:base64key", as `manage.py generate_keys` writes it."""
    return f"{key_id}:" + base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")


def png(width: int = 8, height: int = 8) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg(width: int = 16, height: int = 16) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 30, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1, the first is the catalog), with a real cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf(extra: bytes = b"", *, page_extra: bytes = b"", more: tuple[bytes, ...] = ()) -> bytes:
    """A one-page PDF; `extra` goes into the catalog, `page_extra` into the page, `more` are objects 4, 5..."""
    return pdf_file(
        [
            b"<</Type/Catalog/Pages 2 0 R" + extra + b">>",
            b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]" + page_extra + b">>",
            *more,
        ]
    )


def pdf_with_javascript() -> bytes:
    return pdf(b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>")


@functools.cache
def _ffmpeg(*arguments: str, suffix: str) -> bytes:
    """A synthetic recording made by Debian's ffmpeg from its test sources (a tone, a test card)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"sample{suffix}"
        subprocess.run(["ffmpeg", "-nostdin", "-v", "error", *arguments, str(out)], check=True)
        return out.read_bytes()


def mp4() -> bytes:
    """Two seconds of a test card with a tone: H.264 and AAC in MP4, as phones record."""
    return _ffmpeg(
        "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=2",
        "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
        "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
        suffix=".mp4",
    )  # fmt: skip


def mp3() -> bytes:
    return _ffmpeg(
        "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "libmp3lame", "-b:a", "32k", suffix=".mp3"
    )


def mp4_header() -> bytes:
    """Only an ISO media file's `ftyp` box: what libmagic reads as video/mp4."""
    return struct.pack(">I", 24) + b"ftypisom" + b"\x00\x00\x02\x00" + b"isomiso2" + struct.pack(">I", 8) + b"free"


def windows_program() -> bytes:
    return b"MZ\x90\x00" + bytes(56) + b"PE\x00\x00" + b"This program cannot be run in DOS mode." + bytes(4000)


WEB_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script>" + b"<p>x</p>" * 400 + b"</body></html>"


def _first_mp3_frames(count: int) -> bytes:
    data = mp3()
    start = data.index(b"\xff\xfb")
    return data[start : start + 104 * count]


# Audio and video whose first bytes are real and the rest is something else.
HOSTILE_MEDIA = {
    "mp3-frame-then-web-page": lambda: _first_mp3_frames(1) + WEB_PAGE,
    "mp3-frames-then-web-page": lambda: _first_mp3_frames(20) + WEB_PAGE,
    "mp3-then-web-page": lambda: mp3() + WEB_PAGE,
    "mp4-ftyp-then-program": lambda: mp4_header()[:-8] + windows_program(),
    "mp4-header-only": mp4_header,
    "mp4-then-program": lambda: mp4() + windows_program() * 10,
}


def zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photo.txt", "not really a photo")
    return buffer.getvalue()


def rar() -> bytes:
    return b"Rar!\x1a\x07\x01\x00" + bytes(64)


def html() -> bytes:
    return b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def svg() -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


def elf() -> bytes:
    """The header of a 64-bit Linux executable."""
    header = b"\x7fELF\x02\x01\x01\x00" + bytes(8)
    header += struct.pack("<HHIQQQIHHHHHH", 2, 0x3E, 1, 0x401000, 64, 0, 0, 64, 56, 0, 64, 0, 0)
    return header + bytes(64)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims an enormous picture: a decompression bomb."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    pixels = zlib.compress(b"\x00" * 1024, 9)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")


def damaged_png() -> bytes:
    """A real PNG with its picture data cut off half-way."""
    buffer = io.BytesIO()
    Image.effect_noise((64, 64), 50).convert("RGB").save(buffer, "PNG")
    data = buffer.getvalue()
    return data[: len(data) // 2]


def overwrite_stored(name: str, data: bytes) -> None:
    """Replace a stored file's bytes behind the application's back, as someone with disk access could."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages

    storages["evidence"].delete(name)
    assert storages["evidence"].save(name, ContentFile(data)) == name


def _saved(pdf: "pikepdf.Pdf") -> bytes:
    out = io.BytesIO()
    # Object streams compressed with Flate: no byte of any object is readable without a parser.
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)
    return out.getvalue()


def _one_page() -> "pikepdf.Pdf":
    document = pikepdf.new()
    document.add_blank_page(page_size=(200, 200))
    return document


def pdf_javascript_in_object_stream() -> bytes:
    document = _one_page()
    action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    document.Root.OpenAction = document.make_indirect(action)
    return _saved(document)


def pdf_embedded_file_in_object_stream() -> bytes:
    document = _one_page()
    document.attachments["notes.exe"] = pikepdf.AttachedFileSpec(document, elf(), mime_type="application/x-executable")
    return _saved(document)


# Every way a PDF can run code or carry other content, and each hidden from a byte search.
HOSTILE_PDFS = {
    "javascript": lambda: pdf_with_javascript(),
    "javascript-name-escaped": lambda: pdf(b"/OpenAction<</S/J#61vaScript/J#53(app.alert(1))>>"),
    "javascript-in-object-stream": pdf_javascript_in_object_stream,
    "javascript-in-page-annotation": lambda: pdf(
        page_extra=b"/Annots[4 0 R]",
        more=(b"<</Type/Annot/Subtype/Link/Rect[0 0 10 10]/A<</S/Java#53cript/J#53 5 0 R>>>>", b"(app.alert(1))"),
    ),
    "launch": lambda: pdf(b"/OpenAction<</S/L#61unch/F(calc.exe)>>"),
    "embedded-file": pdf_embedded_file_in_object_stream,
    "embedded-file-name-escaped": lambda: pdf(
        b"/Names<</Embedd#65dFiles<</Names[(a.exe) 4 0 R]>>>>",
        more=(b"<</Type/Filespec/F(a.exe)/#45F<</F 5 0 R>>>>", b"<</Length 4>>stream\nMZ\x90\x00\nendstream"),
    ),
    "xfa": lambda: pdf(b"/AcroForm<</Fields[]/X#46A 4 0 R>>", more=(b"<</Length 7>>stream\n<xdp/>\nendstream",)),
    "rich-media": lambda: pdf(
        page_extra=b"/Annots[4 0 R]", more=(b"<</Type/Annot/Subtype/RichM#65dia/Rect[0 0 10 10]>>",)
    ),
    "submit-form": lambda: pdf(b"/OpenAction<</S/SubmitForm/F(https://example.invalid/collect)>>"),
}


def scene(seed: int, size: tuple[int, int] = (640, 480)) -> Image.Image:
    """A synthetic picture of coloured shapes, different for every seed (PDQ quality 100), never of anyone."""
    rng = random.Random(seed)
    picture = Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(picture)
    for _ in range(40):
        left, top = rng.randrange(size[0]), rng.randrange(size[1])
        box = (left, top, left + rng.randrange(20, 250), top + rng.randrange(20, 250))
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=colour)
    return picture


def encoded(picture: Image.Image, kind: str = "PNG", **options: object) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, kind, **options)
    return buffer.getvalue()


ARABIC_FONT = "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf"
LATIN_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def chat_screenshot(messages: list[str], *, width: int = 1080, height: int = 1920) -> bytes:
    """A phone screenshot of a chat (PNG): bubbles on a flat background, Arabic set right to left."""
    picture = Image.new("RGB", (width, height), (236, 229, 221))
    draw = ImageDraw.Draw(picture)
    top = 160
    for number, text in enumerate(messages):
        arabic = any("\u0600" <= char <= "\u06ff" for char in text)
        font = ImageFont.truetype(ARABIC_FONT if arabic else LATIN_FONT, 44)
        direction = "rtl" if arabic else None
        box = draw.textbbox((0, 0), text, font=font, direction=direction)
        bubble = box[2] - box[0] + 60
        left = width - bubble - 40 if number % 2 else 40
        fill = (220, 248, 198) if number % 2 else (255, 255, 255)
        draw.rounded_rectangle((left, top, left + bubble, top + 110), 24, fill=fill)
        draw.text((left + 30, top + 25), text, font=font, fill=(20, 20, 20), direction=direction)
        top += 150
    return encoded(picture)

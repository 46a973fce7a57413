"""Sample keys, and small files of every kind an upload may be: built here, synthetic content only."""

import base64
import io
import os
import struct
import zipfile
import zlib

from PIL import Image


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


def pdf(extra: bytes = b"") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R" + extra + b">>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def pdf_with_javascript() -> bytes:
    return pdf(b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>")


def mp4() -> bytes:
    """An ISO media file header: what libmagic reads as video/mp4."""
    return struct.pack(">I", 24) + b"ftypisom" + b"\x00\x00\x02\x00" + b"isomiso2" + struct.pack(">I", 8) + b"free"


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

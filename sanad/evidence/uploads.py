"""Receiving files: kept in memory until sealed, and judged by their content, not their name."""

import io
from dataclasses import dataclass

import magic
from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pillow_heif import register_heif_opener

from sanad.evidence import media, pdfs
from sanad.lib.errors import SanadError

# HEIC/HEIF (most iPhone photos and screenshots) open in Pillow like any other picture.
register_heif_opener()

IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif", "image/bmp"}
ALLOWED_TYPES = IMAGE_TYPES | {
    "application/pdf",
    "video/mp4",
    "video/quicktime",
    "video/webm",
    "video/3gpp",
    "video/x-matroska",
    "audio/mpeg",
    "audio/ogg",
    "audio/mp4",
    "audio/x-m4a",
    "audio/aac",
    "audio/amr",
    "audio/x-wav",
    "audio/wav",
    "audio/webm",
}
ARCHIVE_TYPES = {
    "application/zip",
    "application/x-rar",
    "application/vnd.rar",
    "application/x-7z-compressed",
    "application/x-tar",
    "application/gzip",
    "application/x-gzip",
    "application/x-bzip2",
    "application/x-xz",
    "application/zstd",
    "application/java-archive",
    "application/vnd.android.package-archive",
    "application/x-iso9660-image",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ACTIVE_TYPES = {
    "text/html",
    "image/svg+xml",
    "text/xml",
    "application/xml",
    "application/javascript",
    "text/javascript",
    "application/x-executable",
    "application/x-dosexec",
    "application/x-msdownload",
    "application/x-sharedlib",
    "application/x-pie-executable",
    "application/x-mach-binary",
    "application/x-shellscript",
    "text/x-shellscript",
    "application/x-sh",
    "text/x-python",
    "text/x-php",
    "application/x-msi",
    "application/vnd.microsoft.portable-executable",
}


class UploadRefused(SanadError):
    code = "upload_refused"


class EmptyUpload(UploadRefused):
    code = "upload_empty"
    message = _("This file is empty.")


class UploadTooLarge(UploadRefused):
    code = "upload_too_large"
    message = _("This file is too large.")


class ArchiveRefused(UploadRefused):
    code = "upload_archive"
    message = _(
        "Archives (such as ZIP or RAR) and office documents cannot be sent. Please send the screenshots, photos or PDFs themselves."
    )


class ActiveContentRefused(UploadRefused):
    code = "upload_active"
    message = _(
        "This kind of file can contain programs (web pages, SVG, scripts, applications) and cannot be sent. A screenshot of it is safer."
    )


class UnsupportedType(UploadRefused):
    code = "upload_type"
    message = _("This type of file is not accepted. Please send images, PDFs, short videos or voice recordings.")


class TooManyPixels(UploadRefused):
    code = "upload_pixels"
    message = _("This image is too large (too many pixels). Please send a smaller screenshot.")


class UnreadableFile(UploadRefused):
    code = "upload_unreadable"
    message = _(
        "This file could not be read as a real document, recording or video (it may be damaged or "
        "protected by a password). Please try another copy, or send a screenshot."
    )


class DamagedImage(UploadRefused):
    code = "upload_damaged"
    message = _("This image seems damaged and could not be read. Please try another copy.")


@dataclass(frozen=True)
class Inspection:
    content_type: str
    width: int | None = None
    height: int | None = None


class RefusedUpload(InMemoryUploadedFile):
    """A file the upload handler already refused (too large); kept so the page can name it."""

    refusal: UploadRefused


class MemoryOnlyUploadHandler(FileUploadHandler):
    """Keeps each file in memory (never a temporary file on disk) and drops oversized ones."""

    def new_file(
        self,
        field_name: str,
        file_name: str,
        content_type: str,
        content_length: int | None,
        charset: str | None = None,
        content_type_extra: dict[str, bytes] | None = None,
    ) -> None:
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self.buffer = io.BytesIO()
        self.too_large = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if not self.too_large and start + len(raw_data) > settings.UPLOAD_MAX_BYTES:
            self.too_large = True
            self.buffer = io.BytesIO()
        if not self.too_large:
            self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        cls = RefusedUpload if self.too_large else InMemoryUploadedFile
        self.buffer.seek(0)
        upload = cls(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size if not self.too_large else 0,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
        if isinstance(upload, RefusedUpload):  # self.too_large
            upload.refusal = UploadTooLarge()
        return upload


def inspect(data: bytes) -> Inspection:
    """What the file really is, or UploadRefused saying why it cannot be accepted."""
    if not data:
        raise EmptyUpload()
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise UploadTooLarge()
    content_type = magic.from_buffer(data[:65536], mime=True)
    if content_type in ARCHIVE_TYPES:
        raise ArchiveRefused()
    if content_type in ACTIVE_TYPES or _looks_like_markup(data):
        raise ActiveContentRefused()
    if content_type not in ALLOWED_TYPES:
        raise UnsupportedType()
    if content_type == "application/pdf":
        return _inspect_pdf(data)
    if content_type in IMAGE_TYPES:
        return _inspect_image(data, content_type)
    return _inspect_media(data, content_type)


def _inspect_pdf(data: bytes) -> Inspection:
    try:
        active = pdfs.is_active(data)
    except pdfs.UnreadablePdf:
        raise UnreadableFile() from None
    if active:
        raise ActiveContentRefused()
    return Inspection("application/pdf")


def _inspect_media(data: bytes, content_type: str) -> Inspection:
    try:
        found = media.check(data, content_type)
    except media.NotMedia:
        raise UnreadableFile() from None
    return Inspection(content_type, found.width, found.height)


def _looks_like_markup(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<svg", b"<?xml", b"<script"))


def _inspect_image(data: bytes, content_type: str) -> Inspection:
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > settings.UPLOAD_MAX_PIXELS:
                raise TooManyPixels()
            image.verify()
    except Image.DecompressionBombError:
        raise TooManyPixels() from None
    except UploadRefused:
        raise
    except Exception:  # Pillow raises many types for broken files; all mean the same here
        raise DamagedImage() from None
    return Inspection(content_type, width, height)

"""Reading PDFs with a real parser, to refuse the ones that can run code or carry other files.

A byte search for "/JavaScript" misses names written with # escapes (/J#61vaScript, valid
since PDF 1.2) and everything inside compressed object streams. qpdf (through pikepdf)
parses the file as a reader would: names come back decoded and every object, compressed
or not, is visited.
"""

import io

import pikepdf

# Actions that run code, start programs, open embedded documents or send data away.
ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/GoToE",
    "/ImportData",
    "/SubmitForm",
    "/Rendition",
    "/RichMediaExecute",
}
# Keys that hold scripts, attached files, XML forms (XFA) or rich media, wherever they are.
ACTIVE_KEYS = {
    "/JS",
    "/JavaScript",
    "/EmbeddedFiles",
    "/EmbeddedFile",
    "/EF",
    "/XFA",
    "/RichMediaContent",
    "/RichMediaSettings",
}
ACTIVE_TYPES = {"/EmbeddedFile", "/RichMedia", "/FileAttachment", "/3D", "/Movie"}
# Deeper than any real document nests its direct objects.
MAX_DEPTH = 64


class UnreadablePdf(Exception):
    """Not a PDF a parser can open (damaged, or locked with a password)."""


def is_active(data: bytes) -> bool:
    """Whether the PDF holds anything active. Raises UnreadablePdf if it cannot be parsed."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            seen: set[tuple[int, int]] = set()
            if _active(pdf.trailer, seen, 0):
                return True
            return any(_active(obj, seen, 0) for obj in pdf.objects)
    except (pikepdf.PdfError, pikepdf.PasswordError, ValueError, RecursionError) as error:
        raise UnreadablePdf(str(error)) from None


def _active(obj: object, seen: set[tuple[int, int]], depth: int) -> bool:
    if depth > MAX_DEPTH:
        raise UnreadablePdf("nested too deeply")
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        if obj.objgen in seen:
            return False
        seen.add(obj.objgen)
    if isinstance(obj, pikepdf.Stream):
        return _active_dictionary(obj.stream_dict, seen, depth)
    if isinstance(obj, pikepdf.Dictionary):
        return _active_dictionary(obj, seen, depth)
    if isinstance(obj, pikepdf.Array):
        return any(_active(item, seen, depth + 1) for item in obj)
    return False


def _active_dictionary(dictionary: pikepdf.Dictionary, seen: set[tuple[int, int]], depth: int) -> bool:
    keys = set(dictionary.keys())
    if keys & ACTIVE_KEYS:
        return True
    for key in ("/S", "/Type", "/Subtype"):
        value = dictionary.get(key)
        if isinstance(value, pikepdf.Name) and (str(value) in ACTIVE_ACTIONS or str(value) in ACTIVE_TYPES):
            return True
    return any(_active(dictionary[key], seen, depth + 1) for key in keys)

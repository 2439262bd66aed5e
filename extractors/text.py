"""From a file's bytes to text: sniff what the bytes are, then extract text page by page.

Hands on an `ExtractedText` (pages, title) to `pipeline.ingest`, which joins the pages with form feeds into
`Document.text`. PDFs are read with pypdfium2 (`extractors.pdf`).
"""

from __future__ import annotations

import re
from pathlib import Path

from referat.extractors import html as html_extractor
from referat.extractors import pdf as pdf_extractor
from referat.extractors.base import CONTROL_CHARACTERS, ExtractedText, clean_extracted, first_line
from referat.extractors.errors import (
    BinaryContentError,
    EmptyFileError,
    NoReadableTextError,
    NotAPdfError,
    TooMuchTextError,
    UnsupportedFileError,
)
from referat.extractors.limits import DEFAULT_LIMITS, ExtractionLimits

SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html", ".txt": "txt"}

_HTML_START = re.compile(
    rb"^(\xef\xbb\xbf)?\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b",
    re.I | re.S,
)
# How many leading bytes of a file that is not a PDF the error message shows.
_PREVIEW_BYTES = 12


def media_type_for(path: Path) -> str | None:
    """The media type referat reads a path as, from its suffix; None for files it does not read."""
    return SUFFIXES.get(path.suffix.lower())


def sniff(data: bytes) -> str | None:
    """What the bytes are, whatever the file is called: pdf, zip, html or None."""
    head = data[:1024]
    # Zip first: a zip that stores a PDF uncompressed carries %PDF- within its first kilobyte too.
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    # Readers accept the PDF header anywhere in the first kilobyte (some servers prepend junk).
    if b"%PDF-" in head:
        return "pdf"
    if _HTML_START.match(head):
        return "html"
    return None


def extract(path: Path, data: bytes, limits: ExtractionLimits = DEFAULT_LIMITS) -> ExtractedText:
    """Text of one file. Raises an `UnreadableFileError` whose message says what is wrong."""
    if not data:
        raise EmptyFileError()
    media_type = media_type_for(path)
    if media_type == "pdf":
        found = sniff(data)
        if found != "pdf":
            raise NotAPdfError(_not_a_pdf_message(found, data))
        return pdf_extractor.extract_pdf(data, limits)
    if media_type == "html":
        return html_extractor.extract_html(data, limits)
    if media_type == "txt":
        return extract_plain_text(data, limits)
    raise UnsupportedFileError(f"unsupported file type {path.suffix!r}: referat reads .pdf, .html, .htm and .txt")


def _refuse_too_much_text(chars: int, limits: ExtractionLimits) -> None:
    """More text than any document holds would take the analysers minutes and GB: refused before they start."""
    if chars > limits.max_text_chars:
        raise TooMuchTextError(limits.max_text_chars)


def _not_a_pdf_message(found: str | None, data: bytes) -> str:
    if found == "html":
        return (
            "not a PDF: the file is an HTML page named .pdf (often a login or error page saved instead "
            "of the document); download the PDF again"
        )
    if found == "zip":
        return "not a PDF: the file is a ZIP archive named .pdf; unpack it and ingest the files inside"
    return f"not a PDF: the file does not start with %PDF ({_preview(data)}); download it again"


def _preview(data: bytes) -> str:
    """The first bytes of a file, as text when they are printable ASCII, else in hex: readable either way."""
    head = data[:_PREVIEW_BYTES]
    if head.isascii() and head.decode("ascii").isprintable():
        return f"it starts with {head.decode('ascii')!r}"
    return f"it starts with the bytes {head.hex(' ')}"


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file: UTF-8 (with or without BOM), else Windows-1252, else Latin-1.

    Returns (text, codec).
    """
    for codec in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any 8-bit encoding: NUL bytes or many control characters."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    text = sample.decode("latin-1")
    return len(CONTROL_CHARACTERS.findall(text)) > max(8, len(text) // 100)


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def extract_plain_text(data: bytes, limits: ExtractionLimits = DEFAULT_LIMITS) -> ExtractedText:
    """A .txt file: decoded, line endings normalised; form feeds in the file are kept as page breaks."""
    if data.startswith(_UTF16_BOMS):
        # Notepad's "Unicode": NUL bytes that are text, not binary. Re-encoded, it takes the ordinary road.
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as error:
            raise BinaryContentError(
                f"binary data, not text: it starts like UTF-16 text but does not decode ({error.reason})"
            ) from error
    if looks_binary(data):
        raise BinaryContentError(
            "binary data, not text: the file holds bytes that no text encoding produces; check what the file "
            "really is (often a PDF or Word file saved as .txt)"
        )
    text, codec = decode_text(data)
    _refuse_too_much_text(len(text), limits)
    text = clean_extracted(text, keep_form_feeds=True)
    if not text.strip():
        raise NoReadableTextError("no readable text: the file holds only white space")
    warnings = () if codec == "utf-8-sig" else (f"not UTF-8: decoded as {codec}",)
    pages = tuple(text.split("\f"))
    return ExtractedText("txt", pages, title=first_line(text), warnings=warnings)

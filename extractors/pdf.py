"""PDF text with pypdfium2: one string per page, plus the checks that tell a scan or a blank file apart.

pypdfium2 reads bulk text far faster than pdfplumber, which would add per-character fonts and positions that no
parser uses today (docs/performance.md). What pdfium does not report about the file's streams (a
decompression bomb, a damaged content stream) is found by `extractors.pdf_damage`, before and after pdfium.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from referat.extractors.base import ExtractedText, clean_extracted
from referat.extractors.errors import (
    BlankDocumentError,
    CorruptPdfError,
    EncryptedPdfError,
    NoTextLayerError,
    TooMuchTextError,
    UnreadableFileError,
)
from referat.extractors.limits import DEFAULT_LIMITS, ExtractionLimits
from referat.extractors.pdf_damage import Damage, find_damage, refuse_bombs, refuse_page_bombs
from referat.extractors.pdf_objects import read_objects

# pdfium marks a hyphen it considers a line-end hyphenation with \x02; U+FFFE likewise.
_PDFIUM_MARKERS = (("\x02", "-"), ("\ufffe", "-"), ("\x00", ""))
_META_TITLE_NOISE = re.compile(
    r"^(untitled|\(unspecified\)|microsoft word.*|.*\.(docx?|pdf|rtf|xlsx?)|\d+)$",
    re.I,
)
# pdfium's own wording ("Failed to load document (PDFium: Data format error).") minus the wrapping.
_PDFIUM_REASON = re.compile(r"PDFium: ([^)]+)")
# A complete PDF ends with %%EOF; writers and web servers may add a few bytes after it.
_EOF_WINDOW = 2048


def extract_pdf(data: bytes, limits: ExtractionLimits = DEFAULT_LIMITS) -> ExtractedText:
    objects = read_objects(data)
    refuse_bombs(objects, limits)
    contents = objects.page_contents(limits.max_stream_bytes)  # no object stream is a bomb now
    refuse_page_bombs(objects, contents, limits)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise _open_error(error, data) from error
    try:
        return _read_pages(pdf, data, limits, lambda pages: find_damage(objects, contents, pages, limits))
    finally:
        pdf.close()


def is_truncated(data: bytes) -> bool:
    """True when the file stops before the end marker every complete PDF has (a cut-off download)."""
    return b"%%EOF" not in data[-_EOF_WINDOW:]


def _open_error(error: pdfium.PdfiumError, data: bytes) -> CorruptPdfError | EncryptedPdfError:
    """The named error for a PDF that pdfium refuses to open, told apart by pdfium's error code."""
    code = getattr(error, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD or "password" in str(error).lower():
        return EncryptedPdfError()
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return EncryptedPdfError("it is locked with a certificate or DRM scheme that referat cannot open")
    if is_truncated(data):
        # pdfium only says "data format error"; the missing end marker says what actually happened.
        return CorruptPdfError(
            f"truncated PDF: the file stops after {len(data):,} bytes without the PDF end marker (%%EOF), "
            "probably a download that was cut off; download it again"
        )
    found = _PDFIUM_REASON.search(str(error))
    reason = found.group(1).strip().lower() if found else str(error)
    return CorruptPdfError(f"corrupt PDF: the PDF library cannot open it ({reason}); download it again")


def _page_texts(pdf: pdfium.PdfDocument, limits: ExtractionLimits) -> tuple[list[str], list[int], list[int]]:
    """Every page's text ("" for a page that could not be read), the numbers of the pages with images and no
    text, and of those that could not be read."""
    pages: list[str] = []
    image_only: list[int] = []
    failed: list[int] = []
    chars = 0
    for index in range(len(pdf)):
        read = _read_page(pdf, index)
        if read is None:
            failed.append(index + 1)
            pages.append("")
            continue
        text, images_only = read
        if images_only:
            image_only.append(index + 1)
        pages.append(text)
        chars += len(text)
        if chars > limits.max_text_chars:  # stopped early: the pages still to come would only add to it
            raise TooMuchTextError(limits.max_text_chars)
    return pages, image_only, failed


def _no_text_error(
    data: bytes, page_count: int, image_only: list[int], failed: list[int], damaged: Damage | None
) -> UnreadableFileError:
    """The named error of a PDF none of whose pages has text: damaged, unreadable, a scan, or blank."""
    # Unreadable pages come first: a damaged file whose surviving pages hold only a logo is not a scan.
    if damaged is not None:
        return CorruptPdfError(f"corrupt PDF: {_damage_message(damaged)}, and no page has text; download it again")
    if failed:
        damage = "truncated PDF (no %%EOF end marker)" if is_truncated(data) else "corrupt PDF"
        found = (
            f"none of its {page_count} page(s) could be read"
            if len(failed) == page_count
            else (f"{len(failed)} of its {page_count} page(s) could not be read and the rest hold no text")
        )
        return CorruptPdfError(f"{damage}: {found}; download it again")
    if image_only:
        return NoTextLayerError(page_count, len(image_only))
    return BlankDocumentError(page_count)


def _read_pages(
    pdf: pdfium.PdfDocument, data: bytes, limits: ExtractionLimits, damage_in: Callable[[list[str]], Damage | None]
) -> ExtractedText:
    """Every page's text, and the named error or warnings the pages call for; `damage_in` tells, from the pages'
    texts, which content streams are damaged (`extractors.pdf_damage`)."""
    pages, image_only, failed = _page_texts(pdf, limits)
    if not pages:
        raise CorruptPdfError("corrupt PDF: it has no pages; download it again")
    damaged = damage_in(pages)
    if not any(text.strip() for text in pages):
        raise _no_text_error(data, len(pages), image_only, failed, damaged)
    warnings: list[str] = []
    if image_only:
        warnings.append(f"no text layer on page(s) {_page_list(image_only)}: those pages need OCR")
    if failed:
        warnings.append(f"page(s) {_page_list(failed)} could not be read")
    if damaged is not None:
        warnings.append(f"damaged PDF: {_damage_message(damaged)}; text after the damage is missing: download it again")
    if is_truncated(data):
        warnings.append(
            "truncated PDF: the file ends without the PDF end marker (%%EOF); pages or text may be missing: "
            "download it again"
        )
    return ExtractedText(
        "pdf",
        tuple(pages),
        title=_metadata_title(pdf),
        warnings=tuple(warnings),
        partial=bool(warnings),
    )


def _read_page(pdf: pdfium.PdfDocument, index: int) -> tuple[str, bool] | None:
    """A page's text, and whether it is a page of images without text (a scan); None if it cannot be read.

    A page whose objects or content stream pdfium cannot parse costs that page, not the document.
    """
    try:
        page = pdf[index]
    except pdfium.PdfiumError:
        return None
    try:
        textpage = page.get_textpage()
        try:
            text = _without_markers(textpage.get_text_range())
        finally:
            textpage.close()
        return text, not text.strip() and _has_images(page)
    except pdfium.PdfiumError:
        return None
    finally:
        page.close()


def _without_markers(raw: str) -> str:
    # str.replace per marker, each only where the marker is: most pages hold none.
    for marker, replacement in _PDFIUM_MARKERS:
        if marker in raw:
            raw = raw.replace(marker, replacement)
    return clean_extracted(raw)


def _has_images(page: pdfium.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def _metadata_title(pdf: pdfium.PdfDocument) -> str | None:
    try:
        title = " ".join(pdf.get_metadata_value("Title").replace("\x00", "").split())
    except (pdfium.PdfiumError, KeyError, UnicodeDecodeError):
        return None
    if not title or _META_TITLE_NOISE.match(title):
        return None
    return title


def _damage_message(damage: Damage) -> str:
    where = f"page(s) {_page_list(list(damage.pages))}" if damage.pages else "the file"
    streams = _page_list(list(damage.streams))
    return f"the content of {where} could not be decoded to its end (stream object(s) {streams}: {damage.reason})"


def _page_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")

"""PDF text with pypdfium2: one string per page, plus the checks that tell a scan or a blank file apart.

pdfplumber would give per-character fonts, but at about 4-5 pages/s against pypdfium2's ~450; layout parsers
that need fonts use it on the few pages where it pays.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.errors import BlankDocumentError, CorruptPdfError, EncryptedPdfError, NoTextLayerError
from extractors.base import ExtractedText, normalise_text

# pdfium marks a hyphen it considers a line-end hyphenation with \x02; U+FFFE likewise.
_PDFIUM_MARKERS = str.maketrans({"\x02": "-", "\ufffe": "-", "\x00": None})
_META_TITLE_NOISE = re.compile(r"^(untitled|\(unspecified\)|microsoft word.*|.*\.(docx?|pdf|rtf|xlsx?)|\d+)$", re.I)


def extract_pdf(data: bytes) -> ExtractedText:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise EncryptedPdfError() from error
        raise CorruptPdfError(f"corrupt PDF: the PDF library cannot open it ({error}); download it again") from error
    try:
        return _read_pages(pdf, data)
    finally:
        pdf.close()


def _read_pages(pdf: pdfium.PdfDocument, data: bytes) -> ExtractedText:
    pages: list[str] = []
    image_only: list[int] = []
    failed: list[int] = []
    for index in range(len(pdf)):
        try:
            page = pdf[index]
        except pdfium.PdfiumError:
            failed.append(index + 1)
            pages.append("")
            continue
        try:
            textpage = page.get_textpage()
            text = normalise_text(textpage.get_text_range().translate(_PDFIUM_MARKERS))
            textpage.close()
            if not text.strip() and _has_images(page):
                image_only.append(index + 1)
            pages.append(text)
        finally:
            page.close()
    if not pages:
        raise CorruptPdfError("corrupt PDF: it has no pages; download it again")
    if not any(text.strip() for text in pages):
        if image_only:
            raise NoTextLayerError(len(pages))
        if failed:
            raise CorruptPdfError(f"corrupt PDF: none of its {len(pages)} page(s) could be read; download it again")
        raise BlankDocumentError(len(pages))
    warnings: list[str] = []
    if image_only:
        warnings.append(f"no text layer on page(s) {_page_list(image_only)}: those pages need OCR")
    if failed:
        warnings.append(f"page(s) {_page_list(failed)} could not be read")
    if b"%%EOF" not in data[-2048:]:
        warnings.append("truncated PDF: the file ends without %%EOF; some content may be missing")
    return ExtractedText(
        "pdf", tuple(pages), title=_metadata_title(pdf), warnings=tuple(warnings), partial=bool(warnings),
    )


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


def _page_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")

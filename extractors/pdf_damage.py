"""What pdfium does not say about a PDF's streams: a stream that would inflate past the limit (a decompression
bomb) is refused before pdfium is handed the file, and a page whose content stream is damaged is named.

pdfium inflates each stream whole, and reads whatever a damaged stream gives before its damage without a word.
Checking every stream costs a third of pdfium's own time on generated PDFs (ASCII85 is decoded in Python), so
the checks are aimed:
- bombs: only a stream whose encoded size could inflate past `ExtractionLimits.max_stream_mb` (deflate inflates
  at most 1,032 times) is inflated, a megabyte at a time, and only counted;
- damage: only the content streams of a page whose text is small for its content are decoded: fewer characters
  than `SUSPECT_CHARS_PER_BYTE` per encoded byte of content (real pages have at least 0.19, text pages about 1),
  or less than `SUSPECT_SHARE_OF_TYPICAL` of the characters per byte of the document's typical (median) page.
  A page that lost only its last lines keeps enough text to pass unchecked; `find_damage(..., everything=True)`
  checks every page, and the tests compare both.
When the page tree cannot be followed, the whole file's text is compared with all its content-like streams.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from referat.extractors.errors import DecompressionBombError
from referat.extractors.limits import ExtractionLimits
from referat.extractors.pdf_objects import PdfObjects
from referat.extractors.pdf_streams import Inspection, RawStream, inspect

SUSPECT_CHARS_PER_BYTE = 0.1
SUSPECT_SHARE_OF_TYPICAL = 1 / 3
# Streams that are not page content: fonts, object and cross-reference streams, metadata, images, colour profiles.
_NOT_CONTENT = re.compile(
    rb"/(?:Length[123]|Type\s*/(?:ObjStm|XRef|Metadata)|Subtype\s*/(?:Image|Type1C|CIDFontType0C|OpenType|XML)"
    rb"|N\s+\d)\b"
)


PageContents = tuple[tuple[int, ...], ...]


def refuse_bombs(objects: PdfObjects, limits: ExtractionLimits) -> None:
    """Raise `DecompressionBombError` for a stream that inflates past the limit."""
    if objects.encrypted:
        return  # encrypted streams decode only with the key, which pdfium holds
    cap = limits.max_stream_bytes
    if _file_bound(objects) <= cap:
        return
    for stream in objects.streams.values():
        bound = stream.size_bound
        if bound is not None and bound > cap and not stream.is_image and inspect(stream, cap).verdict == "over the cap":
            raise DecompressionBombError(
                f"a stream of the PDF (object {stream.number})", stream.size, limits.max_stream_mb
            )


def refuse_page_bombs(objects: PdfObjects, contents: PageContents | None, limits: ExtractionLimits) -> None:
    """Raise `DecompressionBombError` for a page whose content streams, each within the limit, inflate past it
    together (pdfium joins them). `contents` are the pages' content streams (`PdfObjects.page_contents`)."""
    cap = limits.max_stream_bytes
    if objects.encrypted or contents is None or _file_bound(objects) <= cap:
        return
    for page, streams in enumerate(_streams_of(objects, contents), start=1):
        bounds = [stream.size_bound for stream in streams]
        if len(streams) < 2 or None in bounds or sum(bound or 0 for bound in bounds) <= cap:
            continue
        inflated = 0
        for stream in streams:
            inflated += inspect(stream, cap - inflated).size
            if inflated > cap:
                raise DecompressionBombError(
                    f"the content streams of page {page}", sum(stream.size for stream in streams), limits.max_stream_mb
                )


@dataclass(frozen=True)
class Damage:
    """Content streams that could not be decoded to their end, and the pages (1-based) that draw them; no
    pages when the page tree could not be followed."""

    pages: tuple[int, ...]
    streams: tuple[int, ...]
    reason: str


def find_damage(
    objects: PdfObjects,
    contents: PageContents | None,
    texts: Sequence[str],
    limits: ExtractionLimits,
    everything: bool = False,
) -> Damage | None:
    """Damaged content streams of the pages whose text is small for their content (of all pages with
    `everything`); `texts` are the pages' texts as pdfium read them."""
    if objects.encrypted:
        return None
    cap = limits.max_stream_bytes
    if contents is None or len(contents) != len(texts):
        return _damage_in_the_file(objects, texts, cap, everything)
    streams_of = _streams_of(objects, contents)
    sizes = [sum(stream.size for stream in streams) for streams in streams_of]
    densities = sorted(len(text) / size for text, size in zip(texts, sizes, strict=True) if size)
    typical = densities[len(densities) // 2] if densities else 0.0
    least = max(SUSPECT_CHARS_PER_BYTE, SUSPECT_SHARE_OF_TYPICAL * typical)
    pages: list[int] = []
    found: dict[int, Inspection] = {}
    for page, (streams, size, text) in enumerate(zip(streams_of, sizes, texts, strict=True), start=1):
        if everything or len(text) < least * size:
            damaged = _damaged(streams, cap)
            if damaged:
                pages.append(page)
                found.update(damaged)
    return _damage(tuple(pages), found)


def _damage_in_the_file(objects: PdfObjects, texts: Sequence[str], cap: int, everything: bool) -> Damage | None:
    """Without the page tree: all the file's content-like streams, checked when its text is small for them."""
    streams = [stream for stream in objects.streams.values() if _NOT_CONTENT.search(stream.dictionary) is None]
    size = sum(stream.size for stream in streams)
    if not everything and sum(map(len, texts)) >= SUSPECT_CHARS_PER_BYTE * size:
        return None
    return _damage((), _damaged(streams, cap))


def _file_bound(objects: PdfObjects) -> int:
    """The most the whole file's streams can inflate to (a stream with an unknown filter is not counted: it is
    not checked)."""
    return sum(stream.size_bound or 0 for stream in objects.streams.values())


def _streams_of(objects: PdfObjects, contents: PageContents) -> list[list[RawStream]]:
    return [[objects.streams[number] for number in numbers if number in objects.streams] for numbers in contents]


def _damaged(streams: Iterable[RawStream], cap: int) -> dict[int, Inspection]:
    checked = ((stream.number, inspect(stream, cap)) for stream in streams)
    return {number: found for number, found in checked if found.verdict == "damaged"}


def _damage(pages: tuple[int, ...], found: dict[int, Inspection]) -> Damage | None:
    if not found:
        return None
    numbers = sorted(found)
    return Damage(pages, tuple(numbers), found[numbers[0]].reason)

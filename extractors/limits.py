"""How much one file may unpack into: the extractors' own limits, so that a hostile file is refused before it
takes a worker's memory or time.

The worker processes of an ingest also limit each file's memory and time (`pipeline.workers`); these limits act
earlier and say more precisely what is wrong (a decompression bomb, more text than any document holds).
"""

from __future__ import annotations

from dataclasses import dataclass

# A PDF page of text takes some tens of kB of content once inflated; vector maps and plans take a few MB and
# embedded fonts up to some tens of MB. pdfium holds about twice a stream's inflated size while it reads it.
DEFAULT_MAX_STREAM_MB = 128
# The largest real minutes (1,000-page PDFs) hold a few million characters.
DEFAULT_MAX_TEXT_CHARS = 20_000_000


@dataclass(frozen=True)
class ExtractionLimits:
    """`max_stream_mb`: what one PDF stream (a page's content, a font, a form), or all the content streams of one
    page, may inflate to; `max_text_chars`: the most characters of text one document may hold."""

    max_stream_mb: int = DEFAULT_MAX_STREAM_MB
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS

    def __post_init__(self) -> None:
        if self.max_stream_mb < 1:
            raise ValueError(f"ExtractionLimits.max_stream_mb must be at least 1 (got {self.max_stream_mb})")
        if self.max_text_chars < 1:
            raise ValueError(f"ExtractionLimits.max_text_chars must be at least 1 (got {self.max_text_chars})")

    @property
    def max_stream_bytes(self) -> int:
        return self.max_stream_mb << 20


DEFAULT_LIMITS = ExtractionLimits()

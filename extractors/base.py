"""What every text extractor hands on: `ExtractedText`, and the normalisation all of them apply."""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ExtractedText:
    """The text of a file, one string per page, with what else the file says about itself."""

    media_type: str
    pages: tuple[str, ...]
    title: str | None = None
    warnings: tuple[str, ...] = ()
    partial: bool = False
    published: str | None = None


def normalise_text(text: str, keep_form_feeds: bool = False) -> str:
    """Unix line ends, no NULs or other control characters; form feeds kept only where they mark pages."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not keep_form_feeds:
        text = text.replace("\f", "\n")
    return CONTROL_CHARACTERS.sub("", text)


def first_line(text: str, limit: int = 200) -> str | None:
    """The first non-blank line, as a fallback title."""
    for line in text[: limit * 20].splitlines():
        line = " ".join(line.split())
        if line:
            return line[:limit]
    return None

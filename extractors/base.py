"""What every text extractor hands on: `ExtractedText`, and the normalisation all of them apply."""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# What lxml's tree refuses to hold (setting a text or tail raises ValueError): C0 controls other than tab, line feed
# and carriage return, the non-characters U+FFFE and U+FFFF, and lone surrogates.
XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class ExtractedText:
    """The text of a file, one string per page, with what else the file says about itself."""

    media_type: str
    pages: tuple[str, ...]
    title: str | None = None
    warnings: tuple[str, ...] = ()
    partial: bool = False
    published: str | None = None


def clean_extracted(text: str, keep_form_feeds: bool = False) -> str:
    """Unix line ends, no NULs or other control characters; form feeds kept only where they mark pages."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not keep_form_feeds:
        text = text.replace("\f", "\n")
    return CONTROL_CHARACTERS.sub("", text)


def xml_safe(source: str) -> str:
    """Markup without the characters lxml refuses, so that no tree operation can raise on them; a form feed,
    white space in HTML, becomes a space."""
    if XML_INCOMPATIBLE.search(source) is None:
        return source
    return XML_INCOMPATIBLE.sub("", source.replace("\f", " "))


def first_line(text: str, limit: int = 200) -> str | None:
    """The first non-blank line, as a fallback title."""
    for line in text[: limit * 20].splitlines():
        line = " ".join(line.split())
        if line:
            return line[:limit]
    return None

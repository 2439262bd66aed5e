"""A document as lines with offsets and pages, and the page furniture (running headers, footers) marked.

Every later step of the minutes parser works on `Line`s, so each fact it finds keeps the character offsets
of `Document.text` it came from. Furniture is found by repetition (the same line, digits aside, near the
top or bottom of most pages) and by form ("Side 3 af 27"), so it works for layouts nobody described.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from models.records import Document

_BULLET = re.compile(r"^[\s•·▪◦●\-–*]+(?=\S)")
_SPACES = re.compile(r"[ \t\u00a0\u200b\u2002\u2003]+")
_FURNITURE_FORMS = re.compile(
    r"^(side \d+( af \d+)?|page \d+( of \d+)?|- ?\d+ ?-|\d{1,3}|background image|made with flippingbook.*"
    r"|størrelse: px|starte visningen fra side:?|transkript|download \".*\")$",
    re.I,
)
# How many lines at the top and bottom of a page can be running headers or footers.
_EDGE_LINES = 6


@dataclass(frozen=True)
class Line:
    """One line of the document: `text` is stripped of white space and bullet marks."""

    index: int
    text: str
    start: int
    end: int
    page: int
    bullet: bool = False
    furniture: bool = False

    @property
    def folded(self) -> str:
        return self.text.casefold()


def split_lines(document: Document) -> tuple[Line, ...]:
    """Non-empty lines with their offsets; runs of white space inside a line are kept as in the text."""
    lines: list[Line] = []
    text = document.text
    page = 1
    position = 0
    for raw in re.split(r"(\n|\f)", text):
        if raw == "\f":
            page += 1
            position += 1
            continue
        if raw == "\n":
            position += 1
            continue
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = position + lead
            bullet = _BULLET.match(stripped)
            if bullet:
                start += bullet.end()
                stripped = stripped[bullet.end():]
            lines.append(Line(len(lines), stripped, start, start + len(stripped), page, bullet=bool(bullet)))
        position += len(raw)
    return mark_furniture(tuple(lines))


def normalised(text: str) -> str:
    """Text with digits and spacing folded, to recognise a running header across pages."""
    return _SPACES.sub(" ", re.sub(r"\d+", "#", text)).strip().casefold()


def mark_furniture(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """Mark running headers and footers: lines repeated near the edges of most pages, and page-number forms."""
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    pages = len(by_page)
    edge_counts: Counter[str] = Counter()
    for page_lines in by_page.values():
        edges = page_lines[:_EDGE_LINES] + page_lines[-3:]
        edge_counts.update({normalised(line.text) for line in edges})
    threshold = max(3, (pages + 1) // 2)
    repeated = {text for text, count in edge_counts.items() if pages >= 3 and count >= threshold}
    edge_indexes = {
        line.index for page_lines in by_page.values() for line in page_lines[:_EDGE_LINES] + page_lines[-3:]
    }
    marked = []
    for line in lines:
        at_edge = line.index in edge_indexes
        is_furniture = (at_edge and normalised(line.text) in repeated) or bool(_FURNITURE_FORMS.match(line.text))
        marked.append(replace(line, furniture=True) if is_furniture else line)
    return tuple(marked)


def collapse(text: str) -> str:
    """Runs of white space (line breaks included) as one space: how titles and names are stored."""
    return " ".join(text.split())

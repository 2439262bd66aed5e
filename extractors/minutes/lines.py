"""A document as lines with offsets and pages, and the page furniture (running headers, footers) marked.

Every later step of the minutes parser works on `Line`s, so each fact it finds keeps the character offsets
of `Document.text` it came from. Furniture is found by repetition (the same line, digits aside, near the
top or bottom of most pages) and by form ("Side 3 af 27"), so it works for layouts nobody described.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from models.records import Document

_BULLET = re.compile(r"^[\s•·▪◦●\-–*]+(?=\S)")
_SPACES = re.compile(r"[ \t\u00a0\u200b\u2002\u2003]+")
# What `_SPACES` changes: two spaces, or one of its other characters.
_SPACINGS_TO_FOLD = ("  ", "\t", "\u00a0", "\u200b", "\u2002", "\u2003")
_DIGITS = re.compile(r"\d+")
_FURNITURE_FORMS = re.compile(
    r"^(side \d+( af \d+)?|page \d+( of \d+)?|- ?\d+ ?-|\d{1,3}|background image|made with flippingbook.*"
    r"|størrelse: px|starte visningen fra side:?|transkript|download \".*\")$",
    re.I,
)
# How many lines at the top and bottom of a page can be running headers or footers.
_EDGE_LINES = 6


class Line(NamedTuple):
    """One line of the document: `text` is stripped of white space and bullet marks.

    A named tuple rather than a frozen dataclass: a document has tens of thousands of lines, and a tuple is
    made several times faster. (`index` hides the tuple method of that name, which nothing calls on a line.)"""

    index: int  # type: ignore[assignment]
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
    """Non-empty lines with their offsets and furniture marked; white space inside a line is kept as in the
    text."""
    lines: list[Line] = []
    by_page: dict[int, list[int]] = {}  # the indexes of each page's lines (pages with none left out)
    position = 0
    for page, page_text in enumerate(document.text.split("\f"), start=1):
        first = len(lines)
        for raw in page_text.split("\n"):
            stripped = raw.strip()
            if stripped:
                start = position + len(raw) - len(raw.lstrip())
                bullet = _BULLET.match(stripped) if not stripped[0].isalnum() else None
                if bullet:
                    start += bullet.end()
                    stripped = stripped[bullet.end():]
                lines.append(Line(len(lines), stripped, start, start + len(stripped), page, bool(bullet)))
            position += len(raw) + 1
        if len(lines) > first:
            by_page[page] = list(range(first, len(lines)))
    # Each line is made once and the few furniture lines remade (keeping every line as a plain tuple until the
    # furniture was known made each twice).
    for index in _furniture(lines, by_page):
        lines[index] = lines[index]._replace(furniture=True)
    return tuple(lines)


def normalised(text: str) -> str:
    """Text with digits and spacing folded, to recognise a running header across pages."""
    text = _DIGITS.sub("#", text)
    # Most lines have only single plain spaces, which `_SPACES` would replace one by one with themselves: a few
    # substring tests are several times cheaper than that.
    if any(spacing in text for spacing in _SPACINGS_TO_FOLD):
        text = _SPACES.sub(" ", text)
    return text.strip().casefold()


def _furniture(lines: list[Line], by_page: dict[int, list[int]]) -> set[int]:
    """Indexes of running headers and footers: lines repeated near the edges of most pages, and page-number
    forms. `by_page` holds the indexes of each page's lines."""
    found = {line.index for line in lines if len(line.text) < 80 and _FURNITURE_FORMS.match(line.text)}
    if len(by_page) < 3:
        return found
    # Each edge line's shape, worked out once: it is counted per page, then looked up.
    shapes = {index: normalised(lines[index].text)
              for indexes in by_page.values() for index in indexes[:_EDGE_LINES] + indexes[-3:]}
    counts: Counter[str] = Counter()
    for indexes in by_page.values():
        counts.update({shapes[i] for i in indexes[:_EDGE_LINES] + indexes[-3:]})
    threshold = max(3, (len(by_page) + 1) // 2)
    repeated = {text for text, count in counts.items() if count >= threshold}
    return found | {index for index, shape in shapes.items() if shape in repeated}


def collapse(text: str) -> str:
    """Runs of white space (line breaks included) as one space: how titles and names are stored."""
    return " ".join(text.split())

"""A document as lines with offsets and pages, and the page furniture (running headers, footers) marked.

Every later step of the minutes parser works on `Line`s, so each fact it finds keeps the character offsets
of `Document.text` it came from. Furniture is found by repetition (the same line, digits aside, near the
top or bottom of most pages) and by form ("Side 3 af 27"), so it works for layouts nobody described.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from referat.models.records import Document

_BULLET = re.compile(r"^[\s•·▪◦●\-–*]+(?=\S)")
_SPACES = re.compile(r"[ \t\u00a0\u200b\u2002\u2003]+")
_DIGITS = re.compile(r"\d+")
_FURNITURE_FORMS = re.compile(
    r"^(side \d+( af \d+)?|page \d+( of \d+)?|background image|made with flippingbook.*"
    r"|størrelse: px|starte visningen fra side:?|transkript|transcription|download \".*\")$",
    re.I,
)
# A page number alone on its line is furniture at a page's top or bottom; elsewhere (a web page, a table) a bare
# number is an item's number or a figure.
_PAGE_NUMBER = re.compile(r"^(- ?\d+ ?-|\d{1,3})$")
_PAGE_NUMBER_EDGE = 2
# How many lines at the top and bottom of a page can be running headers or footers.
_EDGE_LINES = 6


class Line(NamedTuple):
    """One line of the document: `text` is stripped of white space and bullet marks.

    A named tuple rather than a frozen dataclass: a document has tens of thousands of lines, and a tuple is
    cheaper to make. (`index` hides the tuple method of that name, which nothing calls on a line.)"""

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
    pages: list[range] = []  # the indexes of each page's lines (pages with none left out)
    by_form: list[int] = []  # lines that are furniture by their form ("Side 3 af 27")
    position = 0
    for page, page_text in enumerate(document.text.split("\f"), start=1):
        first = len(lines)
        for raw in page_text.split("\n"):
            stripped = raw.strip()
            if stripped:
                start = position + raw.find(stripped[0])  # the first character that is no white space
                bullet = _BULLET.match(stripped) if not stripped[0].isalnum() else None
                if bullet:
                    start += bullet.end()
                    stripped = stripped[bullet.end() :]
                if len(stripped) < 80 and _FURNITURE_FORMS.match(stripped):
                    by_form.append(len(lines))
                lines.append(Line(len(lines), stripped, start, start + len(stripped), page, bool(bullet)))
            position += len(raw) + 1
        if len(lines) > first:
            pages.append(range(first, len(lines)))
    if len(pages) > 1:
        edges = (index for indexes in pages for index in (*indexes[:_PAGE_NUMBER_EDGE], *indexes[-_PAGE_NUMBER_EDGE:]))
        by_form += [index for index in edges if _PAGE_NUMBER.match(lines[index].text)]
    # Each line is made once and the few furniture lines remade (keeping every line as a plain tuple until the
    # furniture was known made each twice).
    for index in _repeated_at_edges(lines, pages).union(by_form):
        lines[index] = lines[index]._replace(furniture=True)
    return tuple(lines)


def furniture_shape(text: str) -> str:
    """Text with digits and spacing folded, to recognise a running header across pages."""
    return _SPACES.sub(" ", _DIGITS.sub("#", text)).strip().casefold()


def _repeated_at_edges(lines: list[Line], pages: list[range]) -> set[int]:
    """Indexes of running headers and footers: lines repeated near the edges of most pages. `pages` holds the
    indexes of each page's lines."""
    if len(pages) < 3:
        return set()
    # A running header is the same text on many pages: each distinct text is normalised once.
    shape_of: dict[str, str] = {}
    edges = [{*indexes[:_EDGE_LINES], *indexes[-3:]} for indexes in pages]
    counts: Counter[str] = Counter()
    for page_edges in edges:
        shapes = set()
        for index in page_edges:
            text = lines[index].text
            shape = shape_of.get(text)
            if shape is None:
                shape = shape_of[text] = furniture_shape(text)
            shapes.add(shape)
        counts.update(shapes)
    threshold = max(3, (len(pages) + 1) // 2)
    repeated = {text for text, count in counts.items() if count >= threshold}
    if not repeated:
        return set()
    return {index for page_edges in edges for index in page_edges if shape_of[lines[index].text] in repeated}

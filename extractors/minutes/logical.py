"""Logical lines: the lines a reader sees, whatever line breaks the text kept.

Text copies made by document-hosting sites (docplayer, docslib, doczz, ...) and careless HTML exports join what a
reader sees as separate lines: a heading glued to the text before it ("... spørgsmål50/2. Ansøgning om ...",
"7860 SpøttrupIndholdsfortegnelse"), or a whole page flattened onto one line behind its page number ("3 1.
Godkendelse af dagsorden Dok.nr.: 1965 Sagsid.: 14/40 Initialer: dosko Åben sag Beslutning Økonomiudvalget den
Godkendt. Afbud: Ingen Side 2"). `logical_lines` splits such lines where a reader would see a new line begin.

The places are data (`data/line_anchors.csv`), each a general form with an example: `glued` anchors (a heading
glued to the word before it) are sought in every text, where their literal words stand (a few substring
searches rather than a pattern tried at every position of every document); `glued_too` anchors (an
item number glued to the word before it, which has no literal to look for) only in a text that glues headings
too; `flat` anchors (page labels, item numbers, labels, the item's state, section headings) only in a flattened
page: a line longer than any a layout prints, or a line that is a copied page behind its number. An anchor
splits `before` its match, `around` it (the match is a line of its own: a heading), or `drop`s it (a page
label). Every piece keeps its offsets into the document's text, so provenance stays exact.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Literal

from referat.extractors.minutes.lines import Line, split_lines
from referat.models.records import Document

ANCHORS_FILE = Path(__file__).resolve().parent.parent / "data" / "line_anchors.csv"
# A line this long is a flattened page (a paragraph of prose is rarely this long, and the flat anchors read forms,
# not prose); a line longer than the longest page is no page at all (a generated one-line file), and is not split.
FLAT_CHARS = 300
MAX_PAGE_CHARS = 100_000
# What a copied page holds at least, on average.
_PAGE_CHARS = 150

Split = Literal["before", "around", "drop"]


Where = Literal["glued", "glued_too", "flat"]


@dataclass(frozen=True)
class Anchor:
    name: str
    where: Where
    split: Split
    literals: tuple[str, ...]  # for `glued` anchors: the words a match starts with, looked for first
    pattern: re.Pattern[str]
    example: str


@cache
def anchors() -> tuple[Anchor, ...]:
    with ANCHORS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found = []
    for row in rows:
        literals = tuple(word for word in row["literals"].split("|") if word)
        if (
            row["where"] not in ("glued", "glued_too", "flat")
            or row["split"] not in ("before", "around", "drop")
            or (row["where"] == "glued") != bool(literals)
        ):
            raise ValueError(
                f"{ANCHORS_FILE}: anchor {row['name']!r} has an unknown where or split, or "
                "literals where it should have none (only glued anchors have them)"
            )
        found.append(
            Anchor(
                row["name"],
                row["where"],  # type: ignore[arg-type]  # one of the kinds: checked above
                row["split"],  # type: ignore[arg-type]
                literals,
                re.compile(row["pattern"]),
                row["example"],
            )
        )
    return tuple(found)


def glued_cuts(text: str) -> set[int]:
    """Where a heading or an item number is glued to the word before it, in the whole text."""
    cuts = set()
    for anchor in anchors():
        if anchor.where != "glued":
            continue
        for literal in anchor.literals:
            position = text.find(literal)
            while position != -1:
                if position and anchor.pattern.match(text, position):
                    cuts.add(position)
                position = text.find(literal, position + 1)
    if cuts:  # an export that glues headings glues item numbers too
        for anchor in anchors():
            if anchor.where == "glued_too":
                cuts |= {match.start() for match in anchor.pattern.finditer(text)}
    return cuts


# A page of a text copy: the page's number, then the page's text ("3 1. Godkendelse af dagsorden Dok.nr.: ...").
_PAGE_PREFIX = re.compile(r"^(?P<page>\d{1,3})\s+(?=\S)")


def logical_lines(document: Document) -> tuple[Line, ...]:
    """The document's lines (`lines.split_lines`), with glued and flattened lines split where a reader sees a new
    line; pieces keep their offsets and page, and lines are numbered again."""
    lines = split_lines(document)
    glued = glued_cuts(document.text)
    longest = max(map(len, (line.text for line in lines)), default=0)
    pages = copied_pages(lines) if longest >= FLAT_CHARS else set()  # a copy's pages: one at least is long
    if not glued and longest < FLAT_CHARS:
        return lines
    pieces: list[Line] = []
    for line in lines:
        prefix = _PAGE_PREFIX.match(line.text).end() if line.index in pages else 0  # type: ignore[union-attr]
        flat = (len(line.text) >= FLAT_CHARS or line.index in pages) and len(line.text) <= MAX_PAGE_CHARS
        cuts = pieces_of(
            line.text,
            flat=flat and not line.furniture,
            glued=[position - line.start for position in glued if line.start < position < line.end],
            skip=prefix,
        )
        if len(cuts) == 1 and cuts[0] == (0, len(line.text)):
            pieces.append(line._replace(index=len(pieces)))
            continue
        for start, end in cuts:
            text = line.text[start:end]
            pieces.append(
                Line(
                    len(pieces),
                    text,
                    line.start + start,
                    line.start + end,
                    line.page,
                    line.bullet and start == 0,
                    line.furniture,
                )
            )
    return tuple(pieces)


def copied_pages(lines: tuple[Line, ...]) -> set[int]:
    """The lines that are whole pages of a text copy: each starts with its page's number, and the numbers count up
    (1, 2, 3 ...; a page may be missing). Empty unless at least two pages follow each other."""
    found: list[tuple[int, int]] = []
    for line in lines:
        prefix = _PAGE_PREFIX.match(line.text) if len(line.text) > 40 and line.text[0].isdigit() else None
        if prefix is not None:
            page = int(prefix.group("page"))
            if not found or found[-1][1] < page <= found[-1][1] + 3:
                found.append((line.index, page))
    consecutive = any(b[1] == a[1] + 1 for a, b in pairwise(found))
    # Pages are long: a numbered list ("1 Revisionsberetning ...", "2 Endelig behandling ...") is no copy of pages.
    sizes = [len(lines[index].text) for index, _ in found]
    paged = consecutive and max(sizes) >= FLAT_CHARS and sum(sizes) >= _PAGE_CHARS * len(sizes)
    return {index for index, _ in found} if paged else set()


def _cut_at_anchors(text: str, cuts: set[int], dropped: list[tuple[int, int]]) -> None:
    """Adds to `cuts` where the anchors of flattened text (`anchors`, rows `where` = flat) cut a line, and to
    `dropped` the anchors dropped from it; each character is read by the first row that matches it."""
    taken: list[tuple[int, int]] = []
    for anchor in anchors():
        if anchor.where != "flat":
            continue
        for match in anchor.pattern.finditer(text):
            start, end = match.span()
            if any(
                (start < other_end and other_start < end) or start == other_start for other_start, other_end in taken
            ):
                continue  # an earlier row already reads these characters
            taken.append((start, end))
            if anchor.split == "drop":
                dropped.append((start, end))
                cuts |= {start, end}
            elif anchor.split == "around":
                cuts |= {start, end}
            else:
                cuts.add(start)


def pieces_of(text: str, *, flat: bool, glued: list[int] | None = None, skip: int = 0) -> list[tuple[int, int]]:
    """Where the logical lines of one line of text start and end (offsets into `text`, white space trimmed); the
    first `skip` characters (a page's number) are left out."""
    cuts: set[int] = set(glued or ())
    dropped: list[tuple[int, int]] = [(0, skip)] if skip else []
    if skip:
        cuts.add(skip)
    if flat:
        _cut_at_anchors(text, cuts, dropped)
    bounds = sorted({0, len(text), *cuts})
    found = []
    for start, end in pairwise(bounds):
        if any(drop_start <= start and end <= drop_end for drop_start, drop_end in dropped):
            continue
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            found.append((start + lead, start + lead + len(stripped)))
    return found

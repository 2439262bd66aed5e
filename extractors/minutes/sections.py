"""Section headings of agenda items (Sagsfremstilling, Indstilling, Beslutning, ...) and their kinds, and an
item's lines split into its sections.

The vocabulary is data (`data/section_headings.csv`): each row is a full-line pattern and the normalised
kind it stands for. A heading is a whole line; a trailing colon and a trailing "Punkt N" are allowed.

`split_sections` also reads headings that share their line with text, as flattened copies and old layouts
print them: a decision heading followed by its decision ("Beslutning Økonomiudvalget den Godkendt.",
"Beslutning: Godkendt."). (Flattened copies' runs are split into lines before, in `lines`.)
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from referat.extractors.minutes.lines import Line

HEADINGS_FILE = Path(__file__).resolve().parent.parent / "data" / "section_headings.csv"
SECTION_KINDS = (
    "summary",
    "background",
    "case",
    "economy",
    "attachments",
    "authority",
    "recommendation",
    "decision",
    "history",
    "other",
)
# Headings are short; a long line is running text even when it starts with "Beslutning".
MAX_HEADING_CHARS = 140


@dataclass(frozen=True)
class HeadingPattern:
    pattern: re.Pattern[str]
    kind: str
    example: str


@cache
def heading_patterns() -> tuple[HeadingPattern, ...]:
    with HEADINGS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    patterns = []
    for row in rows:
        if row["kind"] not in SECTION_KINDS:
            raise ValueError(f"{HEADINGS_FILE}: unknown section kind {row['kind']!r}")
        full = rf"^(?:{row['pattern']})(\s+punkt\s+\d+)?\s*:?$"
        patterns.append(HeadingPattern(re.compile(full, re.I), row["kind"], row["example"]))
    return tuple(patterns)


@cache
def _combined() -> re.Pattern[str]:
    """All heading patterns as one alternation, each in a group named after its row, tried in file order."""
    parts = [f"(?P<h{n}>{heading.pattern.pattern})" for n, heading in enumerate(heading_patterns())]
    return re.compile("|".join(parts), re.I)


@lru_cache(maxsize=1 << 16)
def section_kind(line: str) -> str | None:
    """The kind of section a line heads, or None when it is not a section heading."""
    if len(line) > MAX_HEADING_CHARS or not line[:1].isalnum():
        return None
    match = _combined().match(" ".join(line.split()))
    if match is None or match.lastgroup is None:
        return None
    return heading_patterns()[int(match.lastgroup[1:])].kind


# A decision heading with its decision on the same line: the heading ends at a colon ("Beslutning: Godkendt."),
# or, for a body's decision, at "den" and the date, which a flattened copy may have lost ("Beslutning
# Økonomiudvalget den Godkendt.").
_INLINE_COLON = re.compile(r"^(?P<heading>[^:]{3,140}?)\s*:\s+(?P<rest>\S.*)$", re.S)
_INLINE_DATED = re.compile(
    r"^(?P<heading>beslutning\s+(?:(?:i|fra)\s+)?\S.{1,80}?\s+den"
    r"(?:\s+\d{1,2}(?:[./-]\d{1,2}[./-]\d{2,4}|\.?\s+[a-zæøå]+\.?\s+\d{4}))?)\s*:?\s+(?P<rest>\S.*)$",
    re.I | re.S,
)
# How the decision headings that may share their line begin (the vocabulary's decision rows that start with a
# fixed word), as printed; a line that begins otherwise is not tried (one `startswith` decides most lines).
_INLINE_STARTS = tuple(
    form
    for word in ("beslutning", "vedtagelse", "afgørelse", "offentlig beslutning")
    for form in (word, word.capitalize(), word.upper())
)


@dataclass
class SectionLines:
    """One section of an item while the item is read: its heading line (None for the lines before the first
    heading), its kind, and its lines."""

    heading: Line | None
    kind: str
    lines: list[Line]


def split_sections(lines: Iterable[Line]) -> list[SectionLines]:
    """An item's lines as sections: each heading starts one; the lines before the first are an untitled one."""
    sections = [SectionLines(None, "other", [])]
    for line in lines:
        kind = section_kind(line.text)
        if kind is not None:
            sections.append(SectionLines(line, kind, []))
            continue
        shared = inline_decision(line) if line.text.startswith(_INLINE_STARTS) else None
        if shared is None:
            sections[-1].lines.append(line)
        else:
            sections.append(SectionLines(shared[0], "decision", [shared[1]]))
    if not sections[0].lines:
        sections.pop(0)
    return sections


def inline_decision(line: Line) -> tuple[Line, Line] | None:
    """A decision heading and its decision on one line, as (heading, decision) lines with their own offsets."""
    text = line.text
    if not text.startswith(_INLINE_STARTS):
        return None
    for pattern in (_INLINE_DATED, _INLINE_COLON):
        match = pattern.match(text)
        if match is not None and section_kind(match.group("heading")) == "decision":
            return _part(line, 0, match.end("heading")), _part(line, match.start("rest"), len(text))
    return None


def _part(line: Line, start: int, end: int) -> Line:
    """The characters start:end of a line's text as a line of their own (offsets kept exact)."""
    return line._replace(text=line.text[start:end], start=line.start + start, end=line.start + end)

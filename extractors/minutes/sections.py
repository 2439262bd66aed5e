"""Section headings of agenda items (Sagsfremstilling, Indstilling, Beslutning, ...) and their kinds.

The vocabulary is data (`data/section_headings.csv`): each row is a full-line pattern and the normalised
kind it stands for. A heading is a whole line; a trailing colon and a trailing "Punkt N" are allowed.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HEADINGS_FILE = Path(__file__).resolve().parent.parent / "data" / "section_headings.csv"
SECTION_KINDS = (
    "summary", "background", "case", "economy", "attachments", "authority", "recommendation", "decision",
    "history", "other",
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


def section_kind(line: str) -> str | None:
    """The kind of section a line heads, or None when it is not a section heading."""
    if len(line) > MAX_HEADING_CHARS:
        return None
    text = " ".join(line.split())
    for heading in heading_patterns():
        if heading.pattern.match(text):
            return heading.kind
    return None

"""Section headings of agenda items (Sagsfremstilling, Indstilling, Beslutning, ...) and their kinds.

The vocabulary is data (`data/section_headings.csv`): each row is a full-line pattern and the normalised
kind it stands for. A heading is a whole line; a trailing colon and a trailing "Punkt N" are allowed.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
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

"""Journal and case numbers (sagsnumre) printed for an agenda item, and the KLE number inside them.

An item's case number stands in the first lines after its heading, labelled ("Sagsnr.: 2012-28504",
"Sagsnummer: 00.22.00-3584-18", "Sag: EMN-2025-003383", Odense's "Åbent - 00.22.00-G01-1-16") or bare (a KLE
journal number "24.00.00-G01-4-25", Gentofte's "018520-2013" alone on its line). The shapes live in
`data/case_number_patterns.csv`: each row is a label regex, a value regex and an example; rows of kind `skip`
mark numbers that look alike but are not case numbers (document numbers, "Dok.nr.: 2012-202935").

A KLE number is the classification a journal number starts with: "24.00.00" (main group, group, subject),
optionally followed by a handling facet ("G01", "P35"). `split_kle` takes them apart.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Literal

from referat.extractors.prefilter import Prefiltered, fold

PATTERNS_FILE = Path(__file__).resolve().parent.parent / "data" / "case_number_patterns.csv"
# An item's case number is printed just below its heading, after at most a running page header.
WINDOW_LINES = 12
WINDOW_CHARS = 2000

# A KLE number: "24.00.00" (main group, group, subject) or, in older journals, "00.01" (main group and group); a
# handling facet after it ("-G01", or " P27" as Spøttrup's journal printed it).
_KLE = re.compile(r"(?P<number>\d{2}\.\d{2}(?:\.\d{2})?)(?:[- ](?P<facet>[A-ZÆØÅ]\d{2}))?(?![\d.])")
_NON_BLANK_LINE = re.compile(r"[^\S\n]*\S[^\n]*")
# Every case-number shape holds a digit (tested for each row of the file), so text without one has none.
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class CaseNumber:
    """A case number as printed (`text`), its KLE number and facet when it has them, and its offsets."""

    text: str
    kle_number: str | None
    kle_facet: str | None
    start: int
    end: int


@dataclass(frozen=True)
class CaseNumberPattern:
    """One row of the patterns file: `kind` is `case` (a case number) or `skip` (a look-alike to ignore)."""

    name: str
    kind: Literal["case", "skip"]
    pattern: re.Pattern[str]
    example: str

    @classmethod
    def from_row(cls, row: dict[str, str]) -> CaseNumberPattern:
        kind = row["kind"]
        if kind not in ("case", "skip"):
            raise ValueError(f"case number pattern {row['name']!r}: kind must be 'case' or 'skip', not {kind!r}")
        pattern = re.compile(f"(?:{row['label']})(?P<value>{row['value']})")
        return cls(row["name"], "case" if kind == "case" else "skip", pattern, row["example"])

    @cached_property
    def prefiltered(self) -> Prefiltered:
        """The pattern with the literal text it needs, to skip lines that cannot match."""
        return Prefiltered.of(self.pattern)


@cache
def load_patterns(path: Path = PATTERNS_FILE) -> tuple[CaseNumberPattern, ...]:
    """The case number shapes, in the file's order (earlier rows win a tie at the same offset)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(CaseNumberPattern.from_row(row) for row in csv.DictReader(handle))


def split_kle(case_number: str) -> tuple[str | None, str | None]:
    """The KLE number and facet a journal number starts with: ("24.00.00", "G01") for "24.00.00-G01-4-25"."""
    match = _KLE.match(case_number.strip())
    if match is None:
        return None, None
    return match["number"], match["facet"]


def _window_end(text: str) -> int:
    """Where the first `WINDOW_LINES` non-blank lines end (at most `WINDOW_CHARS` characters in)."""
    end = 0
    for count, line in enumerate(_NON_BLANK_LINE.finditer(text, 0, WINDOW_CHARS), start=1):
        end = line.end()
        if count == WINDOW_LINES:
            break
    return end


# The labels a journal number is printed after, as a line starts with them ("Sagsnr.: 14/12601", "J.nr." alone
# above its value); the patterns of `data/case_number_patterns.csv` read the same labels with their values.
CASE_LABEL = r"(?:sagsnr|sags\.?\s?nr|sagsnummer|sagsid|journalnr|journal\s?nr|journalnummer|j\.\s?nr)"


# The item parser asks about the same few lines under each heading candidate several times.
@lru_cache(maxsize=4096)
def find_case_number(text: str) -> CaseNumber | None:
    """The case number printed at the start of `text` (an item's text after its heading), or None.

    Only the first lines are read: a number further down belongs to something else (an attachment, another
    case quoted in the history). Of several candidates the first one printed wins.
    """
    window = text[: _window_end(text)]
    if not _DIGIT.search(window):
        return None
    folded = fold(window)
    patterns = load_patterns()
    skipped = [
        match.span("value")
        for row in patterns
        if row.kind == "skip"
        for match in row.prefiltered.finditer(window, folded)
    ]
    best: tuple[int, int, re.Match[str]] | None = None
    for order, row in enumerate(patterns):
        if row.kind != "case":
            continue
        for match in row.prefiltered.finditer(window, folded):
            start, end = match.span("value")
            if any(start < skip_end and skip_start < end for skip_start, skip_end in skipped):
                continue
            if best is None or (start, order) < best[:2]:
                best = (start, order, match)
            break
    if best is None:
        return None
    value = best[2]["value"]
    kle_number, kle_facet = split_kle(value)
    return CaseNumber(value, kle_number, kle_facet, best[2].start("value"), best[2].end("value"))

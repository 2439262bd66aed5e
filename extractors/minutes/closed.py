"""Closed items (lukkede punkter): which characters of a document the public may not see.

The internal version of a meeting prints the full text of its closed items (personnel cases, land sales, named
citizens); the public database must show their number and title only. The parser decides here, once, which
character spans are closed, and `blank` turns them into spaces: every later stage (sections, decisions,
entities, figures, links, full-text search, the stored `documents.text`) reads the blanked text, so nothing can
be made from a closed body, while every other fact's offsets stay valid.

Two forms mark closed text, each a general shape:
- a closed item's heading ("Punkt 5: Lukket punkt: Personalesag", "(Lukket) 12 Salg af grund", a contents
  entry under "Lukket dagsorden"): its heading lines stay, its body to the next item is closed;
- a closed part ("Lukket dagsorden", "Lukket referat", "Lukkede punkter" on a line of its own): closed up to the
  next open part ("Åben dagsorden") or the end of the document, item headings inside it aside.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from referat.extractors.minutes.contents import Contents, lines_outside
from referat.extractors.minutes.lines import Line

# Where a closed part ("Lukket referat") or an open part ("Åben dagsorden") begins, on a line of its own.
REGION = re.compile(
    r"^(?:(?P<closed>lukket|lukkede)|åben|åbent|åbne)\s+(?:dagsorden|referat|punkter|møde|sager|del)\s*:?$",
    re.I,
)
_NOT_BLANKED = re.compile(r"[^\n\f]")
# A closed or open state printed with an item's title: before it ("Lukket punkt: Personalesag", "Fortroligt -
# ...", "(Åben) Godkendelse af dagsorden") or after it in brackets ("Spørgetid (Åben sag)", "Køb og salg (Lukket
# punkt)").
_STATE_BEFORE = re.compile(
    r"^(?:(?:(?P<closed>lukket(?: punkt| sag)?|fortroligt)|åben sag|åbent punkt)\s*[:\-–]\s*"
    r"|\((?:(?P<closed_bracket>lukket|fortroligt)|åben|åbent)(?: punkt| sag)?\)\s+)",
    re.I,
)
_STATE_AFTER = re.compile(r"\s*\((?:(?P<closed>lukket|fortroligt)|åben|åbent)(?: punkt| sag)?\)\s*$", re.I)
# The state on a line of its own beside a heading ("Lukket sag:", "Åben sag").
STATE_LINE = re.compile(r"^(?:(?P<closed>lukket|fortroligt)|åben|åbent)(?: punkt| sag)?\s*:?$", re.I)

Span = tuple[int, int]


def closed_regions(lines: tuple[Line, ...], contents: Contents | None) -> tuple[tuple[int, int], ...]:
    """Line ranges (first line, end line exclusive) of the closed parts: from a "Lukket dagsorden" line to the
    next open part or the end. The contents page's own sub-headings are not parts of the document."""
    regions: list[tuple[int, int]] = []
    start: int | None = None
    for line in lines_outside(lines, contents):
        if line.furniture:
            continue
        region = REGION.match(line.text)
        if region is None:
            continue
        if region.group("closed"):
            if start is None:
                start = line.index
        elif start is not None:
            regions.append((start, line.index))
            start = None
    if start is not None:
        regions.append((start, len(lines)))
    return tuple(regions)


def title_state(title: str) -> tuple[str, bool | None]:
    """A heading's title without a printed state, and the state: True closed, False open, None not printed."""
    for form in (_STATE_BEFORE, _STATE_AFTER):
        match = form.search(title)
        if match is not None:
            closed = match.group("closed") is not None or match.groupdict().get("closed_bracket") is not None
            return title[: match.start()] + title[match.end() :], closed
    return title, None


def in_regions(index: int, regions: Sequence[tuple[int, int]]) -> bool:
    return any(first <= index < end for first, end in regions)


def closed_spans(
    lines: tuple[Line, ...],
    text_length: int,
    regions: Iterable[tuple[int, int]],
    closed_items: Iterable[tuple[int, int]],
    public_lines: Iterable[tuple[int, int]],
) -> tuple[Span, ...]:
    """Character spans to blank: the closed parts (from the end of their "Lukket ..." line) and the closed items'
    line ranges, less the lines that stay public (closed items' headings). Ranges are (first line, end line
    exclusive); the spans returned are sorted and do not overlap."""
    closed: list[Span] = []
    for first, end in regions:
        closed.append((lines[first].end, _start_of(lines, end, text_length)))
    for first, end in closed_items:
        if end > first:
            closed.append((lines[first].start, lines[end - 1].end))
    keep = sorted((lines[first].start, lines[end - 1].end) for first, end in public_lines if end > first)
    return tuple(_subtract(_merge(closed), keep))


def blank(text: str, spans: Iterable[Span]) -> str:
    """`text` with every character of `spans` but line and page breaks turned into a space: the same length, so
    offsets into it stay offsets into the document."""
    parts: list[str] = []
    position = 0
    for start, end in spans:
        parts += [text[position:start], _NOT_BLANKED.sub(" ", text[start:end])]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _start_of(lines: tuple[Line, ...], index: int, text_length: int) -> int:
    return lines[index].start if index < len(lines) else text_length


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _subtract(spans: list[Span], keep: list[Span]) -> list[Span]:
    """`spans` without the characters of `keep` (both sorted)."""
    result: list[Span] = []
    for start, end in spans:
        for keep_start, keep_end in keep:
            if keep_end <= start or keep_start >= end:
                continue
            if keep_start > start:
                result.append((start, keep_start))
            start = max(start, keep_end)
        if start < end:
            result.append((start, end))
    return result

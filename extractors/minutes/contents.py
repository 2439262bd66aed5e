"""The contents page (Indholdsfortegnelse, PUNKTER) of minutes and agendas: its entries, numbered and titled.

Contents entries are never items themselves; the parser checks the items it finds against them, takes
wrapped titles from them, and, for a truncated document, keeps the entries the body no longer shows.
Handles dot leaders with page numbers, "N. Title page", numbers on lines of their own, wrapped titles and
"Lukket dagsorden" sub-headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.minutes.dates import find_dates
from extractors.minutes.lines import Line, collapse

_HEADING = re.compile(r"^(indholdsfortegnelse|indhold|punkter|dagsordenspunkter|oversigt over punkter)\s*:?$", re.I)
_LEADER = re.compile(r"(\s*\.){3,}\s*(?P<page>\d{1,3})?\s*$|\t+\s*(?P<tabpage>\d{1,3})\s*$")
_NUMBERED = re.compile(r"^(?:punkt\s+|pkt\.\s*)?(?P<number>\d{1,4})\.?\s+(?P<title>\S.*)$", re.I)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_TRAILING_PAGE = re.compile(r"\s+(?P<page>\d{1,3})$")
_SUBHEADING = re.compile(r"^(åben|åbent|åbne|lukket|lukkede)\s+(dagsorden|referat|punkter|møde|sager)\s*:?$", re.I)
_CLOSED = re.compile(r"^(lukket|lukkede)\b", re.I)
# A contents page longer than this is not a contents page.
_MAX_LINES = 250


@dataclass(frozen=True)
class ContentsEntry:
    number: str | None
    title: str
    closed: bool
    line: int


@dataclass(frozen=True)
class Contents:
    """Entries of a contents page; `first`/`end` are line indexes (end exclusive) of the whole page."""

    first: int
    end: int
    entries: tuple[ContentsEntry, ...]

    def covers(self, line_index: int) -> bool:
        return self.first <= line_index < self.end


def lines_outside(lines: tuple[Line, ...], contents: Contents | None, end: int | None = None) -> list[Line]:
    """The lines before `end` (a line index; all lines when None) that are not on the contents page, in order."""
    # A line's index is its position in `lines`, so these are two slices: no test of every line.
    if contents is None:
        return list(lines[:end])
    stop = len(lines) if end is None else end
    return [*lines[:min(contents.first, stop)], *lines[contents.end:stop]]


def find_contents(lines: tuple[Line, ...], is_item_heading: re.Pattern[str]) -> Contents | None:
    """The contents page, if the document has one that lists at least two entries."""
    for position, line in enumerate(lines):
        if line.furniture or not _HEADING.match(line.text):
            continue
        region = _region(lines, position + 1, is_item_heading)
        entries = _entries(region)
        if len(entries) >= 2 and not _looks_like_body(lines, region):
            end = region[-1].index + 1 if region else position + 1
            return Contents(line.index, end, entries)
    return None


def _region(lines: tuple[Line, ...], start: int, is_item_heading: re.Pattern[str]) -> list[Line]:
    region: list[Line] = []
    first_title: str | None = None
    for line in lines[start:start + _MAX_LINES]:
        if line.furniture:
            continue
        if is_item_heading.match(line.text) and region:
            break
        title = _entry_title(line.text)
        if first_title is not None and title and _same_title(title, first_title):
            break  # the body starts by repeating the first entry
        if (first_title is None and title and not _SUBHEADING.match(line.text) and not _is_date_line(line.text)
                and not _BARE_NUMBER.match(line.text)):
            first_title = title
        region.append(line)
    return region


def _is_date_line(text: str) -> bool:
    """A line that dates the meeting ("den 10. juni 2013", "Møde i X den ...") rather than an entry."""
    return bool(find_dates(text)) and (len(text) < 40 or text.casefold().startswith(("møde", "den ", "dato")))


def _entry_title(text: str) -> str:
    leader = _LEADER.search(text)
    if leader:
        text = text[:leader.start()]
    numbered = _NUMBERED.match(text)
    if numbered:
        text = numbered.group("title")
    return collapse(text)


def _same_title(a: str, b: str) -> bool:
    a, b = _TRAILING_PAGE.sub("", a).casefold(), _TRAILING_PAGE.sub("", b).casefold()
    return a == b or (min(len(a), len(b)) >= 12 and (a.startswith(b) or b.startswith(a)))


def _looks_like_body(lines: tuple[Line, ...], region: list[Line]) -> bool:
    """A 'contents' heading followed by the first item itself (a web page's anchor list) is no contents page."""
    from extractors.minutes.case_numbers import find_case_number
    from extractors.minutes.sections import section_kind

    if not region:
        return True
    for line in region[:6]:
        if section_kind(line.text) not in (None, "other") or (find_case_number(line.text) and ":" in line.text):
            return True
    return False


def _entries(region: list[Line]) -> tuple[ContentsEntry, ...]:
    raw: list[list[object]] = []  # [number, title, closed, line index]
    pending_number: str | None = None
    closed = False
    trailing_pages = sum(1 for line in region if _TRAILING_PAGE.search(line.text) or _LEADER.search(line.text))
    strip_pages = trailing_pages >= max(2, len(region) // 3)
    for line in region:
        text = line.text
        if _SUBHEADING.match(text):
            closed = bool(_CLOSED.match(text))
            if len(raw) <= 2 and all(entry[0] is None for entry in raw):
                raw.clear()  # the committee's name and the like, above "Åben dagsorden"
            continue
        if _BARE_NUMBER.match(text):
            pending_number = text
            continue
        if _is_date_line(text) and not _NUMBERED.match(text):
            continue  # "den 10. juni 2013" under the contents heading, "Møde i ... den ..." above the body
        leader = _LEADER.search(text)
        if leader:
            text = text[:leader.start()]
        elif strip_pages:
            text = _TRAILING_PAGE.sub("", text)
        text = collapse(text)
        if not text:
            continue
        numbered = _NUMBERED.match(text)
        if numbered:
            raw.append([numbered.group("number"), numbered.group("title"), closed, line.index])
        elif text[:1].islower() and raw:
            raw[-1][1] = f"{raw[-1][1]} {text}"
        elif text[:1].isupper() or text[:1].isdigit():
            raw.append([pending_number, text, closed, line.index])
        pending_number = None
    return _numbered(raw)


def _numbered(raw: list[list[object]]) -> tuple[ContentsEntry, ...]:
    """Fill in missing numbers when the printed ones agree with the entries' positions."""
    offsets = {int(str(number)) - position for position, (number, *_rest) in enumerate(raw) if number is not None}
    offset = offsets.pop() if len(offsets) == 1 else (1 if not offsets else None)
    entries = []
    for position, (number, title, closed, line) in enumerate(raw):
        if number is None and offset is not None:
            number = str(position + offset)
        entries.append(ContentsEntry(str(number) if number is not None else None, collapse(str(title)),
                                     bool(closed), int(str(line))))
    return tuple(entries)

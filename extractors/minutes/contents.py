"""The contents page (Indholdsfortegnelse, PUNKTER) of minutes and agendas: its entries, numbered and titled.

Contents entries are never items themselves; the parser checks the items it finds against them, takes
wrapped titles from them, and, for a truncated document, keeps the entries the body no longer shows.
Handles dot leaders with page numbers, "N. Title page", numbers on lines of their own, wrapped titles and
"Lukket dagsorden" sub-headings.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from referat.extractors.language.dates import find_dates
from referat.extractors.language.normalise import collapse
from referat.extractors.minutes.lines import Line
from referat.extractors.minutes.runon import MIN_RUN, split_run

HEADINGS_FILE = Path(__file__).resolve().parent.parent / "data" / "contents_headings.csv"
_LEADER = re.compile(r"(\s*\.){3,}\s*(?P<page>\d{1,3})?\s*$|\t+\s*(?P<tabpage>\d{1,3})\s*$")
# An entry's number: "3", "03.", "Punkt 3", and a yearly running number with the item's own ("49 /1", "49/1").
NUMBER = r"\d{1,4}(?:\s?/\s?\d{1,4})?"
_NUMBERED = re.compile(rf"^(?:punkt\s+|pkt\.\s*)?(?P<number>{NUMBER})\.?\s+(?P<title>\S.*)$", re.I)
_BARE_NUMBER = re.compile(rf"^(?P<number>{NUMBER})\.?$")
_TRAILING_PAGE = re.compile(r"\s+(?P<page>\d{1,3})$")
_SUBHEADING = re.compile(r"^(åben|åbent|åbne|lukket|lukkede)\s+(dagsorden|referat|punkter|møde|sager|sag)\s*:?$", re.I)
# Column labels under a contents heading ("Side", "Pkt. Tekst Side").
_COLUMN_LABELS = re.compile(r"^(?:side|(?:pkt\.?|punkt|sag nr\.?)(?:\s+(?:tekst|titel|emne))?(?:\s+side)?)$", re.I)
_CLOSED = re.compile(r"^(lukket|lukkede)\b", re.I)
# An entry this long is no title but a flattened list of them.
_RUN_CHARS = 250
# A contents page longer than this is not a contents page.
_MAX_LINES = 250


@dataclass(frozen=True)
class ContentsEntry:
    number: str | None
    title: str
    closed: bool
    line: int
    printed_number: bool = True  # False: numbered by its position among numbered entries


def number_value(number: str) -> int:
    """An item number's order: "49/1" (a yearly running number and the item's own) orders by its first part."""
    return int(_LEADING_DIGITS.match(number).group())  # type: ignore[union-attr]


def clean_number(number: str) -> str:
    """An item number as stored: "49 /1" is "49/1"."""
    return "".join(number.split())


_LEADING_DIGITS = re.compile(r"\d+")


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
    return [*lines[: min(contents.first, stop)], *lines[contents.end : stop]]


@dataclass(frozen=True)
class ContentsHeading:
    """A form of a contents page's heading; `numbered_only`: the heading word is also a document's title
    ("Dagsorden"), so its entries must be numbered to make a contents page."""

    pattern: re.Pattern[str]
    numbered_only: bool
    example: str


@cache
def _any_contents_heading() -> re.Pattern[str]:
    """Whether a line starts with any heading's words: one test per line before the forms are tried in turn."""
    with HEADINGS_FILE.open(encoding="utf-8", newline="") as handle:
        return re.compile("^(?:" + "|".join(f"(?:{row['pattern']})" for row in csv.DictReader(handle)) + ")", re.I)


@cache
def contents_headings() -> tuple[ContentsHeading, ...]:
    """The heading forms; a heading may be followed by column labels ("Indholdsfortegnelse Pkt. Tekst Side")."""
    columns = r"(?:\s+(?:sag nr\.?|pkt\.?|punkt|tekst|titel|side))*"
    with HEADINGS_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            ContentsHeading(
                re.compile(rf"^(?:{row['pattern']}){columns}\s*:?(?=\s|$)", re.I),
                row["numbered_only"] == "1",
                row["example"],
            )
            for row in csv.DictReader(handle)
        )


def _entries_of_run(text: str, line: Line, closed: bool = False) -> tuple[ContentsEntry, ...]:
    """The entries of a contents list flattened onto one line (under a closed part when `closed`)."""
    from referat.extractors.minutes.closed import title_state  # closed reads contents pages too

    entries = []
    for entry in split_run(text):
        bare, state = title_state(entry.title)
        entries.append(
            ContentsEntry(
                clean_number(entry.number) if entry.number else None,
                collapse(bare),
                bool(state) or entry.closed or closed,
                line.index,
                entry.number is not None,
            )
        )
    return tuple(entries)


def contents_heading(text: str) -> tuple[ContentsHeading, str] | None:
    """The contents heading a line starts with, and what follows it on the line (a flattened list, or nothing)."""
    if not text[:1].isalpha() or not _any_contents_heading().match(text):
        return None
    for heading in contents_headings():
        match = heading.pattern.match(text)
        if match is not None:
            rest = text[match.end() :].strip()
            if rest.isupper():
                rest = ""  # a group heading under it ("PUNKTER VEDR. VESTHIMMERLANDS KOMMUNE")
            if not rest or len(rest) >= MIN_RUN:
                return heading, rest
    return None


def find_contents(lines: tuple[Line, ...], is_item_heading: re.Pattern[str]) -> Contents | None:
    """The contents page, if the document has one that lists at least two entries."""
    for position, line in enumerate(lines):
        found = None if line.furniture else contents_heading(line.text)
        if found is None:
            continue
        heading, rest = found
        if rest:  # the list flattened onto the heading's line
            entries = _entries_of_run(rest, line)
            if len(entries) >= 2:
                return Contents(line.index, line.index + 1, entries)
            continue
        region = _region(lines, position + 1, is_item_heading)
        entries, last_line = _entries(region)
        numbered = sum(1 for entry in entries if entry.printed_number)
        if (
            len(entries) >= 2
            and not _looks_like_body(lines, region)
            and (not heading.numbered_only or numbered >= max(2, len(entries) * 2 // 3))
        ):
            # Up to the last entry's last line, and the page numbers' column printed after the entries.
            end = last_line + 1
            while end < len(lines) and (
                lines[end].furniture
                or _BARE_NUMBER.match(lines[end].text)
                or _COLUMN_LABELS.match(lines[end].text)
                or _SUBHEADING.match(lines[end].text)
            ):
                end += 1
            return Contents(line.index, end, entries)
    return None


def _region(lines: tuple[Line, ...], start: int, is_item_heading: re.Pattern[str]) -> list[Line]:
    region: list[Line] = []
    titles: list[str] = []
    last_number: int | None = None
    for line in lines[start : start + _MAX_LINES]:
        if line.furniture:
            continue
        if is_item_heading.match(line.text) and region:
            break
        title = _entry_title(line.text)
        numbered = _NUMBERED.match(line.text) or _BARE_NUMBER.match(line.text)
        number = number_value(numbered.group("number")) if numbered else None
        in_sequence = number is not None and last_number is not None and number == last_number + 1
        starts_entry = bool(title) and not title[:1].islower()  # a lower-case line goes on with the title above
        if starts_entry and not in_sequence and any(_same_title(title, seen) for seen in titles):
            break  # the body starts by repeating an entry (not a later entry of the same title: "Meddelelser")
        if number is not None:
            last_number = number
        if (
            starts_entry
            and not _SUBHEADING.match(line.text)
            and not _is_date_line(line.text)
            and not _BARE_NUMBER.match(line.text)
            and not _COLUMN_LABELS.match(line.text)
        ):
            titles.append(title)
        region.append(line)
    return region


def _is_date_line(text: str) -> bool:
    """A line that dates the meeting ("den 10. juni 2013", "Møde i X den ...") rather than an entry."""
    return bool(find_dates(text)) and (len(text) < 40 or text.casefold().startswith(("møde", "den ", "dato")))


def _entry_title(text: str) -> str:
    from referat.extractors.minutes.closed import title_state  # closed reads contents pages too

    leader = _LEADER.search(text)
    if leader:
        text = text[: leader.start()]
    numbered = _NUMBERED.match(text)
    if numbered:
        text = numbered.group("title")
    return collapse(title_state(text)[0])


def _same_title(a: str, b: str) -> bool:
    a, b = _TRAILING_PAGE.sub("", a).casefold(), _TRAILING_PAGE.sub("", b).casefold()
    return a == b or (min(len(a), len(b)) >= 12 and (a.startswith(b) or b.startswith(a)))


def _looks_like_body(lines: tuple[Line, ...], region: list[Line]) -> bool:
    """A 'contents' heading followed by the first item itself (a web page's anchor list) is no contents page."""
    from referat.extractors.minutes.case_numbers import find_case_number
    from referat.extractors.minutes.sections import section_kind

    if not region:
        return True
    for line in region[:6]:
        if section_kind(line.text) not in (None, "other") or (find_case_number(line.text) and ":" in line.text):
            return True
    return False


def _entries(region: list[Line]) -> tuple[tuple[ContentsEntry, ...], int]:
    """The entries of a contents region, and the index of the last line they take."""
    raw: list[list[object]] = []  # [number, title, closed, line index, complete, last line index]
    pending_number: str | None = None
    closed = False
    trailing_pages = sum(1 for line in region if _TRAILING_PAGE.search(line.text) or _LEADER.search(line.text))
    strip_pages = trailing_pages >= max(2, len(region) // 3)
    leaders = sum(1 for line in region if _LEADER.search(line.text)) >= 2
    for position, line in enumerate(region):
        text = line.text
        if _SUBHEADING.match(text):
            closed = bool(_CLOSED.match(text))
            if len(raw) <= 2 and all(entry[0] is None for entry in raw):
                raw.clear()  # the committee's name and the like, above "Åben dagsorden"
            continue
        bare = _BARE_NUMBER.match(text)
        if bare:
            pending_number = _number_above_title(region, position, bare)
            continue
        if _no_entry(text):
            continue
        text, leader = _without_page(text, strip_pages)
        if not text:
            continue
        numbered = _NUMBERED.match(text) if pending_number is None else None
        # A title that wraps onto the next line: in lowercase, or (where titles end in a page leader) any line
        # after a title whose leader has not come yet.
        wraps = (
            raw and pending_number is None and numbered is None and (text[:1].islower() or (leaders and not raw[-1][4]))
        )
        if numbered:
            raw.append(
                [
                    clean_number(numbered.group("number")),
                    numbered.group("title"),
                    closed,
                    line.index,
                    leader or not leaders,
                    line.index,
                ]
            )
        elif wraps:
            raw[-1][1] = f"{raw[-1][1]} {text}"
            raw[-1][4] = leader or not leaders
            raw[-1][5] = line.index
        elif text[:1].isupper() or text[:1].isdigit():
            raw.append([pending_number, text, closed, line.index, leader or not leaders, line.index])
        pending_number = None
    kept = _without_tail(raw)
    entries = _with_runs_read(_numbered(kept), region)
    return entries, int(str(kept[-1][5])) if kept else (region[-1].index if region else -1)


def _no_entry(text: str) -> bool:
    """Column labels ("Pkt. Tekst Side") and dates ("den 10. juni 2013" under the contents heading, "Møde i ...
    den ..." above the body) of a contents region."""
    return bool(_COLUMN_LABELS.match(text)) or (_is_date_line(text) and not _NUMBERED.match(text))


def _number_above_title(region: list[Line], position: int, bare: re.Match[str]) -> str | None:
    """The number on a line of its own: the entry's below it, None in a column of numbers (the entries' pages)."""
    following = region[position + 1].text if position + 1 < len(region) else ""
    preceding = region[position - 1].text if position else ""
    in_column = bool(_BARE_NUMBER.match(following) or _BARE_NUMBER.match(preceding))
    return None if in_column else clean_number(bare.group("number"))


def _without_page(text: str, strip_pages: bool) -> tuple[str, bool]:
    """A contents line's title without its page number (after a leader "....", or trailing where the region's
    lines end in one), white space collapsed; and whether the line had a leader."""
    leader = _LEADER.search(text)
    if leader:
        text = text[: leader.start()]
    elif strip_pages:
        text = _TRAILING_PAGE.sub("", text)
    return collapse(text), bool(leader)


def _with_runs_read(entries: tuple[ContentsEntry, ...], region: list[Line]) -> tuple[ContentsEntry, ...]:
    """The entries, an entry that is a list flattened onto the line under its heading read as that list's."""
    if not any(len(entry.title) >= _RUN_CHARS for entry in entries):
        return entries
    line_of = {line.index: line for line in region}
    expanded: list[ContentsEntry] = []
    for entry in entries:
        if len(entry.title) < _RUN_CHARS:
            expanded.append(entry)
            continue
        printed = f"{entry.number}. {entry.title}" if entry.number and entry.printed_number else entry.title
        expanded += _entries_of_run(printed, line_of[entry.line], entry.closed)
    return tuple(expanded)


def _without_tail(raw: list[list[object]]) -> list[list[object]]:
    """A numbered list ends with its last entry in sequence: what follows (the page numbers' column, the next
    page's running header) is not an entry."""
    numbers = [number_value(str(entry[0])) if entry[0] is not None else None for entry in raw]
    if sum(number is not None for number in numbers) < max(2, len(raw) * 2 // 3):
        return raw
    last = 0
    for position in range(1, len(raw)):
        previous = next((n for n in reversed(numbers[:position]) if n is not None), None)
        if numbers[position] is not None and previous is not None and numbers[position] == previous + 1:
            last = position
    return raw[: last + 1]


def _numbered(raw: list[list[object]]) -> tuple[ContentsEntry, ...]:
    """Fill in missing numbers when the printed ones agree with the entries' positions."""
    offsets = {
        number_value(str(number)) - position for position, (number, *_rest) in enumerate(raw) if number is not None
    }
    offset = offsets.pop() if len(offsets) == 1 else (1 if not offsets else None)
    entries = []
    from referat.extractors.minutes.closed import title_state  # closed reads contents pages too

    for position, (number, title, closed, line, _complete, _last) in enumerate(raw):
        printed = number is not None
        if number is None and offset is not None:
            number = str(position + offset)
        bare, state = title_state(collapse(str(title)))
        entries.append(
            ContentsEntry(
                str(number) if number is not None else None,
                bare.strip(),
                bool(closed) or bool(state),
                int(str(line)),
                printed,
            )
        )
    return tuple(entries)

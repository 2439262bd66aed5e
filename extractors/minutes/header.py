"""The meeting's header: committee, date, start time, location and the participant list.

Labels are data (`data/meeting_header.csv`); a label may share its line with the value ("Mødested X") or
stand alone above it (web pages: "STED" / "Kanalstræde 2"). Where the header names no committee, the
decision headings in the body ("<Udvalg>s beslutning den ...") do.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from referat.extractors.language.dates import find_dates, find_time, parse_date
from referat.extractors.language.normalise import collapse
from referat.extractors.minutes import attendance
from referat.extractors.minutes.lines import Line
from referat.extractors.minutes.sections import section_kind

HEADER_FILE = Path(__file__).resolve().parent.parent / "data" / "meeting_header.csv"
_PARTICIPANT_HEADING = re.compile(
    r"^(mødedeltagere|deltagere|tilstede|til stede|medlemmer|afbud\s*/\s*fraværende|fraværende|afbud|sekretær"
    r"|fremmøde( og inhabilitet)?|ikke til stede|deltog ikke|mødeleder|referent)\b\s*:?"
    r"|^(indkaldte|indkaldelse)\s*:?\s*$",  # the members called to the meeting, one a line below
    re.I,
)
_BLOCK_END = re.compile(
    r"^(åben|åbent|lukket|indholdsfortegnelse|indhold|punkter|dagsorden|sager \d+\s*-\s*\d+|fold alle ud"
    r"|mødet (blev )?(hævet|sluttede)|bemærkninger til dagsordenen)\b",
    re.I,
)
_BODY_WORDS = re.compile(
    r"(udvalg(et)?|kommunalbestyrelse(n)?|byrådet|byråd|borgerrepræsentationen|regionsrådet|magistraten"
    r"|lokaludvalg(et)?|bestyrelse(n)?|rådet|direktionen|plenum)$",
    re.I,
)
_WRAPPED = re.compile(r"(\bog|\beller|,|-)$")
_ATTENDEE_LINE = re.compile(r"\)\s*-\s*(deltog|afbud|fraværende)\s*$", re.I)
_WEEKDAY = re.compile(r"\b(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\b", re.I)
_ABBREVIATIONS = {"kb": "Kommunalbestyrelsen", "øu": "Økonomiudvalget", "br": "Borgerrepræsentationen"}
_VENUE = re.compile(
    r"(rådhus|mødecenter|lokale|mødesal|byrådssal|udvalgsværelse|salen\b|regionshuset|mødelokale)", re.I
)


@dataclass(frozen=True)
class Header:
    committee: str | None
    date: str | None
    start_time: str | None
    location: str | None
    attendance: tuple[attendance.AttendanceMention, ...]
    attendance_offset: int
    attendance_recorded: bool
    unparsed_participant_lines: tuple[str, ...]


@cache
def header_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    patterns: dict[str, list[re.Pattern[str]]] = {}
    with HEADER_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            patterns.setdefault(row["field"], []).append(re.compile(row["pattern"], re.I))
    return {field: tuple(found) for field, found in patterns.items()}


def labelled(lines: list[Line], field: str) -> tuple[str, Line] | None:
    """The first value of a labelled field, on the label's line or, for a bare label, the next line. A line
    that ends mid-phrase ("REFERAT Erhvervs-, Beskæftigelses- og") is read together with the next."""
    for position, line in enumerate(lines):
        text = _cell(line.text)
        if _WRAPPED.search(text) and position + 1 < len(lines):
            text = f"{text} {_cell(lines[position + 1].text)}"
        for pattern in header_patterns().get(field, ()):
            match = pattern.search(text)
            if match and match.group("value").strip():
                return match.group("value").strip(" ,"), line
        label = text.rstrip(":").casefold()
        if label in _BARE_LABELS.get(field, ()) and position + 1 < len(lines) and _cell(lines[position + 1].text):
            value_line = _column_value(lines, position)
            return _cell(value_line.text), value_line
    return None


def _column_value(lines: list[Line], position: int) -> Line:
    """The value of the bare label at `position`: the next line, or, where the labels are printed as a column
    above their values ("Mødedato:", "Mødested:", "Bemærkninger:", then "Mandag den 16. marts 2015", ...), the
    value in the label's place in the column of values."""
    first = position
    while first > 0 and _is_label(lines[first - 1].text):
        first -= 1
    end = position + 1
    while end < len(lines) and _is_label(lines[end].text):
        end += 1
    if end == position + 1:
        return lines[position + 1]  # the value right under its label
    value = end + (position - first)
    return lines[value] if value < len(lines) else lines[position + 1]


def _is_label(text: str) -> bool:
    """A bare label ending in a colon ("Mødested:", "Fraværende:")."""
    cell = _cell(text)
    return cell.endswith(":") and len(cell) <= 30 and len(cell.split()) <= 3


def _cell(text: str) -> str:
    """A line of a label/value table as a reader sees it: "Udvalg: |" is "Udvalg:", "Byrådet |" is "Byrådet"."""
    return collapse(text).strip(" |-")


_BARE_LABELS = {
    "committee": ("udvalg", "udvalget", "forum"),
    "location": ("sted", "mødested", "lokale", "mødelokale"),
    "date": ("starttidspunkt", "mødedato", "dato", "møde dato"),
    "time": ("starttidspunkt", "mødetidspunkt", "tidspunkt"),
}


def parse_header(text: str, lines: list[Line], decision_headings: list[str], chain_bodies: list[str]) -> Header:
    """Meeting facts from the header lines (furniture included: a running header often names the meeting).

    `decision_headings` and `chain_bodies` (bodies of "Byrådet, 23.02.2016" lines) name the committee
    when the header does not.
    """
    committee = _committee(lines, decision_headings)
    if committee is None and chain_bodies and not decision_headings:
        committee = clean_committee(chain_bodies[0])  # "Byrådet, 23.02.2016 ...": the only decision line
    date, date_line = _date(lines)
    start_time = _start_time(lines, date_line)
    location = _location(lines, date_line)
    if date is None:
        date = next((d for d in (_date_from_heading(h) for h in decision_headings) if d), None)
    mentions, offset, unparsed = _participants(text, [line for line in lines if not line.furniture])
    return Header(committee, date, start_time, location, mentions, offset, bool(mentions), unparsed)


def _committee(lines: list[Line], decision_headings: list[str]) -> str | None:
    found = labelled(lines, "committee")
    if found:
        return body_named(found[0]) or clean_committee(found[0])
    for heading in decision_headings:
        match = re.match(r"^(?:beslutning (?:i|fra) (?P<a>.+?) den .*|(?P<b>.+?)s beslutning den .*)$", heading, re.I)
        if match:
            return clean_committee(match.group("a") or match.group("b"))
    named = next(
        (
            name
            for line in lines[:40]
            if not line.furniture and len(line.text) <= _BODY_LINE_CHARS and (name := body_named(line.text))
        ),
        None,
    )
    if named is not None:
        return named
    for position, line in enumerate(lines[:40]):
        text = collapse(line.text)
        if (
            len(text) <= 80
            and _BODY_WORDS.search(text)
            and not re.search(r"\d", text)
            and section_kind(text) is None
            and not _PARTICIPANT_HEADING.match(text)
        ):
            return clean_committee(text)
        if position > 0 and find_dates(text) and len(collapse(lines[position - 1].text)) <= 60:
            previous = collapse(lines[position - 1].text)
            if previous[:1].isupper() and not find_dates(previous) and section_kind(previous) is None:
                return clean_committee(previous)
    return None


# A municipal body by name, as a header prints it: one word ending in a body's word ("Økonomiudvalget", "Byrådet",
# "Kommunalbestyrelsen"), the parts of a compound name before it ("Kultur- og Idrætsudvalget", "Erhvervs-,
# Beskæftigelses- og Uddannelsesudvalget") or the town before a council ("Hjørring Byråd").
_BODY_END = (
    r"(?:udvalg(?:et|ets)?|byråd(?:et|ets)?|kommunalbestyrelse(?:n|ns)?|regionsråd(?:et|ets)?"
    r"|borgerrepræsentation(?:en|ens)?|magistrat(?:en|ens)?|(?:ældre|senior|handicap|integrations|unge)råd"
    r"(?:et|ets)?)"
)
_BODY_PHRASE = re.compile(
    r"(?<![\w-])(?P<name>(?:[A-ZÆØÅ][\w]*-,?\s+(?:[A-ZÆØÅ][\w]*-,?\s+)*og\s+)?"
    r"(?:(?:[A-ZÆØÅ][\wæøå]+)\s+(?=(?:Byråd|Kommunalbestyrelse|Regionsråd)))?(?=[A-ZÆØÅ])[\w-]*?(?i:"
    + _BODY_END
    + r"))(?![\w-])"
)
# A line that names the meeting's body is short (a title, a label); a body named in a sentence is another one.
_BODY_LINE_CHARS = 100
# The election period after a council's name ("Kommunalbestyrelsen 2022-2025", "Regionsrådet 2018-2021").
_PERIOD = re.compile(r"\s+(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}$")
_GENITIVE = re.compile(r"(et|en)s$")


# "Udvalget for Ældre og Sundhed": a committee named after its subjects.
_COMMITTEE_FOR = re.compile(r"\bUdvalget for [A-ZÆØÅ][\w-]*(?:,? (?:og )?[A-ZÆØÅ][\w-]*)*")


def body_named(text: str) -> str | None:
    """The municipal body a header line names ("Referat. fra Økonomiudvalget" -> "Økonomiudvalget", "fra
    Sammenlægningsudvalgets ordinære møde" -> "Sammenlægningsudvalget"), or None. The word "Udvalg" alone is a
    label, not a name."""
    named_for = _COMMITTEE_FOR.search(text)
    if named_for is not None:
        return named_for.group()
    for found in _BODY_PHRASE.finditer(text):
        name = _GENITIVE.sub(r"\1", " ".join(found.group("name").split()))
        if name.casefold() not in ("udvalg", "udvalget"):
            return name
    return None


def clean_committee(value: str) -> str:
    value = _PERIOD.sub("", collapse(value).strip(" .,:|"))
    value = re.sub(r"^(møde i|mødet i)\s+", "", value, flags=re.I)
    return _ABBREVIATIONS.get(value.casefold(), value)


def _date(lines: list[Line]) -> tuple[str | None, Line | None]:
    found = labelled(lines, "date")
    if found:
        date = parse_date(found[0])
        if date:
            return date, found[1]
    dated = [(line, dates[0].iso) for line in lines[:60] if (dates := find_dates(line.text))]
    # The meeting's own date line usually names the time or the weekday; notices above it name other dates.
    for line, iso in dated:
        if find_time(line.text) or _WEEKDAY.search(line.text):
            return iso, line
    return (dated[0][1], dated[0][0]) if dated else (None, None)


def _date_from_heading(heading: str) -> str | None:
    return parse_date(heading) if re.search(r"beslutning", heading, re.I) else None


def _start_time(lines: list[Line], date_line: Line | None) -> str | None:
    if date_line is not None:
        found = find_time(date_line.text)
        if found:
            return found.hhmm
    labelled_time = labelled(lines, "time")
    if labelled_time:
        found = find_time(labelled_time[0]) or find_time(f"kl. {labelled_time[0]}")
        if found:
            return found.hhmm
    for line in lines[:30]:
        found = find_time(line.text)
        if found:
            return found.hhmm
    return None


# What a venue line holds before and after the venue: the meeting's date and time, a remark after a dash.
_BEFORE_VENUE = re.compile(
    r"^(?:[\d./-]+\s+)?kl\.?\s*\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?\s+|^.*?\b(?:19|20)\d{2}\s+på\s+", re.I
)
_AFTER_VENUE = re.compile(r"\s+[-–]\s+[a-zæøå].*$|(?:\s+[A-ZÆØÅ][A-ZÆØÅ.]+)+$|\.$")


def _location(lines: list[Line], date_line: Line | None) -> str | None:
    found = labelled(lines, "location")
    if found and not _is_label(found[0]):
        return _venue(found[0])
    candidates = lines[:40]
    if date_line is not None:
        after = [line for line in lines if line.index > date_line.index][:2]
        candidates = [date_line, *after, *candidates]
    for line in candidates:
        text = _venue(collapse(line.text))
        if _VENUE.search(text) and len(text) <= 120 and not _PARTICIPANT_HEADING.match(text):
            return re.sub(r"^i\s+", "", text)
    return None


def _venue(text: str) -> str:
    """The venue of a line that names it: "21-01-2016 kl. 17:00 Kommunalbestyrelsens mødesal" and "... den 18.
    september 2006 på Aars Rådhus" without the date, "..., 2635 Ishøj - det åbne møde begynder kl. 19.00" without
    the remark."""
    venue = _AFTER_VENUE.sub("", _BEFORE_VENUE.sub("", text, count=1))
    return venue if _VENUE.search(venue) else text.rstrip(".")


def _participants(
    text: str,
    lines: list[Line],
) -> tuple[tuple[attendance.AttendanceMention, ...], int, tuple[str, ...]]:
    """The participant block(s) of the header, parsed; offsets of the mentions are relative to the block."""
    start = next((n for n, line in enumerate(lines) if _PARTICIPANT_HEADING.match(line.text)), None)
    while start is not None and start > 0 and _ATTENDEE_LINE.search(lines[start - 1].text):
        start -= 1  # an excerpt that begins inside the list, above its first heading
    if start is None:
        first = lines[0].start if lines else 0
        block = text[first : lines[-1].end] if lines else ""
        mentions = attendance.find_attendance_prose(block, meeting_record=True)
        return mentions, first, ()
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if _BLOCK_END.match(line.text) or section_kind(line.text) not in (None, "other"):
            break
        end += 1
    block_lines = lines[start:end]
    block = text[block_lines[0].start : block_lines[-1].end]
    mentions = attendance.parse_participant_block(block)
    prose_mentions = attendance.find_attendance_prose(text[lines[0].start : lines[-1].end], meeting_record=True)
    shift = block_lines[0].start - lines[0].start
    shifted = attendance.merge_prose(tuple(_shift(m, shift) for m in mentions), prose_mentions)
    unparsed = tuple(
        line.text for line in block_lines if "(" in line.text and not any(m.name in line.text for m in mentions)
    )
    return shifted, lines[0].start, unparsed


def _shift(mention: attendance.AttendanceMention, by: int) -> attendance.AttendanceMention:
    return replace(mention, start=mention.start + by, end=mention.end + by)

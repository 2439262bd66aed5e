"""Who attended a meeting and who did not, from participant blocks, attendance prose and item texts.

Three kinds of text carry attendance:
- participant blocks (Mødedeltagere, Deltagere, Tilstede, Medlemmer, Afbud/Fraværende, Sekretær ...), as comma
  lists with "(Afbud)" marks, bullet lines "Name (A) - Deltog", or one person a line: `parse_participant_block`;
- meeting-level prose ("Mikkel Houmann havde meldt afbud, og Peter Steffensen deltog i stedet", "Medlemmerne var
  mødt, bortset fra ..., der havde meldt afbud", "Fraværende: Den 8. juni 2006: Isabella Meyer (C)"):
  `find_attendance_prose`;
- per-item absences in an item's text ("Afbud Musa Kekec (A), Sandra Marsenic (A)", "Ikke til stede: ...",
  "Bo Jul Nielsen erklærede sig inhabil ... vedr. pkt. 196, 197 og 198"): `find_absences`.

Afbud (sent apologies), fraværende (absent), inhabil (disqualified), forlod mødet (left the meeting) and the other
phrases live in data/absence_phrases.csv with the status and reason they stand for; reasons are returned as
printed, lower-cased. Offsets are character offsets into the string passed in (end exclusive): a mention from a
block or list covers the entry as printed, including its status marks; a mention from prose covers the person.
Everything runs in time linear in the text.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

from extractors.minutes.names import (
    DATA_DIR,
    ITEM_REF,
    LOWER,
    ItemRef,
    Mention,
    PersonMention,
    PersonParts,
    collapse,
    item_ref,
    mentions_after,
    parse_at,
    parse_person_parts,
    people_from,
    people_in,
    sentence_end,
    split_list,
)
from extractors.prefilter import Prefiltered, fold

__all__ = [
    "AbsenceMention", "AttendanceMention", "PersonMention", "find_absences", "find_attendance_prose",
    "load_phrases", "parse_participant_block", "parse_person",
]

PHRASES_FILE = DATA_DIR / "absence_phrases.csv"
Status = Literal["present", "absent"]
_LINE = re.compile(r"[^\n\r\f\v\x1c-\x1e\x85\u2028\u2029]+")
_BULLET = re.compile(r"[ \t\u00a0]*(?:[•·▪◦●‣*]|[-–—](?=\s))?[ \t\u00a0]*")
_ITEM_TAIL = re.compile(
    rf"(?:(?:under|i|ved|fra|for|til)\s{{1,3}})?(?:behandlingen\s{{1,3}}af\s{{1,3}})?{ITEM_REF.pattern}",
    re.IGNORECASE)
# What may follow a heading word on its line: "Deltagere i mødet:".
_HEADING_TAIL = re.compile(rf"(?:[{LOWER}]+\s?){{0,4}}:?")
_DATED = re.compile(r"den\s{1,3}(?P<date>\d{1,2}\.\s{0,3}[a-zæøå]+\.?\s{1,3}\d{4})\s{0,3}:\s{0,3}", re.IGNORECASE)


@dataclass(frozen=True)
class AttendanceMention:
    """One person's meeting-level presence or absence, as a participant block or attendance prose prints it.

    `reason` is printed and lower-cased ("afbud", "fraværende", "deltog ikke", "uden afbud"); `items` and
    `item_range` name the items a note applies to ("Deltog ikke under punkterne 20-21" -> item_range (20, 21),
    status still present; "sag 129-138" under Fraværende -> item_range (129, 138), status absent)."""

    name: str
    party: str | None
    role: str | None
    status: Status
    reason: str | None
    substitute_for: str | None
    items: tuple[str, ...] | None
    item_range: tuple[int, int] | None
    start: int
    end: int


@dataclass(frozen=True)
class AbsenceMention:
    """A per-item absence in an item's text. `items` are the item numbers the sentence names ("vedr. pkt. 196,
    197 og 198"); None means the item the text belongs to. `after_item` is set when the person left the meeting
    after that item ("forlod mødet efter behandlingen af punkt 23"): the absence applies to every later item."""

    name: str
    party: str | None
    reason: str | None
    items: tuple[str, ...] | None
    start: int
    end: int
    after_item: str | None = None


@dataclass(frozen=True)
class Phrase:
    """A row of absence_phrases.csv; `scope` says where it is looked for (see the file's examples)."""

    scope: str
    pattern: re.Pattern[str]
    status: str
    reason: str
    role: str
    example: str

    @cached_property
    def prefiltered(self) -> Prefiltered:
        """The pattern with the literal text it needs, to skip texts that cannot match."""
        return Prefiltered.of(self.pattern)


@dataclass(frozen=True)
class _Marker:
    """What a note means: a status ("Afbud" -> absent), a reason, and the items it is limited to."""

    status: Status | None
    reason: str | None
    ref: ItemRef | None


@dataclass(frozen=True)
class _Section:
    status: Status
    reason: str | None
    role: str | None


@dataclass(frozen=True)
class _Entry:
    parts: PersonParts
    section: _Section
    status: Status | None = None
    reason: str | None = None
    ref: ItemRef | None = None


def _compile(scope: str, pattern: str) -> re.Pattern[str]:
    if scope in ("heading", "marker", "item_line"):
        return re.compile(rf"(?:{pattern})(?!\w)", re.IGNORECASE)
    if scope == "prose_label":
        return re.compile(rf"(?<![\w/])(?:{pattern})\s{{0,3}}:\s{{0,3}}", re.IGNORECASE)
    if scope == "prose_except_end":
        return re.compile(pattern, re.IGNORECASE)
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


@cache
def load_phrases(path: Path = PHRASES_FILE) -> tuple[Phrase, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Phrase(row["scope"], _compile(row["scope"], row["pattern"]), row["status"], row["reason"], row["role"],
                   row["example"])
            for row in csv.DictReader(handle)
        )


@cache
def _phrases(scope: str) -> tuple[Phrase, ...]:
    return tuple(phrase for phrase in load_phrases() if phrase.scope == scope)


def _status(value: str) -> Status | None:
    return "present" if value == "present" else "absent" if value == "absent" else None


def _longest(phrases: tuple[Phrase, ...], text: str, pos: int = 0, end: int | None = None) -> tuple[Phrase, int] | None:
    """The phrase matching longest at `pos` (within text[:end]), with the end of its match."""
    best: tuple[Phrase, int] | None = None
    for phrase in phrases:
        match = phrase.pattern.match(text, pos, len(text) if end is None else end)
        if match and (best is None or match.end() > best[1]):
            best = (phrase, match.end())
    return best


def _marker(text: str) -> _Marker | None:
    """The meaning of a note or bullet line: "Afbud", "Deltog", "Deltog ikke under punkterne 20-21", "sag 129-138"."""
    text = text.strip(" \t:")
    if ITEM_REF.fullmatch(text):
        return _Marker(None, None, item_ref(text))
    hit = _longest(_phrases("marker"), text)
    if hit is None:
        return None
    phrase, end = hit
    rest = text[end:].strip(" \t:,")
    if rest and not _ITEM_TAIL.fullmatch(rest):
        return None
    return _Marker(_status(phrase.status), phrase.reason or None, item_ref(rest) if rest else None)


def _apply(entry: _Entry, marker: _Marker) -> _Entry:
    if marker.ref is not None:  # limited to some items: the meeting-level status stays as it was
        return replace(entry, reason=marker.reason or entry.reason, ref=marker.ref)
    reason = marker.reason if marker.status == "absent" else entry.reason
    return replace(entry, status=marker.status or entry.status, reason=reason)


def parse_person(text: str) -> PersonMention | None:
    """One person as printed ("Jesper Würtzen (A) (borgmester)", "Formand Erik Nielsen (A)"), or None.

    Status notes ("(Afbud)", "- Deltog") may follow; anything else after the name makes it not a person."""
    parts = parse_person_parts(text)
    if parts is None or any(note.kind != "paren" and _marker(note.text) is None for note in parts.notes):
        return None
    return parts.person


def _entry(parts: PersonParts, section: _Section) -> _Entry | None:
    entry = _Entry(parts, section)
    for note in parts.notes:
        marker = _marker(note.text)
        if marker is None:
            if note.kind != "paren":
                return None
            continue
        entry = _apply(entry, marker)
    return entry


def _continues(piece: str) -> bool:
    """A comma-separated piece that belongs to the person before it: "Suppleant for ...", "sag 129-138", "afbud"."""
    return bool(re.match(r"(?:suppleant|stedfortræder)\s+for\s", piece, re.IGNORECASE)) or _marker(piece) is not None


def _entries_in(text: str, lo: int, hi: int, section: _Section) -> tuple[list[_Entry], bool] | None:
    """The people of one block line (one person or a comma list), and whether the whole line was understood.

    None when the line does not start with a person; a list that ends in something else ("... (centerchef for
    Social og Arbejdsmarked)Indholdsfortegnelse", glued by the PDF) keeps the people before it."""
    spans: list[tuple[int, int]] = []
    for a, b in split_list(text, lo, hi, words=False):
        if a >= b:
            continue
        if spans and _continues(text[a:b]):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    entries: list[_Entry] = []
    for a, b in spans:
        parts = parse_at(text, a, b)
        candidates = [parts] if parts is not None else people_in(text, a, b) or []
        complete = bool(candidates)
        if not candidates and entries:
            # Something glued to the last person of a list: keep that person, up to the closing parenthesis.
            close = text.rfind(")", a, b) + 1
            salvaged = parse_at(text, a, close) if close > a else None
            candidates = [salvaged] if salvaged is not None else []
        found = [entry for candidate in candidates if (entry := _entry(candidate, section)) is not None]
        if not found or len(found) < len(candidates):
            return (entries, False) if entries else None
        entries.extend(found)
        if not complete:
            return entries, False
    return (entries, True) if entries else None


def _glue(text: str, start: int, end: int, depth: int, following: tuple[int, int]) -> str | None:
    """How the line text[start:end] continues on the next one, if it does: a parenthesis or a comma list broken
    by the layout. A bullet that closes the parenthesis stood for a comma; a plain wrapped line for a space."""
    if text.count("\n", end, following[0]) > 1 or "\f" in text[end:following[0]]:
        return None  # a blank line or a page break ends the line
    head = _BULLET.match(text, following[0], following[1]).end()  # type: ignore[union-attr]  # matches ""
    bulleted = text[following[0]:head].strip() != ""
    if depth > 0 and ")" in text[head:following[1]]:
        return "," if bulleted else " "
    if bulleted or _heading(text, head, following[1]) is not None:
        return None
    tail = _rstrip(text, start, end)
    if text[tail - 1] == ",":
        return " "
    pieces = [(a, b) for a, b in split_list(text, start, tail, words=False) if a < b]
    cut_short = (len(pieces) >= 2 and text[pieces[0][1] - 1] == ")" and text[pieces[-1][1] - 1] != ")"
                 and not _continues(text[pieces[-1][0]:pieces[-1][1]]))
    return " " if cut_short else None


def _logical_lines(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The lines of a block, with entries the layout broke over lines rejoined: "(centerchef for By" / "• Erhverv
    og Miljø) - Deltog" (a bullet for a comma), "... Erling Andersen (A), Lars Green" / "Bach (B), ..." (a wrapped
    comma list). The line break is overwritten by a comma or spaces, so offsets do not move."""
    spans = [(match.start(), match.end()) for match in _LINE.finditer(text)]
    chunks: list[str] = []
    copied = 0
    lines: list[tuple[int, int]] = []
    index = 0
    while index < len(spans):
        start, end = spans[index]
        line_start = start
        depth = text.count("(", start, end) - text.count(")", start, end)
        while index + 1 < len(spans):
            following = spans[index + 1]
            glue = _glue(text, line_start, end, depth, following)
            if glue is None:
                break
            tail = _rstrip(text, start, end)
            head = _BULLET.match(text, following[0], following[1]).end()  # type: ignore[union-attr]  # matches ""
            chunks.append(text[copied:tail])
            chunks.append(glue + " " * (head - tail - len(glue)))
            copied = head
            depth += text.count("(", following[0], following[1]) - text.count(")", following[0], following[1])
            line_start, end = following
            index += 1
        lines.append((start, end))
        index += 1
    chunks.append(text[copied:])
    return "".join(chunks), lines


def _rstrip(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi


def _heading(text: str, lo: int, hi: int) -> tuple[Phrase, int] | None:
    """A sub-heading at the start of the line, and where the rest of the line starts."""
    hit = _longest(_phrases("heading"), text, lo, hi)
    if hit is None:
        return None
    phrase, end = hit
    while end < hi and (text[end].isspace() or text[end] == ":"):
        end += 1
    return phrase, end


def parse_participant_block(text: str) -> tuple[AttendanceMention, ...]:
    """The people of a participant block: the text after (or including) a heading such as Mødedeltagere,
    Deltagere, Tilstede or Medlemmer, with its sub-headings (Afbud/Fraværende, Fraværende, Sekretær).

    The block ends at the first line that is neither a heading, a person nor a status line once people were
    found. A person also listed as absent is absent, not present; a substitute ("Suppleant for Brian Møller")
    is present with role "stedfortræder for Brian Møller"."""
    norm, lines = _logical_lines(text)
    section = _Section("present", None, None)
    entries: list[_Entry] = []
    last: int | None = None
    for start, end in lines:
        lo = _BULLET.match(norm, start, end).end()  # type: ignore[union-attr]  # matches the empty string
        hi = _rstrip(norm, lo, end)
        if lo >= hi:
            continue
        bulleted = norm[start:lo].strip() != ""
        heading = _heading(norm, lo, hi)
        marker = _marker(norm[lo:hi])
        # A status line ("• Deltog ikke", "• Deltog ikke under punkterne 20-21") belongs to the person above it.
        if marker is not None and last is not None and (bulleted or (heading is None and marker.reason is not None)):
            applied = _apply(entries[last], marker)
            entries[last] = replace(applied, parts=replace(applied.parts, end=hi))
            continue
        if heading is not None:
            phrase, rest = heading
            section = _Section(_status(phrase.status) or "present", phrase.reason or None, phrase.role or None)
            last = None
            if rest >= hi or _HEADING_TAIL.fullmatch(norm, rest, hi):
                continue
            lo = rest
        found = _entries_in(norm, lo, hi, section)
        if found is None:
            if entries:
                break
            continue
        entries.extend(found[0])
        last = len(entries) - 1
        if not found[1]:
            break
    return _finish(entries)


def _finish(entries: list[_Entry]) -> tuple[AttendanceMention, ...]:
    mentions = []
    for entry in entries:
        status = entry.status or entry.section.status
        reason = entry.reason or (entry.section.reason if status == "absent" else None)
        mentions.append(_mention(entry.parts, status, reason, entry.parts.person.role or entry.section.role,
                                 ref=entry.ref, end=entry.parts.end))
    absent = {mention.name.casefold() for mention in mentions if mention.status == "absent"}
    seen: set[tuple[str, str]] = set()
    kept = []
    for mention in mentions:
        key = (mention.name.casefold(), mention.status)
        if key in seen or (mention.status == "present" and key[0] in absent):
            continue
        seen.add(key)
        kept.append(mention)
    return tuple(kept)


def _hits(text: str, phrases: tuple[Phrase, ...], folded: str | None = None) -> list[tuple[Phrase, Mention]]:
    return [(phrases[mention.index], mention)
            for mention in mentions_after(text, [p.prefiltered for p in phrases], folded)]


def _hit_items(text: str, phrase: Phrase, match: re.Match[str]) -> tuple[ItemRef | None, str | None, str]:
    """Items named in the rest of the sentence, the item left after, and the reason with it filled in."""
    after = match.groupdict().get("after")
    if after:
        return None, after, phrase.reason.replace("{after}", after)
    end = sentence_end(text, match.end(), 300)
    return item_ref(text, match.start(), end), None, phrase.reason


def _line_absences(text: str, folded: str) -> list[AbsenceMention]:
    """Lines that open with an absence word and list people: "Afbud Musa Kekec (A), Sandra Marsenic (A)",
    "Ikke til stede: ...", "Følgende deltog ikke i behandlingen af punktet:" (names on the lines after).
    `folded` is `fold(text)`: a text with none of the words anywhere is not split into lines."""
    if all(phrase.prefiltered.first_start(folded) is None for phrase in _phrases("item_line")):
        return []
    lines = [(_BULLET.match(text, m.start(), m.end()).end(), _rstrip(text, m.start(), m.end()))  # type: ignore[union-attr]
             for m in _LINE.finditer(text)]
    lines = [(lo, hi) for lo, hi in lines if lo < hi]
    found: list[AbsenceMention] = []
    index = 0
    while index < len(lines):
        lo, hi = lines[index]
        index += 1
        hit = _longest(_phrases("item_line"), text, lo, hi)
        if hit is None:
            continue
        phrase, rest = hit
        while rest < hi and (text[rest].isspace() or text[rest] == ":"):
            rest += 1
        people: list[PersonParts] = []
        if rest < hi:
            people = people_in(text, rest, hi) or []
        else:
            while index < len(lines) and (more := people_in(text, *lines[index])):
                people.extend(more)
                index += 1
        found.extend(AbsenceMention(parts.person.name, parts.person.party, phrase.reason or None, None,
                                    parts.person.start, parts.person.end) for parts in people)
    return found


def find_absences(text: str) -> tuple[AbsenceMention, ...]:
    """Per-item absences in an item's text (decision section and the like), in order.

    "Afbud Musa Kekec (A), Sandra Marsenic (A)" -> two absences, reason "afbud"; "Tonny Nalepa Jensen fraværende"
    -> "fraværende"; "Bo Jul Nielsen erklærede sig inhabil ... vedr. pkt. 196, 197 og 198" -> "inhabil" with items
    ("196", "197", "198"); "Jonas Dahl forlod mødet ... efter behandlingen af punkt 23" -> reason "forlod mødet
    efter punkt 23", items None, after_item "23". Words such as "Afbud" in running text that names nobody give
    nothing."""
    folded = fold(text)
    found = _line_absences(text, folded)
    for phrase, hit in _hits(text, _phrases("item_after"), folded):
        ref, after, reason = _hit_items(text, phrase, hit.match)
        found.extend(AbsenceMention(parts.person.name, parts.person.party, reason or None,
                                    ref.items if ref else None, parts.person.start, parts.person.end, after)
                     for parts in hit.people)
    return tuple(sorted(found, key=lambda mention: mention.start))


def _mention(parts: PersonParts, status: Status, reason: str | None, role: str | None = None,
             substitute_for: str | None = None, ref: ItemRef | None = None, end: int | None = None,
             ) -> AttendanceMention:
    person = parts.person
    return AttendanceMention(
        person.name, person.party, role or person.role, status, reason, substitute_for or parts.substitute_for,
        ref.items if ref is not None and ref.item_range is None else None, ref.item_range if ref else None,
        person.start, person.end if end is None else end,
    )


def _except_lists(text: str, folded: str) -> list[AttendanceMention]:
    """"Medlemmerne var mødt, bortset fra A, B og C, der havde meldt afbud." -> A, B and C absent (afbud)."""
    found: list[AttendanceMention] = []
    for phrase in _phrases("prose_except"):
        for match in phrase.prefiltered.finditer(text, folded):
            lo = match.end()
            hi = sentence_end(text, lo, 3000)
            reason: str | None = None
            for end_phrase in _phrases("prose_except_end"):
                ending = end_phrase.pattern.search(text, lo, hi)
                if ending is not None:
                    hi, reason = ending.start(), end_phrase.reason or None
            found.extend(_mention(parts, "absent", reason) for parts in people_from(text, lo, hi))
    return found


def _labelled_lists(text: str, folded: str) -> list[AttendanceMention]:
    """"Fraværende: Den 8. juni 2006: Isabella Meyer (C). Den 19. juni 2006: Ingen.", "Afbud: A, B." and
    "Tilstede: A, B." written inside a sentence."""
    found: list[AttendanceMention] = []
    for phrase in _phrases("prose_label"):
        status = _status(phrase.status) or "absent"
        for match in phrase.prefiltered.finditer(text, folded):
            pos = match.end()
            dated = _DATED.match(text, pos)
            if dated is None:
                hi = sentence_end(text, pos, 1000)
                reason = phrase.reason or None if status == "absent" else None
                found.extend(_mention(parts, status, reason) for parts in people_in(text, pos, hi) or [])
            while dated is not None:
                reason = f"{phrase.reason} den {collapse(dated.group('date'))}" if status == "absent" else None
                hi = sentence_end(text, dated.end(), 1000)
                found.extend(_mention(parts, status, reason) for parts in people_in(text, dated.end(), hi) or [])
                pos = hi + 1
                while pos < len(text) and text[pos] in " \t":
                    pos += 1
                dated = _DATED.match(text, pos)
    return found


def find_attendance_prose(text: str) -> tuple[AttendanceMention, ...]:
    """Meeting-level attendance written as sentences, in order.

    Absent: "X havde meldt afbud", "X udeblev uden afbud", "Medlemmerne var mødt, bortset fra ..., der havde
    meldt afbud", "Fraværende: Den 8. juni 2006: X (C)" (reason "fraværende den 8. juni 2006"). Present: "Y
    deltog i stedet" (role "stedfortræder for X"), and people who were at the meeting but not at every item: "X
    erklærede sig inhabil ... under punkt 29" (reason "inhabil", items ("29",)), "X forlod mødet efter
    behandlingen af punkt 23" (reason "forlod mødet efter punkt 23")."""
    folded = fold(text)
    found = _except_lists(text, folded) + _labelled_lists(text, folded)
    phrases = _phrases("prose_after") + tuple(p for p in _phrases("item_after") if p.status == "present")
    absent_here: list[str] = []
    for phrase, hit in _hits(text, phrases, folded):
        if not hit.same_sentence:
            absent_here = []
        status = _status(phrase.status) or "absent"
        if phrase.role == "stedfortræder":
            named = hit.match.groupdict().get("for")
            who = people_from(text, hit.match.start("for"), hit.match.end("for")) if named else []
            target = who[0].person.name if who else (absent_here[-1] if absent_here else None)
            role = f"stedfortræder for {target}" if target else "stedfortræder"
            found.extend(_mention(parts, "present", None, role, target) for parts in hit.people)
            continue
        ref: ItemRef | None = None
        reason: str | None = phrase.reason or None
        if phrase.scope == "item_after":
            ref, _, filled = _hit_items(text, phrase, hit.match)
            reason = filled or None
        found.extend(_mention(parts, status, reason, ref=ref) for parts in hit.people)
        if status == "absent":
            absent_here.extend(parts.person.name for parts in hit.people)
    return tuple(sorted(found, key=lambda mention: mention.start))

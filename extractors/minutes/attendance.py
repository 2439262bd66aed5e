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
phrases live in data/absence_phrases.csv with the status and reason they stand for (`attendance_phrases`); the
prose reader is `attendance_prose`, whose functions this module hands on. Reasons are returned as printed,
lower-cased. Offsets are character offsets into the string passed in (end exclusive): a mention from a
block or list covers the entry as printed, including its status marks; a mention from prose covers the person.
Everything runs in time linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from referat.extractors.language.names import (
    ITEM_REF,
    LOWER,
    ItemRef,
    PersonMention,
    PersonParts,
    as_role,
    is_party,
    is_role,
    item_ref,
    load_party_forms,
    parse_at,
    parse_person_parts,
    people_in,
    sentence_end,
    split_list,
    split_name_run,
)
from referat.extractors.language.normalise import collapse
from referat.extractors.minutes.attendance_phrases import (
    AbsenceMention,
    AttendanceMention,
    Phrase,
    Status,
    hit_items,
    hits,
    load_phrases,
    longest,
    mention_of,
    phrases,
    plain_person,
    same_person,
    status_of,
    substitute_pair,
)
from referat.extractors.minutes.attendance_prose import find_attendance_prose, merge_prose
from referat.extractors.prefilter import fold

__all__ = [
    "AbsenceMention",
    "AttendanceMention",
    "PersonMention",
    "Phrase",
    "find_absences",
    "find_attendance_prose",
    "load_phrases",
    "merge_prose",
    "parse_participant_block",
    "parse_person",
]

_LINE = re.compile(r"[^\n\r\f\v\x1c-\x1e\x85\u2028\u2029]+")
_BULLET = re.compile(r"[ \t\u00a0]*(?:[•·▪◦●‣*]|[-–—](?=\s))?[ \t\u00a0]*")
_ITEM_TAIL = re.compile(
    rf"(?:(?:under|i|ved|fra|for|til)\s{{1,3}})?(?:behandlingen\s{{1,3}}af\s{{1,3}})?{ITEM_REF.pattern}", re.IGNORECASE
)
# What may follow a heading word on its line: "Deltagere i mødet:".
_HEADING_TAIL = re.compile(rf"(?:[{LOWER}]+\s?){{0,4}}:?")


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


def _marker(text: str) -> _Marker | None:
    """The meaning of a note or bullet line: "Afbud", "Deltog", "Deltog ikke under punkterne 20-21", "sag 129-138"."""
    text = text.strip(" \t:")
    if ITEM_REF.fullmatch(text):
        return _Marker(None, None, item_ref(text))
    hit = longest(phrases("marker"), text)
    if hit is None:
        return None
    phrase, end = hit
    rest = text[end:].strip(" \t:,")
    if rest and not _ITEM_TAIL.fullmatch(rest):
        return None
    return _Marker(status_of(phrase.status), phrase.reason or None, item_ref(rest) if rest else None)


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
    """A comma-separated piece that belongs to the person before it: "Suppleant for ...", "sag 129-138", "afbud",
    a title ("Anne Hansen (V), formand")."""
    return (
        bool(re.match(r"(?:suppleant|stedfortræder)\s+for\s", piece, re.IGNORECASE))
        or _marker(piece) is not None
        or is_role(piece)
    )


def _entries_in(text: str, lo: int, hi: int, section: _Section) -> tuple[list[_Entry], bool] | None:
    """The people of one block line (one person or a comma list), and whether the whole line was understood.

    None when the line does not start with a person; a list that ends in something else ("... (centerchef for
    Social og Arbejdsmarked)Indholdsfortegnelse", glued by the PDF) keeps the people before it. A member and the
    substitute who stood in ("Bent Krogh Petersen - Bo Morthorst Rasmussen deltager som stedfortræder") are two
    entries, and so are the runs a copying site flattens a list into ("Sofia Osmani deltog Søren P. Rasmussen
    deltog ...", "Søren Hansen Lene Magnussen ...")."""
    pair = substitute_pair(text, lo, hi)
    if pair is not None:
        absent, substitute = pair
        reason = section.reason if section.status == "absent" else None
        return [_Entry(absent, section, "absent", reason), _substitute_entry(substitute, absent, section)], True
    spans = _list_spans(text, lo, hi)
    entries: list[_Entry] = []
    for a, b in spans:
        parts = parse_at(text, a, b)
        candidates = [parts] if parts is not None else people_in(text, a, b) or []
        if not candidates and not entries and len(spans) == 1:
            run = _flattened_run(text, a, b, section)
            if run is not None:
                return run, True
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


def _amends(entries: list[_Entry], last: int, norm: str, line: tuple[int, int, int], is_heading: bool) -> bool:
    """Whether a block line is a status line or an attribute of the person above it (`entries[last]`), which it
    then amends. `line` is where the line starts, where its text starts after any bullet, and where it ends."""
    start, lo, hi = line
    bulleted = norm[start:lo].strip() != ""
    marker = _marker(norm[lo:hi])
    # A status line ("• Deltog ikke", "• Deltog ikke under punkterne 20-21") belongs to the person above it.
    if marker is not None and (bulleted or (not is_heading and marker.reason is not None)):
        applied = _apply(entries[last], marker)
        entries[last] = replace(applied, parts=replace(applied.parts, end=hi))
        return True
    attribute = None if is_heading else _attribute(norm, lo, hi)
    if attribute is not None:
        entries[last] = _with_attribute(entries[last], attribute, hi)
        return True
    return False


def _list_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The comma-separated pieces of a block line, each person with the pieces that continue it (`_continues`)."""
    spans: list[tuple[int, int]] = []
    for a, b in split_list(text, lo, hi, words=False):
        if a >= b:
            continue
        if spans and _continues(text[a:b]):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


def _flattened_run(text: str, a: int, b: int, section: _Section) -> list[_Entry] | None:
    """The people of a list a copying site flattened onto one line: names with their status (`_marker_run`) or
    names alone (`split_name_run`); None when the line is not one."""
    # "... Jacob Holm Hansen Side 1 af 66": a page's number (looked for at the end only: linear time)
    page_mark = _PAGE_MARK.search(text, max(a, b - 24), b)
    b = page_mark.start() if page_mark else b
    run = _marker_run(text, a, b, section)
    if run is None:
        names = split_name_run(text, a, b)
        run = [_Entry(parts, section) for parts in names] if names else None
    return run


def _substitute_entry(substitute: PersonParts, absent: PersonParts, section: _Section) -> _Entry:
    target = absent.person.name
    person = replace(substitute.person, role=f"stedfortræder for {target}")
    return _Entry(replace(substitute, person=person, substitute_for=target), section, "present")


# A page number a copying site left at the end of a flattened line ("Side 1 af 66").
_PAGE_MARK = re.compile(r"(?<!\s)\s+side\s+\d+(?:\s+af\s+\d+)?\s*$", re.IGNORECASE)


@cache
def _marker_start() -> re.Pattern[str]:
    return re.compile(
        r"(?<=\s)(?:" + "|".join(phrase.pattern.pattern for phrase in phrases("marker")) + ")", re.IGNORECASE
    )


def _marker_run(text: str, lo: int, hi: int, section: _Section) -> list[_Entry] | None:
    """ "Sofia Osmani deltog Søren P. Rasmussen deltog ... Jan Kaspersen var fraværende": a table of names and
    their status flattened onto one line by a copying site. None unless it is two or more such pairs and nothing
    else."""
    entries: list[_Entry] = []
    start = lo
    for match in _marker_start().finditer(text, lo, hi):
        if match.start() < start:
            continue
        hit = longest(phrases("marker"), text, match.start(), hi)
        if hit is None:
            continue
        phrase, end = hit
        parts = plain_person(text, start, match.start())
        if parts is None:
            return None
        entries.append(_Entry(parts, section, status_of(phrase.status), phrase.reason or None))
        start = end
    return entries if len(entries) >= 2 and not text[start:hi].strip() else None


def _attribute(text: str, lo: int, hi: int) -> tuple[str | None, str | None] | None:
    """A party or title printed on a line of its own under the name, as web pages lay out members ("Heino
    Knudsen" / "Formand" / "(A)"): (party, role), or None when the line is neither."""
    value = collapse(text[lo:hi])
    if value.endswith(":"):
        return None  # a label ("Suppleant:"), not a title
    if value.startswith("(") and value.endswith(")") and value.count("(") == 1:
        inner = value[1:-1].strip()
        return (inner, None) if is_party(inner) else (None, as_role(inner)) if is_role(inner) else None
    if len(value) > 3 and value.casefold() in load_party_forms():
        return value, None
    return (None, as_role(value)) if len(value.split()) <= 3 and is_role(value) else None


def _with_attribute(entry: _Entry, attribute: tuple[str | None, str | None], end: int) -> _Entry:
    party, role = attribute
    person = entry.parts.person
    if (party and person.party) or (role and person.role):
        return entry
    person = replace(person, party=person.party or party, role=person.role or role, end=end)
    return replace(entry, parts=replace(entry.parts, person=person, end=end))


def _is_prose(text: str, lo: int, hi: int) -> bool:
    """Whether a line is a sentence about attendance ("A og B deltog ikke i pkt. 14-19", "X var fraværende. I
    stedet deltog Y"): `find_attendance_prose` reads such lines, a block skips them."""
    return any(
        phrase.pattern.search(text, lo, hi)
        for scope in ("prose_after", "prose_list", "item_after", "prose_except")
        for phrase in phrases(scope)
    )


def _glue(text: str, start: int, end: int, depth: int, following: tuple[int, int]) -> str | None:
    """How the line text[start:end] continues on the next one, if it does: a parenthesis or a comma list broken
    by the layout. A bullet that closes the parenthesis stood for a comma; a plain wrapped line for a space."""
    if text.count("\n", end, following[0]) > 1 or "\f" in text[end : following[0]]:
        return None  # a blank line or a page break ends the line
    head = _BULLET.match(text, following[0], following[1]).end()  # type: ignore[union-attr]  # matches ""
    bulleted = text[following[0] : head].strip() != ""
    if depth > 0 and ")" in text[head : following[1]]:
        return "," if bulleted else " "
    if bulleted or _heading(text, head, following[1]) is not None:
        return None
    tail = _rstrip(text, start, end)
    if text[tail - 1] == ",":
        return " "
    pieces = [(a, b) for a, b in split_list(text, start, tail, words=False) if a < b]
    cut_short = (
        len(pieces) >= 2
        and text[pieces[0][1] - 1] == ")"
        and text[pieces[-1][1] - 1] != ")"
        and not _continues(text[pieces[-1][0] : pieces[-1][1]])
    )
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
    hit = longest(phrases("heading"), text, lo, hi)
    if hit is None:
        return None
    phrase, end = hit
    while end < hi and (text[end].isspace() or text[end] == ":"):
        end += 1
    return phrase, end


def parse_participant_block(text: str) -> tuple[AttendanceMention, ...]:
    """The people of a participant block: the text after (or including) a heading such as Mødedeltagere,
    Deltagere, Tilstede or Medlemmer, with its sub-headings (Afbud/Fraværende, Fraværende, Sekretær).

    The block ends at the first line that is neither a heading, a person, a status line, a party or title
    printed under the name, nor a sentence about attendance once people were found. A person also listed as absent
    is absent, not present (under the member's spelling and party when the absentee's differs by a letter or
    lacks the party); a substitute ("Suppleant for Brian Møller") is present with role "stedfortræder for Brian
    Møller"."""
    norm, lines = _logical_lines(text)
    section = _Section("present", None, None)
    entries: list[_Entry] = []
    last: int | None = None
    for start, end in lines:
        lo = _BULLET.match(norm, start, end).end()  # type: ignore[union-attr]  # matches the empty string
        hi = _rstrip(norm, lo, end)
        if lo >= hi:
            continue
        heading = _heading(norm, lo, hi)
        if last is not None and _amends(entries, last, norm, (start, lo, hi), heading is not None):
            continue
        if heading is not None:
            phrase, rest = heading
            section = _Section(status_of(phrase.status) or "present", phrase.reason or None, phrase.role or None)
            last = None
            if rest >= hi or _HEADING_TAIL.fullmatch(norm, rest, hi):
                continue
            lo = rest
        found = _entries_in(norm, lo, hi, section)
        if (found is None or not found[1]) and _is_prose(norm, lo, hi):
            last = None  # a sentence about attendance, which find_attendance_prose reads
            continue
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
        mentions.append(
            mention_of(
                entry.parts,
                status,
                reason,
                entry.parts.person.role or entry.section.role,
                ref=entry.ref,
                end=entry.parts.end,
            )
        )
    mentions = _reconciled(mentions)
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


def _reconciled(mentions: list[AttendanceMention]) -> list[AttendanceMention]:
    """Absentees as the member list prints them: "Marlene Harpsøe" under Fraværende is the member "Marlene Harpsøe
    (O)", and "Bente Gertz Hansn" under Afbud the member "Bente Gertz Hansen" (one letter apart, a typing
    error in one of the two lists)."""
    members = [mention for mention in mentions if mention.status == "present"]
    reconciled = []
    for mention in mentions:
        member = (
            next((m for m in members if same_person(m.name, mention.name)), None)
            if mention.status == "absent"
            else None
        )
        if member is not None:
            mention = replace(mention, name=member.name, party=mention.party or member.party)
        reconciled.append(mention)
    return reconciled


def _line_absences(text: str, folded: str) -> list[AbsenceMention]:
    """Lines that open with an absence word and list people: "Afbud Musa Kekec (A), Sandra Marsenic (A)",
    "Ikke til stede: ...", "Følgende deltog ikke i behandlingen af punktet:" (names on the lines after).
    `folded` is `fold(text)`: a text with none of the words anywhere is not split into lines."""
    if all(phrase.prefiltered.first_start(folded) is None for phrase in phrases("item_line")):
        return []
    lines = [
        (_BULLET.match(text, m.start(), m.end()).end(), _rstrip(text, m.start(), m.end()))  # type: ignore[union-attr]
        for m in _LINE.finditer(text)
    ]
    lines = [(lo, hi) for lo, hi in lines if lo < hi]
    found: list[AbsenceMention] = []
    index = 0
    while index < len(lines):
        lo, hi = lines[index]
        index += 1
        hit = longest(phrases("item_line"), text, lo, hi)
        if hit is None:
            continue
        phrase, rest = hit
        while rest < hi and (text[rest].isspace() or text[rest] == ":"):
            rest += 1
        people: list[PersonParts] = []
        if rest < hi:  # the people up to the end of the sentence ("Afbud fra A, B. Som suppleanter deltog ...")
            end = sentence_end(text, rest, hi - rest)
            pair = None if (people := people_in(text, rest, end) or []) else substitute_pair(text, rest, end)
            if pair is not None:  # "Fraværende: X (V) - Y (V) mødte som stedfortræder."
                people = [pair[0]]
        else:
            while index < len(lines) and (more := people_in(text, *lines[index])):
                people.extend(more)
                index += 1
        found.extend(
            AbsenceMention(
                parts.person.name, parts.person.party, phrase.reason or None, None, parts.person.start, parts.person.end
            )
            for parts in people
        )
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
    for phrase, hit in hits(text, phrases("item_after"), folded):
        ref, after, reason = hit_items(text, phrase, hit.match)
        found.extend(
            AbsenceMention(
                parts.person.name,
                parts.person.party,
                reason or None,
                ref.items if ref else None,
                parts.person.start,
                parts.person.end,
                after,
            )
            for parts in hit.people
        )
    return tuple(sorted(found, key=lambda mention: mention.start))

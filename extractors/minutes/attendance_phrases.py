"""The attendance phrases (data/absence_phrases.csv) and what the readers of attendance share.

Each row of absence_phrases.csv is a phrase with the scope it is looked for in (a block's heading or a status
mark, a line that opens an item's absence note, a phrase after or before the people it names, ...), the status and
reason it stands for and, for substitutes, the role. This module loads them and holds what both the participant
block reader (`attendance`) and the prose reader (`attendance_prose`) use: the mentions they hand on, a member and
the substitute who stood in ("X - Y deltager som stedfortræder"), and the test that two printings of a name are
one member.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

from referat.extractors.language.names import (
    DATA_DIR,
    ItemRef,
    Mention,
    PersonParts,
    item_ref,
    mentions_after,
    parse_at,
    sentence_end,
)
from referat.extractors.prefilter import Prefiltered

PHRASES_FILE = DATA_DIR / "absence_phrases.csv"
Status = Literal["present", "absent"]


@dataclass(frozen=True)
class AttendanceMention:
    """One person's meeting-level presence or absence, as a participant block or attendance prose prints it.

    `reason` is printed and lower-cased ("afbud", "fraværende", "deltog ikke", "uden afbud"); `items` and
    `item_range` name the items a note applies to ("Deltog ikke under punkterne 20-21" -> item_range (20, 21),
    status still present; "sag 129-138" under Fraværende -> item_range (129, 138), status absent); `after_item`
    the item after which a member left ("forlod mødet efter behandlingen af punkt 23", "gik under punkt 145")."""

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
    after_item: str | None = None


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
            Phrase(
                row["scope"],
                _compile(row["scope"], row["pattern"]),
                row["status"],
                row["reason"],
                row["role"],
                row["example"],
            )
            for row in csv.DictReader(handle)
        )


@cache
def phrases(scope: str) -> tuple[Phrase, ...]:
    """The phrases of one scope, in the file's order."""
    return tuple(phrase for phrase in load_phrases() if phrase.scope == scope)


def status_of(value: str) -> Status | None:
    """A phrase's status column as a status; empty for phrases that do not decide one."""
    return "present" if value == "present" else "absent" if value == "absent" else None


def longest(
    candidates: tuple[Phrase, ...], text: str, pos: int = 0, end: int | None = None
) -> tuple[Phrase, int] | None:
    """The phrase matching longest at `pos` (within text[:end]), with the end of its match."""
    best: tuple[Phrase, int] | None = None
    for phrase in candidates:
        match = phrase.pattern.match(text, pos, len(text) if end is None else end)
        if match and (best is None or match.end() > best[1]):
            best = (phrase, match.end())
    return best


def mention_of(
    parts: PersonParts,
    status: Status,
    reason: str | None,
    role: str | None = None,
    substitute_for: str | None = None,
    ref: ItemRef | None = None,
    end: int | None = None,
) -> AttendanceMention:
    """A parsed person as a mention; a range of items goes to `item_range`, single items to `items`."""
    person = parts.person
    return AttendanceMention(
        person.name,
        person.party,
        role or person.role,
        status,
        reason,
        substitute_for or parts.substitute_for,
        ref.items if ref is not None and ref.item_range is None else None,
        ref.item_range if ref else None,
        person.start,
        person.end if end is None else end,
    )


# The dash between a member and the substitute who stood in.
DASH = re.compile(r"\s[-–—]\s")


@cache
def substitute_phrases() -> tuple[Phrase, ...]:
    """The phrases printed after a substitute's name ("deltager som stedfortræder", "deltog i stedet")."""
    return tuple(
        phrase
        for phrase in phrases("prose_after")
        if phrase.role == "stedfortræder" and "(?P<for>" not in phrase.pattern.pattern
    )


def substitute_pair(text: str, lo: int, hi: int) -> tuple[PersonParts, PersonParts] | None:
    """ "Bent Krogh Petersen - Bo Morthorst Rasmussen deltager som stedfortræder.", "Evan Lynnerup (V) - Marianne
    Kiærulff (V) mødte som stedfortræder.": the absent member and the substitute who stood in."""
    dash = DASH.search(text, lo, hi)
    if dash is None:
        return None
    absent = plain_person(text, lo, dash.start())
    if absent is None:
        return None
    for phrase in substitute_phrases():
        match = phrase.pattern.search(text, dash.end(), hi)
        if match is None or text[match.end() : hi].strip(" \t."):
            continue
        substitute = plain_person(text, dash.end(), match.start())
        if substitute is not None:
            return absent, substitute
    return None


def plain_person(text: str, lo: int, hi: int) -> PersonParts | None:
    """A person with nothing printed beside name, party and role but parentheses."""
    parts = parse_at(text, lo, hi)
    return None if parts is None or any(note.kind != "paren" for note in parts.notes) else parts


def same_person(a: str, b: str) -> bool:
    """Whether two printings name one member: the same name, or, for names of eight letters or more with the same
    first word, one letter apart ("Bente Gertz Hansen" and the misspelt "Bente Gertz Hansn")."""
    if a.casefold() == b.casefold():
        return True
    if min(len(a), len(b)) < 8 or a.split()[0] != b.split()[0]:
        return False
    return _one_edit_apart(a.casefold(), b.casefold())


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether one insertion, deletion or substitution turns `a` into `b` (linear time)."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    position = next((n for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[position + (len(a) == len(b)) :] == b[position + 1 :]


def hits(text: str, candidates: tuple[Phrase, ...], folded: str | None = None) -> list[tuple[Phrase, Mention]]:
    """Every match of the phrases in order, each with the people named just before it (`mentions_after`)."""
    return [
        (candidates[mention.index], mention)
        for mention in mentions_after(text, [p.prefiltered for p in candidates], folded)
    ]


def hit_items(text: str, phrase: Phrase, match: re.Match[str]) -> tuple[ItemRef | None, str | None, str]:
    """Items named in the rest of the sentence, the item left after, and the reason with it filled in."""
    after = match.groupdict().get("after")
    if after:
        return None, after, phrase.reason.replace("{after}", after)
    end = sentence_end(text, match.end(), 300)
    return item_ref(text, match.start(), end), None, phrase.reason

"""Agenda item headings: which lines start an item, with its number, title (joined across wrapped lines),
closed flag and where its body starts.

Heading forms are data (`data/item_headings.csv`). Every candidate line is weighed by what follows it (a
case number, a section heading), by the contents page, and by the shape of its title; the heading form that
explains the document best wins, and its numbers must increase through the document, which keeps numbered
lists inside an item ("1. at godkende dagsorden") from being taken for items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractors.minutes.case_numbers import find_case_number
from extractors.minutes.closed import STATE_LINE, in_regions, title_state
from extractors.minutes.contents import Contents, ContentsEntry, lines_outside
from extractors.minutes.lines import Line, collapse
from extractors.minutes.sections import section_kind
from extractors.weighted_patterns import WeightedPattern, load_weighted_patterns

HEADINGS_FILE = Path(__file__).resolve().parent.parent / "data" / "item_headings.csv"
_OUTCOME_WORD = re.compile(
    r"^(godkendt|anbefales|anbefalet|tiltrådt|vedtaget|taget til efterretning|drøftet|udsat|oversendt)\b.{0,40}$", re.I,
)
_ATTACHMENT_NAME = re.compile(r"\.(pdf|docx?|xlsx?|pptx?)\b|application/|\bikon\b|\bicon\b", re.I)
_STATE_CASE = re.compile(r"^(åbent|åben|lukket)\s*-\s*", re.I)
# How far below a heading its case number or first section heading may stand.
_LOOKAHEAD = 4
# A candidate needs more than a title-like line: a case number or section below it, or a contents entry.
_MIN_EVIDENCE = 2


@cache
def heading_forms() -> tuple[WeightedPattern, ...]:
    """Item heading forms; the weight is the form's strength (3: an item wherever it stands)."""
    return load_weighted_patterns(HEADINGS_FILE, key="name", weight="strength", flags=re.I)


@cache
def strong_heading() -> re.Pattern[str]:
    """Heading forms that are items wherever they stand (used to end a contents page)."""
    return _any_of([form for form in heading_forms() if form.weight >= 3])


@cache
def _any_heading() -> re.Pattern[str]:
    """Any heading form: one test for the many lines that are no heading, instead of one per form."""
    return _any_of(list(heading_forms()))


def _any_of(forms: list[WeightedPattern]) -> re.Pattern[str]:
    bare = [re.sub(r"\(\?P<\w+>", "(?:", form.pattern.pattern) for form in forms]  # group names repeat
    return re.compile("|".join(f"(?:{form})" for form in bare), re.I)


@dataclass(frozen=True)
class ItemHeading:
    """Where an item starts: `first` is its first line (the title line), `body` the first line after the
    title and case number."""

    number: str | None
    title: str | None
    closed: bool
    first: int
    body: int
    form: str
    case_line: int | None = None


@dataclass(frozen=True)
class _Candidate:
    form: WeightedPattern
    line: Line
    number: str
    title: str | None
    state: str | None
    evidence: int


def find_item_headings(lines: tuple[Line, ...], contents: Contents | None,
                       closed_parts: tuple[tuple[int, int], ...] = ()) -> tuple[ItemHeading, ...]:
    """The item headings of the document, in order; an item whose heading stands in one of `closed_parts` (line
    ranges of "Lukket dagsorden" parts, `closed.closed_regions`) is closed."""
    candidates = [c for c in _candidates(lines, contents) if c.evidence >= _MIN_EVIDENCE]
    if not candidates:
        return ()
    best_form = max(
        {c.form.key for c in candidates},
        key=lambda name: sum(c.evidence + c.form.weight for c in candidates if c.form.key == name),
    )
    chosen = _increasing([c for c in candidates if c.form.key == best_form])
    return tuple(_heading(lines, candidate, contents, closed_parts) for candidate in chosen)


def _candidates(lines: tuple[Line, ...], contents: Contents | None) -> list[_Candidate]:
    entries = {entry.number: entry for entry in contents.entries} if contents else {}
    any_heading = _any_heading()
    found = []
    for line in lines_outside(lines, contents):
        if line.furniture or not any_heading.match(line.text):
            continue
        for form in heading_forms():
            match = form.pattern.match(line.text)
            if not match:
                continue
            groups = match.groupdict()
            title = groups.get("title")
            if title is None:  # "Sag nr. 130": the title is the line above
                above = _previous(lines, line.index)
                title = above.text if above and section_kind(above.text) is None else None
            found.append(_Candidate(form, line, groups["number"], title, groups.get("state"),
                                    _evidence(lines, line, title, groups["number"], entries,
                                              title_on_line="title" in groups)))
            break
    return found


def _evidence(lines: tuple[Line, ...], line: Line, title: str | None, number: str,
              entries: dict[str | None, ContentsEntry], title_on_line: bool) -> int:
    score = 0
    for following in _following(lines, line.index, _LOOKAHEAD):
        kind = section_kind(following.text)
        if kind is not None or find_case_number(following.text) is not None:
            score += 2
            break
        if title and collapse(following.text) == collapse(title):
            score += 2  # the title repeated under the heading (web pages)
            break
    entry = entries.get(number)
    if entry is not None and title and _prefix_match(title, entry.title):
        score += 3
    above = _previous(lines, line.index) if title_on_line else None
    if above is not None and len(above.text) > 60 and re.search(r"[a-zæøå,]\s*$", above.text):
        score -= 3  # "... skal være gældende i / 2013. Det foreslås ...": a wrapped sentence, not a heading
    if title:
        if title[:1].islower() or title.rstrip().endswith((",", ";")):
            score -= 3
        elif title.rstrip().endswith(".") and len(title) > 60:
            score -= 2  # a sentence of a numbered list, not a title
        elif _OUTCOME_WORD.match(title):
            score -= 3  # "1. Godkendt": a numbered decision
        elif len(title) > 250:
            score -= 2
        else:
            score += 1
    return score


def _increasing(candidates: list[_Candidate]) -> list[_Candidate]:
    """The run of candidates with strictly increasing numbers that has the most evidence; consecutive
    numbers count extra, so "191., 192." beats a list's "1." followed by "192."."""
    best: list[int] = []
    previous: list[int] = []
    for i, candidate in enumerate(candidates):
        number = int(candidate.number)
        score, parent = candidate.evidence, -1
        for j in range(i):
            earlier = int(candidates[j].number)
            if earlier < number:
                gain = best[j] + candidate.evidence + (1 if earlier + 1 == number else 0)
                if gain > score:
                    score, parent = gain, j
        best.append(score)
        previous.append(parent)
    position = max(range(len(candidates)), key=lambda n: best[n]) if candidates else -1
    chosen = []
    while position != -1:
        chosen.append(candidates[position])
        position = previous[position]
    return chosen[::-1]


def _heading(lines: tuple[Line, ...], candidate: _Candidate, contents: Contents | None,
             closed_parts: tuple[tuple[int, int], ...]) -> ItemHeading:
    entry = next((e for e in contents.entries if e.number == candidate.number), None) if contents else None
    title = candidate.title
    first = candidate.line.index
    if candidate.form.key == "sag_nr":
        previous = _previous(lines, first)
        if previous is not None and title is not None:
            first = previous.index
    body = candidate.line.index + 1
    case_line = None
    if title is not None and candidate.form.key != "sag_nr":
        title, body, case_line = _extend_title(lines, candidate.line.index, title, entry)
    else:
        for following in _following(lines, candidate.line.index, 2):
            if find_case_number(following.text) is not None:
                case_line = following.index
                body = following.index + 1
                break
    closed = (candidate.state or "").casefold() == "lukket" or bool(entry and entry.closed)
    closed = closed or in_regions(first, closed_parts)
    if title:
        title, printed = title_state(title)
        closed = closed or bool(printed)
    # "Lukket sag" on a line of its own just above the heading, or among its title and case-number lines.
    beside = [_previous(lines, first), *lines[candidate.line.index + 1:body]]
    closed = closed or any(line is not None and _closed_state(line.text) for line in beside)
    if case_line is not None and _STATE_CASE.match(lines[case_line].text):
        closed = closed or lines[case_line].text.casefold().startswith("lukket")
    return ItemHeading(candidate.number, collapse(title) if title else None, closed, first, body,
                       candidate.form.key, case_line)


def _extend_title(lines: tuple[Line, ...], index: int, title: str,
                  entry: ContentsEntry | None) -> tuple[str, int, int | None]:
    """Join wrapped title lines; returns the title, the first body line and the case-number line."""
    following = _following(lines, index, _LOOKAHEAD)
    case_at = next((n for n, line in enumerate(following) if find_case_number(line.text) is not None
                    and section_kind(line.text) is None), None)
    body = index + 1
    for n, line in enumerate(following):
        if case_at is not None and n == case_at:
            return title, line.index + 1, line.index
        if section_kind(line.text) is not None:
            break
        if collapse(line.text) == collapse(title):
            body = line.index + 1  # the title repeated under the heading
            break
        if _ATTACHMENT_NAME.search(line.text):
            break
        if STATE_LINE.match(line.text):  # "Lukket sag" under the title: the item's state, not its title
            body = line.index + 1
            continue
        wrapped = (
            (entry is not None and _prefix_match(f"{title} {line.text}", entry.title)
             and len(collapse(title)) < len(entry.title))
            or (case_at is not None and n < case_at and len(line.text) < 120)
            or (line.text[:1].islower() and not title.rstrip().endswith("."))
        )
        if not wrapped:
            break
        title = f"{title} {line.text}"
        body = line.index + 1
    return title, body, None


def _closed_state(text: str) -> bool:
    state = STATE_LINE.match(text)
    return state is not None and state.group("closed") is not None


def _prefix_match(title: str, entry_title: str) -> bool:
    a, b = collapse(title).casefold(), collapse(entry_title).casefold()
    return bool(a) and (b.startswith(a) or a.startswith(b))


# Both walk the lines by position: slicing `lines` would copy the rest of the document for every candidate.
def _following(lines: tuple[Line, ...], index: int, count: int) -> list[Line]:
    found = []
    for position in range(index + 1, len(lines)):
        line = lines[position]
        if line.furniture:
            continue
        found.append(line)
        if len(found) == count:
            break
    return found


def _previous(lines: tuple[Line, ...], index: int) -> Line | None:
    for position in range(min(index, len(lines)) - 1, -1, -1):
        if not lines[position].furniture:
            return lines[position]
    return None


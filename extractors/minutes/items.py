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

from referat.extractors.language.normalise import collapse
from referat.extractors.minutes.case_numbers import CASE_LABEL, CaseNumber, find_case_number
from referat.extractors.minutes.closed import STATE_LINE, in_regions, title_state
from referat.extractors.minutes.contents import Contents, ContentsEntry, clean_number, lines_outside, number_value
from referat.extractors.minutes.lines import Line
from referat.extractors.minutes.sections import section_kind
from referat.extractors.weighted_patterns import WeightedPattern, load_weighted_patterns

HEADINGS_FILE = Path(__file__).resolve().parent.parent / "data" / "item_headings.csv"
_OUTCOME_WORD = re.compile(
    r"^(godkendt|anbefales|anbefalet|tiltrådt|vedtaget|taget til efterretning|drøftet|udsat|oversendt)\b.{0,40}$",
    re.I,
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
    # The line the title stands on when it is not the heading's own ("Sag nr. 130" under its title, "Pkt. 42" or
    # a bare "1" above it).
    title_line: Line | None = None


def find_item_headings(
    lines: tuple[Line, ...], contents: Contents | None, closed_parts: tuple[tuple[int, int], ...] = ()
) -> tuple[ItemHeading, ...]:
    """The item headings of the document, in order; an item whose heading stands in one of `closed_parts` (line
    ranges of "Lukket dagsorden" parts, `closed.closed_regions`) is closed."""
    candidates = [c for c in _candidates(lines, contents) if c.evidence >= _MIN_EVIDENCE]
    if not candidates:
        return ()
    order = {form.key: position for position, form in enumerate(heading_forms())}
    best_form = max(  # a tie goes to the stronger form, then to the form listed first
        {c.form.key for c in candidates},
        key=lambda name: (
            sum(c.evidence + c.form.weight for c in candidates if c.form.key == name),
            next(c.form.weight for c in candidates if c.form.key == name),
            -order[name],
        ),
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
            title, title_line = groups.get("title"), None
            if title is None:  # a number alone: the title is the line below ("Pkt. 42", "1") or above ("Sag nr. 130")
                title_line = _title_beside(lines, line)
                title = title_line.text if title_line is not None else None
            evidence = _evidence(
                lines,
                title_line if title_line and title_line.index > line.index else line,
                title,
                clean_number(groups["number"]),
                entries,
                title_on_line="title" in groups,
            )
            if groups.get("state") or (title and title_state(title)[1] is not None):
                evidence += 2  # a heading that prints the item's state ("(Lukket)", "Lukket punkt:", "(Åben sag)")
            if (
                title_line is not None
                and title_line.index > line.index
                and _ends_mid_sentence(_previous(lines, line.index))
            ):
                evidence -= 3  # "... videreføres i / 2013. / Kvalitetsstandarder ...": a year ending a sentence
            found.append(
                _Candidate(form, line, clean_number(groups["number"]), title, groups.get("state"), evidence, title_line)
            )
            break
    return found


def _title_beside(lines: tuple[Line, ...], line: Line) -> Line | None:
    """The title of an item whose number stands alone: the line below when it reads as a title, else the line
    above (a title never is a section heading, a case number, a date or another heading)."""
    below = _following(lines, line.index, 1)
    for candidate in (below[0] if below else None, _previous(lines, line.index)):
        if candidate is not None and reads_as_title(candidate.text):
            return candidate
    return None


def reads_as_title(text: str) -> bool:
    """A line that can be an item's title: short, capitalised, and no section heading, case number, heading,
    label or list of a table ("DIR FOU BFU")."""
    return (
        len(text) <= 250
        and text[:1].isalnum()
        and not text[:1].islower()
        and section_kind(text) is None
        and find_case_number(text) is None
        and not _any_heading().match(text)
        and not text.endswith(":")
    )


def _evidence(
    lines: tuple[Line, ...],
    line: Line,
    title: str | None,
    number: str,
    entries: dict[str | None, ContentsEntry],
    title_on_line: bool,
) -> int:
    """Points for a numbered line being an item's heading: what follows it, the contents page, its title's form."""
    score = 2 if _item_follows(lines, line, title) else 0
    entry = entries.get(number)
    if entry is not None and title and _prefix_match(title, entry.title):
        score += 3
    if title_on_line and _ends_mid_sentence(_previous(lines, line.index)):
        score -= 3  # "... skal være gældende i / 2013. Det foreslås ...": a wrapped sentence, not a heading
    return score + _title_points(title) if title else score


def _item_follows(lines: tuple[Line, ...], line: Line, title: str | None) -> bool:
    """Whether a section heading, a case number or the title repeated (web pages) follows the line closely."""
    for following in _following(lines, line.index, _LOOKAHEAD):
        if section_kind(following.text) is not None or case_number_on(lines, following.index)[0] is not None:
            return True
        if title and collapse(following.text) == collapse(title):
            return True
    return False


def _title_points(title: str) -> int:
    """Points for a title's form: a title (+1), or the middle or end of a sentence, a decision, a paragraph."""
    if title[:1].islower() or title.rstrip().endswith((",", ";")):
        return -3
    if title.rstrip().endswith(".") and len(title) > 60:
        return -2  # a sentence of a numbered list, not a title
    if _OUTCOME_WORD.match(title):
        return -3  # "1. Godkendt": a numbered decision
    if len(title) > 250:
        return -2
    return 1


def _ends_mid_sentence(line: Line | None) -> bool:
    """A long line that stops in the middle of a sentence: the next line goes on with it."""
    return line is not None and len(line.text) > 60 and _SENTENCE_GOES_ON.search(line.text) is not None


_SENTENCE_GOES_ON = re.compile(r"[a-zæøå,]\s*$")


def _increasing(candidates: list[_Candidate]) -> list[_Candidate]:
    """The run of candidates with strictly increasing numbers that has the most evidence; consecutive
    numbers count extra, so "191., 192." beats a list's "1." followed by "192."."""
    best: list[int] = []
    previous: list[int] = []
    for i, candidate in enumerate(candidates):
        number = number_value(candidate.number)
        score, parent = candidate.evidence, -1
        for j in range(i):
            earlier = number_value(candidates[j].number)
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


def _heading(
    lines: tuple[Line, ...], candidate: _Candidate, contents: Contents | None, closed_parts: tuple[tuple[int, int], ...]
) -> ItemHeading:
    entry = next((e for e in contents.entries if e.number == candidate.number), None) if contents else None
    title = candidate.title
    first = candidate.line.index
    last = candidate.line.index  # the heading's last line: its number's or its title's
    if candidate.title_line is not None:
        first, last = min(first, candidate.title_line.index), max(last, candidate.title_line.index)
    body = last + 1
    case_line = None
    if title is not None and (candidate.title_line is None or candidate.title_line.index > candidate.line.index):
        title, body, case_line = _extend_title(lines, last, title, entry, candidate.number)
    else:
        for following in _following(lines, last, 2):
            found, value_line = case_number_on(lines, following.index)
            if found is not None:
                case_line = following.index
                body = value_line + 1
                break
    if case_line is None:  # a case number alone on the line above the heading (Hjørring: "00.01.00-K01-1-16 / 1.")
        above = _previous(lines, first)
        found = find_case_number(above.text) if above is not None else None
        if above is not None and found is not None and found.text == above.text.strip():
            case_line = above.index
    closed = (candidate.state or "").casefold() == "lukket" or bool(entry and entry.closed)
    closed = closed or in_regions(first, closed_parts)
    if title:
        title, printed = title_state(title)
        closed = closed or bool(printed)
    # "Lukket sag" on a line of its own just above the heading, or among its title and case-number lines.
    beside = [_previous(lines, first), *lines[candidate.line.index + 1 : body]]
    closed = closed or any(line is not None and _closed_state(line.text) for line in beside)
    if case_line is not None and _STATE_CASE.match(lines[case_line].text):
        closed = closed or lines[case_line].text.casefold().startswith("lukket")
    return ItemHeading(
        candidate.number, collapse(title) if title else None, closed, first, body, candidate.form.key, case_line
    )


def _extend_title(
    lines: tuple[Line, ...], index: int, title: str, entry: ContentsEntry | None, number: str | None = None
) -> tuple[str, int, int | None]:
    """Join wrapped title lines; returns the title, the first body line and the case-number line. The heading
    printed again below (a web page's list of items above each item: "• Pkt. 42 Title", then "Pkt. 42" and the
    title) is passed over."""
    following = _following(lines, index, _LOOKAHEAD)
    case_at = next(
        (
            n
            for n, line in enumerate(following)
            if case_number_on(lines, line.index)[0] is not None and section_kind(line.text) is None
        ),
        None,
    )
    body = index + 1
    repeated = attachments = False
    for n, line in enumerate(following):
        if case_at is not None and n == case_at:
            return title, case_number_on(lines, line.index)[1] + 1, line.index
        if section_kind(line.text) is not None:
            break
        again = _any_heading().match(line.text)
        if collapse(line.text) == collapse(title) or (again and _same_number(line.text, number)):
            body, repeated = line.index + 1, True  # the title or the heading repeated under the heading
            continue
        if _ATTACHMENT_NAME.search(line.text) and not repeated and case_at is not None and n < case_at:
            attachments = True  # the item's attachments listed under its heading, before its case number
            continue
        if _ATTACHMENT_NAME.search(line.text) or again or repeated or attachments:
            break  # an attachment's name, another item's heading, or what follows the repeated heading
        if STATE_LINE.match(line.text):  # "Lukket sag" under the title: the item's state, not its title
            body = line.index + 1
            continue
        wrapped = (
            (
                entry is not None
                and _prefix_match(f"{title} {line.text}", entry.title)
                and len(collapse(title)) < len(entry.title)
            )
            or (case_at is not None and n < case_at and len(line.text) < 120)
            or (line.text[:1].islower() and not title.rstrip().endswith("."))
        )
        if not wrapped:
            break
        title = f"{title} {line.text}"
        body = line.index + 1
    return title, body, None


def case_number_on(lines: tuple[Line, ...], index: int) -> tuple[CaseNumber | None, int]:
    """The journal number line `index` gives, and the index of the line it ends on: that line, or the next when
    the line is its label alone and the next line its value alone ("Sagsnr:" above "09/141", Region Syddanmark;
    "Sagsid:" above "14/40")."""
    line = lines[index]
    found = find_case_number(line.text)
    if found is None and _CASE_LABEL_ALONE.match(line.text):
        value = _following(lines, index, 1)
        if value:
            joined = find_case_number(f"{line.text.strip()} {value[0].text.strip()}")
            if joined is not None and joined.text == value[0].text.strip():
                return joined, value[0].index
    return found, index


_CASE_LABEL_ALONE = re.compile(rf"^\s*{CASE_LABEL}\.?\s*:?\s*$", re.I)


def _same_number(text: str, number: str | None) -> bool:
    found = _LEADING_NUMBER.search(text)
    return number is not None and found is not None and clean_number(found.group()) == number


_LEADING_NUMBER = re.compile(r"\d{1,4}(?:\s?/\s?\d{1,4})?")


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

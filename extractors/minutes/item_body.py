"""The inside of an agenda item: sections, this meeting's decision and earlier ones, absences, attachments.

Decisions come from decision sections ("Beslutning", "<Udvalg>s beslutning den 04.12.2012 Punkt 2",
"Beslutning i <Udvalg> den ...", "Beslutning <Udvalg> den" with its date lost, "Offentlig beslutning ..."), from
chains of committee decisions ("Teknik- og Miljøudvalget, 10. september 2019, pkt. 65:", "Kultur- og
Idrætsudvalget, 03-04-2019, pkt. 42" or "11/03/2025 Klima- og Miljøudvalget" in a case history), from a
committee's recommendation printed as the item's Indstilling, and from a decision printed above its empty
heading (see `decisions`). Whichever names this meeting's body and date (or names none) is this meeting's
decision and comes first; where the meeting's committee is not known by the name the decisions give, a
decision dated on the meeting's day is this meeting's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from referat.extractors.language.dates import parse_date
from referat.extractors.language.normalise import collapse
from referat.extractors.minutes import attendance, outcomes
from referat.extractors.minutes.decisions import (
    ItemContext,
    committee_recommendation,
    ends_decision,
    heading_body_date,
    printed_before,
    same_body,
)
from referat.extractors.minutes.lines import Line
from referat.extractors.minutes.sections import SectionLines, section_kind, split_sections
from referat.models.records import Decision, ItemAbsence, ItemSection

__all__ = ["ItemBody", "ItemContext", "chain_line", "parse_item_body"]

# "Teknik- og Miljøudvalget, 10. september 2019, pkt. 65:" and "Byrådet, 23.02.2016 <text>"
_CHAIN = re.compile(
    r"^(?P<body>[A-ZÆØÅ][^:\n]{2,80}?),\s*(?P<date>\d{1,2}\.\s*[a-zæøå]+\.?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{4})"
    r"(?P<item>,\s*(?:pkt|punkt)\.?\s*\d+)?\s*:?\s*(?P<rest>.*)$",
)
# A chain's body is a name: capitalised words, "og" and "for" between them ("Kultur- og Idrætsudvalget",
# "Udvalget for Ældre og Sundhed"), not a phrase that ends in one ("Rapport nr. 5 til Klima- og Miljøudvalget").
_NAME_WORDS = re.compile(r"^(?:[A-ZÆØÅ][\w-]*|og|for)(?:\s+(?:[A-ZÆØÅ][\w-]*|og|for))*$")
# What a chain line holds after its body: a comma and a date's first digit. Most lines have none, and a test
# for a comma and this search decide them before `_CHAIN` is tried (docs/performance.md).
_CHAIN_HINT = re.compile(r",\s*\d")
# "11/03/2025 Klima- og Miljøudvalget" in a "Sagens forløb" history.
_HISTORY_ENTRY = re.compile(r"^(?P<date>\d{1,2}[./-]\d{1,2}[./-]\d{4})\s+(?P<body>[A-ZÆØÅ].{2,80})$")
_ABSENCE_LINE = re.compile(
    r"^(afbud\b|fraværende\b|ikke til stede\b|følgende deltog ikke|deltog ikke\b|fremmøde\b|inhabil)",
    re.I,
)
# Every absence phrase contains one of these words; text without them has no absences to look for.
_ABSENCE_WORDS = (
    "afbud",
    "fravær",
    "habil",
    "deltog",
    "forlod",
    "stede",
    "udeblev",
    "mødte",
    "mødt",
    "forfald",
    "syg",
    "stedfortræder",
    "suppleant",
    "medvirkede",
    "forhindret",
    "gik efter",
    "gik under",
    "gik kl",
)
_ATTACHMENT_COUNT = re.compile(r"^\d+\s+bilag$", re.I)
_same_body = same_body  # the name the absence code below reads


@dataclass(frozen=True)
class ItemBody:
    sections: tuple[ItemSection, ...]
    decisions: tuple[Decision, ...]
    absences: tuple[ItemAbsence, ...]
    attachments: tuple[str, ...]
    # Absences the item's text assigns to other items ("inhabil vedr. pkt. 196, 197 og 198"), by item number.
    absences_for_other_items: tuple[tuple[str, ItemAbsence], ...]


_Section = SectionLines


def chain_line(text: str) -> re.Match[str] | None:
    """A line that introduces a committee's decision by body and date ("Byrådet, 23.02.2016 ...", "Social og
    Sundhed, 6. januar 2020, pkt. 123:")."""
    if "," not in text or not _CHAIN_HINT.search(text):
        return None
    match = _CHAIN.match(text)
    if match is None or (match.group("item") is None and not _NAME_WORDS.match(match.group("body").strip())):
        return None  # without "pkt. N" after the date, only a body's name before it makes a chain
    return match


def parse_item_body(text: str, lines: list[Line], context: ItemContext) -> ItemBody:
    """Analyse the lines of one item (furniture removed); `text` is the whole document text."""
    sections = split_sections(lines)
    decisions = _decisions(text, sections, context)
    # Most items name no absence at all: the substring test on all their lines spares sorting out their quotes.
    absences: tuple[ItemAbsence, ...] = ()
    elsewhere: tuple[tuple[str, ItemAbsence], ...] = ()
    if _may_name_absences(text, lines):
        absences, elsewhere = _absences(text, _own_lines(lines, context), lines)
    attachments = tuple(
        line.text
        for section in sections
        if section.kind == "attachments"
        for line in section.lines
        if not _ATTACHMENT_COUNT.match(line.text)
    )
    records = tuple(
        ItemSection(
            heading=section.heading.text if section.heading else "",
            kind=section.kind,
            text=_span_text(text, section.lines),
            # The span is the section's text (what `text` holds), not its heading.
            start=section.lines[0].start if section.lines else _heading_end(section),
            end=section.lines[-1].end if section.lines else _heading_end(section),
        )
        for section in sections
        if section.heading is not None
    )
    return ItemBody(records, decisions, absences, attachments, elsewhere)


def _heading_end(section: _Section) -> int:
    return section.heading.end if section.heading else 0


def _span_text(text: str, lines: list[Line]) -> str:
    return text[lines[0].start : lines[-1].end] if lines else ""


def _decision_lines(lines: list[Line]) -> list[Line]:
    """A decision's own lines: absence lines before the text are skipped ("Ikke til stede: X" above
    "Godkendt."); one after it ends the decision, unless the decision goes on below it ("Afbud fra ... Som
    suppleanter er indkaldt ..." / "Dagsorden godkendt."). A chained or historic decision ends it, and so does a
    case number's label (a new item)."""
    kept: list[Line] = []
    for position, line in enumerate(lines):
        if chain_line(line.text) or _HISTORY_ENTRY.match(line.text) or ends_decision(line):
            break
        if _ABSENCE_LINE.match(line.text):
            if kept:
                if _decision_goes_on(lines[position + 1 :]):
                    kept.append(line)
                    continue
                break
            continue
        kept.append(line)
    return kept


def _decision_goes_on(lines: list[Line]) -> bool:
    """Whether the first line after absence lines still reads as the decision (it has an outcome)."""
    for line in lines:
        if _ABSENCE_LINE.match(line.text):
            continue
        if chain_line(line.text) or _HISTORY_ENTRY.match(line.text) or ends_decision(line):
            return False
        outcome, _, _ = outcomes.read_decision(collapse(line.text))
        return outcome != "other"
    return False


def _decision(text: str, lines: list[Line], body: str | None, date: str | None) -> Decision | None:
    return _decision_of(text, _decision_lines(lines), body, date)


def _decision_of(text: str, kept: list[Line], body: str | None, date: str | None) -> Decision | None:
    """The decision whose own lines are `kept` (see `_decision_lines`)."""
    if not kept:
        return None
    decision_text = _span_text(text, kept)
    outcome, dissent, found = outcomes.read_decision(collapse(decision_text))
    return Decision(
        body=collapse(body) if body else None,
        date=date,
        text=decision_text,
        outcome=outcome,
        dissent=dissent,
        votes=found,
        start=kept[0].start,
        end=kept[-1].end,
    )


def _decisions(text: str, sections: list[_Section], context: ItemContext) -> tuple[Decision, ...]:
    found: list[tuple[Decision, bool]] = []  # each decision, and whether its own text gave its date
    for position, section in enumerate(sections):
        if section.kind == "decision" and section.heading is not None:
            body, date = heading_body_date(section.heading.text, context)
            kept = _decision_lines(section.lines)
            if not kept and position and sections[position - 1].kind == "recommendation":
                kept = _decision_lines(printed_before(sections[position - 1].lines))
            decision = _decision_of(text, kept, body or context.committee, date or context.date)
            if decision is not None:
                found.append((decision, date is not None))
        elif section.kind == "recommendation":
            recommended = committee_recommendation(section.lines, context)
            if recommended is not None:
                decision = _decision(text, recommended[1], recommended[0], None)
                if decision is not None:
                    found.append((decision, False))
        found.extend((chained, True) for chained in _chained(text, section, context))
    ours = [_is_this_meeting(decision, context) for decision, _ in found]
    if not any(ours) and context.date:
        # The meeting's committee may be printed in a form no decision repeats (or misread in a damaged
        # header): a decision dated on the meeting's day is then this meeting's.
        ours = [dated and decision.date == context.date for decision, dated in found]
    this_meeting = [decision for (decision, _), mine in zip(found, ours, strict=True) if mine]
    earlier = [decision for (decision, _), mine in zip(found, ours, strict=True) if not mine]
    # Earlier decisions are kept only beside this meeting's: in an agenda, or where a truncated text lost
    # the meeting's decision, quoted recommendations are part of the case, not decisions of record.
    return tuple(this_meeting + earlier) if this_meeting else ()


def _chained(text: str, section: _Section, context: ItemContext) -> list[Decision]:
    """Decisions introduced by a line naming a body and a date, inside any section."""
    found = []
    section_lines = section.lines
    for position, line in enumerate(section_lines):
        chain = chain_line(line.text)
        history = _HISTORY_ENTRY.match(line.text) if section.kind in ("history", "decision") else None
        if not chain and not history:
            continue
        match = chain or history
        assert match is not None
        date = parse_date(match.group("date"), default_year=context.year)
        if date is None:
            continue
        following = section_lines[position + 1 :]
        rest = chain.group("rest") if chain else ""
        lines = following
        if rest and not attendance.find_absences(rest) and not attendance.find_attendance_prose(rest):
            offset = line.start + chain.start("rest") if chain else line.start
            lines = [Line(line.index, rest, offset, line.end, line.page), *following]
        decision = _decision(text, lines, match.group("body"), date)
        if decision is not None:
            found.append(decision)
    return found


def _is_this_meeting(decision: Decision, context: ItemContext) -> bool:
    if decision.date and context.date and decision.date != context.date:
        return False
    if decision.body and context.committee:
        return same_body(decision.body, context.committee)
    return True


def _own_lines(lines: list[Line], context: ItemContext) -> list[Line]:
    """The item's lines without those quoting another meeting's decision ("Plan, Miljø og Teknik,
    7. januar 2020, pkt. 207: Ikke til stede: ..."): an absence there was at that meeting, not this one.
    The quote ends where its decision text is followed by an absence line (the item's own "Afbud ..."),
    a section heading or another quote."""
    own: list[Line] = []
    foreign = False
    quoted_text = False
    for line in lines:
        chain = chain_line(line.text) or _HISTORY_ENTRY.match(line.text)
        if chain:
            date = parse_date(chain.group("date"), default_year=context.year)
            foreign = not (date == context.date and _same_body(chain.group("body"), context.committee or ""))
            quoted_text = False
        elif section_kind(line.text) is not None or (foreign and _ABSENCE_LINE.match(line.text) and quoted_text):
            foreign = False
        elif foreign and not _ABSENCE_LINE.match(line.text):
            quoted_text = True
        if not foreign:
            own.append(line)
    return own


def _may_name_absences(text: str, lines: list[Line]) -> bool:
    """Whether the text of `lines` (in order) has a word that every absence needs; if not, neither has the text
    of any of them."""
    if not lines:
        return False
    folded = text[lines[0].start : lines[-1].end].casefold()
    return any(word in folded for word in _ABSENCE_WORDS)


def _absences(
    text: str, lines: list[Line], tested: list[Line]
) -> tuple[tuple[ItemAbsence, ...], tuple[tuple[str, ItemAbsence], ...]]:
    """Absences named in `lines`; `tested` are lines whose text `_may_name_absences` found to have a word that an
    absence needs (the test is not repeated on the same span of text)."""
    here: list[ItemAbsence] = []
    elsewhere: list[tuple[str, ItemAbsence]] = []
    if not lines:
        return (), ()
    same_span = lines[0].start == tested[0].start and lines[-1].end == tested[-1].end
    if not same_span and not _may_name_absences(text, lines):
        return (), ()  # the common case, decided by a few substring searches
    start = lines[0].start
    span = text[start : lines[-1].end]
    for mention in attendance.find_absences(span):
        absence = ItemAbsence(mention.name, mention.party, mention.reason, start + mention.start, start + mention.end)
        if mention.items:
            elsewhere.extend((number, absence) for number in mention.items)
        else:
            here.append(absence)
    return tuple(here), tuple(elsewhere)

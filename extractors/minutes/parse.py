"""Minutes and agendas to a `Meeting`: the shared engine that every layout family runs.

`parse_meeting(document)` finds the layout family, the contents page, the item headings and the header,
reads each item's body, reconciles items with the contents page, places per-item absences, and checks
itself: every doubt becomes a warning, and a doubtful structure marks the document `partial`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeGuard

from referat.extractors.language.dates import find_dates, parse_date
from referat.extractors.language.normalise import collapse
from referat.extractors.language.places import municipality_for
from referat.extractors.minutes.attendance import AttendanceMention, find_attendance_prose
from referat.extractors.minutes.case_numbers import CASE_LABEL, find_case_number
from referat.extractors.minutes.closed import blank, closed_regions, closed_spans, in_regions
from referat.extractors.minutes.contents import Contents, find_contents, lines_outside, number_value
from referat.extractors.minutes.decisions import heading_body_date
from referat.extractors.minutes.families import Family, recognise
from referat.extractors.minutes.header import Header, clean_committee, parse_header
from referat.extractors.minutes.item_body import ItemBody, ItemContext, chain_line, parse_item_body
from referat.extractors.minutes.items import (
    ItemHeading,
    case_number_on,
    find_item_headings,
    reads_as_title,
    strong_heading,
)
from referat.extractors.minutes.lines import Line
from referat.extractors.minutes.logical import logical_lines
from referat.extractors.minutes.sections import section_kind
from referat.models.records import AgendaItem, Attendance, Document, ItemAbsence, Kind, Meeting

_PAGE_NUMBER_IN_NAME = re.compile(r"(?:punkt|pkt|item)[-_ ]?(\d{1,4})(?!\d)", re.I)
_MEETING_RANGE = re.compile(r"^(?:sager|punkter|sag)\s+(\d+)\s*-\s*(\d+)$", re.I)
_UI_NOISE = re.compile(r"\s*\b(Vis medlemmer|Tip en ven|Rss-feed til udvalget|Udskriv|Print|Download)\b.*$")
# Stub items are made for absences naming items the text does not show, but not for more than this many.
_MAX_STUBS = 12


@dataclass(frozen=True)
class MeetingParse:
    meeting: Meeting
    format: str
    confidence: float
    warnings: tuple[str, ...]
    doubtful: bool
    # The document's text with closed items' bodies blanked (`closed.blank`): what may be published, and what
    # every later stage reads. `closed` holds the blanked spans.
    text: str = ""
    closed: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class _Span:
    """An item's lines before it becomes an AgendaItem: from a heading, the contents page or untitled text."""

    heading: ItemHeading | None
    lines: list[Line]
    number: str | None = None
    title: str | None = None
    closed: bool = False
    case_line: Line | None = None  # an untitled item's case-number line, which starts it


def parse_meeting(document: Document) -> MeetingParse:
    lines = logical_lines(document)
    family, confidence = recognise(lines)
    contents = find_contents(lines, strong_heading())
    regions = closed_regions(lines, contents)
    headings = find_item_headings(lines, contents, regions)
    closed = _closed_spans(lines, len(document.text), regions, headings)
    if closed:  # from here on the parser reads only what may be published
        document = document.replace(text=blank(document.text, closed))
    is_open = _open_test(closed)
    body = [line for line in lines_outside(lines, contents) if not line.furniture and is_open(line)]
    anchors = [] if headings else _case_anchors(body)
    header_end = headings[0].first if headings else anchors[0].index if anchors else _first_section(body)
    header_lines = [
        _head_of(line) for line in lines_outside(lines, contents, header_end)[:_HEADER_LINES] if is_open(line)
    ]
    decision_headings = [collapse(line.text) for line in body if section_kind(line.text) == "decision"]
    chain_bodies = [match.group("body") for line in body if (match := chain_line(line.text))]
    header = parse_header(document.text, header_lines, decision_headings, chain_bodies)
    municipality = municipality_for(document.text[:8000], committee=header.committee, location=header.location)
    if header.date is None and not decision_headings:  # "Byrådet, 23.02.2016 ...": the decision line dates it
        chained = (parse_date(m.group("date")) for line in body if (m := chain_line(line.text)))
        header = replace(header, date=next((date for date in chained if date), None))
    if header.date is None or header.committee is None:
        header = _meeting_named_in_text(header, document.text[:5000])
    year = int(header.date[:4]) if header.date else None
    context = ItemContext(header.committee, header.date, year)

    spans = _case_spans(body, anchors) if anchors else _untitled_spans(body, header_end, headings, family)
    body_indexes = [line.index for line in body]  # ascending: each item's lines are a slice, found by bisection
    for position, heading in enumerate(headings):
        end = headings[position + 1].first if position + 1 < len(headings) else len(lines)
        item_lines = body[bisect.bisect_left(body_indexes, heading.body) : bisect.bisect_left(body_indexes, end)]
        spans.append(_Span(heading, item_lines, heading.number, heading.title, heading.closed))
    warnings: list[str] = []
    spans = _reconcile_with_contents(spans, contents, warnings)
    if len(spans) == 1 and spans[0].heading is None and spans[0].title is None:
        spans = [_single_item_page(spans[0], document.path, header_lines)]
    page_starts = document.page_starts  # worked out once, not once per item
    built = [_item(document, lines, span, context, page_starts) for span in spans]
    items = _place_absences([item for item, _ in built], [p for _, pending in built for p in pending], header, body)
    if header.attendance and all(_item_note(mention) for mention in header.attendance):
        # Only notes on single items ("X medvirkede ikke ved behandlingen af pkt. 357, idet han var inhabil"):
        # placed on those items above, but no participant list, so the meeting's attendance is not recorded.
        header = replace(header, attendance=(), attendance_recorded=False)
    elif not header.attendance and items and items[0].text:
        # Attendance written as prose in the first item's decision ("Fremmøde og inhabilitet: X havde meldt
        # afbud, og Y deltog i stedet") is the meeting's.
        prose = find_attendance_prose(items[0].text)
        if any(mention.status == "absent" for mention in prose):  # not just someone declared inhabil
            header = replace(header, attendance=prose, attendance_offset=items[0].start or 0, attendance_recorded=True)
            if not _repeated_note(items):  # the first item is the roll call, not an item they sat out
                lifted = {mention.name for mention in prose}
                items[0] = replace(items[0], absences=tuple(a for a in items[0].absences if a.name not in lifted))
    attendance = _attendance(header)
    # The kind is decided from this structure (`extractors.kinds.decide_kind`); `as_kind` gives it to the meeting.
    meeting = Meeting(
        municipality=municipality,
        committee=header.committee,
        date=header.date,
        start_time=header.start_time,
        location=header.location,
        attendance_recorded=header.attendance_recorded,
        attendance=attendance,
        items=tuple(items),
        kind=document.kind,
    )
    doubtful = _self_check(meeting, family, confidence, header, warnings)
    return MeetingParse(meeting, family.name, confidence, tuple(warnings), doubtful, document.text, closed)


# A meeting's header is a few dozen short lines: what lies beyond is not read as the header (a file of one
# enormous line would otherwise be searched whole for every label, and a report without items whole for its
# labels). 150 lines hold a regional council's participant list one to a line (Region Sjælland's ends at 94).
_HEADER_LINES = 150
_HEADER_LINE_CHARS = 2000


def _head_of(line: Line) -> Line:
    if len(line.text) <= _HEADER_LINE_CHARS:
        return line
    return line._replace(text=line.text[:_HEADER_LINE_CHARS], end=line.start + _HEADER_LINE_CHARS)


def _closed_spans(
    lines: tuple[Line, ...], text_length: int, regions: tuple[tuple[int, int], ...], headings: tuple[ItemHeading, ...]
) -> tuple[tuple[int, int], ...]:
    """The characters of closed items and closed parts; closed items' heading lines (number and title) stay."""
    items: list[tuple[int, int]] = []
    public: list[tuple[int, int]] = []
    for position, heading in enumerate(headings):
        if heading.closed:
            end = headings[position + 1].first if position + 1 < len(headings) else len(lines)
            items.append((heading.first, end))
        if heading.closed or in_regions(heading.first, regions):
            public.append((heading.first, _title_end(heading)))
    if not items and not regions:
        return ()
    return closed_spans(lines, text_length, regions, items, public)


def _title_end(heading: ItemHeading) -> int:
    """The line after a heading's number and title lines (its case number is not public for a closed item)."""
    return heading.case_line if heading.case_line is not None and heading.case_line > heading.first else heading.body


def _open_test(closed: tuple[tuple[int, int], ...]) -> Callable[[Line], bool]:
    """A test of whether a line lies outside the closed spans (lines are wholly inside or outside them)."""
    if not closed:
        return lambda line: True
    starts = [start for start, _ in closed]

    def is_open(line: Line) -> bool:
        position = bisect.bisect_right(starts, line.start) - 1
        return position < 0 or line.start >= closed[position][1]

    return is_open


def _line_kind(line: Line) -> str | None:
    """A line's section kind; a chain line ("Byrådet, 23.02.2016 ...") starts a decision."""
    kind = section_kind(line.text)
    if kind is None and chain_line(line.text):
        return "decision"
    return kind


_BODY_AND_DATE = re.compile(
    r"\b(?P<body>KB|ØU|BR|Kommunalbestyrelsen|Byrådet|Borgerrepræsentationen|Regionsrådet|[A-ZÆØÅ][\w-]*udvalget)"
    r"(?:s møde)?\s+(?:den|d\.)\s+(?P<date>\d{1,2}\.\s*[a-zæøå]+\.?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{4})"
)


def _meeting_named_in_text(header: Header, text: str) -> Header:
    """'Godkendelse af åben dagsorden for KB den 22. januar 2020': a body and date in running text, used
    only where the header names neither."""
    match = _BODY_AND_DATE.search(text)
    if not match:
        return header
    date = header.date or parse_date(match.group("date"))
    committee = header.committee or clean_committee(match.group("body"))
    return replace(header, date=date, committee=committee)


def _first_section(body: list[Line]) -> int:
    for line in body:
        kind = _line_kind(line)
        if kind is not None and kind != "other":
            return line.index
    return body[-1].index + 1 if body else 0


# A line that starts with a case-number label ("Sagsnr.: 14/12601", "Sagsnr.: 00.00.00-P19-1859-07 Sagsbehandler: ...").
_CASE_LABEL_LINE = re.compile(rf"^{CASE_LABEL}\b", re.I)


def _case_anchors(body: list[Line]) -> list[Line]:
    """Where untitled items start in a viewer that shows each item's case number, not its number or title
    (Hedensted, Kolding, Herning's eDoc pages): the case-number lines, when there are at least two."""
    found = [line for line in body if _CASE_LABEL_LINE.match(line.text) and find_case_number(line.text)]
    return found if len(found) >= 2 else []


def _case_spans(body: list[Line], anchors: list[Line]) -> list[_Span]:
    """One item from each case-number line to the next; a title-like line right below it is the title."""
    starts = [line.index for line in anchors]
    spans = []
    for position, anchor in enumerate(anchors):
        end = starts[position + 1] if position + 1 < len(starts) else None
        span_lines = [line for line in body if anchor.index <= line.index and (end is None or line.index < end)]
        below = span_lines[1] if len(span_lines) > 1 else None
        title = collapse(below.text) if below is not None and reads_as_title(below.text) else None
        spans.append(_Span(None, span_lines, None, title, case_line=anchor))
    return spans


def _untitled_spans(
    body: list[Line], header_end: int, headings: tuple[ItemHeading, ...], family: Family
) -> list[_Span]:
    """Items whose headings the text lost (web pages): split where a new item's sections start again."""
    stop = headings[0].first if headings else (body[-1].index + 1 if body else 0)
    stretch = [line for line in body if header_end <= line.index < stop]
    kinds = [_line_kind(line) for line in stretch]
    if not (family.split_untitled_items or not headings):
        return []
    if "decision" not in kinds:
        # One item whose heading was lost and whose decision is not (yet) there: a single-item page.
        sectioned = any(kind not in (None, "other") for kind in kinds)
        return [_Span(None, stretch)] if sectioned and not headings else []
    spans: list[_Span] = []
    current: list[Line] = []
    seen_decision = decided = False  # a decision heading seen in this item; text under it
    for line, kind in zip(stretch, kinds, strict=False):
        # A new item starts with its first sections, or with a bare decision heading after a decision with text
        # (a viewer that shows each item's decision only: "Offentlig beslutning ...", its text, the next one).
        # Headings that name a body or date ("Beslutning i Økonomiudvalget den ...", "Byrådet, 23.02.2016")
        # are one item's decisions in turn.
        if seen_decision and (
            kind in ("history", "other", "summary", "background", "case")
            or (kind == "decision" and decided and _bare_decision(line))
        ):
            spans.append(_Span(None, current))
            current, seen_decision, decided = [], False, False
        if kind == "decision":
            seen_decision = True
        elif seen_decision and kind is None:
            decided = True
        current.append(line)
    if current:
        spans.append(_Span(None, current))
    return spans


def _bare_decision(line: Line) -> bool:
    return not chain_line(line.text) and heading_body_date(line.text, _NO_CONTEXT) == (None, None)


_NO_CONTEXT = ItemContext(None, None, None)


def _single_item_page(span: _Span, path: str, header_lines: list[Line]) -> _Span:
    """A web page holding one item ("…/referat/punkt-3"): its first line is the title, and a saved page's
    name may keep the item number the page itself no longer prints."""
    first = next((line for line in header_lines if not line.furniture), None)
    title = None
    if (
        first is not None
        and not chain_line(first.text)
        and "(" not in first.text
        and len(first.text) <= 200
        and not find_dates(first.text)
        and section_kind(first.text) is None
    ):
        title = collapse(first.text)
    numbered = _PAGE_NUMBER_IN_NAME.search(path.rsplit("/", 1)[-1])
    return replace(span, title=title, number=numbered.group(1) if numbered else None)


def _reconcile_with_contents(spans: list[_Span], contents: Contents | None, warnings: list[str]) -> list[_Span]:
    """Check items against the contents page; keep entries the body does not show (a truncated document)."""
    if contents is None:
        return spans
    found = {span.number for span in spans if span.number}
    titles = {collapse(span.title).casefold() for span in spans if span.title}
    missing = [
        entry
        for entry in contents.entries
        if entry.number not in found and collapse(entry.title).casefold() not in titles
    ]
    listed = {entry.number for entry in contents.entries}
    extra = [span.number for span in spans if span.number and span.number not in listed]
    if missing:
        shown = ", ".join(entry.number or entry.title[:30] for entry in missing[:10])
        warnings.append(
            f"contents lists {len(missing)} item(s) not found in the body ({shown}): kept with their contents title"
        )
    if extra:
        warnings.append(f"item(s) {', '.join(extra[:10])} found in the body but not on the contents page")
    by_number = {entry.number: entry for entry in contents.entries}
    completed = []
    for span in spans:
        entry = by_number.get(span.number)
        if (
            entry
            and span.title
            and len(span.title) < len(entry.title)
            and entry.title.casefold().startswith(collapse(span.title).casefold())
        ):
            span = replace(span, title=entry.title)  # the body's title lost its wrapped end
        completed.append(span)
    completed += [_Span(None, [], entry.number, entry.title, entry.closed) for entry in missing]
    return sorted(completed, key=_order) if all(_numbered(s.number) for s in completed) else completed


def _order(span: _Span) -> int:
    return number_value(span.number) if _numbered(span.number) else 0


def _numbered(number: str | None) -> TypeGuard[str]:
    return number is not None and number[:1].isdigit()


def _item(
    document: Document, lines: tuple[Line, ...], span: _Span, context: ItemContext, page_starts: tuple[int, ...]
) -> tuple[AgendaItem, tuple[tuple[str, ItemAbsence], ...]]:
    """The item, and the absences its text assigns to other items."""
    heading = span.heading
    case_line = lines[heading.case_line] if heading and heading.case_line is not None else span.case_line
    case = case_number_on(lines, case_line.index)[0] if case_line is not None else None
    title = _UI_NOISE.sub("", span.title).strip() if span.title else None
    if not span.lines and heading is None:
        return AgendaItem(number=span.number, title=title, closed=span.closed), ()
    first_offset = lines[heading.first].start if heading is not None else span.lines[0].start
    end = span.lines[-1].end if span.lines else lines[heading.first].end if heading else first_offset
    start_page = document.page_at(first_offset, page_starts)
    end_page = span.lines[-1].page if span.lines else start_page
    if span.closed:  # number and title only: the span of the heading's lines, not of the closed body
        end = lines[_title_end(heading) - 1].end if heading is not None else first_offset
        return AgendaItem(
            number=span.number,
            title=title,
            closed=True,
            page_start=start_page,
            page_end=document.page_at(end, page_starts),
            start=first_offset,
            end=end,
        ), ()
    body: ItemBody = parse_item_body(document.text, span.lines, context)
    item = AgendaItem(
        number=span.number,
        title=title,
        case_number=case.text if case else None,
        kle_number=case.kle_number if case else None,
        kle_facet=case.kle_facet if case else None,
        closed=False,
        page_start=start_page,
        page_end=end_page,
        text=document.text[first_offset:end],
        start=first_offset,
        end=end,
        sections=body.sections,
        decisions=body.decisions,
        absences=body.absences,
        attachments=body.attachments,
    )
    return item, body.absences_for_other_items


def _repeated_note(items: list[AgendaItem]) -> bool:
    """The first item's absences are printed again under a later item: each item's own note of who sat it out
    ("Afbud fra X ... Som suppleanter deltog Y" after every decision), not only the meeting's roll call."""
    first = {absence.name for absence in items[0].absences}
    return any(first & {absence.name for absence in item.absences} for item in items[1:])


def _item_note(mention: AttendanceMention) -> bool:
    """A note on some items only of someone who was at the meeting (inhabil, left during an item)."""
    return mention.status == "present" and (mention.items is not None or mention.item_range is not None)


def _attendance(header: Header) -> tuple[Attendance, ...]:
    return tuple(
        Attendance(
            mention.name,
            mention.party,
            mention.role,
            mention.status,
            mention.reason,
            mention.substitute_for,
            header.attendance_offset + mention.start,
            header.attendance_offset + mention.end,
        )
        for mention in header.attendance
    )


def _place_absences(
    items: list[AgendaItem], pending: list[tuple[str, ItemAbsence]], header: Header, body: list[Line]
) -> list[AgendaItem]:
    """Absences that name items (meeting-level ranges, 'inhabil vedr. pkt. 196') go to those items; items
    the text does not show get stubs, unless the range is simply the whole meeting's."""
    wanted, after = _absences_by_item(items, header, body)
    for number, absence in pending:
        wanted.setdefault(number, []).append(absence)
    if not wanted and not after:
        return items
    placed = _with_absences(items, wanted)
    for after_number, absence in after:  # "forlod mødet efter punkt 23", "gik under punkt 145": every later item
        placed = [
            replace(item, absences=(*item.absences, absence))
            if _numbered(item.number) and number_value(item.number) > after_number
            else item
            for item in placed
        ]
    if all(_numbered(item.number) for item in placed):
        placed.sort(key=lambda item: number_value(item.number or "0"))
    return placed


def _absences_by_item(
    items: list[AgendaItem], header: Header, body: list[Line]
) -> tuple[dict[str, list[ItemAbsence]], list[tuple[int, ItemAbsence]]]:
    """The header's absences from named items, by item number, and those from every item after a number ("forlod
    mødet efter punkt 23")."""
    meeting_range: tuple[int, ...] | None = None
    if any(mention.item_range is not None for mention in header.attendance):  # the only use of the meeting's range
        meeting_range = next(
            (tuple(map(int, m.groups())) for line in body if (m := _MEETING_RANGE.match(line.text))), None
        )
    wanted: dict[str, list[ItemAbsence]] = {}
    after: list[tuple[int, ItemAbsence]] = []
    for mention in header.attendance:
        absence = ItemAbsence(
            mention.name,
            mention.party,
            mention.reason,
            header.attendance_offset + mention.start,
            header.attendance_offset + mention.end,
        )
        numbers = [*(mention.items or ()), *_numbers_in_range(items, mention.item_range, meeting_range)]
        for number in numbers:
            wanted.setdefault(number, []).append(absence)
        if mention.after_item is not None and _numbered(mention.after_item):
            after.append((number_value(mention.after_item), absence))
    return wanted, after


def _numbers_in_range(
    items: list[AgendaItem], item_range: tuple[int, int] | None, meeting_range: tuple[int, ...] | None
) -> list[str]:
    """The item numbers of an absence's range ("pkt. 3-7"): every number in it, or only the items shown when the
    range is the whole meeting's or longer than stubs are made for."""
    if item_range is None:
        return []
    low, high = item_range
    if meeting_range == (low, high) or high - low + 1 > _MAX_STUBS:
        return [printed for item in items if _numbered(printed := item.number) and low <= number_value(printed) <= high]
    return [str(n) for n in range(low, high + 1)]


def _with_absences(items: list[AgendaItem], wanted: dict[str, list[ItemAbsence]]) -> list[AgendaItem]:
    """The items with the absences wanted on them (each once); stubs for numbers not shown, unless too many."""
    by_number = {item.number: item for item in items if item.number}
    placed = list(items)
    for number, absences in wanted.items():
        if number in by_number:
            item = by_number[number]
            known = {(a.name, a.reason) for a in item.absences}
            new = tuple(a for a in absences if (a.name, a.reason) not in known)
            placed[placed.index(item)] = replace(item, absences=item.absences + new)
        elif len(wanted) <= _MAX_STUBS:
            placed.append(AgendaItem(number=number, title=None, absences=tuple(absences)))
    return placed


def as_kind(parsed: MeetingParse, kind: Kind) -> MeetingParse:
    """The parse as a document of `kind`, the kind `extractors.kinds.decide_kind` decided from the structure the
    parse found.

    An agenda is printed before the meeting, so it holds no decisions: a "Beslutning:" in it is the wording a
    proposal asks for ("Byrådet beslutter at ..."), kept in its section, not a decision. Minutes are checked for
    items without a decision; most items without one make the structure doubtful."""
    meeting = replace(parsed.meeting, kind=kind)
    if kind == "agenda":
        meeting = replace(meeting, items=tuple(replace(item, decisions=()) for item in meeting.items))
    warnings, doubtful = list(parsed.warnings), parsed.doubtful
    if kind == "minutes":
        real_items = [item for item in meeting.items if item.title is not None or item.text]
        undecided = [
            item.number or item.title or "?"
            for item in real_items
            if not item.decisions and not item.closed and item.text
        ]
        if undecided:
            warnings.append(f"{len(undecided)} item(s) without a decision in minutes: {', '.join(undecided[:10])}")
            doubtful = doubtful or len(undecided) > max(1, len(real_items) // 2)
    return replace(parsed, meeting=meeting, warnings=tuple(warnings), doubtful=doubtful)


def _self_check(meeting: Meeting, family: Family, confidence: float, header: Header, warnings: list[str]) -> bool:
    doubtful = False
    if family.name == "generic" or confidence < 0.5:
        warnings.append(
            f"layout not recognised with confidence ({family.name}, {confidence:.2f}): "
            "items were found with the generic reader; check them"
        )
    real_items = [item for item in meeting.items if item.title is not None or item.text]
    if not real_items:
        warnings.append("no agenda items found")
        doubtful = True
    if header.unparsed_participant_lines:
        shown = "; ".join(line[:60] for line in header.unparsed_participant_lines[:5])
        warnings.append(f"participant line(s) not understood: {shown}")
    if meeting.date is None:
        warnings.append("no meeting date found")
    if meeting.committee is None:
        warnings.append("no committee found")
    return doubtful

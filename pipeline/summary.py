"""A short account of what the pipeline read in one document, for a person checking a parse (`referat parse`).

The full record is the JSON (`referat parse --json`); this says in a screenful what kind the document was taken
for, which layout family read it, the meeting's facts, each item (number, title, journal number, outcome of this
meeting's decision), how attendance was recorded and every warning, so a misread document shows at a glance.
"""

from __future__ import annotations

from collections import Counter

from referat.models.records import AgendaItem, Meeting, ParsedDocument

# Column widths of the item table; a title longer than its column is cut with an ellipsis.
_NUMBER_WIDTH = 6
_TITLE_WIDTH = 56
_CASE_WIDTH = 22


def summary(parsed: ParsedDocument) -> str:
    """The document in a few lines: kind and family, each meeting with its items and attendance, warnings."""
    document = parsed.document
    lines = [
        f"{document.path}",
        f"  kind {document.kind}, read as {document.format or 'unknown'}, "
        f"{_count(document.pages, 'page')}, {len(document.text):,} characters, status {document.status}",
    ]
    if document.error:
        lines.append(f"  error: {document.error}")
    if document.title:
        lines.append(f"  title: {document.title}")
    if parsed.article is not None:
        article = parsed.article
        lines.append(
            f"  news: {article.title or '(no title)'} | {article.outlet or 'outlet unknown'}"
            f" | {article.published or 'date unknown'} | {article.author or 'author unknown'}"
        )
    for meeting in parsed.meetings:
        lines += _meeting(meeting)
    if parsed.entities or parsed.figures:
        labels = Counter(entity.label for entity in parsed.entities)
        lines.append(
            f"  entities: {len(parsed.entities)} ("
            + ", ".join(f"{label} {labels[label]}" for label in sorted(labels))
            + f"); "
            f"figures: {len(parsed.figures)}"
        )
    lines.append(f"  warnings: {len(document.warnings)}" if document.warnings else "  warnings: none")
    lines += [f"    - {warning}" for warning in document.warnings]
    return "\n".join(lines)


def _meeting(meeting: Meeting) -> list[str]:
    when = " ".join(part for part in (meeting.date, meeting.start_time) if part) or "date not found"
    facts = [
        meeting.committee or "committee not found",
        when,
        meeting.location or "place not found",
        meeting.municipality or "municipality not found",
    ]
    closed = sum(item.closed for item in meeting.items)
    decided = sum(bool(item.decisions) for item in meeting.items)
    lines = [
        f"  meeting ({meeting.kind}): " + " | ".join(facts),
        f"  attendance: {_attendance(meeting)}",
        f"  items: {len(meeting.items)} ({closed} closed, {decided} with a decision)",
    ]
    lines += [_item(item) for item in meeting.items]
    return lines


def _attendance(meeting: Meeting) -> str:
    if not meeting.attendance_recorded:
        return "not recorded"
    present = sum(person.status == "present" for person in meeting.attendance)
    absent = len(meeting.attendance) - present
    recorded = "in full" if meeting.presence_recorded else "absences only, presence not recorded"
    return f"{present} present, {absent} absent ({recorded})"


def _item(item: AgendaItem) -> str:
    title = ("[lukket] " if item.closed else "") + (item.title or "(untitled)")
    if len(title) > _TITLE_WIDTH:
        title = title[: _TITLE_WIDTH - 1] + "…"
    outcome = item.decisions[0].outcome if item.decisions else "-"  # the first is this meeting's decision
    pages = f"p. {item.page_start}" if item.page_start else ""
    number, case = item.number or "-", item.case_number or "-"
    row = f"    {number:>{_NUMBER_WIDTH}}  {title:<{_TITLE_WIDTH}}  {case:<{_CASE_WIDTH}}  {outcome:<10} {pages}"
    return row.rstrip()


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")

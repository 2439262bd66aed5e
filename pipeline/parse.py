"""One file to a `ParsedDocument`: read, hash, extract text, classify, analyse. Touches no database.

`parse_file` is what `referat parse` prints and what each ingest worker runs. Unreadable files come back as a
failed `Document` whose `error` says why; anything else that goes wrong is a bug and propagates to the one
place that records it (`pipeline.ingest`).
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import replace
from pathlib import Path

from extractors.errors import UnreadableFileError
from extractors.kinds import classify
from extractors.minutes.parse import parse_meeting
from extractors.text import extract, media_type_for
from models.records import PAGE_BREAK, Document, Meeting, ParsedDocument
from pipeline.sidecar import SourceHints, hints_for


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document_id(sha256: str) -> str:
    """A document is its content: the same bytes under two names are one document."""
    return sha256[:16]


def parse_file(path: Path, data: bytes | None = None) -> ParsedDocument:
    """Everything referat extracts from one file."""
    if data is None:
        data = path.read_bytes()
    sha256 = content_hash(data)
    base = Document(
        id=document_id(sha256), sha256=sha256, path=str(path), media_type=media_type_for(path) or "unknown",
        size=len(data),
    )
    try:
        extracted = extract(path, data)
    except UnreadableFileError as error:
        return ParsedDocument(base.replace(status="failed", error=str(error)))
    text = PAGE_BREAK.join(extracted.pages)
    document = base.replace(
        media_type=extracted.media_type,
        title=extracted.title,
        pages=len(extracted.pages),
        text=text,
        kind=classify(text, extracted.title),
        status="partial" if extracted.partial else "ok",
        warnings=extracted.warnings,
        published=extracted.published,
    )
    hints = hints_for(path)
    if hints.source_url:
        document = document.replace(source_url=hints.source_url)
    return analyse(document, hints)


def fill_from_hints(meeting: Meeting, hints: SourceHints) -> Meeting:
    """Facts the text does not state, from the folder's index; the text always wins."""
    return dataclasses.replace(
        meeting,
        municipality=meeting.municipality or hints.municipality,
        committee=meeting.committee or hints.committee,
        date=meeting.date or hints.date,
    )


def analyse(document: Document, hints: SourceHints | None = None) -> ParsedDocument:
    """Run the analysers that apply to the document's kind."""
    meetings: tuple[Meeting, ...] = ()
    if document.kind in ("minutes", "agenda"):
        parsed = parse_meeting(document)
        if hints is not None:
            parsed = replace(parsed, meeting=fill_from_hints(parsed.meeting, hints))
        document = document.replace(
            kind=parsed.kind,
            format=parsed.format,
            warnings=document.warnings + parsed.warnings,
            status="partial" if parsed.doubtful or document.status == "partial" else document.status,
        )
        meetings = (parsed.meeting,)
    if document.status == "failed" or not document.text:
        return ParsedDocument(document, meetings=meetings)
    # Imported here: spaCy takes a second to import, and runs that only skip unchanged files never need it.
    from extractors.entities import find_entities
    from extractors.figures import find_figures

    # Every attendee is a person: the entity stage tags them PER wherever they are named.
    people = [a.name for m in meetings for a in m.attendance] + [
        a.name for m in meetings for item in m.items for a in item.absences]
    return ParsedDocument(
        document, meetings=meetings,
        entities=tuple(find_entities(document.text, known_people=people)),
        figures=tuple(find_figures(document.text)),
    )

"""One file to a `ParsedDocument`: read, hash, extract text, classify, analyse. Touches no database.

`parse_file` is what `referat parse` prints and what each ingest worker runs. Unreadable files come back as a
failed `Document` whose `error` says why; anything else that goes wrong is a bug and propagates to the one
place that records it (`pipeline.ingest`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractors.errors import UnreadableFileError
from extractors.kinds import classify
from extractors.text import extract, media_type_for
from extractors.minutes.parse import parse_meeting
from models.records import PAGE_BREAK, Document, Meeting, ParsedDocument


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
    return analyse(document)


def analyse(document: Document) -> ParsedDocument:
    """Run the analysers that apply to the document's kind."""
    meetings: tuple[Meeting, ...] = ()
    if document.kind in ("minutes", "agenda"):
        parsed = parse_meeting(document)
        document = document.replace(
            kind=parsed.kind,
            format=parsed.format,
            warnings=document.warnings + parsed.warnings,
            status="partial" if parsed.doubtful or document.status == "partial" else document.status,
        )
        meetings = (parsed.meeting,)
    return ParsedDocument(document, meetings=meetings)

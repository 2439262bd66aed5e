"""One file to a `ParsedDocument`: read, hash, extract text, decide its kind, analyse. Touches no database.

`parse_file` is what `referat parse` prints and what each ingest worker runs. Files whose content cannot be
turned into text come back as a failed `Document` whose `error` says why; a file whose bytes cannot be read at
all raises `FileAccessError`; anything else that goes wrong is a bug and propagates to the one place that
records it (`pipeline.ingest`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from pathlib import Path

from referat.extractors.errors import FileAccessError
from referat.extractors.kinds import MeetingShape, decide_kind
from referat.extractors.minutes.parse import MeetingParse, as_kind, parse_meeting
from referat.extractors.news import CleanedArticle, outlet_of, page_markup, read_html_article, read_text_article
from referat.extractors.text import media_type_for
from referat.models.records import (
    PAGE_BREAK,
    Article,
    Document,
    Meeting,
    ParsedDocument,
    content_hash,
    document_id,
    path_text,
)
from referat.pipeline.prefetch import Extraction, Unreadable, extract_file
from referat.pipeline.sidecar import SourceHints, hints_for


def parse_file(path: Path, data: bytes | None = None, extracted: Extraction | None = None) -> ParsedDocument:
    """Everything referat extracts from one file; `extracted` is its text when that was extracted already
    (`pipeline.prefetch`)."""
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise FileAccessError.from_os_error(error) from error
    sha256 = content_hash(data)
    base = Document(
        id=document_id(sha256),
        sha256=sha256,
        path=path_text(path),
        media_type=media_type_for(path) or "unknown",
        size=len(data),
    )
    if extracted is None:
        extracted = extract_file(path, data)
    if isinstance(extracted, Unreadable):
        return ParsedDocument(base.replace(status="failed", error=extracted.message))
    text = PAGE_BREAK.join(extracted.pages)
    document = base.replace(
        media_type=extracted.media_type,
        title=extracted.title,
        pages=len(extracted.pages),
        text=text,
        status="partial" if extracted.partial else "ok",
        warnings=extracted.warnings,
        published=extracted.published,
    )
    hints = hints_for(path)
    if hints.source_url:
        document = document.replace(source_url=hints.source_url)
    markup = page_markup(data) if extracted.media_type == "html" else ""
    return read_document(document, data, hints, markup=markup)


def read_document(document: Document, data: bytes, hints: SourceHints, *, markup: str = "") -> ParsedDocument:
    """A document whose text is extracted, read: its kind decided, then read as news or as a meeting, and
    analysed (`data` is the file's bytes, which a web page's article is read from again)."""
    # Structure first: the kind decision has the document read as a meeting unless it is plainly news.
    reader = MeetingReader(document, hints)
    document = document.replace(
        kind=decide_kind(
            document.text, reader.shape, title=document.title, markup=markup, source_url=document.source_url
        )
    )
    if document.kind == "news":
        document, article = read_news(document, data)
        return replace(analyse(document, hints), article=article)
    return analyse(document, hints, reader.parsed)


@dataclasses.dataclass
class MeetingReader:
    """Reads a document as a meeting when the kind decision asks for it (`shape`), and keeps what it read."""

    document: Document
    hints: SourceHints
    parsed: MeetingParse | None = None

    def shape(self) -> MeetingShape:
        self.parsed = parse_meeting(self.document)
        return shape_of(fill_from_hints(self.parsed.meeting, self.hints))


def shape_of(meeting: Meeting) -> MeetingShape:
    """What the minutes reader found, as the kind decision reads it."""
    items = [item for item in meeting.items if item.start is not None]
    return MeetingShape(
        items=len(items),
        listed=sum(1 for item in meeting.items if item.start is None and item.title),
        decided=sum(1 for item in items if item.decisions),
        case_numbers=sum(1 for item in meeting.items if item.case_number),
        sectioned=sum(1 for item in items if item.sections),
        participants=len(meeting.attendance),
        dated=meeting.date is not None,
    )


def read_news(document: Document, data: bytes) -> tuple[Document, Article]:
    """A news document's article; its text becomes the cleaned article (title, byline and dateline, body), so
    that entity and figure offsets point into what a reader sees."""
    cleaned: CleanedArticle
    if document.media_type == "html":
        cleaned = read_html_article(data, document.text, url=document.source_url)
    else:
        # The site's name printed as a line ("TV SYD" on tvsyd.dk) is not the headline: the address names it.
        cleaned = read_text_article(document.text, outlet=outlet_of(None, document.source_url))
    article = cleaned.article
    if article.outlet is None:
        article = replace(article, outlet=outlet_of(None, document.source_url))
    if not cleaned.text.strip():
        return document.replace(
            warnings=(*document.warnings, "news: no article text left after removing web boilerplate"),
        ), article
    if document.media_type == "pdf":
        # A PDF has pages and no web boilerplate: its text stays as printed, so pages and offsets stay citable.
        return document.replace(title=article.title, published=article.published, format="news"), article
    return document.replace(
        text=cleaned.text,
        pages=1,
        title=article.title,
        published=article.published,
        format="news",
    ), article


def fill_from_hints(meeting: Meeting, hints: SourceHints) -> Meeting:
    """Facts the text does not state, from the folder's index; the text always wins."""
    return dataclasses.replace(
        meeting,
        municipality=meeting.municipality or hints.municipality,
        committee=meeting.committee or hints.committee,
        date=meeting.date or hints.date,
    )


def analyse(document: Document, hints: SourceHints | None = None, parsed: MeetingParse | None = None) -> ParsedDocument:
    """Run the analysers that apply to the document's kind; `parsed` is the document already read as a meeting."""
    meetings: tuple[Meeting, ...] = ()
    if parsed is not None:
        # Closed items' bodies blanked, whatever the kind: nothing below reads them, nothing stores them.
        document = document.replace(text=parsed.text)
    if document.kind in ("minutes", "agenda"):
        parsed = as_kind(parsed or parse_meeting(document), document.kind)
        meeting = parsed.meeting
        if hints is not None:
            meeting = fill_from_hints(meeting, hints)
        document = document.replace(
            text=parsed.text,
            format=parsed.format,
            warnings=document.warnings + parsed.warnings,
            status="partial" if parsed.doubtful or document.status == "partial" else document.status,
        )
        meetings = (meeting,)
    if document.status == "failed" or not document.text:
        return ParsedDocument(document, meetings=meetings)
    # Imported here: runs that only skip unchanged files never load the entity and figure data.
    from referat.extractors.entities import find_entities
    from referat.extractors.figures import find_figures

    # Every attendee is a person: the entity stage tags them PER wherever they are named.
    people = [a.name for m in meetings for a in m.attendance] + [
        a.name for m in meetings for item in m.items for a in item.absences
    ]
    return ParsedDocument(
        document,
        meetings=meetings,
        entities=tuple(find_entities(document.text, known_people=people)),
        figures=tuple(find_figures(document.text)),
    )

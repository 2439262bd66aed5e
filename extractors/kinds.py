"""Document kind: minutes, agenda, news or other. `decide_kind` is the one place that decides it, once per
document.

News shows itself by its shape (`news_evidence`, forms kept as data in `data/news_shape.csv`): who wrote it and
when (a byline, a dateline, a "Publiceret" line), reported speech (quotations, "siger han", "lyder det fra"),
reported events (a lead that dates a decision, narration in the past tense, names with titles or parties), the
page's furniture (an article calling itself "artiklen", a comment form, a genre label "Debat") and, for saved
web pages, the page's own metadata (JSON-LD NewsArticle, og:type article, <article> with <time>). Shapes of
other pages count against it: a listing (many short dated lines), a service page addressing its reader (du,
jeres), a form's label/value list, statutes (§, Stk.), a document's contents, a report's headings.

Structure comes first wherever a document shows any sign of a meeting's record (the markers of
`data/kind_markers.csv`): it is read by the minutes reader, and the kind is decided from the structure it
found (`MeetingShape`): minutes and agendas are meetings of a municipal or regional body
(`data/meeting_bodies.csv`: not an association's board or a forum) with items and at least two signs of a
meeting's record (its date, participants, case numbers, sections, decisions, header labels, a title "Referat" or
"Dagsorden"), or a copy cut off after its header (title, date and participants or header labels); minutes say so
in their title or hold decisions. What shows no such structure is news when its shape says so, else other (an
attachment or a policy document mentions committees and decisions too). A document with no sign of a meeting at
all whose shape is news's is news without the minutes reader.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Literal, cast

from referat.extractors.prefilter import Prefiltered, fold
from referat.extractors.weighted_patterns import PatternFileError, WeightedPattern, load_weighted_patterns
from referat.models.records import Kind

MARKERS_FILE = Path(__file__).parent / "data" / "kind_markers.csv"
BODIES_FILE = Path(__file__).parent / "data" / "meeting_bodies.csv"
NEWS_SHAPE_FILE = Path(__file__).parent / "data" / "news_shape.csv"
# Classification looks at the start of the text only: that is where headers and bylines are, and it keeps
# the work bounded on very large files.
SCAN_CHARS = 8_000
# Markers of a meeting's record (`data/kind_markers.csv`): a document showing any of them at its start is read by the
# minutes reader before it can be news.
MEETING_SIGNALS = frozenset(
    {
        "attendance",
        "meeting_header",
        "item_heading",
        "case_number",
        "recommendation",
        "section_heading",
        "decision_heading",
        "minutes_title",
        "agenda_title",
    }
)
# Points of evidence (news forms minus forms of other pages) that make a document news. Every news page of the
# corpus shows at least two forms of a news article; a single strong one (a byline, a "Publiceret" line, an agency
# credit, declared NewsArticle metadata) or two weaker ones ("siger han" after a quotation, a photo credit and
# past-tense narration, a lead that dates a decision and its date) reach it.
NEWS_AT = 3


@cache
def load_markers(path: Path = MARKERS_FILE) -> tuple[WeightedPattern, ...]:
    return load_weighted_patterns(path, key="signal", weight=None, keys=MEETING_SIGNALS)


def shows_meeting(text: str) -> bool:
    """Whether any marker of a meeting's record is found at the start of the text (the first found ends the look)."""
    sample = text[:SCAN_CHARS]
    folded = fold(sample)
    return any(marker.prefiltered.search(sample, folded) for marker in load_markers())


def shows_signal(text: str, signal: str) -> bool:
    """Whether any marker of one signal is found at the start of the text (the others are not tried)."""
    sample = text[:SCAN_CHARS]
    folded = fold(sample)
    return any(marker.prefiltered.search(sample, folded) for marker in _markers_of(signal))


@cache
def _markers_of(signal: str) -> tuple[WeightedPattern, ...]:
    return tuple(marker for marker in load_markers() if marker.key == signal)


Evidence = Literal["news", "other"]
Scope = Literal["text", "markup"]


@dataclass(frozen=True)
class ShapeForm:
    """One form of `data/news_shape.csv`: a shape that counts for news or for another kind of page, found in the
    text (or in the page's metadata, as `extractors.news.web.page_markup` lists it) at least `times` times, and
    at least `per_kb` times per 1,000 characters when given (a density: narration, not one past-tense verb)."""

    scope: Scope
    evidence: Evidence
    form: str
    weight: int
    times: int
    per_kb: float
    pattern: re.Pattern[str]
    example: str

    @classmethod
    def from_row(cls, row: dict[str, str], where: str) -> ShapeForm:
        scope, evidence = row["scope"], row["evidence"]
        if scope not in ("text", "markup") or evidence not in ("news", "other"):
            raise PatternFileError(f"{where}: the scope is text or markup, the evidence news or other")
        try:
            return cls(
                scope=cast(Scope, scope),
                evidence=cast(Evidence, evidence),
                form=row["form"],
                weight=int(row["weight"]),
                times=int(row["times"]),
                per_kb=float(row["per_kb"] or 0),
                pattern=re.compile(row["pattern"]),
                example=row["example"],
            )
        except (re.error, ValueError) as error:
            raise PatternFileError(f"{where}: {error}; quote a pattern that holds commas") from error

    @property
    def points(self) -> int:
        return self.weight if self.evidence == "news" else -self.weight

    @cached_property
    def prefiltered(self) -> Prefiltered:
        """The pattern with the literal text it needs, to skip samples that cannot hold it."""
        return Prefiltered.of(self.pattern)

    def found_in(self, sample: str, folded: str | None = None) -> bool:
        """Whether the form is found often enough in `sample` (`folded` is its `fold`, when known)."""
        needed = max(self.times, math.ceil(self.per_kb * len(sample) / 1000))
        matches = self.prefiltered.finditer(sample, fold(sample) if folded is None else folded)
        return any(count >= needed for count, _ in enumerate(matches, start=1))


@cache
def news_shape_forms(path: Path = NEWS_SHAPE_FILE) -> tuple[ShapeForm, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            ShapeForm.from_row(row, f"{path}, line {number}")
            for number, row in enumerate(csv.DictReader(handle), start=2)
        )


@dataclass(frozen=True)
class NewsEvidence:
    """The forms of news and of other pages found in a document, and what they add up to."""

    forms: tuple[str, ...] = ()
    points: int = 0

    @property
    def is_news(self) -> bool:
        return self.points >= NEWS_AT


def news_evidence(text: str, title: str | None = None, markup: str = "") -> NewsEvidence:
    """The shape evidence of the start of a document's text (with the title its file names) and of the facts
    of its web page's markup (`extractors.news.web.page_markup`; empty for other files)."""
    head = (f"{title}\n{text}" if title else text)[:SCAN_CHARS]
    samples = {"text": (head, fold(head)), "markup": (markup, fold(markup))}
    found = [form for form in news_shape_forms() if samples[form.scope][0] and form.found_in(*samples[form.scope])]
    return NewsEvidence(tuple(form.form for form in found), sum(form.points for form in found))


def decide_kind(
    text: str,
    read_meeting: Callable[[], MeetingShape],
    *,
    title: str | None = None,
    markup: str = "",
    source_url: str | None = None,
) -> Kind:
    """The kind of a document: the one place that decides it.

    A document that shows no sign of a meeting's record (`shows_meeting`) and the shape of news (`news_evidence`
    of its text, the `title` its file names and, for a web page, its `markup` facts from
    `extractors.news.web.page_markup`) is news, and is not read as a meeting. Any other is read by the minutes
    reader: `read_meeting` reads it and returns what it found, and the kind is minutes or agenda by that
    structure (`source_url` is the address it was saved from, which may call it Referat or Dagsorden); without a
    meeting's structure, news when its shape says so, else other."""
    news: bool | None = None
    if not shows_meeting(f"{title}\n{text}" if title else text):
        news = news_evidence(text, title, markup).is_news
        if news:
            return "news"
    kind = _meeting_structure_kind(text, read_meeting(), source_url)
    if kind == "other" and (news if news is not None else news_evidence(text, title, markup).is_news):
        return "news"
    return kind


@dataclass(frozen=True)
class MeetingShape:
    """What the minutes reader found in a document: the evidence its kind is decided from."""

    items: int  # items with their own text in the document
    listed: int  # items known only by number and title (a contents list of a truncated document)
    decided: int  # items with this meeting's decision
    case_numbers: int
    sectioned: int  # items with headed sections (Sagsfremstilling, Indstilling, ...)
    participants: int
    dated: bool


# The title a meeting's record gives itself: among the first words of one of its first lines ("REFERAT
# Erhvervs- ...", "Byrådet REFERAT.", "Regionsrådet - referat 26-01-2009", "Dagsorden 8. oktober 2025"), not in an
# item's title ("1. Godkendelse af dagsorden").
_TITLE_LINE = r"(?im)^(?![\d•*-])[^\S\n]*(?:[^\s]+[^\S\n]+){{0,3}}?{words}\b"
_MINUTES_TITLE = re.compile(
    _TITLE_LINE.format(words=r"(?:referat|protokol|beslutningsprotokol|beslutninger fra mødet|mødereferat)")
)
_AGENDA_TITLE = re.compile(_TITLE_LINE.format(words=r"(?:dagsorden|indkaldelse)"))
_ADDRESS_MINUTES = re.compile(r"\b(?:referat|protokol)", re.I)
_ADDRESS_AGENDA = re.compile(r"\bdagsorden\b", re.I)
_TITLE_CHARS = 600
# Where a document names the body that meets.
_BODY_CHARS = 1500


@cache
def meeting_bodies() -> tuple[tuple[re.Pattern[str], bool, str], ...]:
    """The kinds of bodies that meet, each municipal (a council, a committee, an advisory council) or not (an
    association's board, a forum)."""
    with BODIES_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            (re.compile(rf"\b(?:{row['pattern']})\b", re.I), row["municipal"] == "1", row["example"])
            for row in csv.DictReader(handle)
        )


def meeting_body(text: str) -> bool | None:
    """Whether the first body a document's head names is municipal (True), not (False), or none is named."""
    head = text[:_BODY_CHARS]
    first: tuple[int, bool] | None = None
    for pattern, municipal, _ in meeting_bodies():
        match = pattern.search(head)
        if match is not None and (first is None or match.start() < first[0]):
            first = (match.start(), municipal)
    return None if first is None else first[1]


def record_title(text: str, source_url: str | None = None) -> Kind | None:
    """What a document calls itself in its first lines (or its address): minutes (Referat, Protokol) or agenda
    (Dagsorden)."""
    address = (source_url or "").replace("-", " ").replace("/", " ")
    for head, minutes_form, agenda_form in (
        (text[:_TITLE_CHARS], _MINUTES_TITLE, _AGENDA_TITLE),
        (address, _ADDRESS_MINUTES, _ADDRESS_AGENDA),
    ):
        minutes, agenda = minutes_form.search(head), agenda_form.search(head)
        if minutes and (not agenda or minutes.start() < agenda.start()):
            return "minutes"
        if agenda:
            return "agenda"
    return None


def _meeting_structure_kind(text: str, shape: MeetingShape, source_url: str | None) -> Kind:
    """Minutes or agenda when `shape` is a meeting's record of a municipal body, else other."""
    if meeting_body(text) is False:
        return "other"
    title = record_title(text, source_url)
    header = shows_signal(text, "meeting_header")
    signs = sum(
        (
            shape.dated,
            shape.participants > 0,
            shape.case_numbers > 0,
            shape.sectioned > 0,
            shape.decided > 0,
            header,
            title is not None,
        )
    )
    found_items = shape.items + shape.listed > 0
    # A copy cut off before its first item still shows a record of a meeting: its title, date and participants.
    header_only = not found_items and title is not None and shape.dated and (shape.participants > 0 or header)
    if not header_only and (not found_items or signs < 2):
        return "other"
    if title == "minutes" or (shape.decided and title != "agenda") or shape.decided * 3 > max(shape.items, 1):
        return "minutes"
    return "agenda"

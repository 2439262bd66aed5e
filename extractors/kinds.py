"""Document kind: minutes, agenda, news or other. This module is the one place that decides it.

First the weighted text markers of `data/kind_markers.csv` (`classify`): news shows itself there (bylines,
verbs of speech, web furniture). Every other document is then read by the minutes reader, and `meeting_kind`
decides from the structure it found (`MeetingShape`): minutes and agendas are meetings of a municipal or
regional body (`data/meeting_bodies.csv`: not an association's board or a forum) with items and at least two
signs of a meeting's record (its date, participants, case numbers, sections, decisions, header labels, a title
"Referat" or "Dagsorden"), or a copy cut off after its header (title, date and participants or header labels);
minutes say so in their title or hold decisions. An attachment or a policy document mentions committees and
decisions too, but shows no such structure, and stays other.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractors.prefilter import fold
from extractors.weighted_patterns import WeightedPattern, load_weighted_patterns
from models.records import Kind

MARKERS_FILE = Path(__file__).parent / "data" / "kind_markers.csv"
BODIES_FILE = Path(__file__).parent / "data" / "meeting_bodies.csv"
# Classification looks at the start of the text only: that is where headers and bylines are, and it keeps
# the work bounded on very large files.
SCAN_CHARS = 8_000
# Signals that show the shape of a meeting rather than words about one.
MEETING_SHAPE = ("attendance", "meeting_header", "item_heading", "case_number", "recommendation", "section_heading")


@cache
def load_markers(path: Path = MARKERS_FILE) -> tuple[WeightedPattern, ...]:
    return load_weighted_patterns(path, key="signal", weight="weight")


def signal_scores(text: str) -> dict[str, int]:
    """Sum of the weights of the markers found, per signal (each marker counted once)."""
    sample = text[:SCAN_CHARS]
    folded = fold(sample)
    scores: dict[str, int] = defaultdict(int)
    for marker in load_markers():
        if marker.prefiltered.search(sample, folded):
            scores[marker.key] += marker.weight
    return dict(scores)


def shows_signal(text: str, signal: str) -> bool:
    """Whether any marker of one signal is found at the start of the text (the others are not tried)."""
    sample = text[:SCAN_CHARS]
    folded = fold(sample)
    return any(marker.prefiltered.search(sample, folded) for marker in _markers_of(signal))


@cache
def _markers_of(signal: str) -> tuple[WeightedPattern, ...]:
    return tuple(marker for marker in load_markers() if marker.key == signal)


def classify(text: str, title: str | None = None) -> Kind:
    """The kind of a document from its text (and title, when the file names one)."""
    scores = signal_scores(f"{title}\n{text}" if title else text)
    shape = sum(scores.get(signal, 0) for signal in MEETING_SHAPE)
    decided = scores.get("decision_heading", 0)
    if (decided and shape >= 2) or (scores.get("minutes_title", 0) and shape >= 3):
        return "minutes"
    if shape >= 5 and (scores.get("agenda_title", 0) or scores.get("recommendation", 0)):
        return "agenda"
    news = scores.get("news", 0)
    if news >= 3 and news > scores.get("report", 0):
        return "news"
    return "other"


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
_MINUTES_TITLE = re.compile(_TITLE_LINE.format(
    words=r"(?:referat|protokol|beslutningsprotokol|beslutninger fra mødet|mødereferat)"))
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
        return tuple((re.compile(rf"\b(?:{row['pattern']})\b", re.I), row["municipal"] == "1", row["example"])
                     for row in csv.DictReader(handle))


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
    for head, minutes_form, agenda_form in ((text[:_TITLE_CHARS], _MINUTES_TITLE, _AGENDA_TITLE),
                                            (address, _ADDRESS_MINUTES, _ADDRESS_AGENDA)):
        minutes, agenda = minutes_form.search(head), agenda_form.search(head)
        if minutes and (not agenda or minutes.start() < agenda.start()):
            return "minutes"
        if agenda:
            return "agenda"
    return None


def meeting_kind(text: str, shape: MeetingShape, source_url: str | None = None) -> Kind:
    """The kind of a document the minutes reader found `shape` in (the one place that decides it)."""
    if meeting_body(text) is False:
        return "other"
    title = record_title(text, source_url)
    header = shows_signal(text, "meeting_header")
    signs = sum((shape.dated, shape.participants > 0, shape.case_numbers > 0, shape.sectioned > 0,
                 shape.decided > 0, header, title is not None))
    found_items = shape.items + shape.listed > 0
    # A copy cut off before its first item still shows a record of a meeting: its title, date and participants.
    header_only = not found_items and title is not None and shape.dated and (shape.participants > 0 or header)
    if not header_only and (not found_items or signs < 2):
        return "other"
    if title == "minutes" or (shape.decided and title != "agenda") or shape.decided * 3 > max(shape.items, 1):
        return "minutes"
    return "agenda"

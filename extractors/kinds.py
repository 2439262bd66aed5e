"""Document kind: minutes, agenda, news or other, from weighted text markers kept in `data/kind_markers.csv`.

Minutes and agendas need the shape of a meeting (a meeting header or participant block, item headings or
case numbers, recommendations); minutes also need decisions. An attachment or a policy document mentions
committees and decisions too, so it must show the meeting's shape, not just its words, to count as one.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

from extractors.prefilter import fold
from extractors.weighted_patterns import WeightedPattern, load_weighted_patterns
from models.records import Kind

MARKERS_FILE = Path(__file__).parent / "data" / "kind_markers.csv"
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

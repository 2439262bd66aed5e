"""Layout families of minutes (FirstAgenda, eDoc, web pages) and how each is recognised.

Each family declares markers (data: `data/families.csv`) and the options that differ between layouts; the
shared engine (`extractors.minutes.parse`) does the rest. A document that no family recognises well is read
by the generic family, and a warning says so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from referat.extractors.minutes.lines import Line
from referat.extractors.prefilter import fold
from referat.extractors.weighted_patterns import WeightedPattern, load_weighted_patterns

FAMILIES_FILE = Path(__file__).resolve().parent.parent / "data" / "families.csv"
# A layout shows itself on its first pages; reading further costs time and finds nothing new.
_SCAN_LINES = 200
# Below this marker score a family is a guess, and the generic reader is used.
MIN_SCORE = 4


@dataclass(frozen=True)
class Family:
    name: str
    description: str
    # Web pages often lose item headings: a case history or "Indhold" after a decision then starts a new item.
    split_untitled_items: bool = False


FAMILIES = {
    "firstagenda": Family("firstagenda", "FirstAgenda exports: 'Punkt N: title', KLE number below, Mødedeltagere"),
    "edoc": Family(
        "edoc",
        "eDoc/Acadre PDFs: running page header, 'N. Title', Sagsnr./Dok.nr., "
        "'<Udvalg>s beslutning den dd.mm.yyyy Punkt N'",
    ),
    "web": Family(
        "web",
        "Municipal web pages (Netcompany/SBSYS/FirstAgenda Publication): attendee bullets "
        "'Name (A) - Deltog', 'Sag nr. N', running yearly numbers",
        split_untitled_items=True,
    ),
    "generic": Family(
        "generic", "Any other layout: numbered headings and the shared vocabulary", split_untitled_items=True
    ),
}


@cache
def family_markers() -> tuple[WeightedPattern, ...]:
    return load_weighted_patterns(
        FAMILIES_FILE, key="family", weight="weight", flags=re.I | re.M, keys=frozenset(FAMILIES)
    )


def family_scores(lines: tuple[Line, ...]) -> dict[str, int]:
    """Each family's score: the weights of its markers found on some line (each marker counted once)."""
    scores: dict[str, int] = defaultdict(int)
    # One search over the lines joined (patterns are multi-line) instead of one per line.
    joined = "\n".join(line.text for line in lines[:_SCAN_LINES])
    folded = fold(joined)
    for marker in family_markers():
        if marker.prefiltered.search(joined, folded):
            scores[marker.key] += marker.weight
    return dict(scores)


def recognise(lines: tuple[Line, ...]) -> tuple[Family, float]:
    """The best family and a confidence from 0 to 1."""
    scores = family_scores(lines)
    if not scores:
        return FAMILIES["generic"], 0.0
    name, score = max(scores.items(), key=lambda pair: pair[1])
    if score < MIN_SCORE:
        return FAMILIES["generic"], score / (2 * MIN_SCORE)
    return FAMILIES[name], min(1.0, score / (2 * MIN_SCORE))

"""Who decided, and the decisions an item prints outside a plain decision section.

`item_body` reads an item's decision sections and chains; this module holds the forms around them:
- the body and date a decision heading names ("Beslutning i Kommunalbestyrelsen den 25-03-2025", "Beslutning
  Økonomiudvalget den 18-08-2014", "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 2"),
  also with the date lost ("Beslutning Økonomiudvalget den");
- whether two names are the same body ("Herning Byråd" and "Byrådet", "Kommunalbestyrelsen 2022-2025" and
  "Kommunalbestyrelsen", "Sundheds- og Forebyggelsesudvalgets" and "...udvalget");
- a committee's recommendation printed as the item's Indstilling ("Økonomi- og Erhvervsudvalget indstiller,
  at orienteringen tages til efterretning."): an earlier decision of that committee, chained to this one;
- a decision printed above its own empty heading (eDoc: "Formanden indstiller," / "Referatet blev godkendt." /
  "Beslutning" with nothing below it);
- a line that cannot belong to a decision because a new item starts there ("Sagsnr.: 00.00.00-A00-11-24").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from referat.extractors.language.dates import parse_date
from referat.extractors.language.normalise import collapse
from referat.extractors.minutes import outcomes
from referat.extractors.minutes.lines import Line

_DECISION_BODY = (
    re.compile(r"^beslutning (?:i|fra) (?P<body>.+?) den(?: (?P<date>.+?))?\s*:?$", re.I),
    re.compile(r"^(?P<body>.+?)s beslutning den(?: (?P<date>.+?))?(?:\s+punkt\s+\d+)?\s*:?$", re.I),
    re.compile(r"^beslutning (?P<body>.+?) den(?: (?P<date>.+?))?\s*:?$", re.I),
)
_GENITIVE_BODY = re.compile(
    r"(udvalgets|rådets|bestyrelsens|byrådets|repræsentationens|direktionens|magistratens)$",
    re.I,
)
# "Kommunalbestyrelsen 2022-2025": the election period is no part of the body's name.
_PERIOD = re.compile(r"\s*\(?\d{4}\s*[-–]\s*\d{2,4}\)?$")
# The definite ending of a body's name: "Herning Byråd" is "Byrådet".
_DEFINITE = re.compile(r"(råd|udvalg)et$|(bestyrelse|repræsentation)n$")
# A committee (a political body, not the administration) recommending: the start of an Indstilling section
# in the minutes of the body it recommends to.
_COMMITTEE_RECOMMENDS = re.compile(
    r"^(?P<body>[A-ZÆØÅ][\w ,.-]{0,80}?(?:udvalget|udvalg|magistraten|forretningsudvalget|bestyrelsen))"
    r"\s+(?:indstiller|anbefaler)\b",
)
# The recommendation proper: its opening ("Formanden indstiller,") and its clauses ("at ...").
_PROPOSAL_LINE = re.compile(r"^(?:at\b|\d+\.\s+at\b)|\b(?:indstiller|indstilles|foreslår|foreslås|anbefaler)\b", re.I)
# A label of a case: in a decision, it is where the next item starts (its heading was not seen).
_CASE_LABEL = re.compile(r"^(?:sagsnr|sags nr|sagsnummer|sagsid|journalnr|j\. ?nr)\.?\s*:", re.I)


@dataclass(frozen=True)
class ItemContext:
    """What an item's decisions default to: the meeting's body (committee) and date."""

    committee: str | None
    date: str | None
    year: int | None


def heading_body_date(heading: str, context: ItemContext) -> tuple[str | None, str | None]:
    """The body and date a decision heading names (None where it names none)."""
    heading = collapse(heading)
    for pattern in _DECISION_BODY:
        match = pattern.match(heading)
        if match:
            date = match.group("date")
            return nominative(match.group("body")), parse_date(date, default_year=context.year) if date else None
    return None, None


def nominative(body: str) -> str:
    """'Sundheds- og Forebyggelsesudvalgets' -> 'Sundheds- og Forebyggelsesudvalget'."""
    body = collapse(body)
    if _GENITIVE_BODY.search(body):
        return body[:-1]
    return body


@lru_cache(maxsize=4096)  # a document names the same few bodies in every item
def _body_key(body: str) -> str:
    key = _PERIOD.sub("", nominative(body)).casefold()
    return _DEFINITE.sub(lambda match: match.group(1) or match.group(2), key)


def same_body(a: str, b: str) -> bool:
    """Whether two names are one body: equal, or one the end of the other, once genitive, definite ending and
    election period are set aside."""
    a, b = _body_key(a), _body_key(b)
    return bool(a and b) and (a == b or a.endswith(b) or b.endswith(a))


def ends_decision(line: Line) -> bool:
    """A line no decision holds: a case number's label, where an item whose heading was not seen begins."""
    return line.text[:1] in "SsJj" and _CASE_LABEL.match(line.text) is not None


def committee_recommendation(lines: Sequence[Line], context: ItemContext) -> tuple[str, list[Line]] | None:
    """A committee's recommendation opening a recommendation section ("Økonomi- og Erhvervsudvalget indstiller,"
    / "at orienteringen tages til efterretning."): the committee and the recommendation's lines (up to the
    opening line printed again). The meeting's own committee recommending is its proposal, not a decision."""
    if not lines or ("indstiller" not in lines[0].text and "anbefaler" not in lines[0].text):
        return None
    match = _COMMITTEE_RECOMMENDS.match(lines[0].text)
    if match is None:
        return None
    body = match.group("body")
    if context.committee and same_body(body, context.committee):
        return None
    kept = [lines[0]]
    for line in lines[1:]:
        if line.text == lines[0].text or ends_decision(line):
            break
        kept.append(line)
    return body, kept


def printed_before(lines: Sequence[Line]) -> list[Line]:
    """The decision printed at the end of the recommendation section above an empty decision heading: the
    lines after the recommendation proper (its "... indstiller," opening and its "at ..." clauses), when
    they read as a decision."""
    last_proposal = max(
        (position for position, line in enumerate(lines) if _PROPOSAL_LINE.search(line.text)), default=None
    )
    if last_proposal is None:
        return []
    kept = list(lines[last_proposal + 1 :])
    if not kept:
        return []
    outcome, _, _ = outcomes.read_decision(collapse(" ".join(line.text for line in kept)))
    return kept if outcome != "other" else []

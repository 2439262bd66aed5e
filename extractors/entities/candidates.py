"""Candidate entities and how overlapping ones are resolved into the entities a document gets.

Every rule, the gazetteer and a statistical model propose `Candidate`s. `Resolver` keeps non-overlapping ones:
the lowest tier first (attendees, then rules and gazetteer names, then guesses, then a model's entities), within
a tier the longest ("Ballerup Kommune" over "Ballerup"), for the same span the lowest priority (a gazetteer
name over a name's form). Texts that are never entities on their own (generic nouns, header words, party
letters, a title alone) are dropped here, whoever proposed them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from referat.extractors.entities.patterns import Label
from referat.extractors.language.names import is_role_word

# Tiers of evidence: a candidate of a lower tier always wins over an overlapping one of a higher tier.
KNOWN, RULE, GUESS, MODEL = 0, 1, 2, 3
# Priorities within a tier, for candidates of the same span.
P_KNOWN, P_GAZETTEER, P_CONTEXT, P_FORM, P_NAME, P_PROPAGATED = 0, 1, 2, 3, 4, 5


class GazetteerHit(NamedTuple):
    """A listed name where the text has it; `kind` says which list ("town_dk", "municipality", ...)."""

    start: int
    end: int
    label: Label
    kind: str


class Candidate(NamedTuple):
    start: int
    end: int
    label: Label
    tier: int
    priority: int
    rule: str


# What a text can be, whoever proposed it (`Resolver.refusal`): an entity, an entity but no person, nothing.
_ANY, _NO_PERSON, _NOTHING = 0, 1, 2
_CACHE_LIMIT = 100_000
_AFTER_A_CUT = frozenset(" \t\n\r\f,/")


def _order(candidate: Candidate) -> tuple[int, int, int, int]:
    """The order in which candidates are taken: by tier, the longest first, by priority, from the left."""
    return candidate.tier, candidate.start - candidate.end, candidate.priority, candidate.start


class Resolver:
    """Non-overlapping candidates in text order. `excluded` holds lower-cased texts that are never entities
    alone (generic nouns, header words), `codes` the party letters and codes ("A", "SF", "DD"). What a text is
    refused for is remembered: the same names come back in every document."""

    def __init__(self, excluded: frozenset[str], codes: frozenset[str]) -> None:
        self.excluded = excluded
        self.codes = codes
        self.refusals: dict[str, int] = {}

    def refusal(self, name: str) -> int:
        """Whether `name` (a candidate's text) can be an entity of any label, of any but PER, or of none."""
        found = self.refusals.get(name)
        if found is None:
            folded = " ".join(name.split()).casefold()
            if len(name) < 2 or name in self.codes or folded in self.excluded or name.isdigit():
                found = _NOTHING
            elif " " not in folded and is_role_word(folded):
                found = _NO_PERSON
            else:
                found = _ANY
            if len(self.refusals) > _CACHE_LIMIT:
                self.refusals.clear()
            self.refusals[name] = found
        return found

    def __call__(self, candidates: Iterable[Candidate], text: str) -> list[Candidate]:
        taken = bytearray(len(text) + 1)
        chosen = []
        refusal = self.refusal
        for candidate in sorted(candidates, key=_order):
            start, end = candidate.start, candidate.end
            if end <= start or taken.find(1, start, end) != -1:
                continue
            if text.startswith("-", end) and (end + 1 == len(text) or text[end + 1] in _AFTER_A_CUT):
                continue  # "Børne- og ungebyrådet": the first of coordinated compounds, cut after its hyphen
            refused = refusal(text[start:end])
            if refused == _NOTHING or (refused == _NO_PERSON and candidate.label == "PER"):
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append(candidate)
        chosen.sort()
        return chosen

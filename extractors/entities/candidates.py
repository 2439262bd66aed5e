"""Candidate entities and how overlapping ones are resolved into the entities a document gets.

Every rule, the gazetteer and a statistical model propose `Candidate`s. `resolve` keeps non-overlapping ones:
the lowest tier first (attendees, then rules and gazetteer names, then guesses, then a model's entities), within
a tier the longest ("Ballerup Kommune" over "Ballerup"), for the same span the lowest priority (a gazetteer
name over a name's form). Texts that are never entities on their own (generic nouns, header words, party
letters, a title alone) are dropped here, whoever proposed them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from extractors.entities.patterns import Label
from extractors.minutes.names import is_role_word

# Tiers of evidence: a candidate of a lower tier always wins over an overlapping one of a higher tier.
KNOWN, RULE, GUESS, MODEL = 0, 1, 2, 3
# Priorities within a tier, for candidates of the same span.
P_KNOWN, P_GAZETTEER, P_CONTEXT, P_FORM, P_NAME, P_PROPAGATED = 0, 1, 2, 3, 4, 5


class Candidate(NamedTuple):
    start: int
    end: int
    label: Label
    tier: int
    priority: int
    rule: str


def resolve(candidates: Iterable[Candidate], text: str, excluded: frozenset[str],
            codes: frozenset[str]) -> list[Candidate]:
    """Non-overlapping candidates in text order. `excluded` holds lower-cased texts that are never entities
    alone (generic nouns, header words), `codes` the party letters and codes ("A", "SF", "DD")."""
    taken = bytearray(len(text) + 1)
    chosen = []
    for candidate in sorted(candidates, key=lambda c: (c.tier, c.start - c.end, c.priority, c.start)):
        start, end = candidate.start, candidate.end
        if end <= start or taken.find(1, start, end) != -1:
            continue
        name = text[start:end]
        folded = " ".join(name.split()).casefold()
        if (len(name) < 2 or name in codes or folded in excluded or name.isdigit()
                or (candidate.label == "PER" and " " not in folded and is_role_word(folded))):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(candidate)
    chosen.sort()
    return chosen

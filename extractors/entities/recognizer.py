"""The entity stage without spaCy: the gazetteer index, the context rules and the resolution of overlaps.

`EntityRecognizer.entities(text)` is what `find_entities` runs when no statistical model is asked for: the same
code the spaCy components `referat_gazetteer` and `referat_entity_rules` run, on the text itself, so an ingest
neither imports spaCy (before its workers can start) nor builds a `Doc` (a Python object per token). With a model,
the spaCy pipeline runs and these rules fill its gaps.
"""

from __future__ import annotations

from collections.abc import Sequence

from referat.extractors.entities.candidates import GUESS, Candidate, GazetteerHit, Resolver
from referat.extractors.entities.gazetteer import GazetteerIndex
from referat.extractors.entities.patterns import LABELS, load_words, party_codes
from referat.extractors.entities.rules import EntityRules
from referat.models.records import Entity


class EntityRecognizer:
    """The gazetteer and the rules with their word lists loaded; `guesses` keeps the weakest rules."""

    def __init__(self, guesses: bool = True) -> None:
        self.guesses = guesses
        self.gazetteer = GazetteerIndex()
        self.rules = EntityRules()
        words = load_words()
        self.resolver = Resolver(words["generic"] | words["lead"], party_codes())

    def candidates(
        self, text: str, known_people: Sequence[str] = (), hits: Sequence[GazetteerHit] | None = None
    ) -> list[Candidate]:
        """Every candidate of the rules and the gazetteer (found here unless `hits` are given)."""
        found = self.gazetteer.find(text) if hits is None else hits
        candidates = self.rules.find(text, [hit for hit in found if hit.label in LABELS], known_people)
        if not self.guesses:
            candidates = [candidate for candidate in candidates if candidate.tier != GUESS]
        return candidates

    def resolve(self, candidates: list[Candidate], text: str) -> list[Candidate]:
        return self.resolver(candidates, text)

    def entities(self, text: str, known_people: Sequence[str] = ()) -> list[Entity]:
        """The entities of `text` in order; `text[e.start:e.end] == e.text`."""
        return [
            Entity(candidate.label, text[candidate.start : candidate.end], candidate.start, candidate.end)
            for candidate in self.resolve(self.candidates(text, known_people), text)
        ]

"""The entity stage's spaCy components, registered with `@Language.factory`.

- `referat_gazetteer`: the names of the gazetteers of `patterns.py` (towns, municipalities, countries, bodies,
  media ...) where the text has them as listed or in capitals, at token boundaries (`gazetteer.GazetteerIndex`,
  which replaced a lower-case PhraseMatcher with the same results at a fraction of the cost); a name that also is
  a common word ("Tryg", "Information") only in mid-sentence. Its matches go to `doc.spans["referat_gazetteer"]`,
  the span's `kb_id_` saying the list.
- `referat_entity_rules`: the context rules of `rules.py` over the text and the gazetteer matches, merged with
  any entities already in `doc.ents` (a statistical model's NER, which loses where it overlaps ours), written
  to `doc.ents`. The attendees of a meeting can be passed in `doc.user_data["referat_known_people"]`.
  Without a model, tokens outside entities keep spaCy's "no annotation" (`ent_iob_ == ""`) rather than "O",
  which would be written to every token.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from referat.extractors.entities.candidates import MODEL, P_NAME, Candidate, GazetteerHit
from referat.extractors.entities.gazetteer import GazetteerIndex
from referat.extractors.entities.patterns import GazetteerEntry, Label
from referat.extractors.entities.recognizer import EntityRecognizer
from referat.extractors.entities.tokenizer import doc_text

GAZETTEER_GROUP = "referat_gazetteer"
KNOWN_PEOPLE_KEY = "referat_known_people"
# A statistical model's labels, as ours; others (MISC, dates ...) are dropped.
MODEL_LABELS: dict[str, Label] = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC"}


class Gazetteer:
    """Marks gazetteer names in `doc.spans["referat_gazetteer"]`, the span's `kb_id_` saying the list."""

    def __init__(self, name: str, entries: Sequence[GazetteerEntry] | None = None) -> None:
        self.name = name
        self.index = GazetteerIndex(entries)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for hit in self.index.find(doc_text(doc)):
            span = doc.char_span(hit.start, hit.end, label=hit.label, kb_id=hit.kind)
            if span is not None:  # always, with the fast tokenizer; a model's own tokenizer may split otherwise
                spans.append(span)
        doc.spans[GAZETTEER_GROUP] = spans
        return doc


class EntityRuleComponent:
    """Context rules plus the gazetteer's matches (and a model's entities) resolved into `doc.ents`."""

    def __init__(self, name: str, guesses: bool = True) -> None:
        self.name = name
        self.recognizer = EntityRecognizer(guesses)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        group = doc.spans.get(GAZETTEER_GROUP, ())
        hits = [GazetteerHit(span.start_char, span.end_char, span.label_, span.kb_id_) for span in group]
        known: Sequence[str] = doc.user_data.get(KNOWN_PEOPLE_KEY, ())
        candidates = self.recognizer.candidates(text, known, hits)
        earlier = doc.ents
        for entity in earlier:
            label = MODEL_LABELS.get(entity.label_)
            if label is not None:
                candidates.append(Candidate(entity.start_char, entity.end_char, label, MODEL, P_NAME, "model"))
        spans = []
        for candidate in self.recognizer.resolve(candidates, text):
            span = doc.char_span(candidate.start, candidate.end, label=candidate.label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        if any(left.end > right.start for left, right in pairwise(spans)):
            spans = filter_spans(spans)  # only when another tokenizer made two candidates share a token
        if earlier:
            doc.ents = spans  # the model's entities that lost are cleared, other tokens are "O"
        else:
            doc.set_ents(spans, default="unmodified")  # tokens outside entities keep "no annotation"
        return doc


@Language.factory("referat_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    return Gazetteer(name)


@Language.factory("referat_entity_rules", default_config={"guesses": True})
def make_entity_rules(nlp: Language, name: str, guesses: bool) -> EntityRuleComponent:
    return EntityRuleComponent(name, guesses)

"""The entity stage's spaCy components, registered with `@Language.factory`.

- `referat_gazetteer`: a PhraseMatcher over the gazetteers of `patterns.py` (towns, municipalities, countries,
  bodies, media ...), by lower-case form so capitalised headings match too, then kept only where the text is
  the name as listed or in capitals; a name that also is a common word ("Tryg", "Information") only in
  mid-sentence. Its matches go to `doc.spans["referat_gazetteer"]`, the span's `kb_id_` saying the list.
- `referat_entity_rules`: the context rules of `rules.py` over the text and the gazetteer matches, merged with
  any entities already in `doc.ents` (a statistical model's NER, which loses where it overlaps ours), written
  to `doc.ents`. The attendees of a meeting can be passed in `doc.user_data["referat_known_people"]`.
  Without a model, tokens outside entities keep spaCy's "no annotation" (`ent_iob_ == ""`) rather than "O":
  writing "O" to every token would cost a tenth of the stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractors.entities.candidates import GUESS, MODEL, P_NAME, Candidate, resolve
from extractors.entities.patterns import (
    ALWAYS_NAMES,
    LABELS,
    GazetteerEntry,
    Label,
    gazetteer,
    is_common_word,
    load_words,
    party_codes,
)
from extractors.entities.rules import EntityRules, GazetteerHit, is_initial
from extractors.entities.tokenizer import doc_text

GAZETTEER_GROUP = "referat_gazetteer"
KNOWN_PEOPLE_KEY = "referat_known_people"
# A statistical model's labels, as ours; others (MISC, dates ...) are dropped.
MODEL_LABELS: dict[str, Label] = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC",
                                  "FAC": "LOC"}


def _possessive(name: str) -> str | None:
    """The genitive as printed: "Ballerup Kommunes", "Danmarks"; names ending in s, x or z take an apostrophe,
    which the tokenizer splits off, so the bare name matches them."""
    if name[-1:].isalpha() and name[-1] not in "sxzSXZ" and not name.isupper():
        return name + "s"
    return None


class Gazetteer:
    """Marks gazetteer names in `doc.spans["referat_gazetteer"]`."""

    def __init__(self, nlp: Language, name: str, attr: str = "LOWER",
                 entries: Sequence[GazetteerEntry] | None = None) -> None:
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr=attr)
        self.forms: dict[str, tuple[Label, str, bool]] = {}
        self.upper: dict[str, tuple[Label, str, bool]] = {}
        by_key: dict[str, list[str]] = {}
        for entry in gazetteer() if entries is None else entries:
            for form in (entry.pattern, _possessive(entry.pattern)):
                if form is None or form in self.forms:
                    continue
                ambiguous = " " not in form and entry.kind not in ALWAYS_NAMES and is_common_word(form)
                self.forms[form] = (entry.label, entry.kind, ambiguous)
                self.upper.setdefault(form.upper(), (entry.label, entry.kind, ambiguous))
                by_key.setdefault(entry.label, []).append(form)
        for label, forms in by_key.items():
            self.matcher.add(label, list(nlp.tokenizer.pipe(forms)))  # type: ignore[union-attr]

    def __call__(self, doc: Doc) -> Doc:
        text: str | None = None
        spans = []
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            found = self.forms.get(span.text)
            if found is None and span.text.isupper() and len(span.text) > 3:
                found = self.upper.get(span.text)
            if found is None:
                continue
            label, kind, ambiguous = found
            if ambiguous:
                text = doc_text(doc) if text is None else text
                if is_initial(text, span.start_char):
                    continue
            spans.append(Span(doc, start, end, label=label, kb_id=kind))
        doc.spans[GAZETTEER_GROUP] = spans
        return doc


class EntityRuleComponent:
    """Context rules plus the gazetteer's matches (and a model's entities) resolved into `doc.ents`."""

    def __init__(self, name: str, guesses: bool = True) -> None:
        self.name = name
        self.guesses = guesses
        self.rules = EntityRules()
        words = load_words()
        self.excluded = words["generic"] | words["lead"]
        self.codes = party_codes()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        group = doc.spans.get(GAZETTEER_GROUP, ())
        hits = [GazetteerHit(span.start_char, span.end_char, span.label_, span.kb_id_) for span in group
                if span.label_ in LABELS]
        known: Sequence[str] = doc.user_data.get(KNOWN_PEOPLE_KEY, ())
        candidates = self.rules.find(text, hits, known)
        if not self.guesses:
            candidates = [candidate for candidate in candidates if candidate.tier != GUESS]
        earlier = doc.ents
        for entity in earlier:
            label = MODEL_LABELS.get(entity.label_)
            if label is not None:
                candidates.append(Candidate(entity.start_char, entity.end_char, label, MODEL, P_NAME, "model"))
        spans = []
        for candidate in resolve(candidates, text, self.excluded, self.codes):
            span = doc.char_span(candidate.start, candidate.end, label=candidate.label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        if any(left.end > right.start for left, right in pairwise(spans)):
            spans = filter_spans(spans)  # only when another tokenizer made two candidates share a token
        if earlier:
            doc.ents = spans  # the model's entities that lost are cleared, other tokens are "O"
        else:
            doc.set_ents(spans, default="unmodified")  # tokens outside entities keep "no annotation": 10x faster
        return doc


@Language.factory("referat_gazetteer", default_config={"attr": "LOWER"})
def make_gazetteer(nlp: Language, name: str, attr: str) -> Gazetteer:
    return Gazetteer(nlp, name, attr)


@Language.factory("referat_entity_rules", default_config={"guesses": True})
def make_entity_rules(nlp: Language, name: str, guesses: bool) -> EntityRuleComponent:
    return EntityRuleComponent(name, guesses)

"""The entity stage: `find_entities(text)` -> PER, ORG and LOC entities with offsets into the text.

`entity_pipeline(settings)` builds (once per settings, then cached) a spaCy pipeline that runs offline:
`spacy.blank("da")` with the fast regex tokenizer, the sentencizer, the lookup lemmatizer (disabled unless
`settings.lemmatize`), the gazetteer and the context rules. With `settings.model` (or REFERAT_SPACY_MODEL) it
loads that installed spaCy pipeline instead (da_core_news_md/lg, DaCy) and adds the gazetteer and the rules
after its NER, so the model's entities fill the gaps our rules leave.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

import spacy
from spacy.language import Language

import extractors.entities.components  # noqa: F401  # registers the factories
from extractors.entities.components import KNOWN_PEOPLE_KEY
from extractors.entities.patterns import LABELS, lexicon, load_person_names, party_codes
from extractors.entities.settings import EntityModelError, EntitySettings
from extractors.entities.tokenizer import TOKENIZER_NAME
from models.records import Entity

_SENTENCE_PIPES = ("parser", "senter", "sentencizer")


def entity_pipeline(settings: EntitySettings | None = None) -> Language:
    """The pipeline for these settings (by default from the environment), built once and then reused."""
    return _pipeline(settings if settings is not None else EntitySettings.from_env())


def warm_up(settings: EntitySettings | None = None) -> None:
    """Build the pipeline and load every lazily loaded word list now: an ingest calls this before it forks
    its workers, so they share one copy instead of each loading its own (the lexicon alone takes a second)."""
    entity_pipeline(settings)
    lexicon()
    load_person_names()
    party_codes()


@lru_cache(maxsize=8)
def _pipeline(settings: EntitySettings) -> Language:
    nlp = _load_model(settings.model) if settings.model else _blank(settings)
    if settings.model and settings.sentences and not any(pipe in nlp.pipe_names for pipe in _SENTENCE_PIPES):
        nlp.add_pipe("sentencizer")
    nlp.add_pipe("referat_gazetteer")
    nlp.add_pipe("referat_entity_rules", config={"guesses": settings.guesses})
    nlp.max_length = settings.max_length
    return nlp


def _blank(settings: EntitySettings) -> Language:
    nlp = spacy.blank("da", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    nlp.add_pipe("sentencizer")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    if settings.lemmatize:
        # Loads the lemmatizer's table from spacy-lookups-data (nothing is downloaded); it takes three seconds,
        # so a pipeline without lemmas leaves the lemmatizer disabled and uninitialised.
        lemmatizer.initialize()  # type: ignore[attr-defined]
    else:
        nlp.disable_pipe("lemmatizer")
    if not settings.sentences:
        nlp.disable_pipe("sentencizer")
    return nlp


def _load_model(model: str) -> Language:
    try:
        return spacy.load(model)
    except (OSError, ImportError) as error:
        raise EntityModelError(model, str(error).splitlines()[0] if str(error) else type(error).__name__) from error


def find_entities(text: str, *, known_people: Sequence[str] = (),
                  settings: EntitySettings | None = None) -> Iterator[Entity]:
    """Every mention of a person, organisation or place in `text`, in order; `text[e.start:e.end] == e.text`.

    `known_people` are the meeting's attendees: each mention of their full name is a person."""
    if not text.strip():
        return
    nlp = entity_pipeline(settings)
    doc = nlp.make_doc(text)
    if known_people:
        doc.user_data[KNOWN_PEOPLE_KEY] = tuple(known_people)
    doc = nlp(doc)
    for span in doc.ents:
        if span.label_ in LABELS:
            yield Entity(span.label_, span.text, span.start_char, span.end_char)

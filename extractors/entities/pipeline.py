"""The entity stage: `find_entities(text)` -> PER, ORG and LOC entities with offsets into the text.

Without a statistical model (the default) `find_entities` runs `EntityRecognizer` (the gazetteer index and the
context rules) on the text itself: the same code as the spaCy components, without importing spaCy or building
a `Doc`. `entity_pipeline(settings)` builds (once per settings, then cached) the spaCy pipeline for whoever
wants `Doc`s: `spacy.blank("da")` with the fast tokenizer, the sentencizer, the lookup lemmatizer (disabled
unless `settings.lemmatize`), the gazetteer and the context rules. With `settings.model` (or
REFERAT_SPACY_MODEL) `find_entities` runs that installed spaCy pipeline (da_core_news_md/lg, DaCy) with the
gazetteer and the rules after its NER, so the model's entities fill the gaps our rules leave.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from referat.extractors.entities.patterns import LABELS, lexicon, load_person_names, party_codes
from referat.extractors.entities.recognizer import EntityRecognizer
from referat.extractors.entities.settings import EntityModelError, EntitySettings
from referat.models.records import Entity

if TYPE_CHECKING:
    from spacy.language import Language

_SENTENCE_PIPES = ("parser", "senter", "sentencizer")


def entity_pipeline(settings: EntitySettings | None = None) -> Language:
    """The spaCy pipeline for these settings (by default from the environment), built once and then reused."""
    return _pipeline(settings if settings is not None else EntitySettings.from_env())


def warm_up(settings: EntitySettings | None = None) -> None:
    """Load the word lists and build what `find_entities` will run now: an ingest calls this before it forks
    its workers, so they share one copy instead of each loading its own."""
    settings = settings if settings is not None else EntitySettings.from_env()
    if settings.model:
        entity_pipeline(settings)
    else:
        recognizer(settings.guesses)
    lexicon()
    load_person_names()
    party_codes()


@lru_cache(maxsize=2)
def recognizer(guesses: bool = True) -> EntityRecognizer:
    """The spaCy-free recognizer, built once."""
    return EntityRecognizer(guesses)


@lru_cache(maxsize=8)
def _pipeline(settings: EntitySettings) -> Language:
    import referat.extractors.entities.components  # noqa: F401  # registers the factories

    nlp = _load_model(settings.model) if settings.model else _blank(settings)
    if settings.model and settings.sentences and not any(pipe in nlp.pipe_names for pipe in _SENTENCE_PIPES):
        nlp.add_pipe("sentencizer")
    nlp.add_pipe("referat_gazetteer")
    nlp.add_pipe("referat_entity_rules", config={"guesses": settings.guesses})
    nlp.max_length = settings.max_length
    return nlp


def _blank(settings: EntitySettings) -> Language:
    import spacy

    from referat.extractors.entities.tokenizer import TOKENIZER_NAME

    nlp = spacy.blank("da", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    nlp.add_pipe("sentencizer")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    if settings.lemmatize:
        # Loads the lemmatizer's table from spacy-lookups-data (nothing is downloaded), which takes a while, so a
        # pipeline without lemmas leaves the lemmatizer disabled and uninitialised.
        lemmatizer.initialize()  # type: ignore[attr-defined]
    else:
        nlp.disable_pipe("lemmatizer")
    if not settings.sentences:
        nlp.disable_pipe("sentencizer")
    return nlp


def _load_model(model: str) -> Language:
    import spacy

    try:
        return spacy.load(model)
    except (OSError, ImportError) as error:
        raise EntityModelError(model, str(error).splitlines()[0] if str(error) else type(error).__name__) from error


def find_entities(
    text: str, *, known_people: Sequence[str] = (), settings: EntitySettings | None = None
) -> Iterator[Entity]:
    """Every mention of a person, organisation or place in `text`, in order; `text[e.start:e.end] == e.text`.

    `known_people` are the meeting's attendees: each mention of their full name is a person."""
    if not text.strip():
        return
    settings = settings if settings is not None else EntitySettings.from_env()
    if settings.model:
        yield from find_entities_with_spacy(text, known_people=known_people, settings=settings)
    else:
        yield from recognizer(settings.guesses).entities(text, known_people)


def find_entities_with_spacy(
    text: str, *, known_people: Sequence[str] = (), settings: EntitySettings | None = None
) -> list[Entity]:
    """The entities the spaCy pipeline (`entity_pipeline`) finds: what `find_entities` gives without a model,
    through spaCy's `Doc` (the tests hold the two paths equal)."""
    from referat.extractors.entities.components import KNOWN_PEOPLE_KEY

    if not text.strip():
        return []
    nlp = entity_pipeline(settings)
    doc = nlp.make_doc(text)
    if known_people:
        doc.user_data[KNOWN_PEOPLE_KEY] = tuple(known_people)
    doc = nlp(doc)
    return [
        Entity(span.label_, span.text, span.start_char, span.end_char) for span in doc.ents if span.label_ in LABELS
    ]

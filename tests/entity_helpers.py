"""What both entity test modules (tests/test_entities.py, tests/test_entities_spacy.py) read: the seeds' entity
gold with the texts it describes, and `found`, the (label, text) pairs of a text with its white space collapsed."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from referat.extractors.entities import find_entities
from referat.extractors.text import extract

DATA = Path(__file__).resolve().parent / "data"
RAW = DATA.parent.parent / "data" / "raw"
# The seeds' gold; the whole corpus's, read through the pipeline, is tests/test_news_gold.py.
ENTITY_GOLD = sorted(
    path for path in (DATA / "gold" / "entities").glob("*.json") if (RAW / path.name.removesuffix(".json")).exists()
)


@cache
def gold_source(gold_path: Path) -> str:
    """The text of the document a gold file describes, as `Document.text` holds it."""
    path = RAW / gold_path.name.removesuffix(".json")
    return "\f".join(extract(path, path.read_bytes()).pages)


def collapse(text: str) -> str:
    return " ".join(text.split())


def found(text: str, **kwargs: object) -> set[tuple[str, str]]:
    return {(entity.label, collapse(entity.text)) for entity in find_entities(text, **kwargs)}  # type: ignore[arg-type]

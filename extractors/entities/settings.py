"""Settings of the entity stage, validated when made; `from_env` reads REFERAT_SPACY_MODEL."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from referat.extractors.errors import ReferatError

ENV_MODEL = "REFERAT_SPACY_MODEL"
_MODEL_NAME = re.compile(r"[^\s]+")


class EntityModelError(ReferatError):
    """The spaCy model named in the settings cannot be loaded."""

    def __init__(self, model: str, reason: str) -> None:
        super().__init__(
            f"cannot load the spaCy model {model!r} ({reason}): install it (for example "
            f"`python -m spacy download da_core_news_md`, or `pip install dacy`), or unset {ENV_MODEL} "
            "to use the rules alone"
        )


@dataclass(frozen=True)
class EntitySettings:
    """How `find_entities` runs.

    - `model`: an installed spaCy pipeline (package name or path, e.g. "da_core_news_md") whose NER is combined
      with our rules: our entities win where the two overlap, the model's fill the gaps. None: rules only, on
      `spacy.blank("da")` with the fast tokenizer.
    - `lemmatize`: run the lookup lemmatizer (spacy-lookups-data); off by default: the rules do not need lemmas,
      and the lemmatizer slows the stage and takes a while to load its table. Without it the lemmatizer is in
      the pipeline, disabled.
    - `sentences`: run the sentencizer so `doc.sents` works; off by default: the rules do not need sentences
      and the sentencizer would cost time. Without it the sentencizer is in the pipeline, disabled.
    - `guesses`: keep the weakest rules (unknown capitalised words guessed from their form and place).
    - `max_length`: the longest text accepted, in characters (`nlp.max_length`).
    """

    model: str | None = None
    lemmatize: bool = False
    sentences: bool = False
    guesses: bool = True
    max_length: int = 100_000_000

    def __post_init__(self) -> None:
        if self.model is not None and not _MODEL_NAME.fullmatch(self.model):
            raise ValueError(f"model must be a spaCy package name or path without spaces, not {self.model!r}")
        for name in ("lemmatize", "sentences", "guesses"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be true or false, not {getattr(self, name)!r}")
        if isinstance(self.max_length, bool) or not isinstance(self.max_length, int) or self.max_length < 1:
            raise ValueError(f"max_length must be a positive number of characters, not {self.max_length!r}")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EntitySettings:
        known = {field.name for field in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown entity settings {unknown}; expected some of {sorted(known)}")
        return cls(**{key: value for key, value in data.items() if key in known})

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> EntitySettings:
        """Defaults, with `model` from REFERAT_SPACY_MODEL when it is set and not empty."""
        model = (os.environ if environ is None else environ).get(ENV_MODEL, "").strip()
        return cls(model=model or None)

"""The fast tokenizer as a spaCy tokenizer: the rules of `tokens.py`, whitespace kept, so `doc.text` is the
input exactly and `token.idx` and `span.start_char` are exact offsets into the text the caller gave.

Where spaCy's stock Danish tokenizer applies prefix, suffix and infix rules plus exceptions, this one splits with
a single regular expression (see `tokens.py` for what it keeps whole).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from referat.extractors.entities.tokens import words_and_spaces

TOKENIZER_NAME = "referat.fast_tokenizer.v1"
# The tokenizer keeps the text it was given here, so components need not rebuild it from the tokens (`doc.text`
# joins every token in Python).
TEXT_KEY = "referat_text"


class FastTokenizer:
    """Splits text with `tokens.TOKEN_PATTERN`; callable like spaCy's tokenizer, serialisable as a no-op."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT_KEY] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # The tokenizer has no state of its own: it is rebuilt from the config when a pipeline is loaded.
    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, **kwargs: Any) -> FastTokenizer:
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> FastTokenizer:
        return self


def doc_text(doc: Doc) -> str:
    """The text of `doc`: the one its tokenizer kept when it still fits the tokens, else `doc.text`."""
    text = doc.user_data.get(TEXT_KEY)
    if isinstance(text, str) and len(doc) and doc[0].idx == 0:
        last = doc[-1]
        if last.idx + len(last.text_with_ws) == len(text):
            return text
    return doc.text


def create_fast_tokenizer() -> Callable[[Any], FastTokenizer]:
    """The registered factory: `[nlp.tokenizer] @tokenizers = "referat.fast_tokenizer.v1"`."""

    def make(nlp: Any) -> FastTokenizer:
        return FastTokenizer(nlp.vocab)

    return make


registry.tokenizers.register(TOKENIZER_NAME, func=create_fast_tokenizer)

"""A fast tokenizer for Danish: one regular expression, whitespace kept, so `doc.text` is the input exactly.

spaCy's stock Danish tokenizer (prefix, suffix and infix rules plus exceptions) runs at about 200k words/s
here; the entity stage has to run at several times that. This one splits with a single regular expression:

- numbers with inner separators stay whole ("70.000", "13-05-2025", "08:00", "2,5");
- words keep inner hyphens, apostrophes, periods and ampersands ("Lautrup-området", "app'en", "R&D"); the
  company forms "A/S", "I/S", "K/S", "P/S" stay whole, other slashes split ("Ballerup/Herlev");
- a word with an inner period keeps its final one ("m.fl.", "f.eks."), and so do the abbreviations in
  `ABBREVIATIONS` ("kl.", "nr.", "Brdr."); a hyphen that ends a word before a space or comma stays with it
  ("Erhvervs-, Beskæftigelses- og ...");
- every other character that is not whitespace is a token of its own;
- whitespace follows spaCy's convention: one plain space after a token is that token's `whitespace_`, any
  other run of whitespace (or the rest of it) is a token of its own ("\n\n", "\t", "\f", " ").

So `token.idx` and `span.start_char` are exact offsets into the text the caller gave, which is what
`find_entities` hands on as provenance.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

TOKENIZER_NAME = "referat.fast_tokenizer.v1"
# The tokenizer keeps the text it was given here, so components need not rebuild it from the tokens (`doc.text`
# joins every token in Python, which costs a third of the tokenizer's own time).
TEXT_KEY = "referat_text"

# Abbreviations whose final period belongs to the word (the period of a sentence that ends with one is lost to
# the sentencizer, which is the usual trade-off).
ABBREVIATIONS = ("kl", "nr", "ca", "jf", "mv", "evt", "inkl", "ekskl", "pkt", "vedr", "stk", "tlf", "mio", "mia", "kr",
                 "bl", "dvs", "osv", "hhv", "iflg", "ift", "iht", "mht", "pga", "fx", "ff", "red", "Brdr", "brdr",
                 "Skt", "Sct", "Hr", "hr", "Dr", "dr", "Prof", "prof", "adm", "cand", "stud", "mag", "Chr", "Vilh",
                 "Kbh", "v", "f", "t", "jvf", "ang", "bla")
_ABBREVIATION_SET = frozenset(ABBREVIATIONS)
# A token and the single space after it, or a run of other whitespace. Tokens, in order: company forms; numbers
# with inner separators; words (with inner periods and a final one after them, or a hyphen that ends the word);
# any other character. The abbreviations' periods are joined in Python: an alternation of them in the expression
# would halve its speed.
TOKEN_PATTERN = re.compile(
    r"([AIKP]/S(?!\w)"
    r"|\d+(?:[.,:/-]\d+)+"
    r"|\w+(?:[-'’&]\w+)*(?:(?:\.\w+(?:[-'’&]\w+)*)+\.?|-(?=[\s,]))?"
    r"|\S)( ?)"
    r"|(\s+)"
)


def _join_periods(words: list[str], spaces: list[bool], joins: list[int]) -> tuple[list[str], list[bool]]:
    """The words with the periods at `joins` joined to the abbreviation before them ("kl" "." -> "kl.")."""
    joined_words: list[str] = []
    joined_spaces: list[bool] = []
    previous = 0
    for k in joins:
        joined_words.extend(words[previous:k])
        joined_spaces.extend(spaces[previous:k])
        joined_words[-1] += "."
        joined_spaces[-1] = spaces[k]
        previous = k + 1
    joined_words.extend(words[previous:])
    joined_spaces.extend(spaces[previous:])
    return joined_words, joined_spaces


class FastTokenizer:
    """Splits text with `TOKEN_PATTERN`; callable like spaCy's tokenizer, serialisable as a no-op."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        # `split` gives a flat list of strings (the expression matches every character, so what lies between
        # matches is empty): no tuple per token, which keeps the garbage collector quiet on long texts.
        parts = TOKEN_PATTERN.split(text)
        words = [token or space for token, space in zip(parts[1::4], parts[3::4], strict=True)]
        spaces = [after == " " for after in parts[2::4]]
        joins = [k for k, word in enumerate(words) if word == "." and k and not spaces[k - 1]
                 and words[k - 1] in _ABBREVIATION_SET]
        if joins:
            words, spaces = _join_periods(words, spaces, joins)
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

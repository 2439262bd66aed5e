"""The gazetteer without spaCy: every listed name in a text, found by string lookup at token boundaries.

A name counts where the text has it exactly as listed, or in capitals ("BALLERUP KOMMUNE", longer than three
letters), and where it starts and ends on a token boundary of the fast tokenizer ("Ballerup" is not found in
"Ballerup-området", which is one token). That is what a lower-case PhraseMatcher over the tokenizer's tokens,
kept only where the span is the name as listed or in capitals, finds; the spaCy component `referat_gazetteer`
uses this index too, so the two paths cannot disagree. The names are found with an Aho-Corasick automaton
(pyahocorasick): one pass in C over the text for all of them at once, after which only the places where a name
stands pay for a look at the tokens around them. A name that also is a common word ("Tryg", "Information")
counts only in mid-sentence. The names of the default gazetteer are kept in the cache (`cache.py`), so that
loading the recognizer does not build them again (read the lists, look every name up in the lexicon).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import ahocorasick

from referat.extractors.entities import patterns
from referat.extractors.entities.cache import cached, source_key
from referat.extractors.entities.candidates import GazetteerHit
from referat.extractors.entities.patterns import ALWAYS_NAMES, GazetteerEntry, Label, gazetteer, is_common_word, lexicon
from referat.extractors.entities.runs import is_initial
from referat.extractors.entities.tokens import token_ends_after, token_starts_at

# A listed name as printed (or its genitive, or in capitals): (text, label, kind, ambiguous), where `ambiguous` says
# that it is also a common word, a name only in mid-sentence. Plain tuples, which the cache can hold as they are.
_Name = tuple[str, Label, str, bool]
# What the default index is built from.
_SOURCES = (
    patterns.MUNICIPALITIES_FILE,
    patterns.TOWNS_FILE,
    patterns.PATTERNS_FILE,
    patterns.TOWNS_DK_FILE,
    patterns.STOP_WORDS_FILE,
    Path(patterns.__file__),
    Path(__file__),
)
_MIN_UPPER_LENGTH = 4  # "BALLERUP" is Ballerup; "DAN" in capitals is not "Dan"


def _possessive(name: str) -> str | None:
    """The genitive as printed: "Ballerup Kommunes", "Danmarks"; names ending in s, x or z take an apostrophe,
    which the tokenizer splits off, so the bare name matches them."""
    if name[-1:].isalpha() and name[-1] not in "sxzSXZ" and not name.isupper():
        return name + "s"
    return None


class GazetteerIndex:
    """The names of the gazetteer (and their genitives and capitals), and an automaton that finds them all."""

    def __init__(self, entries: Sequence[GazetteerEntry] | None = None) -> None:
        if entries is None:
            key = source_key(*_SOURCES, lexicon().key)
            self.names = cached("gazetteer-names", key, lambda: _names(gazetteer()), _checked)
        else:
            self.names = _names(entries)
        self.automaton = ahocorasick.Automaton()
        for name in self.names:
            self.automaton.add_word(name[0], name)
        self.automaton.make_automaton()

    def find(self, text: str) -> list[GazetteerHit]:
        """Every listed name in `text`, by start and then end (overlapping names all kept)."""
        hits: list[GazetteerHit] = []
        if not self.names:
            return hits
        for last, (form, label, kind, ambiguous) in self.automaton.iter(text):
            end = last + 1
            start = end - len(form)
            if start and not text[start - 1].isspace():
                before = text[start - 1]
                if before.isalnum() or before == "_" or not token_starts_at(text, start):
                    continue  # inside a word ("Ry" in "Ryk"), or not where a token starts
            if not token_ends_after(text, start, end) or (ambiguous and is_initial(text, start)):
                continue
            hits.append(GazetteerHit(start, end, label, kind))
        hits.sort()
        return hits


def _names(entries: Sequence[GazetteerEntry]) -> list[_Name]:
    """Each form once: as listed, its genitive, and in capitals (the form as listed wins: "DR")."""
    forms: dict[str, _Name] = {}
    upper: dict[str, _Name] = {}
    for entry in entries:
        for form in (entry.pattern, _possessive(entry.pattern)):
            if form is None or form in forms:
                continue
            ambiguous = " " not in form and entry.kind not in ALWAYS_NAMES and is_common_word(form)
            forms[form] = (form, entry.label, entry.kind, ambiguous)
            if len(form) >= _MIN_UPPER_LENGTH and form.upper() != form and form.upper().isupper():
                upper.setdefault(form.upper(), (form.upper(), entry.label, entry.kind, ambiguous))
    return [*forms.values(), *(name for text, name in upper.items() if text not in forms)]


def _checked(data: object) -> list[_Name]:
    """The names as the cache holds them, after a look at their shape."""
    if not isinstance(data, list) or {type(name) for name in data} - {tuple} or {len(name) for name in data} - {4}:
        raise ValueError("not gazetteer names")
    return data

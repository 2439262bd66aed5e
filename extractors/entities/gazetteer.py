"""The gazetteer without spaCy: every listed name in a text, found by string lookup at token boundaries.

A name counts where the text has it exactly as listed, or in capitals ("BALLERUP KOMMUNE", longer than three
letters), and where it starts and ends on a token boundary of the fast tokenizer ("Ballerup" is not found in
"Ballerup-området", which is one token). That is what a lower-case PhraseMatcher over the tokenizer's tokens,
kept only where the span is the name as listed or in capitals, finds; the spaCy component `referat_gazetteer`
uses this index too, so the two paths cannot disagree. The index looks up each capitalised word (and each word
starting with a digit, "3F") in a table of first words and compares the names that start with it; only those
candidates pay for a look at the tokens around them. A name that also is a common word ("Tryg", "Information")
counts only in mid-sentence. The index of the default gazetteer is kept in the cache (`cache.py`): building it
(reading the lists, looking every name up in the lexicon) took a third of the time to load the recognizer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import chain
from pathlib import Path

from extractors.entities import patterns
from extractors.entities.cache import cached, source_key
from extractors.entities.patterns import ALWAYS_NAMES, GazetteerEntry, Label, gazetteer, is_common_word, lexicon
from extractors.entities.rules import GazetteerHit, is_initial
from extractors.entities.tokens import token_ends_after, token_starts_at
from extractors.minutes.names import UPPER

# A listed name as printed (or its genitive, or in capitals): (text, label, kind, ambiguous), where `ambiguous` says
# that it is also a common word, a name only in mid-sentence. Plain tuples, which the cache can hold as they are.
_Name = tuple[str, Label, str, bool]
# The names that open with one word: those that are the word or one character more, shortest first, and the longer
# ones by the two characters after the word (" K" for "Ballerup Kommune"), each list shortest first. A word of the
# text is compared only with the names it can start: "Det er" with none of the ten "Det Radikale Venstre", "Det
# Kongelige Bibliotek" ..., which took a third of the comparisons.
_Opening = tuple[list[_Name], dict[str, list[_Name]]]
# What the default index is built from.
_SOURCES = (patterns.MUNICIPALITIES_FILE, patterns.TOWNS_FILE, patterns.PATTERNS_FILE, patterns.TOWNS_DK_FILE,
            patterns.STOP_WORDS_FILE, Path(patterns.__file__), Path(__file__))


# What a word that can open a listed name starts with: a capital or a digit (not inside another word: "iPhone").
_OPENING_CHARACTERS = frozenset(UPPER + "0123456789")
_MIN_UPPER_LENGTH = 4  # "BALLERUP" is Ballerup; "DAN" in capitals is not "Dan"


def _possessive(name: str) -> str | None:
    """The genitive as printed: "Ballerup Kommunes", "Danmarks"; names ending in s, x or z take an apostrophe,
    which the tokenizer splits off, so the bare name matches them."""
    if name[-1:].isalpha() and name[-1] not in "sxzSXZ" and not name.isupper():
        return name + "s"
    return None


def _opening(name: str) -> str:
    match = re.match(r"\w+", name)
    return match.group() if match else name[:1]


class GazetteerIndex:
    """The names of the gazetteer (and their genitives and capitals) by the word they open with (`_Opening`)."""

    def __init__(self, entries: Sequence[GazetteerEntry] | None = None) -> None:
        if entries is None:
            key = source_key(*_SOURCES, lexicon().key)
            self.by_opening = cached("gazetteer-index", key, lambda: _index(gazetteer()), _checked)
        else:
            self.by_opening = _index(entries)
        self.openings = _openings(self.by_opening)

    def find(self, text: str) -> list[GazetteerHit]:
        """Every listed name in `text`, by start and then end (overlapping names all kept)."""
        hits: list[GazetteerHit] = []
        opening = self.by_opening.get
        for word in self.openings.finditer(text):
            names = opening(word.group())
            if names is None:
                continue
            start = word.start()
            if start and not text[start - 1].isspace() and not token_starts_at(text, start):
                continue  # (after whitespace a token always starts: asked without a call)
            short, longer = names
            after = word.end()
            more = longer.get(text[after:after + 2])
            for form, label, kind, ambiguous in short if more is None else chain(short, more):
                end = start + len(form)
                if not text.startswith(form, start) or not token_ends_after(text, start, end):
                    continue
                if ambiguous and is_initial(text, start):
                    continue
                hits.append(GazetteerHit(start, end, label, kind))
        return hits


def _openings(words: Iterable[str]) -> re.Pattern[str]:
    """An expression for the opening words among `words` (runs of word characters, as `_opening` makes them) in a
    text, or some other words that begin as one does: a capital or a digit not inside another word, the second
    character that some opening word has after it (or none), the rest of the word. Each first character comes
    before its look back, so the engine skips from one such character to the next (a look back first is tried at
    every character, twice as slow), and it refuses a third of a text's capitalised words itself, which `find`
    would have looked up one by one."""
    following: dict[str, set[str]] = {}
    for word in words:
        if word[:1] in _OPENING_CHARACTERS:
            following.setdefault(word[0], set()).add(word[1:2])
    branches = []
    for first, seconds in sorted(following.items()):
        letters = "".join(re.escape(second) for second in sorted(seconds) if second)
        ways = ([rf"[{letters}]\w*"] if letters else []) + ([r"(?!\w)"] if "" in seconds else [])
        branches.append(rf"{re.escape(first)}(?<!\w.)(?:{'|'.join(ways)})")
    return re.compile("|".join(branches) or "(?!)")


def _index(entries: Sequence[GazetteerEntry]) -> dict[str, _Opening]:
    forms: dict[str, _Name] = {}
    upper: dict[str, _Name] = {}
    for entry in entries:
        for form in (entry.pattern, _possessive(entry.pattern)):
            if form is None or form in forms:
                continue
            ambiguous = " " not in form and entry.kind not in ALWAYS_NAMES and is_common_word(form)
            name = (form, entry.label, entry.kind, ambiguous)
            forms[form] = name
            if len(form) >= _MIN_UPPER_LENGTH:
                upper.setdefault(form.upper(), name)
    # The exact form wins over a capitals form of the same text ("DR" as listed).
    names = {**{text: name for text, name in upper.items() if text.isupper()}, **forms}
    by_opening: dict[str, list[_Name]] = {}
    for text, (_, label, kind, ambiguous) in names.items():
        by_opening.setdefault(_opening(text), []).append((text, label, kind, ambiguous))
    return {opening: _by_next_characters(opening, candidates) for opening, candidates in by_opening.items()}


def _by_next_characters(opening: str, names: list[_Name]) -> _Opening:
    """The names that open with `opening` as `_Opening` holds them."""
    names = sorted(names, key=lambda name: len(name[0]))
    cut = len(opening) + 2
    longer: dict[str, list[_Name]] = {}
    for name in names:
        if len(name[0]) >= cut:
            longer.setdefault(name[0][cut - 2:cut], []).append(name)
    return [name for name in names if len(name[0]) < cut], longer


def _checked(data: object) -> dict[str, _Opening]:
    """The index as the cache holds it, after a look at its shape."""
    if not isinstance(data, dict) or set(map(type, data.values())) - {tuple}:
        raise ValueError("not a gazetteer index")
    openings = list(data.values())
    if set(map(len, openings)) - {2} or {type(short) for short, _ in openings} - {list} or {
            type(longer) for _, longer in openings} - {dict}:
        raise ValueError("not a gazetteer index")
    lists = [short for short, _ in openings] + [names for _, longer in openings for names in longer.values()]
    if set(map(type, lists)) - {list}:
        raise ValueError("not a gazetteer index")
    names = list(chain.from_iterable(lists))
    if set(map(type, names)) - {tuple} or set(map(len, names)) - {4}:
        raise ValueError("not a gazetteer index")
    return data

"""The gazetteer without spaCy: every listed name in a text, found by string lookup at token boundaries.

A name counts where the text has it exactly as listed, or in capitals ("BALLERUP KOMMUNE", longer than three
letters), and where it starts and ends on a token boundary of the fast tokenizer ("Ballerup" is not found in
"Ballerup-området", which is one token). That is what a lower-case PhraseMatcher over the tokenizer's tokens,
kept only where the span is the name as listed or in capitals, finds; the spaCy component `referat_gazetteer`
uses this index too, so the two paths cannot disagree. The index looks up each capitalised word (and each word
starting with a digit, "3F") in a table of first words and compares the names that start with it; only those
candidates pay for a look at the tokens around them. A name that also is a common word ("Tryg", "Information")
counts only in mid-sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from extractors.entities.patterns import ALWAYS_NAMES, GazetteerEntry, Label, gazetteer, is_common_word
from extractors.entities.rules import GazetteerHit, is_initial
from extractors.entities.tokens import token_ends_after, token_starts_at
from extractors.minutes.names import UPPER


class _Name(NamedTuple):
    text: str
    label: Label
    kind: str
    ambiguous: bool  # also a common word: a name only in mid-sentence


# A word that can open a listed name: a capital or a digit, not inside another word ("iPhone").
_OPENING_WORD = re.compile(rf"(?<!\w)[{UPPER}0-9]\w*")
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
    """The names of the gazetteer (and their genitives and capitals) by the word they open with."""

    def __init__(self, entries: Sequence[GazetteerEntry] | None = None) -> None:
        forms: dict[str, _Name] = {}
        upper: dict[str, _Name] = {}
        for entry in gazetteer() if entries is None else entries:
            for form in (entry.pattern, _possessive(entry.pattern)):
                if form is None or form in forms:
                    continue
                ambiguous = " " not in form and entry.kind not in ALWAYS_NAMES and is_common_word(form)
                name = _Name(form, entry.label, entry.kind, ambiguous)
                forms[form] = name
                if len(form) >= _MIN_UPPER_LENGTH:
                    upper.setdefault(form.upper(), name)
        # The exact form wins over a capitals form of the same text ("DR" as listed).
        names = {**{text: name for text, name in upper.items() if text.isupper()}, **forms}
        self.by_opening: dict[str, list[tuple[str, _Name]]] = {}
        for text, name in names.items():
            self.by_opening.setdefault(_opening(text), []).append((text, name))
        for candidates in self.by_opening.values():
            candidates.sort(key=lambda candidate: len(candidate[0]))

    def find(self, text: str) -> list[GazetteerHit]:
        """Every listed name in `text`, by start and then end (overlapping names all kept)."""
        hits: list[GazetteerHit] = []
        by_opening = self.by_opening
        for word in _OPENING_WORD.finditer(text):
            candidates = by_opening.get(word.group())
            if candidates is None:
                continue
            start = word.start()
            if not token_starts_at(text, start):
                continue
            for form, name in candidates:
                end = start + len(form)
                if not text.startswith(form, start) or not token_ends_after(text, start, end):
                    continue
                if name.ambiguous and is_initial(text, start):
                    continue
                hits.append(GazetteerHit(start, end, name.label, name.kind))
        return hits

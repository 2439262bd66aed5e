"""Runs of capitalised words, the words in them, and what the text around a run says about its capitals.

The context rules (`rules.py`) read a text as runs of capitalised words ("Ballerup Kommune", "Brandenburg an Der
Havel", "H.C. Andersen"): `find_runs` gives where they are, `run_words` where each word of a run is. Whether a
capital says anything about a name depends on what stands before it: `is_initial` tells a sentence's, a line's or a
list item's first word, `previous_word` gives the word before a place.
"""

from __future__ import annotations

import re

from referat.extractors.language.names import UPPER

Span = tuple[int, int]

SPACE = r"[ \t\u00a0]"
NAME_WORD = rf"[{UPPER}](?:[\w&]|['’]\w)*(?:-(?:[\w&]|['’]\w)+)*"
_INITIALS = rf"[{UPPER}]\.(?:-?[{UPPER}]\.)*"
_ABBREVIATED = r"(?:Brdr|Skt|Sct|St|Dr|Hr|Chr|Vilh|Jac|Joh|Fr|Th|Mc)\."
_PARTICLE = r"(?:an|am|der|den|von|van|de|la|le|du|di|da|del|of|upon|bin|ibn|al|el)"
RUN_WORD = rf"(?:{_ABBREVIATED}|{_INITIALS}|{NAME_WORD})"
# Runs of capitalised words. Nothing before the first capital (its look back comes after it), so the engine skips
# from one capital to the next rather than trying the look back at every position; a capital inside a word
# ("iPhone") is refused after it, and runs that an initial or an abbreviation splits ("H.C. Andersen", "Brdr.
# Simonsen") are joined in `find_runs`.
_SIMPLE_WORD = rf"[{UPPER}][\w&]*(?:['’-][\w&]+)*"
_FIRST_WORD = rf"[{UPPER}](?<![\w&-].)[\w&]*(?:['’-][\w&]+)*"
RUN = re.compile(rf"({_FIRST_WORD})(?:{SPACE}{{1,3}}(?:{_PARTICLE}{SPACE}{{1,3}})?{_SIMPLE_WORD})*")
_WORD_IN_RUN = re.compile(rf"{RUN_WORD}|{_PARTICLE}")
_JOINING = frozenset({"Brdr", "Skt", "Sct", "St", "Dr", "Hr", "Chr", "Vilh", "Jac", "Joh", "Fr", "Th", "Mc"})
_DOTTED_INITIALS = re.compile(rf"[{UPPER}](?:\.-?[{UPPER}])*")
_SKIPPED_BEFORE = frozenset(" \t\u00a0\"“”„'‘’«»([")
_SENTENCE_MARKS = frozenset(".!?:;\n\r\f\v•▪●·*–—-\u2028\u2029")
# Abbreviations that a name may follow ("v. direktør", "bl.a. Novo Nordisk"); after others ("15.000 kr.") and after
# a word with a period a new sentence is taken to start.
_BEFORE_NAMES = frozenset(
    {
        "v",
        "bl.a",
        "f.eks",
        "fx",
        "jf",
        "jvf",
        "hr",
        "dr",
        "st",
        "skt",
        "sct",
        "brdr",
        "ca",
        "inkl",
        "ekskl",
        "iflg",
        "vedr",
        "ang",
        "pga",
        "ift",
        "iht",
        "mht",
        "adm",
        "prof",
        "cand",
    }
)


# A run of capitalised words: (start, end, whether it is one word).
Run = tuple[int, int, bool]


def find_runs(text: str) -> list[Run]:
    """Every run of capitalised words, runs split by an initial or an abbreviation joined again ("H.C. Andersen",
    "Anne V. Kristensen", "Brdr. Simonsen")."""
    runs: list[Run] = []
    for match in RUN.finditer(text):
        start, end = match.span()
        if start > 1 and text[start - 1] in "'’" and text[start - 2].isalnum():
            continue  # "app'En"
        if (
            runs
            and runs[-1][1] < start <= runs[-1][1] + 3
            and text[runs[-1][1]] == "."
            and _joins(text, runs[-1], start)
        ):
            runs[-1] = (runs[-1][0], end, False)
            continue
        runs.append((start, end, match.end(1) == end))
    return runs


def _joins(text: str, previous: Run, start: int) -> bool:
    """Whether a run starting at `start`, after the period that ends the run `previous`, continues it: the period
    is an initial's or an abbreviation's ("H.C." before "Andersen")."""
    previous_start, previous_end, _ = previous
    if text[previous_end + 1 : start].strip(" \t\u00a0") != "":
        return False
    last = text[previous_start:previous_end].rsplit(None, 1)[-1]
    return last in _JOINING or _DOTTED_INITIALS.fullmatch(last) is not None


def run_words(text: str, start: int, end: int) -> list[Span]:
    """Where the words of the run text[start:end] are: capitalised words, initials, abbreviations, particles."""
    return [match.span() for match in _WORD_IN_RUN.finditer(text, start, end)]


def is_initial(text: str, pos: int) -> bool:
    """Whether `pos` starts a sentence, a line or a list item (so its capital says nothing about a name)."""
    k = pos - 1
    while k >= 0 and text[k] in _SKIPPED_BEFORE:
        k -= 1
    if k < 0:
        return True
    char = text[k]
    if char not in _SENTENCE_MARKS:
        return False
    if char == ".":
        start = k
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
            start -= 1
        word = text[start:k]
        if word.casefold() in _BEFORE_NAMES or (len(word) == 1 and word.isupper()):
            return False
    return True


def line_start(text: str, pos: int) -> bool:
    """Whether only spaces stand between `pos` and the start of its line."""
    k = pos - 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    return k < 0 or text[k] in "\n\r\f\v"


def previous_word(text: str, pos: int) -> str:
    """The word before `pos` (letters, digits and the marks inside words: "v.", "45-årige", "direktør")."""
    k = pos - 1
    while k >= 0 and text[k] in " \t\u00a0\n":
        k -= 1
    end = k + 1
    while k >= 0 and (text[k].isalnum() or text[k] in ".-'’"):
        k -= 1
    return text[k + 1 : end]

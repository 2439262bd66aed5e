"""The fast tokenizer's rules, without spaCy: one regular expression, whitespace kept, exact offsets.

- numbers with inner separators stay whole ("70.000", "13-05-2025", "08:00", "2,5");
- words keep inner hyphens, apostrophes, periods and ampersands ("Lautrup-området", "app'en", "R&D"); the
  company forms "A/S", "I/S", "K/S", "P/S" stay whole, other slashes split ("Ballerup/Herlev");
- a word with an inner period keeps its final one ("m.fl.", "f.eks."), and so do the abbreviations in
  `ABBREVIATIONS` ("kl.", "nr.", "Brdr."); a hyphen that ends a word before a space or comma stays with it
  ("Erhvervs-, Beskæftigelses- og ...");
- every other character that is not whitespace is a token of its own;
- whitespace follows spaCy's convention: one plain space after a token is that token's `whitespace_`, any
  other run of whitespace (or the rest of it) is a token of its own ("\n\n", "\t", "\f", " ").

`words_and_spaces(text)` is what the spaCy tokenizer (`tokenizer.py`) builds its `Doc` from;
`token_starts_at` and `token_ends_after` answer, for one place in a text, what tokenizing all of it would say
(the gazetteer asks them only where a listed name stands).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Abbreviations whose final period belongs to the word (the period of a sentence that ends with one is lost to
# the sentencizer, which is the usual trade-off).
ABBREVIATIONS = (
    "kl",
    "nr",
    "ca",
    "jf",
    "mv",
    "evt",
    "inkl",
    "ekskl",
    "pkt",
    "vedr",
    "stk",
    "tlf",
    "mio",
    "mia",
    "kr",
    "bl",
    "dvs",
    "osv",
    "hhv",
    "iflg",
    "ift",
    "iht",
    "mht",
    "pga",
    "fx",
    "ff",
    "red",
    "Brdr",
    "brdr",
    "Skt",
    "Sct",
    "Hr",
    "hr",
    "Dr",
    "dr",
    "Prof",
    "prof",
    "adm",
    "cand",
    "stud",
    "mag",
    "Chr",
    "Vilh",
    "Kbh",
    "v",
    "f",
    "t",
    "jvf",
    "ang",
    "bla",
)
_ABBREVIATION_SET = frozenset(ABBREVIATIONS)
# A token and the single space after it, or a run of other whitespace. Tokens, in order: company forms; numbers
# with inner separators; words (with inner periods and a final one after them, or a hyphen that ends the word);
# any other character. The abbreviations' periods are joined in Python, not by an alternation of them in the
# expression, which every word would have to try.
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


def words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """The tokens of `text` and whether a single plain space follows each (spaCy's `words` and `spaces`)."""
    # `split` gives a flat list of strings (the expression matches every character, so what lies between
    # matches is empty): no tuple per token, which keeps the garbage collector quiet on long texts.
    parts = TOKEN_PATTERN.split(text)
    words = [token or space for token, space in zip(parts[1::4], parts[3::4], strict=True)]
    spaces = [after == " " for after in parts[2::4]]
    joins = [
        k
        for k, word in enumerate(words)
        if word == "." and k and not spaces[k - 1] and words[k - 1] in _ABBREVIATION_SET
    ]
    if joins:
        words, spaces = _join_periods(words, spaces, joins)
    return words, spaces


# How far back `token_starts_at` looks for the whitespace after which a token surely starts.
_LOOK_BACK = 1000


def _token_spans(text: str, begin: int) -> Iterator[tuple[int, int]]:
    """(start, end) of the tokens (not whitespace) from `begin`, which must be a token start."""
    joined_until = -1
    for match in TOKEN_PATTERN.finditer(text, begin):
        token = match.group(1)
        if token is None:
            continue
        start, end = match.span(1)
        if start < joined_until:
            continue  # the period joined to the abbreviation before it
        if not match.group(2) and text.startswith(".", end) and token in _ABBREVIATION_SET:
            joined_until = end + 1
            end += 1
        yield start, end


def token_starts_at(text: str, position: int) -> bool:
    """Whether a token other than whitespace starts at `position` (as tokenizing the whole text would find)."""
    if position >= len(text) or text[position].isspace():
        return False
    if position == 0 or text[position - 1].isspace():
        return True
    begin = position - 1
    limit = max(0, position - _LOOK_BACK)
    while begin > limit and not text[begin - 1].isspace():
        begin -= 1
    if begin > 0 and not text[begin - 1].isspace():
        return False  # no whitespace for a thousand characters: not a place for a name
    for start, _ in _token_spans(text, begin):
        if start >= position:
            return start == position
    return False


def token_ends_after(text: str, start: int, end: int) -> bool:
    """Whether, from the token start `start`, a token ends exactly at `end`."""
    size = len(text)
    if end >= size or text[end].isspace():
        # No token runs into whitespace, so one ends here unless whitespace ends here too: the usual case, where the
        # gazetteer's names stand, answered without tokenizing.
        return start < end <= size and not text[end - 1].isspace()
    for token_start, token_end in _token_spans(text, start):
        if token_end >= end or token_start >= end:
            return token_end == end
    return False

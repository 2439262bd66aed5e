"""Danish numerals: digits with '.' thousands and ',' decimals ("1.316.000", "3,7"), and number words.

`parse_digits("1.316.000")` is `Decimal(1316000)`; `words_value(("to", "millioner"))` is `Decimal(2000000)`
(from `text2num`, with the vocabulary's table as fallback for words it does not know, such as "halvanden").
Values are `Decimal` until they become a `Figure`, so "1,5 mio." is exactly 1500000.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

from text_to_num import text2num  # type: ignore[import-untyped]

from referat.extractors.figures.vocabulary import FigureVocabulary

# A number as printed in Danish: groups of three after '.', decimals after ','. "13.00" and "04.12" are not.
DIGITS = r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
_NUMBER = re.compile(DIGITS)
_RANGE = re.compile(rf"({DIGITS})[-–]({DIGITS})")
_LEADING_ZERO = re.compile(r"0\d")
MAX_CHARACTERS = 20  # longer runs of digits are identifiers, not amounts


def parse_digits(printed: str) -> Decimal:
    """The value of a Danish numeral: "1.316.000" -> 1316000, "3,7" -> 3.7."""
    return Decimal(printed.replace(".", "").replace(",", "."))


def split_digits(printed: str) -> tuple[str, ...]:
    """The numbers of a numeric token: one ("70.000"), two for a range ("1-10"), none for anything else.

    Dates ("13-05-2025"), times ("13.00"), KLE and case numbers ("00.01.10-P35-6-24"), numbers with a leading
    zero ("08") and runs of digits too long to be amounts give none.
    """
    if _NUMBER.fullmatch(printed):
        parts: tuple[str, ...] = (printed,)
    elif match := _RANGE.fullmatch(printed):
        parts = (match.group(1), match.group(2))
    else:
        return ()
    if any(_LEADING_ZERO.match(part) or len(part) > MAX_CHARACTERS for part in parts):
        return ()
    return parts


def is_plain_integer(printed: str) -> bool:
    """Digits only, no separators: what years, postal codes and ordinals look like."""
    return printed.isdigit()


def is_year(printed: str) -> bool:
    """A four-digit number that reads as a year (1900-2099)."""
    return len(printed) == 4 and printed.isdigit() and 1900 <= int(printed) <= 2099


@lru_cache(maxsize=4096)
def _text2num(words: str) -> Decimal | None:
    try:
        value = text2num(words, "da")
    except ValueError:
        return None
    return Decimal(value) if isinstance(value, int) else None


def words_value(words: Sequence[str], vocabulary: FigureVocabulary) -> Decimal | None:
    """The value of a sequence of number words ("to millioner", "tre hundrede", "halvanden million"), or None."""
    if not words:
        return None
    folded = [word.casefold() for word in words]
    value = _text2num(" ".join(folded))
    if value is not None:
        return value
    first = vocabulary.number_word_value(folded[0])
    if first is None:
        return None
    if len(folded) == 1:
        return first
    # "halvanden million": a factor that text2num does not know times a scale it does.
    rest = _text2num(" ".join(folded[1:]))
    return first * rest if rest is not None and rest >= 100 else None

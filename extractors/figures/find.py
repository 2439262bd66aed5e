"""`find_figures(text)`: every money amount, percentage, count and measure in a text, with its offsets.

A figure is a number with a meaning. The scanner finds each number (digits in Danish format, or number words)
and reads what follows it:

- a currency, a scale and a currency, or a scale alone: `money`, the value in DKK ("1,5 mio. kr." ->
  1500000, "500 t. kr." -> 500000, "kr. 70.000" -> 70000, "to millioner kroner" -> 2000000);
- a percent sign or word: `percent`, the value as printed ("3,7 pct." -> 3.7);
- a unit of measure: `measure`, with the normalised unit ("40 hektarer" -> 40 hektar, "otte ugers" -> 8 uger,
  "en 4-årig budgetperiode" -> 4 år); durations are measures, time anchors ("de seneste fem år", "for 5 år
  siden") and ages ("79-årige Ole", "børn under 18 år", "mere end 30 dage gammel", "op til 5-års alderen") are
  not;
- a noun phrase: `count`, the phrase as unit ("159 nystartede virksomheder", "ét punkt"); see
  `extractors.figures.nouns`. A capitalised word right after digits is a heading or a name, not a counted noun
  ("12 Kvalitetsstandarder for træning" in a contents list, "TV 2 Bornholm").

A number with none of these is a figure only in three contexts: a money noun before it ("et budget på 70.000"
is 70000 DKK), a comparison whose unit the sentence gives ("antallet af målgrupper reduceres fra 13 til 5",
"Fra omkring 2.000 borgere ... steget til ca. 2.380"), and a subset of the count before it ("3 bilag, heraf
0 anbefales": unit "bilag anbefales").

Not figures: years and year ranges ("i 2024", "2020-2023"), dates ("13. maj 2025", "13-05-2025",
"04.12.2012"), times ("kl. 08:00", "13.00-15.00"), ordinals ("2. viceborgmester", "1. kvartal"), list
numbers ("1.", "2)" at a line's start), numbers after a label (item, case, journal, paragraph, page, room and
plan numbers: "Punkt 4", "Sagsnr.: 2012-28504", "§§ 103 og 104", "Side 3 af 27", "Lokalplan 145",
"nr. 650260"), KLE numbers, house numbers ("Solvej 6"), postal codes ("2750 Ballerup"), phone numbers, numbers
inside web addresses, contents page numbers, articles ("et år", "et par"; "én" and "ét" with the accent are the
numeral: "ét punkt"), and guesses ("flere hundrede tusinde besøgende").

Ranges ("1-10 ansatte", "2-3 uger", "2 til 3 uger") give one figure per end, both with the range's text and
offsets; "ca.", "cirka", "omkring" are not part of a figure's text. Every occurrence is yielded, in order.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import NamedTuple

from referat.extractors.figures.context import (
    BlockedSpans,
    at_line_start,
    chains_to,
    digit_starts,
    is_enumerator,
    is_ordinal,
    paragraph_break_between,
    previous_tokens,
    sentence_start,
)
from referat.extractors.figures.nouns import SPACE, CountedNoun, NounReader, follows_capitalised_word, words_after
from referat.extractors.figures.numbers import is_plain_integer, is_year, parse_digits, split_digits, words_value
from referat.extractors.figures.vocabulary import (
    FigureKind,
    FigureVocabulary,
    Scale,
    Unit,
    WordRole,
    load_figure_vocabulary,
)
from referat.models.records import Figure

_NOT_BEFORE_NUMBERS = frozenset(":/–-")  # besides what `digit_starts` excludes ("13:05", "2020-2023")
INHERIT_DISTANCE = 400  # how far back (within a paragraph) a comparison looks for the count it continues
SUBSET_DISTANCE = 80
MAX_NUMBER_WORDS = 6  # "to millioner fem hundrede tusind" is as long as a spelled number gets here


def _alternation(forms: list[tuple[str, bool]]) -> str:
    """A regex alternation of literal forms, longest first; exact-case forms as written, others in any case."""
    ordered = sorted(forms, key=lambda form: -len(form[0]))
    return "|".join(re.escape(form) if exact else f"(?i:{re.escape(form)})" for form, exact in ordered)


@lru_cache(maxsize=8192)
def _read_digits(printed: str) -> tuple[tuple[str, ...], tuple[Decimal, ...], str | None] | None:
    """The parts, values and `_Number.plain` of a numeric token ("1.500" -> ("1.500",), (1500,), None), or None for
    dates, case numbers and the like; remembered, as "1", "2" and "2025" come back in every text."""
    parts = split_digits(printed)
    if not parts:
        return None
    plain = parts[0] if len(parts) == 1 and is_plain_integer(parts[0]) else None
    return parts, tuple(parse_digits(part) for part in parts), plain


@lru_cache(maxsize=4096)
def _read_words(printed: str) -> tuple[int, Decimal, tuple[str, ...]] | None:
    """The longest leading run of a spelled number's words that has a value: its length in characters, its value
    and its words; remembered, as "to" and "tre" come back in every text."""
    spans = [(word.start(), word.end()) for word in re.finditer(r"\S+", printed)]
    for count in range(len(spans), 0, -1):
        words = tuple(printed[start:end] for start, end in spans[:count])
        value = words_value(words, load_figure_vocabulary())
        if value is not None:
            return spans[count - 1][1], value, words
    return None


@dataclass(frozen=True)
class _Grammar:
    """The compiled patterns and word sets of one vocabulary."""

    vocabulary: FigureVocabulary
    # A number is a match of `digits` or of `words`, tried apart (one expression of both, searched for, tried the
    # words at every character of the text).
    digits: re.Pattern[str]  # matched where `_Scan` knows that digits start
    words: re.Pattern[str]  # matched where `word_starts` finds a start
    word_starts: re.Pattern[str]  # the character before where the words branch can match (see `_word_starts`)
    unit_after: re.Pattern[str]
    range_after: re.Pattern[str]
    currency_before: re.Pattern[str]
    antallet_af: re.Pattern[str]
    nouns: NounReader
    street_suffixes: tuple[str, ...]
    labels: frozenset[str]  # `role("label")`, asked for every number
    label_heads: tuple[str, ...]  # `role("label_head")`, the ends of compound labels ("Kortbilag 7")
    scale_words: frozenset[str]  # number words of 100 and more, which "flere" makes a guess ("flere hundrede")

    def role(self, name: WordRole) -> frozenset[str]:
        return self.vocabulary.role(name)


def _word_starts(words: list[str], ones: list[str], tens: list[str], scale_words: list[str]) -> re.Pattern[str]:
    """Where a spelled number can start: a number word, a compound ("enogtyve") or an article before a scale word
    ("en million"), not inside a word. The expression matches from the character before the start, which must not
    be a word character or a hyphen, then the first letters as literals: the engine stops only at such characters
    (a fifth of a text) and rejects most at once. (The spelled-number expression alone, tried at every character,
    spent a third of the stage; a look back after each first letter stopped at every "e", "t", "s"..., half the
    letters of a Danish text.) `_Scan` searches a copy of the text with a space before it, so that a start at the
    text's first character has a character before it too."""
    by_first: dict[str, list[str]] = {}

    def add(form: str, tail: str) -> None:
        by_first.setdefault(form[0].casefold(), []).append(re.escape(form[1:]) + tail)

    for word in words:
        add(word, r"(?![\w-])")
    for one in ("en", *ones):
        add(one, f"og(?:{'|'.join(tens)})")
    for article in ("en", "et", "én", "ét"):
        add(article, f"{SPACE}{{1,3}}(?:{'|'.join(scale_words)})")
    rests_by_first = {letter: "|".join(sorted(rests, key=len, reverse=True)) for letter, rests in by_first.items()}
    # The engine rejects a literal first letter without entering its branch, but tries the branches one by one:
    # the capitals share one branch, which only a capital enters (and a look back tells which capital it was),
    # so that the usual character after a space (a letter in lower case) is rejected in half the tries.
    branches = [f"{re.escape(letter)}(?i:{rests})" for letter, rests in sorted(rests_by_first.items())]
    capitals = {letter.upper(): rests for letter, rests in sorted(rests_by_first.items()) if letter.upper() != letter}
    branches.extend(f"{re.escape(capital)}(?i:{rests})" for capital, rests in capitals.items() if len(capital) > 1)
    single = {capital: rests for capital, rests in capitals.items() if len(capital) == 1}
    if single:
        by_capital = "|".join(f"(?<={re.escape(capital)})(?i:{rests})" for capital, rests in single.items())
        branches.append(f"[{''.join(map(re.escape, single))}](?:{by_capital})")
    return re.compile(rf"[^\w-](?:{'|'.join(branches)})")


def _unit_after(vocabulary: FigureVocabulary) -> re.Pattern[str]:
    """A unit, or a scale and maybe a currency, after a number ("kr.", " mio. kr.", "-årige", ",- kr.")."""
    currencies = [(unit.form, unit.exact_case) for unit in vocabulary.units if unit.kind == "money"]
    units = [(unit.form, unit.exact_case) for unit in vocabulary.units]
    scales = [(scale.form, scale.exact_case) for scale in vocabulary.scales]
    gap = rf"{SPACE}{{0,3}}(?:\n{SPACE}{{0,3}})?"
    return re.compile(
        rf"(?P<dash>,[-–](?![0-9]))?(?:{gap}|-\n?)"
        rf"(?:(?P<scale>{_alternation(scales)})(?:{gap}(?P<currency>{_alternation(currencies)}))?"
        rf"|(?P<unit>{_alternation(units)}))(?![^\W_])"
    )


@cache
def _grammar() -> _Grammar:
    vocabulary = load_figure_vocabulary()
    words = [word for word, _ in vocabulary.number_words]
    ones = [word for word, value in vocabulary.number_words if 2 <= value <= 9]
    tens = [word for word, value in vocabulary.number_words if 20 <= value <= 90 and value % 10 == 0]
    scale_words = [word for word, value in vocabulary.number_words if value >= 100]
    compound = f"(?:en|{'|'.join(ones)})og(?:{'|'.join(tens)})"  # "enogtyve", "syvogtredive"
    word = f"(?:{compound}|{'|'.join(sorted(words, key=len, reverse=True))})(?![\\w-])"
    space = f"{SPACE}{{1,3}}"
    # Words go on only after a scale word: "to millioner fem hundrede tusind" is one number, "tre tre" two.
    scale = f"(?:{'|'.join(sorted(scale_words, key=len, reverse=True))})(?![\\w-])"
    article = f"(?:(?:en|et|én|ét){SPACE}{{1,3}}(?=(?:{'|'.join(scale_words)})(?![\\w-])))?"  # "en million kroner"
    spelled = (
        rf"(?P<words>(?<![\w-])(?i:{article}{word}"
        rf"(?:(?:{space}{scale})+(?:{space}{word}(?:{space}{scale})*){{0,{MAX_NUMBER_WORDS // 2}}})?))"
    )
    unit_after = _unit_after(vocabulary)
    range_after = re.compile(rf"{SPACE}{{0,2}}[-–]{SPACE}{{0,2}}|{SPACE}{{1,2}}til{SPACE}{{1,2}}")
    currency_before = re.compile(rf"(?<![\w.])(?i:kr\.|kr|dkk){SPACE}{{0,2}}\Z")
    antallet_af = re.compile(rf"\b(?i:antal(?:let)?){SPACE}+af(?={SPACE})")
    digits = re.compile(r"(?P<digits>[0-9](?<![\w.,:/–-][0-9])(?:[0-9.,:/–-]*[0-9])?)")
    return _Grammar(
        vocabulary,
        digits,
        re.compile(spelled),
        _word_starts(words, ones, tens, scale_words),
        unit_after,
        range_after,
        currency_before,
        antallet_af,
        NounReader(vocabulary),
        tuple(sorted(vocabulary.role("street_suffix"))),
        vocabulary.role("label"),
        tuple(sorted(vocabulary.role("label_head"))),
        frozenset(scale_words),
    )


class _Number(NamedTuple):
    """One number as printed: its span, its value(s) (two for a range) and the printed parts (a tuple: made for
    every number of a text, three times faster than a frozen dataclass)."""

    start: int
    end: int
    values: tuple[Decimal, ...]
    parts: tuple[str, ...]
    spelled: bool
    plain: str | None  # the digits of a single number without separators ("2025"), else None


class _Following(NamedTuple):
    """What follows a number: a unit (money, percent, measure) or a scale, possibly with a currency."""

    end: int
    unit: Unit | None
    scale: Scale | None
    currency: Unit | None


class _Scan:
    """One pass over a text: numbers in order, with the little state that context rules need."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.grammar = _grammar()
        starts = digit_starts(text)
        self.blocked = BlockedSpans(text, starts)
        # Where the digits branch matches: where digits start after neither a word character nor ".,:/–-" (the
        # text is scanned for digits once, for these and for phone numbers).
        self._number_starts = [start for start in starts if text[start - 1 : start] not in _NOT_BEFORE_NUMBERS]
        self.consumed = 0
        self.label_end = -1  # end of the last number excluded by a label, for lists ("§§ 103 og 104")
        self.last_count: Figure | None = None
        # What `word_starts` searches: offset k of this copy is the character before offset k of the text.
        self._spaced = " " + text

    # -- numbers ------------------------------------------------------------------------------------------

    def numbers(self) -> Iterator[_Number]:
        """The numbers of the text in order, skipping those inside figures already read and blocked spans.

        A number is the earlier of the next digits and the next spelled number, each searched for on its own
        (several times faster than one expression of both) and kept while it is still ahead of the scan.
        """
        text, starts, blocked, digits_pattern = self.text, self._number_starts, self.blocked, self.grammar.digits
        none_left = len(text) + 1  # the start of a token that was not found
        index = 0  # into `starts`
        digits: re.Match[str] | None = None
        digits_start = -1
        words: re.Match[str] | None = None
        words_start = -1
        position = 0
        while True:
            position = max(position, self.consumed)
            if digits_start < position:
                index = bisect_left(starts, position, index)
                digits = digits_pattern.match(text, starts[index]) if index < len(starts) else None
                digits_start = none_left if digits is None else starts[index]
            if words_start < position:
                words = self._next_spelled(position)
                words_start = none_left if words is None else words.start()
            if digits is not None and digits_start < words_start:
                # the common case, read here rather than in `_number`: a text has thousands of numbers
                position = digits.end()
                read = None if blocked.covers(digits_start) else _read_digits(digits.group())
                if read is not None:
                    yield _Number(digits_start, position, read[1], read[0], False, read[2])
            elif words is not None:
                number = None if blocked.covers(words_start) else self._number(words)
                # A run of number words that reads as one number only in part goes on after that part.
                position = words.end() if number is None else number.end
                if number is not None:
                    yield number
            else:
                return

    def _next_spelled(self, position: int) -> re.Match[str] | None:
        while (start := self.grammar.word_starts.search(self._spaced, position)) is not None:
            match = self.grammar.words.match(self.text, start.start())
            if match is not None:
                return match
            position = start.start() + 1
        return None

    def _number(self, match: re.Match[str]) -> _Number | None:
        if match.lastgroup == "digits":
            read = _read_digits(match.group())
            return None if read is None else _Number(*match.span(), read[1], read[0], False, read[2])
        read_words = _read_words(match.group())
        if read_words is None:
            return None
        length, value, printed = read_words
        return _Number(match.start(), match.start() + length, (value,), printed, True, None)

    def _number_at(self, position: int) -> _Number | None:
        match = self.grammar.digits.match(self.text, position) or self.grammar.words.match(self.text, position)
        return self._number(match) if match is not None else None

    # -- exclusions ---------------------------------------------------------------------------------------

    def _labelled(self, number: _Number) -> bool:
        """Item, case, paragraph, page, room numbers and the like; house numbers after a street name."""
        if self.label_end >= 0 and chains_to(self.text, self.label_end, number.start):
            # "§§ 103 og 104" goes on; "§§ 103 og 104 til 5 borgere" stops where a number has its own unit.
            return self._following(number.end) is None and self.grammar.nouns.read(self.text, number.end) is None
        tokens = previous_tokens(self.text, number.start, same_line=True, count=2)
        if not tokens:
            return False
        labels = self.grammar.labels
        last = tokens[-1].casefold()
        if last in labels or (len(tokens) == 2 and f"{tokens[-2].casefold()} {last}" in labels):
            return True
        if last.endswith(self.grammar.label_heads):  # "Kortbilag 7", "Kommuneplantillæg 13"
            return True
        return tokens[-1][:1].isupper() and last.endswith(self.grammar.street_suffixes)

    def _not_a_quantity(self, number: _Number) -> bool:
        """Ordinals, dates, list numbers, and digits glued to letters that are no unit ("6A", "170A-C")."""
        if number.spelled:
            return False
        text, end = self.text, number.end
        if number.plain is not None and (is_ordinal(text, end) or is_enumerator(text, number.start, end)):
            return True
        return text[end : end + 1].isalpha() and self._following(end) is None

    def _approximated(self, number: _Number) -> bool:
        """Whether "ca.", "omkring", "op til" or the like stands right before the number."""
        tokens = [token.casefold() for token in previous_tokens(self.text, number.start, same_line=False, count=2)]
        approximations = self.grammar.role("approximation")
        return bool(tokens) and (tokens[-1] in approximations or " ".join(tokens[-2:]) in approximations)

    def _before(self, number: _Number, *, same_line: bool = False) -> list[str]:
        """The words before a number, case-folded, with approximations ("ca.", "op til") taken off."""
        tokens = [token.casefold() for token in previous_tokens(self.text, number.start, same_line=same_line, count=4)]
        approximations = self.grammar.role("approximation")
        while tokens:
            if tokens[-1] in approximations:
                tokens.pop()
            elif len(tokens) >= 2 and f"{tokens[-2]} {tokens[-1]}" in approximations:
                del tokens[-2:]
            else:
                break
        return tokens

    # -- what follows ---------------------------------------------------------------------------------------

    def _following(self, position: int) -> _Following | None:
        match = self.grammar.unit_after.match(self.text, position)
        if match is None:
            return None
        vocabulary = self.grammar.vocabulary
        if match.group("unit") is not None:
            return _Following(match.end(), vocabulary.unit_for(match.group("unit")), None, None)
        scale = vocabulary.scale_for(match.group("scale"))
        currency = vocabulary.unit_for(match.group("currency")) if match.group("currency") else None
        if scale.needs_currency and currency is None:
            return None
        return _Following(match.end(), None, scale, currency)

    def _range(self, number: _Number) -> _Number | None:
        """ "2 - 3 uger", "2 til 3 uger": the number extended to a range, if another number follows."""
        if len(number.values) != 1:
            return None
        connector = self.grammar.range_after.match(self.text, number.end)
        if connector is None:
            return None
        second = self._number_at(connector.end())
        if (
            second is None
            or len(second.values) != 1
            or second.spelled != number.spelled
            or self._not_a_quantity(second)
        ):
            return None
        return _Number(
            number.start, second.end, number.values + second.values, number.parts + second.parts, number.spelled, None
        )

    # -- figures --------------------------------------------------------------------------------------------

    def _figures(
        self,
        number: _Number,
        kind: FigureKind,
        unit: str | None,
        end: int,
        *,
        start: int | None = None,
        factor: Decimal = Decimal(1),
    ) -> list[Figure]:
        begin = number.start if start is None else start
        printed = self.text[begin:end]
        figures = [Figure(kind, float(value * factor), unit, printed, begin, end) for value in number.values]
        self.consumed = max(self.consumed, end)
        if kind == "count":
            self.last_count = figures[-1]
        return figures

    def read(self, number: _Number) -> list[Figure]:
        if not number.spelled and self._labelled(number):
            self.label_end = number.end
            self.consumed = max(self.consumed, number.end)
            return []
        if self._not_a_quantity(number):
            return []
        extended = self._range(number)
        if extended is not None:
            figures = self._read_quantity(extended, tentative=True)
            if figures:
                return figures
        return self._read_quantity(number, tentative=False)

    def _read_quantity(self, number: _Number, *, tentative: bool) -> list[Figure]:
        """Figures for a number (or range) from what follows it; `tentative` ranges need a unit or noun."""
        text = self.text
        if number.spelled and self._guessed(number):
            return []
        if number.parts and not number.spelled and is_year(number.parts[0]) and len(number.values) == 2:
            return self._figures_with_unit_only(number, tentative=tentative)
        following = self._following(number.end)
        if following is not None:
            return self._with_following(number, following)
        plain = number.plain
        year = plain is not None and is_year(plain)
        if year and not self._approximated(number):
            # "aktiviteter 2013 herunder", "2012 foreslås": a year, whatever follows (asked first, as reading the
            # noun after it costs more); "ca. 2000 borgere" counts
            return []
        if plain is not None and len(plain) == 4 and plain[0] != "0" and follows_capitalised_word(text, number.end):
            return []  # a postal code ("2750 Ballerup") or a name with a year ("Vision 2029 Ballerup")
        noun = self.grammar.nouns.read(
            text,
            number.end,
            at_line_start=at_line_start(text, number.start),
            capitalised_number=text[number.start].isupper(),
            after_digits=not number.spelled,
        )
        if noun is not None and not (number.spelled and number.values == (Decimal(1),) and self._stresses_one(noun)):
            return self._figures(number, "count", noun.unit, noun.end)
        if tentative or year:
            return []
        return self._bare(number)

    def _figures_with_unit_only(self, number: _Number, *, tentative: bool) -> list[Figure]:
        """A range that starts with a year is a span of years or a case number unless a unit follows."""
        following = self._following(number.end)
        if following is None:
            if not tentative:
                self.consumed = max(self.consumed, number.end)
            return []
        return self._with_following(number, following)

    def _with_following(self, number: _Number, following: _Following) -> list[Figure]:
        unit, scale, currency = following.unit, following.scale, following.currency
        if unit is not None:
            if unit.kind == "money":
                return self._figures(number, "money", "DKK", following.end, factor=unit.factor)
            if (unit.is_duration or unit.is_age) and (
                self._is_age(number, unit, following.end) or self._is_time_anchor(number, following.end)
            ):
                self.consumed = max(self.consumed, following.end)
                return []
            return self._figures(number, unit.kind, unit.unit, following.end, factor=unit.factor)
        assert scale is not None
        if currency is not None:
            return self._figures(number, "money", "DKK", following.end, factor=scale.factor * currency.factor)
        prefix = self._currency_prefix(number)
        if prefix is not None:
            return self._figures(number, "money", "DKK", following.end, start=prefix, factor=scale.factor)
        noun = self.grammar.nouns.read(self.text, following.end)
        if noun is not None:  # "2 mio. indbyggere"
            return self._figures(number, "count", noun.unit, noun.end, factor=scale.factor)
        return self._figures(number, "money", "DKK", following.end, factor=scale.factor)  # "afsat 2,5 mio. til"

    def _is_time_anchor(self, number: _Number, end: int) -> bool:
        """ "de seneste fem år", "om ti år", "for 5 år siden": a point in time, not a duration."""
        before = self._before(number)
        if before and before[-1] in self.grammar.role("anchor_before"):
            return True
        after = words_after(self.text, end, limit=1)
        return bool(after) and after[0].folded in self.grammar.role("anchor_after")

    def _is_age(self, number: _Number, unit: Unit, end: int) -> bool:
        """ "79-årige Ole", "børn under 18 år", "mere end 30 dage gammel", "op til 5-års alderen": an age.

        "-årig(e)" is an age unless a period follows ("en 4-årig budgetperiode"); a duration is one when an age
        word follows it, and a number of years after "under" or "over" unless a preposition stands before those
        ("i over 20 år" is a duration)."""
        after = words_after(self.text, end, limit=1)
        following = after[0].folded if after else ""
        role = self.grammar.role
        if unit.is_age:
            return not any(stem in following for stem in role("period_noun"))
        if following in role("age_after"):
            return True
        if unit.unit != "år":
            return False
        tokens = [token.casefold() for token in previous_tokens(self.text, number.start, same_line=False, count=2)]
        return (
            bool(tokens)
            and tokens[-1] in role("age_before")
            and (len(tokens) < 2 or tokens[-2] not in role("stopword"))
        )

    def _stresses_one(self, noun: CountedNoun) -> bool:
        """ "ét punkt" counts; "ét strategisk tema", "én samlet indgang" stress unity: one word must be the phrase."""
        if " " in noun.unit:
            return True
        after = words_after(self.text, noun.end, limit=1)
        return bool(after) and not after[0].capitalised and after[0].folded not in self.grammar.role("stopword")

    def _guessed(self, number: _Number) -> bool:
        """ "flere hundrede tusinde", "mange millioner": a scale word after a vague word is a guess, not a figure."""
        if number.parts[0].casefold() not in self.grammar.scale_words:
            return False
        tokens = previous_tokens(self.text, number.start, same_line=False, count=1)
        return bool(tokens) and tokens[-1].casefold() in self.grammar.role("vague")

    def _currency_prefix(self, number: _Number) -> int | None:
        """Where a currency printed before the number starts ("kr. 1,5 mio.", "DKK 500.000")."""
        match = self.grammar.currency_before.search(self.text, max(0, number.start - 8), number.start)
        if match is None or match.start() < self.consumed:
            return None
        return match.start()

    def _bare(self, number: _Number) -> list[Figure]:
        """A number with no unit and no noun: money after a money noun, or a count whose unit is in context."""
        text = self.text
        end = number.end
        if text.startswith((",-", ",–"), end):
            end += 2
        prefix = self._currency_prefix(number)
        if prefix is not None:
            return self._figures(number, "money", "DKK", end, start=prefix)
        before = self._before(number)
        colon = self.text[max(0, number.start - 3) : number.start].rstrip().endswith(":")
        if self._after_money_noun(before, colon=colon):
            return self._figures(number, "money", "DKK", end)
        if not before:
            return []
        if before[-1] in self.grammar.role("subset"):
            return self._subset(number)
        if before[-1] in self.grammar.role("comparison"):
            unit = self._compared_unit(number)
            if unit is not None:
                return self._figures(number, "count", unit, number.end)
        return []

    def _after_money_noun(self, before: list[str], *, colon: bool) -> bool:
        """ "et budget på 70.000", "anlægsbevilling: 1.316.000"."""
        if not before:
            return False
        if colon:
            noun = before[-1]
        elif before[-1] in ("på", "af") and len(before) >= 2:
            noun = before[-2]
        else:
            return False
        return noun.endswith(tuple(self.grammar.role("money_noun")))

    def _subset(self, number: _Number) -> list[Figure]:
        """ "3 bilag, heraf 0 anbefales" -> 0 "bilag anbefales"; "280 borgere, hvoraf 60" -> 60 "borgere"."""
        last = self.last_count
        if last is None or number.start - last.end > SUBSET_DISTANCE or "\n" in self.text[last.end : number.start]:
            return []
        after = words_after(self.text, number.end, limit=1)
        if after and not after[0].after_line_break and self.grammar.nouns.is_passive_verb(after[0]):
            return self._figures(number, "count", f"{last.unit} {after[0].text}", after[0].end)
        return self._figures(number, "count", last.unit, number.end)

    def _compared_unit(self, number: _Number) -> str | None:
        """The unit of a bare number in "fra 13 til 5": "antallet af X" in the sentence, or the count just before."""
        text = self.text
        sentence = sentence_start(text, number.start)
        mentions = list(self.grammar.antallet_af.finditer(text, sentence, number.start))
        if mentions:
            noun = self.grammar.nouns.read(text, mentions[-1].end())
            if noun is not None:
                return noun.unit
        last = self.last_count
        if last is None or number.start - last.end > INHERIT_DISTANCE:
            return None
        if paragraph_break_between(text, last.end, number.start):
            return None
        return last.unit


def find_figures(text: str) -> Iterator[Figure]:
    """Every figure in `text`, in order: money (DKK), percent, count (unit = counted noun) and measure.

    Offsets are into `text` (end exclusive) and `figure.text == text[figure.start:figure.end]`. A range yields
    one figure per end with the same text and offsets. Each occurrence is yielded; the caller decides whether
    to keep repeats.
    """
    scan = _Scan(text)
    for number in scan.numbers():
        yield from scan.read(number)

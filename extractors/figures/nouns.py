"""The counted noun after a number: "159 nystartede virksomheder" counts "nystartede virksomheder".

A count's unit is the noun phrase as printed: adjectives and the noun ("nye arbejdspladser", "danske byer"),
without the quantifier words that only say "more" or "other" ("750 flere Ballerupborgere" -> "Ballerupborgere",
"12 andre danske byer" -> "danske byer"; the figure's text keeps them). The phrase stops at the noun: a word
is an adjective when it ends in -e (plural and definite adjectives always do, plus a few listed ones like
"små") and another content word follows; agent nouns in -ere ("borgere") are nouns unless listed as
comparatives ("større"). Function words, frequent verbs and passive verbs in -es ("anbefales") are not nouns,
so "fra 163 i 2020" and "0 anbefales" have none. Every look is bounded: at most six words of at most 40
characters each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from referat.extractors.figures.vocabulary import FigureVocabulary

SPACE = r"[ \t\u00a0\u202f]"
# One or more spaces, or a single line break: a phrase goes on across a wrapped line, not across a paragraph.
_WORD_AFTER = re.compile(
    rf"({SPACE}{{1,3}}|{SPACE}{{0,3}}\n{SPACE}{{0,3}})([^\W\d_](?:[\w'’]|-(?=[^\W\d_])){{0,39}})(?![\w'’-])"
)
MAX_WORDS = 6
MAX_ADJECTIVES = 3


class Word(NamedTuple):
    """A word after a number (a tuple: made for every word read, several times faster than a frozen dataclass)."""

    text: str
    start: int
    end: int
    after_line_break: bool
    folded: str  # the text case-folded, asked for several times per word

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def all_caps(self) -> bool:
        return self.text.isupper() and len(self.text) > 1


@dataclass(frozen=True)
class CountedNoun:
    """The counted noun phrase: `unit` without quantifiers, `end` the offset after its last word."""

    unit: str
    end: int


def words_after(text: str, position: int, limit: int = MAX_WORDS) -> list[Word]:
    """Up to `limit` words that follow `position`, separated only by white space (no punctuation)."""
    words: list[Word] = []
    while len(words) < limit and (match := _WORD_AFTER.match(text, position)) is not None:
        start, position = match.span(2)  # the match ends where its word does
        words.append(Word(match[2], start, position, "\n" in match[1], match[2].casefold()))
    return words


class NounReader:
    """Reads counted noun phrases with one vocabulary."""

    def __init__(self, vocabulary: FigureVocabulary) -> None:
        self.stopwords = vocabulary.role("stopword") | vocabulary.role("anchor_after") | vocabulary.role("subset")
        self.quantifiers = vocabulary.role("quantifier")
        self.adjectives = vocabulary.role("adjective")
        self.comparatives = vocabulary.role("comparative")
        self.nouns_in_es = vocabulary.role("noun_in_es")
        self.not_nouns = (
            frozenset(word for word, _ in vocabulary.number_words)
            | frozenset(unit.form.casefold() for unit in vocabulary.units)
            | frozenset(scale.form.casefold().rstrip(".") for scale in vocabulary.scales)
        )

    def is_passive_verb(self, word: Word) -> bool:
        """ "anbefales", "godkendes": passive verbs, which follow counts in "1 bilag, heraf 1 anbefales"."""
        folded = word.folded
        return folded.endswith("es") and len(folded) > 4 and folded not in self.nouns_in_es

    def _is_content(self, word: Word, *, may_be_capitalised: bool) -> bool:
        folded = word.folded
        if len(folded) < 2 or folded in self.stopwords or folded in self.not_nouns or self.is_passive_verb(word):
            return False
        if word.all_caps:
            return False
        if word.capitalised:
            return may_be_capitalised and not word.after_line_break
        return True

    def _is_adjective(self, word: Word) -> bool:
        folded = word.folded
        if folded in self.adjectives or folded in self.comparatives:
            return True
        return folded.endswith("e") and not folded.endswith("ere")

    def read(
        self,
        text: str,
        position: int,
        *,
        at_line_start: bool = False,
        capitalised_number: bool = False,
        after_digits: bool = False,
    ) -> CountedNoun | None:
        """The noun phrase counted by the number that ends at `position`, or None when none follows.

        A capitalised noun ("750 flere Ballerupborgere", "fem S-togsstationer") is taken only inside a line,
        after a number in lower case and not right after digits: a number at the start of a line followed by a
        capitalised word is a list or contents entry ("14 Meddelelser"), digits before one are an item or a
        name ("(Beslutning) 12 Kvalitetsstandarder for træning", "TV 2 Bornholm"), and a capitalised number
        word before one is part of a name ("Tre Falke").
        """
        words = words_after(text, position)
        if after_digits and words and words[0].capitalised:
            return None
        first = 0
        while first < len(words) and first < 2 and words[first].folded in self.quantifiers:
            first += 1
        if first == len(words):
            return None
        last = first
        adjectives = 0
        while True:
            word = words[last]
            if not self._is_content(
                word, may_be_capitalised=last == first and not at_line_start and not capitalised_number
            ):
                return None
            following = words[last + 1] if last + 1 < len(words) else None
            if (
                following is not None
                and adjectives < MAX_ADJECTIVES
                and self._is_adjective(word)
                and not following.capitalised
                and self._is_content(following, may_be_capitalised=False)
            ):
                adjectives += 1
                last += 1
                continue
            break
        if words[last].capitalised and last != first:
            return None
        unit = " ".join(word.text for word in words[first : last + 1])
        return CountedNoun(unit, words[last].end)


def follows_capitalised_word(text: str, position: int) -> bool:
    """Whether a capitalised word follows `position` on the same line ("2750 Ballerup")."""
    words = words_after(text, position, limit=1)
    return bool(words) and words[0].capitalised and not words[0].after_line_break

"""tf-idf word vectors of many texts at once, for linking articles to agenda items (`pipeline.links`).

A text's words are its content words (four letters or more, lower case, not left out by the caller: stop words,
words of names), each reduced to its Snowball stem, so "iværksættere" and "iværksætterne" are one word. Weights
are (1 + ln count) x idf with idf = ln((1 + texts) / (1 + texts with the stem)) + 1, and every vector has length
1, so the dot product of two is their cosine. The vectors are kept as one sparse matrix (numpy arrays of row,
stem and weight, the rows in order): building and multiplying it is array work, where dictionaries per text cost
most of the time of linking a thousand pages.

Words are left out by word (`excluded`: stop words) or by stem (`excluded_stems`: the stems of people's and places'
names, so "Hansen" and "Hansens" both go). The idf is worked out from the texts given, or read from `Statistics`
(`pipeline.link_evidence` keeps the number of texts holding each stem in the database), so that the few texts an
incremental update scores get the weights they would get among all texts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy

CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")


def content_words(text: str) -> list[str]:
    """The words of four letters or more of `text` (`CONTENT_WORD`)."""
    return CONTENT_WORD.findall(text)


_STEMS: dict[str, str] = {}
_MAX_STEMS = 500_000


@cache
def _stemmer() -> Any:
    import snowballstemmer  # type: ignore[import-untyped]

    return snowballstemmer.stemmer("danish")


def stem(word: str) -> str:
    """Snowball's stem of a word, remembered: the same words come back in every item and article (without PyStemmer
    the stemmer is pure Python)."""
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) >= _MAX_STEMS:
            _STEMS.clear()
        found = _STEMS[word] = _stemmer().stemWord(word)
    return found


@dataclass(frozen=True)
class Statistics:
    """Document frequencies kept elsewhere: how many texts there are, and how many hold each of some stems."""

    texts: int
    frequencies: Callable[[list[str]], list[int]]


class WordVectors:
    """The vectors of `texts`, by position; for the first `surfaces` texts, `surface[row]` maps each stem to its
    first word in the text (what a reader recognises: "iværksættere", not "iværksæt").

    `stems` and `entries()` give every stem of the texts and which texts hold it, left-out stems included (what a
    caller keeps as statistics)."""

    def __init__(
        self,
        texts: Sequence[str],
        excluded: frozenset[str],
        surfaces: int = 0,
        *,
        excluded_stems: frozenset[str] | Callable[[list[str]], frozenset[str]] = frozenset(),
        statistics: Statistics | None = None,
    ) -> None:
        first_words_of: list[dict[int, str]] = []
        stem_ids: dict[str, int] = {}
        column_of: dict[str, int] = {}  # word -> its stem's column; -1 for a word left out
        rows: list[int] = []
        columns: list[int] = []
        counts: list[int] = []
        for row, text in enumerate(texts):
            per_stem: dict[int, int] = {}
            first_words: dict[int, str] = {}
            # Words are counted first (in C): each distinct word of a text is then looked at once, in the order of
            # their first appearance.
            for word, count in Counter(content_words(text.casefold())).items():
                column = column_of.get(word)
                if column is None:
                    column = column_of[word] = (
                        -1 if word in excluded else stem_ids.setdefault(stem(word), len(stem_ids))
                    )
                if column >= 0:
                    per_stem[column] = per_stem.get(column, 0) + count
                    if row < surfaces:
                        first_words.setdefault(column, word)
            if row < surfaces:
                first_words_of.append(first_words)
            rows += [row] * len(per_stem)
            columns += per_stem
            counts += per_stem.values()
        self._stems = list(stem_ids)
        self.surface = [{self._stems[column]: word for column, word in words.items()} for words in first_words_of]
        self.all_rows = numpy.array(rows, dtype=numpy.intp)
        self.all_columns = numpy.array(columns, dtype=numpy.intp)
        left_out = excluded_stems(self._stems) if callable(excluded_stems) else excluded_stems
        kept = numpy.ones(len(self.all_rows), dtype=bool)
        if left_out:
            dropped = numpy.array([found in left_out for found in self._stems] or [False], dtype=bool)
            kept = ~dropped[self.all_columns]
        self._rows, self._columns = self.all_rows[kept], self.all_columns[kept]
        if statistics is None:
            frequency = numpy.bincount(self.all_columns, minlength=len(self._stems))
            idf = numpy.log((1 + len(texts)) / (1 + frequency)) + 1
        else:
            frequency = numpy.array(statistics.frequencies(self._stems), dtype=numpy.float64)
            idf = numpy.log((1 + statistics.texts) / (1 + frequency)) + 1
        weights = (1 + numpy.log(numpy.array(counts, dtype=numpy.float64)[kept])) * idf[self._columns]
        norms = numpy.sqrt(numpy.bincount(self._rows, weights=weights * weights, minlength=len(texts)))
        self._weights = weights / norms[self._rows] if len(weights) else weights
        # Where each row's entries start and end (rows are contiguous and in order).
        self._bounds = numpy.searchsorted(self._rows, numpy.arange(len(texts) + 1))

    @property
    def stems(self) -> list[str]:
        """Every stem of the texts, by column."""
        return self._stems

    def _row(self, row: int) -> slice:
        return slice(int(self._bounds[row]), int(self._bounds[row + 1]))

    def cosines(self, row: int, others: range) -> list[float]:
        """The cosine of text `row` with each text of `others` (consecutive rows), in their order."""
        return self.cosines_with(row, others)

    def cosines_with(self, row: int, others: Sequence[int]) -> list[float]:
        """The cosine of text `row` with each text of `others` (any rows, in any order), in their order: the work
        is in proportion to the words of those texts, not of all texts."""
        if not others:
            return []
        dense = numpy.zeros(len(self._stems))
        mine = self._row(row)
        dense[self._columns[mine]] = self._weights[mine]
        wanted = numpy.asarray(others, dtype=numpy.intp)
        starts, lengths = self._bounds[wanted], self._bounds[wanted + 1] - self._bounds[wanted]
        owner = numpy.repeat(numpy.arange(len(wanted)), lengths)
        # each entry's position: its row's start plus its place within the row
        entries = numpy.repeat(starts - (numpy.cumsum(lengths) - lengths), lengths) + numpy.arange(int(lengths.sum()))
        products = self._weights[entries] * dense[self._columns[entries]]
        return [float(value) for value in numpy.bincount(owner, weights=products, minlength=len(wanted))]

    def shared(self, row: int, other: int) -> list[str]:
        """The stems two texts share, the heaviest in their cosine first (then by stem, descending)."""
        mine, theirs = self._row(row), self._row(other)
        weights = dict(zip(self._columns[theirs].tolist(), self._weights[theirs].tolist(), strict=True))
        products = [
            (weight * weights[column], self._stems[column])
            for column, weight in zip(self._columns[mine].tolist(), self._weights[mine].tolist(), strict=True)
            if column in weights
        ]
        return [found for _, found in sorted(products, reverse=True)]

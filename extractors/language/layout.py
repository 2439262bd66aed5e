"""The layout of a text: its sentences, clauses and paragraphs, for lookups by position.

`TextLayout.of(unify_spacing(text))` splits a text once into sentences (a full stop after an abbreviation, an
ordinal or an initial does not end one; a paragraph or a list item does), clause breaks (";", ":", ", og",
"mens", "idet" ...) and paragraph breaks, and answers "which sentence, clause or paragraph holds this offset".
The readers of decisions (`extractors.minutes.outcomes`, `extractors.minutes.votes`) share it, so both read a
decision the same way.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from referat.extractors.prefilter import Prefiltered, fold

# Words whose full stop does not end a sentence ("pkt. 65", "bl.a. ...", "jf. § 11", "Ad. 1").
ABBREVIATIONS = frozenset(
    {
        "ad",
        "afd",
        "afsn",
        "ang",
        "bek",
        "bl",
        "bl.a",
        "ca",
        "d.v.s",
        "dvs",
        "eks",
        "ekskl",
        "etc",
        "evt",
        "f.eks",
        "fr",
        "gl",
        "hhv",
        "hr",
        "i.f.t",
        "i.h.t",
        "iflg",
        "ift",
        "iht",
        "inkl",
        "j.nr",
        "jf",
        "jnr",
        "jvf",
        "kap",
        "kl",
        "lbk",
        "m.fl",
        "m.h.t",
        "m.m",
        "m.v",
        "mht",
        "mdr",
        "mfl",
        "mia",
        "mio",
        "mv",
        "nr",
        "o.l",
        "osv",
        "p.g.a",
        "pga",
        "pkt",
        "pr",
        "sag",
        "st",
        "stk",
        "tidl",
        "tlf",
        "vedr",
        "vsa",
    }
)
_BOUNDARY = re.compile(
    r"(?P<para>\n[ \t]*\n)"
    r"|(?<=[.!?…])(?P<eol>[\"”»'’)]*)[ \t]*\n"
    r"|\n(?=[ \t]*(?:\d{1,2}[.)]|[-•*▪–]|[a-h]\)|[Aa]d\.?)[ \t])"
    r"|(?<=[.!?])(?P<inline>[\"”»'’)]*)[ \t]+(?=[\"“„«(]?[A-ZÆØÅ0-9])"
)
_CLAUSE_BREAK = re.compile(
    r"[;:](?=\s)"
    r"|,(?=\s+(?:og|men|mens|medens|hvorefter|idet|hvorimod|da|dog|samt|så)\b)"
    r"|(?<=\s)(?=(?:mens|medens|hvorefter|idet|hvorimod)\b)",
    re.IGNORECASE,
)
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def _keeps_sentence_going(text: str, stop: int, next_char: str) -> bool:
    """Whether the full stop at `stop` belongs to an abbreviation, an ordinal ("17. august") or an initial."""
    if text[stop] != ".":
        return False
    first = stop
    while first > 0 and stop - first < 15 and (text[first - 1].isalnum() or text[first - 1] == "."):
        first -= 1
    token = text[first:stop].strip(".")
    folded = token.casefold()
    if not token:
        return False
    if folded in ABBREVIATIONS:
        return True
    if token.isdigit() and len(token) <= 2:
        # Ordinals and dates ("den 17. august") and list numbers ("1. Godkendt") go on; a count that ends a
        # sentence ("... med 3 stemmer mod 24. Indstillingen ...") does not.
        return next_char.islower() or _starts_unit(text, first)
    return len(token) == 1 and token.isupper() and next_char.isupper()  # an initial: "Anne V. Kristensen"


def _starts_unit(text: str, position: int) -> bool:
    """Whether only white space, an opening mark or a "Ad."/"Punkt" stands between a unit's start and here."""
    before = text[max(0, position - 12) : position].rstrip()
    return not before or before[-1] in ".:;!?\n(" or bool(re.search(r"(?:\bad\.?|\bpunkt|\bpkt\.?)$", before, re.I))


def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence, white space trimmed; paragraphs and list items also end sentences."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        kind = match.lastgroup
        if kind in ("eol", "inline"):
            quotes = match.group(kind) or ""
            stop = match.start() - 1
            following = text[match.end() : match.end() + 1]
            if kind == "inline" and _keeps_sentence_going(text, stop, following):
                continue
            if (
                kind == "eol"
                and text[stop] == "."
                and following.islower()
                and _keeps_sentence_going(text, stop, following)
            ):
                continue
            end = match.start() + len(quotes)
        else:
            end = match.start()
        _add_trimmed(spans, text, start, end)
        start = match.end()
    _add_trimmed(spans, text, start, len(text))
    return tuple(spans)


def _add_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


@dataclass(frozen=True)
class TextLayout:
    """A normalised decision text with its sentences, clause breaks and paragraph breaks, for lookups."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    sentence_starts: tuple[int, ...]
    clause_starts: tuple[int, ...]
    paragraph_breaks: tuple[int, ...]

    @cached_property
    def closing(self) -> dict[int, int]:
        """Where each closed "(" is closed."""
        return closing_parentheses(self.text)

    @cached_property
    def folded(self) -> str:
        """The text as vocabulary prefilters read it (`extractors.prefilter.fold`)."""
        return fold(self.text)

    def finditer(self, pattern: Prefiltered) -> Iterator[re.Match[str]]:
        """The matches of a vocabulary pattern in the text."""
        return pattern.finditer(self.text, self.folded)

    @classmethod
    def of(cls, text: str) -> TextLayout:
        """The layout of text that has been through `unify_spacing`."""
        sentences = sentence_spans(text)
        return cls(
            text=text,
            sentences=sentences,
            sentence_starts=tuple(start for start, _ in sentences),
            clause_starts=tuple(match.end() for match in _CLAUSE_BREAK.finditer(text)),
            paragraph_breaks=tuple(match.start() for match in _PARAGRAPH.finditer(text)),
        )

    def sentence_index(self, position: int) -> int:
        """The sentence that holds (or, in white space between sentences, precedes) a position."""
        return max(bisect.bisect_right(self.sentence_starts, position) - 1, 0)

    def sentence_at(self, position: int) -> tuple[int, int]:
        return self.sentences[self.sentence_index(position)] if self.sentences else (0, len(self.text))

    def clause_at(self, position: int) -> tuple[int, int]:
        """The clause around a position: its sentence cut at ";", ":" and ", mens", ", idet", ", og" ..."""
        start, end = self.sentence_at(position)
        index = bisect.bisect_right(self.clause_starts, position)
        if index and self.clause_starts[index - 1] > start:
            start = self.clause_starts[index - 1]
        if index < len(self.clause_starts) and self.clause_starts[index] < end:
            end = self.clause_starts[index]
        return start, end

    def paragraph_end(self, position: int) -> int:
        index = bisect.bisect_right(self.paragraph_breaks, position)
        return self.paragraph_breaks[index] if index < len(self.paragraph_breaks) else len(self.text)


def pick_non_overlapping(spans: Sequence[tuple[int, int]], length: int) -> list[int]:
    """Indices of the spans kept when each, in the given order of preference, must not overlap a kept one."""
    taken = bytearray(length + 1)
    kept = []
    for index, (start, end) in enumerate(spans):
        if end <= start or taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        kept.append(index)
    return kept


_PARENTHESIS = re.compile(r"[()]")


def closing_parentheses(text: str) -> dict[int, int]:
    """For each "(" that is closed, the index of its ")", nested groups included: one pass over the text."""
    closing: dict[int, int] = {}
    opened: list[int] = []
    for match in _PARENTHESIS.finditer(text):
        if match.group() == "(":
            opened.append(match.start())
        elif opened:
            closing[opened.pop()] = match.start()
    return closing

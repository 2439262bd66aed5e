"""Literal text a regular expression needs, so that a text without it is not searched at all.

Python's `re` finds a match by trying every position of the text, unless the pattern starts with a literal
that it can skip ahead to. Case-insensitive patterns and patterns that start with a look-behind, a `\\b` or a
class get no such skip, and most of our vocabularies (outcome phrases, absence phrases, kind and layout
markers) match nowhere in most texts. `Prefiltered.of(pattern)` reads the pattern's parse tree (the standard
library's own parser) for the literal words every match contains, and those every match starts with;
`first_start(fold(text))` then says, with a few substring searches, that the text holds no match, or from
where a match can start. Searching from there finds exactly the matches a search of the whole text finds
(`^`, `\\b` and look-behinds still see the text before the start), so results never change; a pattern whose
tree tells nothing gets no prefilter and is always searched.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any, cast

# Characters a literal of the prefilter may hold. For each, whatever a case-insensitive pattern matches for it
# folds to it (tested over every code point), so a folded text without the literal has no match.
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789æøåäöüéèáàóòíúý \t\n!\"#%&'()*+,-./:;<=>?@[]_{}|~§")
# Dotless ı and long ſ match "i" and "s" case-insensitively but are their own lower case; İ lowers to two
# characters ("i" and a combining dot). Folding them by hand keeps every position where it was.
_FOLD_FIRST = str.maketrans({"İ": "i"})
_FOLD_AFTER = str.maketrans({"ı": "i", "ſ": "s"})


def fold(text: str) -> str:
    """The text as the prefilter reads it: lower-cased, one character for one, so positions are kept."""
    if text.isascii():
        return text.lower()
    folded = text.translate(_FOLD_FIRST).lower() if "İ" in text else text.lower()
    return folded.translate(_FOLD_AFTER) if "ı" in folded or "ſ" in folded else folded


def _parser() -> ModuleType:
    """The parser `re` itself uses. Its tree has kept its shape since Python 3.6; a node this module does not
    know only costs a prefilter, and tests/test_prefilter.py checks every vocabulary against plain searches."""
    try:
        return importlib.import_module("re._parser")  # Python 3.11 and later
    except ImportError:  # pragma: no cover - Python 3.10
        return importlib.import_module("sre_parse")


# The parser's node types: ATOMIC_GROUP and POSSESSIVE_REPEAT are new in Python 3.11.
_SRE = _parser()
_REPEATS = tuple(
    getattr(_SRE, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_SRE, name)
)
_ATOMIC_GROUP = getattr(_SRE, "ATOMIC_GROUP", None)
_ZERO_WIDTH = (_SRE.AT, _SRE.ASSERT, _SRE.ASSERT_NOT)
_Items = Sequence[tuple[Any, Any]]
_Literals = frozenset[str]


def _char(code: int) -> str | None:
    folded = fold(chr(code))
    return folded if folded in _SAFE else None


def _fewest(sets: list[_Literals | None]) -> _Literals | None:
    """The most telling of several sets: the one whose shortest literal is longest, then the smallest."""
    known = [found for found in sets if found]
    return max(known, key=lambda found: (min(map(len, found)), -len(found))) if known else None


def _union(sets: list[_Literals | None], *, leading: bool) -> _Literals | None:
    """Literals of a choice: one of each branch's. A literal that contains another of the set (for leading
    literals: starts with another) says nothing more."""
    if not all(sets):
        return None
    every = frozenset().union(*(found for found in sets if found))
    if leading:
        return frozenset(
            literal for literal in every if not any(other != literal and literal.startswith(other) for other in every)
        )
    return frozenset(literal for literal in every if not any(other != literal and other in literal for other in every))


def _inner(item: tuple[Any, Any]) -> _Items | None:
    """The items of a group or a repeat that must match at least once, else None."""
    op, value = item
    if op is _SRE.SUBPATTERN:  # (group, flags added, flags removed, items)
        return cast(_Items, value[3])
    if op is _ATOMIC_GROUP:
        return cast(_Items, value)
    if op in _REPEATS and value[0] >= 1:  # (minimum, maximum, items)
        return cast(_Items, value[2])
    return None


def _required(items: _Items) -> _Literals | None:
    """Literals one of which every match of `items` contains."""
    found: list[_Literals | None] = []
    run: list[str] = []
    for op, value in items:
        char = _char(value) if op is _SRE.LITERAL else None
        if char is not None:
            run.append(char)
            continue
        if run:
            found.append(frozenset(["".join(run)]))
            run = []
        if op is _SRE.BRANCH:
            found.append(_union([_required(branch) for branch in value[1]], leading=False))
        elif (inner := _inner((op, value))) is not None:
            found.append(_required(inner))
    if run:
        found.append(frozenset(["".join(run)]))
    return _fewest(found)


def _leading(items: _Items) -> _Literals | None:
    """Literals one of which every match of `items` starts with."""
    run: list[str] = []
    for op, value in items:
        char = _char(value) if op is _SRE.LITERAL else None
        if char is not None:
            run.append(char)
            continue
        if run:
            break
        if op in _ZERO_WIDTH:
            continue  # a match starts where its first character does
        if op is _SRE.BRANCH:
            return _union([_leading(branch) for branch in value[1]], leading=True)
        inner = _inner((op, value))
        return _leading(inner) if inner is not None else None
    return frozenset(["".join(run)]) if run else None


@dataclass(frozen=True)
class Prefiltered:
    """A compiled pattern and the literal text its matches need: every match contains one of `required` and
    starts with one of `leading` (lower-cased; None where the pattern does not say). `search` and `finditer`
    give what the pattern's own give, given the text and its `fold`."""

    pattern: re.Pattern[str]
    required: tuple[str, ...] | None
    leading: tuple[str, ...] | None

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> Prefiltered:
        """The pattern with its literals, read once (when a vocabulary is first used)."""
        items = _SRE.parse(pattern.pattern, pattern.flags).data
        required, leading = _required(items), _leading(items)
        if required == leading:
            required = None  # looking for the leading literals says as much
        return cls(pattern, tuple(sorted(required)) if required else None, tuple(sorted(leading)) if leading else None)

    def first_start(self, folded: str) -> int | None:
        """Where in the text (given as `fold(text)`) the first match can start; None when it holds none."""
        if self.required is not None and not any(literal in folded for literal in self.required):
            return None
        if self.leading is None:
            return 0
        starts = [at for literal in self.leading if (at := folded.find(literal)) >= 0]
        return min(starts) if starts else None

    def search(self, text: str, folded: str) -> re.Match[str] | None:
        start = self.first_start(folded)
        return None if start is None else self.pattern.search(text, start)

    def finditer(self, text: str, folded: str) -> Iterator[re.Match[str]]:
        start = self.first_start(folded)
        return iter(()) if start is None else self.pattern.finditer(text, start)


def matches_at(pattern: re.Pattern[str], text: str, starts: Sequence[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose every match starts at one of `starts` (in order): the pattern
    is tried only there. For patterns that open with a look-behind or a category, which the engine would try at
    every position of the text, when one fast scan tells where matches can start (dates, journal numbers)."""
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)) is not None:
            yield match
            end = match.end()

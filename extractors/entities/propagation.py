"""Other mentions of the names a text has already given: "Claudia Lonning" and "Lonning" after "Claudia Westh
Lonning", "Brandenburg" after "Brandenburg an Der Havel", "ØU" after "Økonomiudvalget (ØU)".

`propagated_names` says which names to look for (the people found, with their first and last name and their
surname alone, and the names that context or a definition gave), `propagated_mentions` where they stand: as whole
words of a run of capitalised words, or with a genitive s ("Lonnings").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from referat.extractors.entities.patterns import Label
from referat.extractors.entities.runs import Span, run_words
from referat.extractors.entities.wordclass import WordClasses

# The names by their first word (or, for a name of one word, also its genitive), each as (number of words, the name
# as written in the text), the longest first.
_ByFirstWord = dict[str, list[tuple[int, str]]]


def propagated_names(names: Mapping[str, Label], people: Iterable[str], words: WordClasses) -> dict[str, Label]:
    """`names` and, for every person of two words or more, the full name, the first and last name, and the surname
    alone where it is no common word or first name (a label `names` gives stays)."""
    found = dict(names)
    for person in people:
        parts = person.split()
        if len(parts) >= 2:
            found.setdefault(person, "PER")
            found.setdefault(f"{parts[0]} {parts[-1]}", "PER")
            last = words.info(parts[-1])
            if len(parts[-1]) >= 4 and not last.common and not last.first_name:
                found.setdefault(parts[-1], "PER")
    return found


def _by_first_word(names: Iterable[str]) -> _ByFirstWord:
    by_first: _ByFirstWord = {}
    for name in names:
        parts = name.split()
        by_first.setdefault(parts[0], []).append((len(parts), name))
        possessive_first = parts[0] if len(parts) > 1 else parts[0] + "s"
        by_first.setdefault(possessive_first, []).append((len(parts), name + "s"))
    for entries in by_first.values():
        entries.sort(reverse=True)
    return by_first


def propagated_mentions(
    text: str, runs: Iterable[Span], names: Mapping[str, Label]
) -> Iterator[tuple[int, int, Label]]:
    """(start, end, label) of every mention of `names` (as `propagated_names` gives them) in the runs of capitalised
    words `runs`, run by run, from the left."""
    if not names:
        return
    by_first = _by_first_word(names)
    first_words = by_first.keys()
    for start, end in runs:
        if not first_words.isdisjoint(text[start:end].split()):
            yield from _mentions_in(text, start, end, by_first, names)


def _mentions_in(
    text: str, start: int, end: int, by_first: _ByFirstWord, names: Mapping[str, Label]
) -> Iterator[tuple[int, int, Label]]:
    """The mentions in one run: at each word, the longest name that starts there."""
    words = run_words(text, start, end)
    texts = [text[a:b] for a, b in words]
    for j, span in enumerate(words):
        for size, name in by_first.get(texts[j], ()):
            if j + size <= len(words) and " ".join(texts[j : j + size]) == name:
                yield span[0], words[j + size - 1][1], names.get(name) or names[name[:-1]]
                break

"""Contents pages whose line breaks were lost (text copied by third-party sites): one run of titles,
"Indholdsfortegnelse Pkt. Tekst Side 1 Nedsættelse af ... virksomhed Ledelses- og Styringsgrundlag ...".

A new title starts at a capitalised word that is not part of a name: names are places and municipalities
(the gazetteer), words of bodies ("...udvalget", "Region", "Amts") and words right after another name word.
A compound pair ("Ledelses- og Styringsgrundlag") is never split.
"""

from __future__ import annotations

import re
from functools import cache

from extractors.minutes.contents import Contents, ContentsEntry
from extractors.minutes.lines import Line
from extractors.minutes.places import load_municipalities, load_towns

_RUNON = re.compile(r"\bindholdsfortegnelse\b(?:\s+pkt\.?)?(?:\s+tekst)?(?:\s+side)?\s+", re.I)
_BODY_WORD = re.compile(r"(udvalg|udvalget|udvalgets|rådet|rådets|kommune|kommunes|region|regions|amt|amts"
                        r"|regionskommune|bestyrelse|bestyrelsen)$", re.I)
_NAME_FOLLOWERS = re.compile(r"^(amt|amts|kommune|kommunes|region|regions)$", re.I)
# A run shorter than this is a heading, not a flattened contents page.
_MIN_RUN = 150


@cache
def _place_names() -> frozenset[str]:
    names = {m.name.casefold() for m in load_municipalities()} | {t.name.casefold() for t in load_towns()}
    return frozenset(names | {"danmark", "midtjylland", "nordjylland", "syddanmark", "sjælland", "hovedstaden"})


def _is_name_word(word: str, following: str | None) -> bool:
    bare = word.strip(",.;:'’").removesuffix("s")
    folded = word.strip(",.;:'’").casefold()
    return (
        folded in _place_names() or bare.casefold() in _place_names()
        or bool(_BODY_WORD.search(folded))
        or bool(following and _NAME_FOLLOWERS.match(following.strip(",.;:")))
    )


def find_runon_contents(lines: tuple[Line, ...]) -> Contents | None:
    for line in lines:
        if len(line.text) <= _MIN_RUN:
            continue  # too short to hold a run after its heading word (the common case, decided without a search)
        match = _RUNON.search(line.text)
        if not match or len(line.text) - match.end() < _MIN_RUN:
            continue
        words = line.text[match.end():].split()
        number = None
        if words and words[0].isdigit():
            number, words = words[0], words[1:]
        titles = _split(words)
        if len(titles) < 2:
            return None
        # Only the number printed before the first title survived the flattening; the others stay unknown.
        entries = tuple(ContentsEntry(number if n == 0 else None, title, False, line.index)
                        for n, title in enumerate(titles))
        return Contents(line.index, line.index + 1, entries)
    return None


def _split(words: list[str]) -> list[str]:
    titles: list[list[str]] = []
    for position, word in enumerate(words):
        following = words[position + 1] if position + 1 < len(words) else None
        previous = words[position - 1] if position else None
        before = words[position - 2] if position > 1 else None
        starts = (
            word[:1].isupper() and titles
            and not _is_name_word(word, following)
            and not (previous in ("og", "eller", "&") and before is not None and before.endswith("-"))
            and not (previous and previous[:1].isupper() and not _is_name_word(previous, word)
                     and len(titles[-1]) == 1)
        )
        if not titles or starts:
            titles.append([word])
        else:
            titles[-1].append(word)
    return [" ".join(title) for title in titles]

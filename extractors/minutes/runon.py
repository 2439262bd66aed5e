"""A contents list whose line breaks were lost (text copied by third-party sites): one run of entries.

Two shapes, each seen in several copies:
- numbered: "1. Lokalplan 264 for ... 2. Kommuneplantillæg 17/2013 for ... 3. ..." or, with the page numbers
  kept, "1 3. anslået regnskab 2016 - samlet sag 4 2 Gældsafvikling (Beslutning) 10 3 ...": the entries start
  at the numbers that count up one by one, each before a title's first word (a capital or a digit), and a page
  number that ends most titles is dropped;
- unnumbered, where the copy lost the digits ("135. Budget 2007 og overslagsårene Aalborg samarbejdet / erhverv
  og turisme Himmerlands Udviklingsråd Støtte til ..."): a new title starts at a capitalised word that is not
  part of a name (places and municipalities from the gazetteer, words of bodies, a word after another name
  word, the second half of a compound pair "Ledelses- og Styringsgrundlag"). Group headings in capitals
  ("PUNKTER VEDR. VESTHIMMERLANDS KOMMUNE") are no entries.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from referat.extractors.language.places import load_municipalities, load_towns

TITLE_STARTS_FILE = Path(__file__).resolve().parent.parent / "data" / "title_starts.csv"
_BODY_WORD = re.compile(
    r"(udvalg|udvalget|udvalgets|rådet|rådets|kommune|kommunes|region|regions|amt|amts"
    r"|regionskommune|bestyrelse|bestyrelsen)$",
    re.I,
)
_NAME_FOLLOWERS = re.compile(r"^(amt|amts|kommune|kommunes|region|regions)$", re.I)
# Column labels a run starts with ("Pkt. Tekst Side", "Sag nr. Side").
_COLUMNS = re.compile(r"^(?:(?:pkt\.?|punkt|sag nr\.?|nr\.?)\s+)?(?:(?:tekst|titel|emne)\s+)?(?:side\s+)?", re.I)
# Where an entry may start: a number, with or without its full stop, before a capital or a digit.
_NUMBER = re.compile(r"(?:(?<=\s)|^)(?P<number>\d{1,4}(?:/\d{1,4})?)\.?\s+(?=[A-ZÆØÅ0-9\"“])")
_TRAILING_PAGE = re.compile(r"\s+\d{1,3}$")
# Words after which a title goes on ("Godkendelse af Vækststrategi", "Renovering af Farsø Skole").
_JOINING_WORDS = frozenset(
    (
        "af",
        "i",
        "til",
        "for",
        "på",
        "om",
        "med",
        "og",
        "eller",
        "ved",
        "fra",
        "mellem",
        "under",
        "over",
        "efter",
        "vedr.",
        "vedrørende",
        "samt",
        "den",
        "det",
        "de",
        "en",
        "et",
        "der",
        "som",
        "mod",
        "hos",
        "inden",
        "uden",
        "-",
        "–",
        "/",
    )
)
_CAPITALS = re.compile(r"^[A-ZÆØÅ0-9.,/&-]+$")
# A closed or open part of the list, in capitals ("LUKKET MØDE", "ÅBEN DAGSORDEN").
_PART = re.compile(r"^(?:(?P<closed>LUKKET|LUKKEDE)|ÅBEN|ÅBENT|ÅBNE)\s+(?:MØDE|DAGSORDEN|REFERAT|PUNKTER|SAGER)\b")
# A run shorter than this is one title.
MIN_RUN = 100


@dataclass(frozen=True)
class RunEntry:
    number: str | None  # as printed, or None where the copy lost it
    title: str
    closed: bool = False  # under a closed part ("LUKKET MØDE") of the list


# What follows a contents list on the same flattened page: the meeting's header and the pages after the list.
_AFTER_LIST = re.compile(
    r"\s(?:Afbud|Fraværende|Deltagere|Tilstede|Bem[æe]rkninger|Bilagsliste|Underskriftsblad"
    r"|Underskriftsside)\b"
)


def split_run(text: str) -> list[RunEntry]:
    """The entries of a run of contents entries (one entry when it holds only one title), with what follows the
    list on the same line (the meeting's header, "Bilagsliste") left out."""
    text = text[_COLUMNS.match(text).end() :]  # type: ignore[union-attr]
    after = _AFTER_LIST.search(text)
    if after is not None:
        text = text[: after.start()]
    numbered = _numbered_run(text) if len(text) >= MIN_RUN else []
    if numbered:
        return numbered
    return _unnumbered_run(text)


def _numbered_run(text: str) -> list[RunEntry]:
    """The entries at the longest chain of numbers counting up one by one (at least three)."""
    starts = [(int(match.group("number").split("/")[0]), match) for match in _NUMBER.finditer(text)]
    best: list[int] = []
    chains: list[list[int]] = []  # for each start, the longest chain ending there (indexes into `starts`)
    for position, (number, _) in enumerate(starts):
        chain = [position]
        for earlier in range(position - 1, -1, -1):
            if starts[earlier][0] == number - 1 and len(chains[earlier]) + 1 > len(chain):
                chain = [*chains[earlier], position]
        chains.append(chain)
        if len(chain) > len(best):
            best = chain
    if len(best) < 3:
        return []
    matches = [starts[position][1] for position in best]
    ends = [match.start() for match in matches[1:]] + [len(text)]
    titles = [" ".join(text[match.end() : end].split()) for match, end in zip(matches, ends, strict=True)]
    if sum(1 for title in titles[:-1] if _TRAILING_PAGE.search(title)) >= max(1, (len(titles) - 1) // 2):
        titles = [_TRAILING_PAGE.sub("", title) for title in titles]
    return [RunEntry(match.group("number"), title) for match, title in zip(matches, titles, strict=True) if title]


def _unnumbered_run(text: str) -> list[RunEntry]:
    """Titles split at the capitalised words that start one; a number printed before a title is kept."""
    words = text.split()
    entries: list[tuple[str | None, list[str], bool]] = []
    closed = False
    position = 0
    while position < len(words):
        word = words[position]
        following = words[position + 1] if position + 1 < len(words) else None
        if _CAPITALS.match(word) and not word.replace(".", "").isdigit():
            run = _capitals_run(words, position)
            part = _PART.match(" ".join(words[position : position + run]))
            if part is not None:
                closed = part.group("closed") is not None  # "LUKKET MØDE": the entries after it are closed
                position += len(part.group(0).split())
                continue
            if run >= 3 or (run >= 2 and entries and not entries[-1][1]):
                position += run  # a group heading in capitals
                continue
        numbered = re.fullmatch(r"(\d{1,4}(?:/\d{1,4})?)(\.?)", word)
        if numbered and following and following[:1].isupper():
            if numbered.group(2) or not entries:  # "148." starts an entry; a bare number is a page number
                entries.append((numbered.group(1), [], closed))
            position += 1
            continue
        if numbered and following and _CAPITALS.match(following):
            position += 1  # a page number before a group heading
            continue
        previous = words[position - 1] if position else None
        before = words[position - 2] if position > 1 else None
        title = entries[-1][1] if entries else None
        after_joining = previous is not None and previous.casefold() in _JOINING_WORDS
        starts = (
            word[:1].isupper()
            and title
            # a name goes on a title ("Renovering af Farsø Skole") unless it follows the end of another
            # ("... overslagsårene Aalborg samarbejdet")
            and (
                not _is_name_word(word, following)
                or (previous is not None and previous[:1].islower() and not after_joining and _is_place(word))
            )
            and not (after_joining and not _starts_a_title(word))
            and not (previous in ("og", "eller", "&") and before is not None and before.endswith("-"))
            and not (previous and previous[:1].isupper() and not _is_name_word(previous, word) and len(title) == 1)
            and not (previous is not None and _is_place(previous))  # "Aars Rådhus", "Lyngby Station"
            and not _in_name_after_joining(words, position)  # "Renovering af Farsø Skole"
        )
        if not entries or starts:
            entries.append((None, [word], closed))
        else:
            entries[-1][1].append(word)
        position += 1
    return [
        RunEntry(number, _TRAILING_PAGE.sub("", " ".join(title)), state) for number, title, state in entries if title
    ]


def _in_name_after_joining(words: list[str], position: int) -> bool:
    """The word goes on a name that began after "af", "i", "for" ... ("Renovering af Farsø Skole"): the words
    before it are capitalised back to a joining word, the last is no body's word ("Kommune", after which the name
    is complete) and the word itself does not begin titles."""
    start = position
    while start > 0 and words[start - 1][:1].isupper():
        start -= 1
    if start == position or start == 0 or words[start - 1].casefold() not in _JOINING_WORDS:
        return False
    last = words[position - 1].strip(",.;:").casefold()
    complete = bool(_BODY_WORD.search(last)) or last in _REGION_NAMES  # "i Vesthimmerlands Kommune", "for Region
    return not complete and not _starts_a_title(words[position])  # Midtjylland": the name is complete


def _capitals_run(words: list[str], start: int) -> int:
    end = start
    while end < len(words) and _CAPITALS.match(words[end]) and not words[end].replace(".", "").isdigit():
        end += 1
    return end - start


@cache
def title_starts() -> tuple[str, ...]:
    """The words agenda titles often begin with (`data/title_starts.csv`), as lower-case prefixes."""
    with TITLE_STARTS_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(row["prefix"] for row in csv.DictReader(handle))


def _starts_a_title(word: str) -> bool:
    """A word a title begins with even after "af" or "for": where a copy lost the year that ended the title
    before ("... årsregnskab for [2006] Tillæg til ...")."""
    return word.casefold().startswith(title_starts())


_REGION_NAMES = frozenset(("danmark", "midtjylland", "nordjylland", "syddanmark", "sjælland", "hovedstaden"))


@cache
def _town_names() -> frozenset[str]:
    return frozenset({m.name.casefold() for m in load_municipalities()} | {t.name.casefold() for t in load_towns()})


@cache
def _place_names() -> frozenset[str]:
    return _town_names() | _REGION_NAMES


def _is_place(word: str) -> bool:
    """A town or municipality by name ("Aalborg", "Farsø", "Aars"): not a region ("Midtjylland") nor a body's word
    ("Kommune")."""
    folded = word.strip(",.;:'’").casefold()
    return folded in _town_names() or folded.removesuffix("s") in _town_names()


def _is_name_word(word: str, following: str | None) -> bool:
    bare = word.strip(",.;:'’").removesuffix("s")
    folded = word.strip(",.;:'’").casefold()
    return (
        folded in _place_names()
        or bare.casefold() in _place_names()
        or bool(_BODY_WORD.search(folded))
        or bool(following and _NAME_FOLLOWERS.match(following.strip(",.;:")))
    )

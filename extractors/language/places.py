"""Which municipality a meeting belongs to, from the words of its document.

The 98 municipalities come from `data/municipalities.csv` (bare name, official name, region). `data/towns.csv`
adds other spellings ("Århus" for Aarhus) and the larger towns and districts whose name is not their
municipality's (Skovlunde -> Ballerup, Hellerup -> Gentofte, Farum -> Furesø); it was compiled by hand for this
project from common knowledge of Danish geography, not copied from a data set.

Evidence, strongest first: the municipality named as a body ("Ballerup Kommune", "Københavns Kommune",
"Bornholms Regionskommune", "Odense Byråd", "Ballerup Rådhus") in the document's header, its location or its
committee; then the same anywhere in the text; then a bare name or town in the location or committee; then bare
mentions of a name or town in the text ("Cyklistforbundet i Rødovre"). A weaker kind of evidence is only
looked at when no stronger kind is there, so a municipality mentioned in passing further down never outweighs
the one in the header. A regional council's document (Regionsrådet, Region Midtjylland) has no municipality.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Literal, cast

DATA = Path(__file__).resolve().parent.parent / "data"
MUNICIPALITIES_FILE = DATA / "municipalities.csv"
TOWNS_FILE = DATA / "towns.csv"
# The part of a document where its own header stands (municipality, committee, date, place).
HEADER_CHARS = 1000
# A region's minutes name the regional council at the very top.
REGION_HEADER_CHARS = 300

TownKind = Literal["alias", "town", "district", "body"]
TOWN_KINDS: tuple[TownKind, ...] = ("alias", "town", "district", "body")

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# The `_WORD`s of a text that may be capitalised: those that start with no lower-case letter of a Danish text (most
# words; `_mentions` checks the rest). A word starts where neither a letter nor a letter and a hyphen stand before
# it ("Nord-Fyn" is one word), which is where `_WORD.finditer` starts one.
# (Its first letter is one class, not a look-ahead and a class: `re` then skips to the next such letter fast.)
_CAPITALISED_WORD = re.compile(r"[^\W\d_a-zæøåäöüé](?<![^\W\d_].)(?<![^\W\d_]-.)[^\W\d_]*(?:-[^\W\d_]+)*")
# What makes a name the municipality as a body: "Kommune", "Kommunes", "Regionskommune", "Byråd", "Rådhus" ...
_BODY_SUFFIX = re.compile(
    r"['’]?[ \u00a0]{1,3}(?i:kommunes?|regionskommunes?|byråd(?:et|ets|s)?|rådhus(?:et)?|"
    r"kommunalbestyrelse(?:n|ns|s)?)(?![^\W\d_])"
)
_REGION_BODY = re.compile(
    r"\bRegion(?:sråd(?:et|ets|s)?\b|[ \u00a0]+(?:Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland)\b)"
)
_REGION_PLACE = re.compile(r"(?i)\bregions(?:råd|hus)")
_SKIPPED_BEFORE_WORD = " \t\r\n\u00a0•·▪◦●*-–—\"“”„'‘’(["
_SENTENCE_END = ".!?"
_LAST_WORD = re.compile(r"([^\W\d_]+)[ \u00a0]$")


@dataclass(frozen=True)
class Municipality:
    """A Danish municipality: `name` as used bare ("København"), `official_name` ("Københavns Kommune")."""

    name: str
    official_name: str
    region: str


@dataclass(frozen=True)
class Town:
    """A name that points to a municipality: another spelling of it (`alias`), a town or district in it, or a
    council only that municipality has (`body`: Borgerrepræsentationen is København's)."""

    name: str
    municipality: str
    kind: TownKind


@dataclass(frozen=True)
class _Form:
    municipality: str
    is_name: bool  # the municipality's own name, so "<form> Kommune" names the municipality as a body


@dataclass(frozen=True)
class _Mention:
    municipality: str
    start: int
    as_body: bool
    sentence_start: bool
    after_name: bool  # right after another capitalised word: a surname ("Kim Herlev") or part of a longer name


@cache
def load_municipalities(path: Path = MUNICIPALITIES_FILE) -> tuple[Municipality, ...]:
    """Denmark's municipalities, from `data/municipalities.csv` (columns municipality, official_name, region)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Municipality(row["municipality"], row["official_name"], row["region"]) for row in csv.DictReader(handle)
        )


@cache
def load_towns(path: Path = TOWNS_FILE) -> tuple[Town, ...]:
    """Other spellings, towns and districts, each with its municipality's bare name (as in municipalities.csv)."""
    names = {municipality.name for municipality in load_municipalities()}
    towns = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            kind = row["kind"]
            if kind not in TOWN_KINDS:
                raise ValueError(f"{path.name}: {row['name']!r} has kind {kind!r}; use one of {TOWN_KINDS}")
            if row["municipality"] not in names:
                raise ValueError(
                    f"{path.name}: {row['name']!r} points to {row['municipality']!r}, which is not a bare name in "
                    f"{MUNICIPALITIES_FILE.name}"
                )
            towns.append(Town(row["name"], row["municipality"], cast(TownKind, kind)))
    return tuple(towns)


def _genitive(name: str) -> str | None:
    """'Ballerup' -> 'Ballerups'; names ending in s take an apostrophe ("Aarhus'"), which tokens drop anyway."""
    return None if name.endswith(("s", "x", "z")) else f"{name}s"


@cache
def _forms() -> dict[str, _Form]:
    """Every printed form of a name (bare and genitive) and the municipality it points to."""
    forms: dict[str, _Form] = {}

    def add(form: str, municipality: str, is_name: bool) -> None:
        forms.setdefault(form, _Form(municipality, is_name))

    for municipality in load_municipalities():
        add(municipality.name, municipality.name, True)
        official = re.sub(r"\s+(?:Regions)?[Kk]ommune$", "", municipality.official_name)
        add(official, municipality.name, True)  # "Københavns", "Bornholms", "Nordfyns"
        for form in (municipality.name, official):
            genitive = _genitive(form)
            if genitive:
                add(genitive, municipality.name, True)
    for town in load_towns():
        add(town.name, town.municipality, town.kind == "alias")
        genitive = _genitive(town.name)
        if genitive:
            add(genitive, town.municipality, town.kind == "alias")
    return forms


@cache
def _first_words() -> frozenset[str]:
    """The first words of the two-word forms ("Brøndby" of "Brøndby Strand"): only after one of these can a word
    and the next be a form."""
    return frozenset(form.split(" ", 1)[0] for form in _forms() if " " in form)


def _at_sentence_start(text: str, start: int) -> bool:
    """True where a capital letter says nothing: at the start, after a full stop, or at a paragraph's start."""
    position = start - 1
    newlines = 0
    while position >= 0 and text[position] in _SKIPPED_BEFORE_WORD:
        newlines += text[position] == "\n"
        position -= 1
    return position < 0 or text[position] in _SENTENCE_END or newlines >= 2


def _from_capitals(word: str) -> str:
    """'GENTOFTE' -> 'Gentofte', 'LYNGBY-TAARBÆK' -> 'Lyngby-Taarbæk': headings in capitals name places too."""
    return word.title() if len(word) > 2 and word.isupper() else word


def _after_name(text: str, word: re.Match[str]) -> bool:
    """True for 'Herlev' in 'Kommunaldirektør Kim Herlev': the word before is capitalised mid-sentence."""
    before = text[max(0, word.start() - 40) : word.start()]
    previous = _LAST_WORD.search(before)
    if previous is None or not previous.group(1)[0].isupper():
        return False
    return not _at_sentence_start(text, word.start() - len(before) + previous.start(1))


def _mentions(text: str) -> list[_Mention]:
    """Names and towns in `text`, each marked as naming the body ("Ballerup Kommune") or not."""
    forms = _forms()
    first_words = _first_words()
    found = []
    taken = 0  # the end of the last two-word name: its second word is no mention of its own
    for word in _CAPITALISED_WORD.finditer(text):
        if word.start() < taken or not word.group()[0].isupper():
            continue
        form, end = _from_capitals(word.group()), word.end()
        if (
            form in first_words
            and text[end : end + 1] in (" ", "\u00a0")
            and (following := _WORD.match(text, end + 1)) is not None
        ):
            pair = f"{form} {_from_capitals(following.group())}"
            if pair in forms:
                form, end = pair, following.end()
                taken = end
        known = forms.get(form)
        if known is None:
            continue
        as_body = known.is_name and _BODY_SUFFIX.match(text, end) is not None
        sentence_start = _at_sentence_start(text, word.start())
        found.append(_Mention(known.municipality, word.start(), as_body, sentence_start, _after_name(text, word)))
    return found


def _is_region(text: str, committee: str | None, location: str | None, header_bodies: list[_Mention]) -> bool:
    if committee and (_REGION_BODY.search(committee) or _REGION_PLACE.search(committee)):
        return True
    if location and _REGION_PLACE.search(location) and not header_bodies:
        return True
    return bool(_REGION_BODY.search(text[:REGION_HEADER_CHARS])) and not header_bodies


def _best(scores: Counter[str], first_seen: dict[str, int]) -> str | None:
    if not scores:
        return None
    return min(scores, key=lambda name: (-scores[name], first_seen[name]))


# "Spøttrup Kommune": a municipality the header names as a body, also one of those merged in 2007 that the list
# of today's 98 does not hold.
_NAMED_BODY = re.compile(r"\b(?P<name>[A-ZÆØÅ][a-zæøåé]+(?:-[A-ZÆØÅ][a-zæøåé]+)?) Kommune\b")


def _former_municipality(header: str) -> str | None:
    found = _NAMED_BODY.search(header)
    if found is None or found.group("name") in _NOT_A_NAME:
        return None
    name = found.group("name")
    return _forms()[name].municipality if name in _forms() else name


_NOT_A_NAME = frozenset(("Hele", "Den", "Denne", "Samme", "Anden", "Hver", "Enhver", "Egen", "Vores", "Jeres"))


def municipality_for(text: str, *, committee: str | None = None, location: str | None = None) -> str | None:
    """The bare name of the municipality whose meeting `text` records ("Ballerup"), or None if it doesn't say.

    `committee` and `location` are the meeting's as printed in its header, when known ("Odense Byråd",
    "Mødecenter C, Lokale 29 på Ballerup Rådhus"): they count as header evidence.
    """
    in_text = _mentions(text)
    header_bodies = [mention for mention in in_text if mention.as_body and mention.start < HEADER_CHARS]
    if _is_region(text, committee, location, header_bodies):
        return None
    # Location and committee mentions sort before the text's (negative positions).
    in_location = [replace(m, start=-2) for m in _mentions(location or "")]
    in_committee = [replace(m, start=-1) for m in _mentions(committee or "")]
    outside = in_location + in_committee

    tiers: list[list[tuple[_Mention, int]]] = [
        [(m, 1) for m in header_bodies] + [(m, 2) for m in outside if m.as_body],
        [(m, 1) for m in in_text if m.as_body],
        [(m, 1) for m in outside],
        [(m, 2 if m.start < HEADER_CHARS else 1) for m in in_text if not (m.sentence_start or m.after_name)],
    ]
    former = _former_municipality(text[:HEADER_CHARS]) if not header_bodies else None
    if former is not None:
        return former
    for tier in tiers:
        scores: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        for mention, weight in tier:
            scores[mention.municipality] += weight
            first_seen[mention.municipality] = min(first_seen.get(mention.municipality, mention.start), mention.start)
        best = _best(scores, first_seen)
        if best is not None:
            return best
    return None

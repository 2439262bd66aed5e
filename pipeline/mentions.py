"""What a news article names that links to meetings are found by: its people, organisations and places (as keys
two spellings of one name share), the municipalities, committees and councils it names, the journal numbers it
cites and the dates it prints. Plain functions of an article's text, its publication date and its entities: the
ingest workers run `find_article_mentions` with the rest of a document's analysis, and its rows are stored in
`article_mentions` (`pipeline.rows`), from which `pipeline.links` reads what it scores.

The same keys are read from a meeting's side by `pipeline.links` (`name_key`, `committee_parts`): two mentions
are evidence for a link when their keys agree.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from referat.extractors.language.dates import find_dates
from referat.extractors.language.places import load_municipalities, load_towns
from referat.models.records import Entity

DATA = Path(__file__).resolve().parent.parent / "extractors" / "data"
GENERIC_NAMES_FILE = DATA / "news_link_generic_names.csv"

# Bump when what `find_article_mentions` finds changes: the next ingest reads the mentions of the articles already
# stored again, from their stored text and entities (`pipeline.derived`), and links them again.
MENTIONS_VERSION = "1"

NameKind = Literal["person", "organisation", "place"]
MentionKind = Literal["person", "organisation", "place", "municipality", "committee", "number", "date"]
_LABEL_KINDS: dict[str, NameKind] = {"PER": "person", "ORG": "organisation", "LOC": "place"}
_NAME_PARTS = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# The words that end a committee's or council's name ("Økonomiudvalget", "Byrådet").
_COMMITTEE_WORDS = ("udvalg", "kommunalbestyrelse", "byråd", "regionsråd", "borgerrepræsentation")
# A committee's name from the start of a word, with the first words of a shared name ("Erhvervs-, Beskæftigelses-
# og Uddannelsesudvalget").
_COMMITTEE = re.compile(
    r"(?<![^\W\d_])(?:(?:[^\W\d_]+-,?\s+)+og\s+)?[^\W\d_-]*(?:" + "|".join(_COMMITTEE_WORDS) + r")[^\W\d_]*",
    re.IGNORECASE,
)
# "Ballerup Kommune(s)": a whole word before it.
_MUNICIPALITY_NAMED = re.compile(r"(?<![^\W\d_])[^\W\d_]+\s+kommunes?", re.IGNORECASE)
_COMMITTEE_SUFFIX = re.compile(r"(" + "|".join(_COMMITTEE_WORDS) + r")[^\W\d_]*$")
_JOURNAL_NUMBER = re.compile(r"(?<![\w.-])(?:[A-ZÆØÅ]{2,5}-)?\d[\dA-ZÆØÅ./-]*\d(?![\w-])")


@dataclass(frozen=True)
class Mention:
    """One thing an article names, with its key (what a meeting's side must name too) and where it is printed.

    `kind` is person, organisation or place (`key` from `name_key`), municipality (`key` the municipality's name),
    committee (`key` its subjects from `committee_parts`, sorted and space-separated), number (a journal number) or
    date (an ISO date). `text` is the mention as printed, the text from `start` to `end` (with its white space
    collapsed for a name or committee)."""

    kind: MentionKind
    key: str
    text: str
    start: int
    end: int


# -- names ------------------------------------------------------------------------------------------------------------


@cache
def _generic_names() -> tuple[re.Pattern[str], ...]:
    with GENERIC_NAMES_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(re.compile(row["pattern"]) for row in csv.DictReader(handle))


def _without_genitive(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


@lru_cache(maxsize=1 << 16)  # a meeting's names recur in every meeting of its committee
def name_key(label: str, text: str) -> tuple[NameKind, str] | None:
    """What two mentions of the same name share: "Claudia Westh Lonning" and "Claudia Lonning" are one person,
    "Erhvervshus Hovedstadens" and "Erhvervshus Hovedstaden" one organisation. None for names that say little."""
    kind = _LABEL_KINDS.get(label)
    words = [word.casefold() for word in _NAME_PARTS.findall(text)]
    if kind is None or not words:
        return None
    printed = " ".join(text.split())
    if kind != "person" and any(pattern.fullmatch(printed) for pattern in _generic_names()):
        return None
    if kind == "person":
        return (kind, f"{words[0]} {_without_genitive(words[-1])}") if len(words) >= 2 else None
    return kind, " ".join([*words[:-1], _without_genitive(words[-1])])


# -- committees and municipalities -------------------------------------------------------------------------------------


def committee_parts(name: str) -> frozenset[str]:
    """The subjects of a committee's name: "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget" ->
    {erhverv, beskæftigelse, uddannelse}; a council keeps its own word ("kommunalbestyrelse")."""
    words = [word for word in re.split(r"[\s,-]+", name.casefold()) if word and word != "og"]
    if not words:
        return frozenset()
    last = _COMMITTEE_SUFFIX.search(words[-1])
    if last is not None:
        head = words[-1][: last.start()]
        if not head and last.group(1) == "udvalg" and len(words) == 1:
            return frozenset()  # "udvalget", "Udvalgets": which committee the text does not say
        words[-1] = head if head else last.group(1)
    return frozenset(word.removesuffix("s") if len(word) > 3 else word for word in words if word)


def committee_key(parts: Iterable[str]) -> str:
    """A committee's subjects as one key: sorted, space-separated."""
    return " ".join(sorted(parts))


@cache
def _municipality_forms(with_towns: bool = True) -> dict[str, str]:
    """Printed forms (casefolded) of municipality names, and of towns in them unless `with_towns` is False,
    each with its municipality's bare name."""
    forms: dict[str, str] = {}
    for municipality in load_municipalities():
        official = re.sub(r"\s+(?:Regions)?[Kk]ommune$", "", municipality.official_name)
        for form in (municipality.name, official, municipality.official_name):
            forms.setdefault(form.casefold(), municipality.name)
    for town in load_towns() if with_towns else ():
        if town.kind != "body":
            forms.setdefault(town.name.casefold(), town.municipality)
    return forms


def municipalities_named(names: Iterable[str], *, with_towns: bool = True) -> set[str]:
    """The municipalities among organisation and place names ("Ballerup Kommune", "Skovlunde", "Rudersdals")."""
    forms = _municipality_forms(with_towns)
    found = set()
    for name in names:
        name = " ".join(name.split()).casefold()
        name = re.sub(r"\s+(?:regions)?kommunes?$", "", name)
        for form in (name, _without_genitive(name), name.removesuffix("'")):
            if form in forms:
                found.add(forms[form])
                break
    return found


def committee_mentions(text: str) -> list[str]:
    """Committees and councils named in a text, as printed ("Erhvervs-, Beskæftigelses- og Uddannelsesudvalget")."""
    return [match.group() for match in _committee_matches(text)]


def municipality_mentions(text: str) -> list[str]:
    """ "<Name> Kommune(s)" as printed in a text (the name may be any word: `municipalities_named` checks it)."""
    return [match.group() for match in _municipality_matches(text)]


def journal_numbers(text: str) -> list[str]:
    """The journal numbers a text cites ("27.00.00-P20-1-21", "EMN-2021-00123"): at least seven characters with a
    full stop, slash or hyphen, so that years, amounts and page numbers are not taken for them."""
    return [match.group() for match in _journal_number_matches(text)]


def _committee_matches(text: str) -> Iterator[re.Match[str]]:
    return _COMMITTEE.finditer(text)


def _municipality_matches(text: str) -> Iterator[re.Match[str]]:
    return _MUNICIPALITY_NAMED.finditer(text)


def _journal_number_matches(text: str) -> Iterator[re.Match[str]]:
    return (
        match
        for match in _JOURNAL_NUMBER.finditer(text)
        if len(match.group()) >= 7 and re.search(r"[./-]", match.group())
    )


# -- an article -------------------------------------------------------------------------------------------------------


def find_article_mentions(text: str, published: str | None, entities: Iterable[Entity]) -> list[Mention]:
    """What an article names, in the order of the text: each name once (its longest printed form), each
    municipality, journal number and date once (where first printed), every committee where it is printed.

    A municipality's own name is not kept as a name: it is weighed by the municipality factor, and every meeting
    there names it. Dates without a year are read in the year the article was `published`."""
    names = _names(entities)
    mentions = [
        mention
        for mention in names.values()
        if mention.kind == "person" or not municipalities_named([mention.text], with_towns=False)
    ]
    named = [(mention.text, mention.start, mention.end) for mention in names.values() if mention.kind != "person"]
    named += [(match.group(), match.start(), match.end()) for match in _municipality_matches(text)]
    mentions += _first_of_each(
        Mention("municipality", municipality, printed, start, end)
        for printed, start, end in sorted(named, key=lambda found: found[1:])
        for municipality in municipalities_named([printed])
    )
    mentions += [
        Mention("committee", committee_key(parts), " ".join(match.group().split()), match.start(), match.end())
        for match in _committee_matches(text)
        if (parts := committee_parts(match.group()))
    ]
    mentions += _first_of_each(
        Mention("number", match.group(), match.group(), match.start(), match.end())
        for match in _journal_number_matches(text)
    )
    year = int(published[:4]) if published else None
    mentions += _first_of_each(
        Mention("date", date.iso, text[date.start : date.end], date.start, date.end)
        for date in find_dates(text, default_year=year)
    )
    return sorted(mentions, key=lambda mention: (mention.start, mention.end, mention.kind, mention.key))


def _names(entities: Iterable[Entity]) -> dict[tuple[NameKind, str], Mention]:
    """Each name's longest printed form (the first of the longest), by its key."""
    names: dict[tuple[NameKind, str], Mention] = {}
    for entity in sorted(entities, key=lambda entity: entity.start):
        key = name_key(entity.label, entity.text)
        if key is None:
            continue
        printed = " ".join(entity.text.split())
        if key not in names or len(printed) > len(names[key].text):
            names[key] = Mention(key[0], key[1], printed, entity.start, entity.end)
    return names


def _first_of_each(mentions: Iterable[Mention]) -> list[Mention]:
    """The first mention of each key, in the order given."""
    first: dict[str, Mention] = {}
    for mention in mentions:
        first.setdefault(mention.key, mention)
    return list(first.values())

"""The news vocabularies kept as data: web boilerplate lines, byline forms and the words around dates.

Each CSV row carries a real example that its pattern must match (tested for every row) and the outlet it was
seen at (`source`); a pattern may stand on several rows, one per outlet's example, and is tried once. Boilerplate
and byline patterns match a whole line (`fullmatch` after stripping); date words are alternatives matched word by
word.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path
from typing import Literal, cast

from referat.extractors.weighted_patterns import WeightedPattern, load_weighted_patterns

DATA = Path(__file__).resolve().parent.parent / "data"
BOILERPLATE_FILE = DATA / "news_boilerplate.csv"
BYLINES_FILE = DATA / "news_bylines.csv"
DATES_FILE = DATA / "news_dates.csv"
OUTLETS_FILE = DATA / "news_outlets.csv"
# Reported speech is the article's own text, whatever it says ("»Vi bruger cookies til alt,« siger han").
_QUOTE_START = ("»", "«", "“", "”", "„", '"', "–", "-", "—")

# line: drop the line; list: drop the line and the headline links that follow it ("Læs også");
# rest: the article has ended (comments, share bars) once some body text has been read.
BoilerplateAction = Literal["line", "list", "rest"]
BOILERPLATE_ACTIONS: tuple[BoilerplateAction, ...] = ("line", "list", "rest")
# any: a byline among the first lines or as the article's last line ("Af Ulrich Wolf"); end: a signature that is
# a byline only as the article's last line (initials "RMP", an agency "/ritzau/"); credit: a picture's credit
# ("Foto: Henning Bagger/Ritzau Scanpix"), which names a photographer, not the author, and is not a headline.
BylinePlace = Literal["any", "end", "credit"]
BYLINE_PLACES: tuple[BylinePlace, ...] = ("any", "end", "credit")
# prefix: a date a scraper wrote before the text (" date 2017-09"); published/updated: labels before a date;
# filler: words a dateline may hold besides its date (weekdays, "den", "kl.").
DateRole = Literal["prefix", "published", "updated", "filler"]
DATE_ROLES: tuple[DateRole, ...] = ("prefix", "published", "updated", "filler")


def matches_line(row: WeightedPattern, line: str) -> re.Match[str] | None:
    """The row's pattern over the whole line (stripped): boilerplate and byline rows describe whole lines."""
    return row.pattern.fullmatch(line.strip())


def _distinct(rows: tuple[WeightedPattern, ...]) -> tuple[WeightedPattern, ...]:
    """One row per pattern and key: further rows only add examples from other outlets."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for row in rows:
        if (row.key, row.pattern.pattern) not in seen:
            seen.add((row.key, row.pattern.pattern))
            kept.append(row)
    return tuple(kept)


@cache
def boilerplate_rows(path: Path = BOILERPLATE_FILE) -> tuple[WeightedPattern, ...]:
    """Every row of the boilerplate vocabulary, examples included."""
    return load_weighted_patterns(path, key="action", weight=None, keys=frozenset(BOILERPLATE_ACTIONS))


@cache
def boilerplate_patterns(path: Path = BOILERPLATE_FILE) -> tuple[WeightedPattern, ...]:
    return _distinct(boilerplate_rows(path))


@cache
def byline_rows(path: Path = BYLINES_FILE) -> tuple[WeightedPattern, ...]:
    """Every row of the byline vocabulary, examples included; `key` is where the form stands (`BylinePlace`)."""
    return load_weighted_patterns(path, key="place", weight=None, keys=frozenset(BYLINE_PLACES))


@cache
def byline_patterns(path: Path = BYLINES_FILE) -> tuple[WeightedPattern, ...]:
    return _distinct(byline_rows(path))


@cache
def date_patterns(path: Path = DATES_FILE) -> tuple[WeightedPattern, ...]:
    """Date words by role (`key`)."""
    return load_weighted_patterns(path, key="role", weight=None, keys=frozenset(DATE_ROLES))


def boilerplate_action(line: str) -> BoilerplateAction | None:
    """What to do with a line that is web boilerplate, or None for article text."""
    stripped = line.strip()
    if stripped.startswith(_QUOTE_START) and len(stripped.split()) > 3:
        return None
    for row in boilerplate_patterns():
        if row.pattern.fullmatch(stripped):
            return cast(BoilerplateAction, row.key)
    return None


def folded_name(text: str) -> str:
    """Letters and digits only, lower case: "TV 2 Østjylland", "tv2østjylland" and "TV2 ØSTJYLLAND" agree."""
    return "".join(character for character in text.casefold() if character.isalnum())


@cache
def outlet_names(path: Path = OUTLETS_FILE) -> frozenset[str]:
    """Names of news sites (`data/news_outlets.csv`), folded: a line that is only one is the site's name."""
    with path.open(encoding="utf-8", newline="") as handle:
        return frozenset(folded_name(row["name"]) for row in csv.DictReader(handle) if row["name"].strip())

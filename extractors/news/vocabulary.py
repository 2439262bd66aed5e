"""The news vocabularies kept as data: web boilerplate lines, byline forms and the words around dates.

Each CSV row carries a real example that its pattern must match (tested for every row). Boilerplate and byline
patterns match a whole line (`fullmatch` after stripping); date words are alternatives matched word by word.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Literal, cast

from extractors.weighted_patterns import WeightedPattern, load_weighted_patterns

DATA = Path(__file__).resolve().parent.parent / "data"
BOILERPLATE_FILE = DATA / "news_boilerplate.csv"
BYLINES_FILE = DATA / "news_bylines.csv"
DATES_FILE = DATA / "news_dates.csv"

# line: drop the line; list: drop the line and the headline links that follow it ("Læs også");
# rest: the article has ended (comments, share bars) once some body text has been read.
BoilerplateAction = Literal["line", "list", "rest"]
BOILERPLATE_ACTIONS: tuple[BoilerplateAction, ...] = ("line", "list", "rest")
# prefix: a date a scraper wrote before the text (" date 2017-09"); published/updated: labels before a date;
# filler: words a dateline may hold besides its date (weekdays, "den", "kl.").
DateRole = Literal["prefix", "published", "updated", "filler"]
DATE_ROLES: tuple[DateRole, ...] = ("prefix", "published", "updated", "filler")


def matches_line(row: WeightedPattern, line: str) -> re.Match[str] | None:
    """The row's pattern over the whole line (stripped): boilerplate and byline rows describe whole lines."""
    return row.pattern.fullmatch(line.strip())


@cache
def boilerplate_patterns(path: Path = BOILERPLATE_FILE) -> tuple[WeightedPattern, ...]:
    return load_weighted_patterns(path, key="action", weight=None, keys=frozenset(BOILERPLATE_ACTIONS))


@cache
def byline_patterns(path: Path = BYLINES_FILE) -> tuple[WeightedPattern, ...]:
    return load_weighted_patterns(path, key=None, weight=None, default_key="byline")


@cache
def date_patterns(path: Path = DATES_FILE) -> tuple[WeightedPattern, ...]:
    """Date words by role (`key`)."""
    return load_weighted_patterns(path, key="role", weight=None, keys=frozenset(DATE_ROLES))


def boilerplate_action(line: str) -> BoilerplateAction | None:
    """What to do with a line that is web boilerplate, or None for article text."""
    stripped = line.strip()
    for row in boilerplate_patterns():
        if row.pattern.fullmatch(stripped):
            return cast(BoilerplateAction, row.key)
    return None

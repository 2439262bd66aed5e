"""The news vocabularies kept as data: web boilerplate lines, byline forms and the words around dates.

Each CSV row carries a real example that its pattern must match (tested for every row). Boilerplate and byline
patterns match a whole line (`fullmatch` after stripping); date words are alternatives matched word by word.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, cast

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


class VocabularyError(ValueError):
    """A news vocabulary file has a row that cannot be used; the message names the file, the row and the fix."""


@dataclass(frozen=True)
class LinePattern:
    """One row of a vocabulary file: what it is for (`role`), the compiled pattern and its real example."""

    role: str
    pattern: re.Pattern[str]
    example: str

    def matches_line(self, line: str) -> re.Match[str] | None:
        return self.pattern.fullmatch(line.strip())


def _rows(path: Path, role_column: str | None, roles: tuple[str, ...]) -> tuple[LinePattern, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    patterns = []
    for number, row in enumerate(rows, start=2):
        role = row[role_column] if role_column else "byline"
        if role_column and role not in roles:
            raise VocabularyError(f"{path}, line {number}: unknown {role_column} {role!r}; use one of {roles}")
        try:
            patterns.append(LinePattern(role, re.compile(row["pattern"]), row["example"]))
        except re.error as error:
            raise VocabularyError(f"{path}, line {number}: {error}; quote a pattern that holds commas") from error
    return tuple(patterns)


@cache
def boilerplate_patterns(path: Path = BOILERPLATE_FILE) -> tuple[LinePattern, ...]:
    return _rows(path, "action", BOILERPLATE_ACTIONS)


@cache
def byline_patterns(path: Path = BYLINES_FILE) -> tuple[LinePattern, ...]:
    return _rows(path, None, ())


@cache
def date_patterns(path: Path = DATES_FILE) -> tuple[LinePattern, ...]:
    return _rows(path, "role", DATE_ROLES)


def boilerplate_action(line: str) -> BoilerplateAction | None:
    """What to do with a line that is web boilerplate, or None for article text."""
    stripped = line.strip()
    for row in boilerplate_patterns():
        if row.pattern.fullmatch(stripped):
            return cast(BoilerplateAction, row.role)
    return None

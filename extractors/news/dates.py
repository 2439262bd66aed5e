"""When an article was published: from page metadata, a dateline, or a prefix a scraper wrote before the text.

Dates are ISO 8601 and as precise as the source: "27. september 2021" is 2021-09-27, "september 2017" and the
prefix " date 2017-09" are 2017-09, "2021-09-27T06:00:00+02:00" is 2021-09-27. Full dates are read by the
minutes' date reader (`extractors.language.dates`), so both understand the same Danish forms.

A line is a dateline when, besides its date, it holds only the words of `data/news_dates.csv` (labels such as
"Publiceret" or "Opdateret", weekdays, "den", "kl.") and a time of day: "27. september 2021" in a body
sentence is a date, not a dateline. A date labelled as an update ("Opdateret ...") is not the publication.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from referat.extractors.language.dates import MONTHS, find_dates
from referat.extractors.news.vocabulary import date_patterns

_ISO_PREFIX = re.compile(r"(?P<year>(?:19|20)\d{2})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?=$|[T ]|\b)")
_MONTH_YEAR = re.compile(
    r"(?<![\w.])(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?[ \t\u00a0]+"
    r"(?P<year>(?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
_NUMERIC_MONTH_YEAR = re.compile(r"(?<![\d./-])(?P<month>\d{1,2})[./-](?P<year>(?:19|20)\d{2})(?![\d./-])")
_TIME = re.compile(r"(?<!\d)\d{1,2}[.:]\d{2}(?::\d{2})?(?!\d)")
_WORD = re.compile(r"[^\W\d_]+")
# A dateline is short: a sentence that happens to hold a date is not one.
MAX_DATELINE_CHARS = 90


@dataclass(frozen=True)
class Dateline:
    """A line that states when the article was published (`published`) or last updated (`updated`);
    `labelled` when a word says which ("Publiceret 27. september 2021"), not only a bare date."""

    published: str | None
    updated: str | None
    labelled: bool = False


def _valid(year: int, month: int, day: int | None = None) -> bool:
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        return False
    return True


def _iso_value(value: str) -> str | None:
    """An ISO date or timestamp, cut to the precision given: "2021-09-27T06:00:00+02:00" -> "2021-09-27"."""
    match = _ISO_PREFIX.match(value.strip())
    if match is None or not match["month"]:
        return None
    year, month = int(match["year"]), int(match["month"])
    day = int(match["day"]) if match["day"] else None
    if not _valid(year, month, day):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def iso_from_metadata(value: str | None) -> str | None:
    """A date from page metadata, as precise as given: "2021-09-27T06:00:00+02:00" -> "2021-09-27", "2017-09"
    -> "2017-09"; Danish forms ("27. september 2021") go through `find_date`."""
    if not value or not value.strip():
        return None
    if _ISO_PREFIX.match(value.strip()):
        return _iso_value(value)
    return find_date(value)


@dataclass(frozen=True)
class _Found:
    iso: str
    start: int
    end: int


def _dates_in(text: str) -> list[_Found]:
    """Full dates and, where no full date stands, month-and-year dates ("september 2017", "09/2017")."""
    found = [_Found(m.iso, m.start, m.end) for m in find_dates(text)]
    for pattern in (_MONTH_YEAR, _NUMERIC_MONTH_YEAR):
        for match in pattern.finditer(text):
            if any(f.start <= match.start() < f.end or match.start() <= f.start < match.end() for f in found):
                continue
            month_text = match["month"].lower()
            month = MONTHS[month_text] if month_text in MONTHS else int(month_text)
            if _valid(int(match["year"]), month):
                found.append(_Found(f"{int(match['year']):04d}-{month:02d}", match.start(), match.end()))
    if not found and _ISO_PREFIX.fullmatch(text.strip()):
        date = _iso_value(text)
        if date:
            found.append(_Found(date, 0, len(text)))
    return sorted(found, key=lambda f: f.start)


def find_date(text: str) -> str | None:
    """The first date in `text`, as precise as printed: "27. sep. 2021" -> 2021-09-27, "september 2017" ->
    2017-09, "2017-09" -> 2017-09."""
    found = _dates_in(text)
    return found[0].iso if found else None


def _word_role(word: str) -> str | None:
    for row in date_patterns():
        if row.key != "prefix" and row.pattern.fullmatch(word):
            return row.key
    return None


def parse_dateline(line: str) -> Dateline | None:
    """The dates of a line that is a dateline ("Publiceret 27. september 2021 kl. 06.00", "27.09.2021",
    "mandag den 27. september 2021 - Opdateret 28. september 2021"), or None for any other line."""
    line = " ".join(line.split())
    if not line or len(line) > MAX_DATELINE_CHARS:
        return None
    found = _dates_in(line)
    if not found:
        return None
    rest = list(line)
    for date in found:
        rest[date.start : date.end] = " " * (date.end - date.start)
    remaining = _TIME.sub(" ", "".join(rest))
    if any(character.isdigit() for character in remaining):
        return None
    # Each date takes the role of the last label before it: "Publiceret X, opdateret Y".
    labels: list[tuple[int, str]] = []
    for word in _WORD.finditer(remaining):
        role = _word_role(word.group())
        if role is None:
            return None
        if role in ("published", "updated"):
            labels.append((word.start(), role))
    published = updated = None
    for date in found:
        role = next((role for start, role in reversed(labels) if start < date.start), "published")
        if role == "updated":
            updated = updated or date.iso
        else:
            published = published or date.iso
    return Dateline(published, updated, labelled=bool(labels))


def split_prefix(text: str) -> tuple[str | None, str]:
    """A date a scraper wrote before the text (" date 2017-09 Der skal ...") and the text without it."""
    for row in date_patterns():
        if row.key == "prefix":
            match = row.pattern.match(text)
            if match:
                return iso_from_metadata(match["date"]), text[match.end() :]
    return None, text

"""Danish dates and times of day as minutes print them, turned into ISO dates and HH:MM.

Dates: "13-05-2025", "04.12.2012", "8.06.2006", "11/03/2025", "6/4 2016", "2025-05-13", "13. maj 2025",
"13. jan. 2020", "tirsdag den 4. december 2012" and, with a `default_year`, "den 17. august". Every date is
checked against the calendar, so "31-02-2020" is not one; case numbers ("2012-28504"), KLE numbers
("00.22.00", "24.00.00-G01-4-25"), times ("13.00-15.00"), amounts and phone numbers are not dates.

Times: the meeting's start as "kl. 08:00", "kl. 8.15", "Mødetidspunkt 17.00" or a timestamp after a date
("04-06-2020 09:00:00", "April 3, 2019 - 18:00"). Each mention carries its offsets in the text it was found in (end
exclusive).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cache

from referat.extractors.prefilter import matches_at

# Month names in order, and the abbreviations in use (with or without a full stop). "maj" is both.
MONTH_NAMES: tuple[str, ...] = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
FULL_MONTH_NAMES = frozenset(MONTH_NAMES)
MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(MONTH_NAMES, start=1)},
    "jan": 1,
    "feb": 2,
    "febr": 2,
    "mar": 3,
    "mrt": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}

_MONTH_ALTERNATION = "|".join(sorted(MONTHS, key=len, reverse=True))
# No digit (or digit and separator) right before or after a date, so "1.04.12.2012" and "2012-28504" stay whole:
# after, here; before, in the look-backs after a date's first digit (`_DAY`, `_ISO_DATE`).
_NOT_BEFORE_NUMBER = r"(?!\d)(?![-./,]\d)"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_SPACE = r"[ \t\u00a0]"

# Each expression opens with a digit (its look-backs follow it), so the engine skips from digit to digit instead of
# trying the expression at every character: the same matches as the look-backs first, at fewer positions. All four
# open with the same digit, so one scan finds where they can start (`_date_starts`) and each is tried only there.
_DAY = r"(?P<day>\d(?<!\d\d)(?<!\d[-./,]\d)\d?)"  # its first digit not after a digit, or a digit and a separator
_NUMERIC_DATE = re.compile(_DAY + r"(?P<sep>[-./])(?P<month>\d{1,2})(?P=sep)" + _YEAR + _NOT_BEFORE_NUMBER)
_ISO_DATE = re.compile(
    r"(?P<year>[12](?<!\d[12])(?<!\d[-./,][12])(?:(?<=1)9|(?<=2)0)\d{2})"
    r"-(?P<month>\d{2})-(?P<day>\d{2})" + _NOT_BEFORE_NUMBER
)
# "6/4 2016", "8/12-2015": day/month, then the year after a space or a hyphen.
_SLASH_DATE = re.compile(_DAY + r"/(?P<month>\d{1,2})(?:" + _SPACE + r"{1,3}|-)" + _YEAR + _NOT_BEFORE_NUMBER)
_TEXT_DATE = re.compile(
    _DAY + r"(?P<daydot>\.)?" + _SPACE + r"{0,3}"
    r"(?P<month>" + _MONTH_ALTERNATION + r")(?P<monthdot>\.)?(?![^\W\d_])"
    r"(?:,?" + _SPACE + r"{1,3}" + _YEAR + r"(?!\d))?",
    re.IGNORECASE,
)
# What joins the two ends of a range: "7. september - 28. september 2025", "fra 2. juli til 30. juli 2019".
_RANGE_JOIN = re.compile(r"\s{0,3}(?:-|–|til(?: og med)?)\s{0,3}(?:den\s{1,3}|d\.\s{0,3})?", re.IGNORECASE)

_TIME_VALUE = r"(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2}))?(?::\d{2})?(?!\d)(?![.:]\d)"
_TIME_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "kl. 08:00", "kl. 8.15", "kl 17", "klokken 13.30"
    re.compile(r"\b(?:kl|klokken)\b\.?" + _SPACE + r"{0,3}" + _TIME_VALUE, re.IGNORECASE),
    # "Mødetidspunkt 17.00", "Tidspunkt: 16:30", "Mødestart kl. 9" (the kl. form is caught above)
    re.compile(
        r"\b(?:mødetidspunkt|starttidspunkt|mødetid|mødestart|tidspunkt|tid)\b" + _SPACE + r"{0,3}:?\s{0,6}"
        r"(?P<hour>\d{1,2})[.:](?P<minute>\d{2})(?!\d)",
        re.IGNORECASE,
    ),
    # a timestamp after a numeric date: "04-06-2020 09:00:00", "2020-06-04T09:00"
    re.compile(
        r"(?<!\d)(?:\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{4}-\d{2}-\d{2})(?:" + _SPACE + r"{1,3}|T)"
        r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?(?!\d)"
    ),
    # a time after a date's year and a dash or comma, as web pages print them: "April 3, 2019 - 18:00"
    re.compile(
        r"(?<!\d)(?:19|20)\d{2}" + _SPACE + r"{0,3}[-–,]" + _SPACE + r"{0,3}"
        r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?!\d)"
    ),
)


@dataclass(frozen=True)
class DateMention:
    """A date found in a text: `iso` ("2025-05-13") and the offsets of the date as printed."""

    iso: str
    start: int
    end: int


@dataclass(frozen=True)
class TimeMention:
    """A time of day found in a text: `hhmm` ("08:00") and the offsets of the time as printed."""

    hhmm: str
    start: int
    end: int


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


@cache
def _date_start() -> re.Pattern[str]:
    # Where every date expression starts: a digit not after a digit, nor after a digit and a separator (the
    # look-backs of `_DAY` and `_ISO_DATE`): one scan of the text instead of one for each expression.
    return re.compile(r"\d(?<!\d\d)(?<!\d[-./,]\d)")


def _date_starts(text: str) -> list[int]:
    return [match.start() for match in _date_start().finditer(text)]


def _numeric_mentions(text: str, starts: list[int]) -> list[DateMention]:
    found = []
    for pattern in (_NUMERIC_DATE, _ISO_DATE, _SLASH_DATE):
        for match in matches_at(pattern, text, starts):
            iso = _iso(int(match["year"]), int(match["month"]), int(match["day"]))
            if iso:
                found.append(DateMention(iso, match.start(), match.end()))
    return found


def _text_mentions(text: str, starts: list[int], default_year: int | None) -> list[DateMention]:
    """Dates with the month as a word; a date without a year takes the year of the range end it opens."""
    matches = [match for match in matches_at(_TEXT_DATE, text, starts) if _plausible_text_date(match)]
    found: list[DateMention] = []
    for index, match in enumerate(matches):
        month = MONTHS[match["month"].lower()]
        year = int(match["year"]) if match["year"] else _year_of_range_end(text, match, matches[index + 1 :], month)
        if year is None:
            year = default_year
        if year is None:
            continue
        iso = _iso(year, month, int(match["day"]))
        if iso:
            found.append(DateMention(iso, match.start(), match.end()))
    return found


def _plausible_text_date(match: re.Match[str]) -> bool:
    """'13. maj', '13. jan. 2020', '13 maj 2025'; not '5 mar' nor '3. dec' without a full stop or year."""
    if not match["daydot"] and not match["year"]:
        return False
    return bool(match["month"].lower() in FULL_MONTH_NAMES or match["monthdot"] or match["year"])


def _year_of_range_end(text: str, start: re.Match[str], later: list[re.Match[str]], month: int) -> int | None:
    if not later or not later[0]["year"]:
        return None
    joined = _RANGE_JOIN.match(text, start.end())
    if joined is None or joined.end() != later[0].start():
        return None
    end_year = int(later[0]["year"])
    end_month = MONTHS[later[0]["month"].lower()]
    return end_year if month <= end_month else end_year - 1


def find_dates(text: str, *, default_year: int | None = None) -> tuple[DateMention, ...]:
    """Every valid date in `text`, in order; dates printed without a year get `default_year` (or are skipped)."""
    starts = _date_starts(text)
    if not starts:
        return ()
    mentions = sorted(
        _numeric_mentions(text, starts) + _text_mentions(text, starts, default_year), key=lambda m: (m.start, -m.end)
    )
    kept: list[DateMention] = []
    for mention in mentions:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return tuple(kept)


def parse_date(text: str, *, default_year: int | None = None) -> str | None:
    """The first date in `text` as an ISO string, or None."""
    dates = find_dates(text, default_year=default_year)
    return dates[0].iso if dates else None


def find_time(text: str) -> TimeMention | None:
    """The first time of day printed as a time ("kl. 8.15", "Mødetidspunkt 17.00", "04-06-2020 09:00:00")."""
    best: TimeMention | None = None
    for pattern in _TIME_PATTERNS:
        for match in pattern.finditer(text):
            if best is not None and match.start("hour") >= best.start:
                break
            hour, minute = int(match["hour"]), int(match["minute"] or 0)
            if hour < 24 and minute < 60:
                end = match.end("minute") if match["minute"] else match.end("hour")
                best = TimeMention(f"{hour:02d}:{minute:02d}", match.start("hour"), end)
                break
    return best

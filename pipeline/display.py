"""How values read on the served site: Danish forms of amounts, percentages, numbers, dates and texts.

The database keeps values as data (kroner as a float, ISO dates, UTC timestamps, page breaks as form feeds);
a person reads "18.300.000.000 kr.", "87,5 %", "13. maj 2025" and a marked page break. These functions turn one
into the other, for the Datasette plugin `datasette/plugins/referat_values.py` (every table and query cell) and
the pages our templates draw. They return plain text (escaping is the caller's), except the two that return
HTML (`Markup`, escaped): a cited source and a text with its page breaks marked.
"""

from __future__ import annotations

import datetime
import math
import os
import re
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from referat.extractors.language.dates import MONTH_NAMES

LOCAL_TIME = ZoneInfo("Europe/Copenhagen")
NBSP = "\u00a0"
PAGE_BREAK = "\f"
ELLIPSIS = "…"

_ISO_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
_ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def number(value: float, decimals: int = 2) -> str:
    """A number as Danish prints it: thousands separated by full stops, a decimal comma, no trailing zeros and
    no ".0" on a whole number (18300000000.0 -> "18.300.000.000", 87.5 -> "87,5", 0.595 -> "0,6" with one
    decimal)."""
    if math.isnan(value) or math.isinf(value):
        return str(value)
    rounded = round(float(value), decimals)
    whole, _, fraction = f"{abs(rounded):.{decimals}f}".partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    sign = "-" if rounded < 0 else ""
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def kroner(value: float) -> str:
    """An amount of money: "18.300.000.000 kr.", "1.234,5 kr." (øre kept when there are any)."""
    return f"{number(value)}{NBSP}kr."


def percent(value: float) -> str:
    """A percentage: "100 %", "87,5 %" (Danish puts a space before the sign)."""
    return f"{number(value, 1)}{NBSP}%"


def date(value: str) -> str | None:
    """An ISO date as far as it is known: "2025-05-13" -> "13. maj 2025", "2017-09" -> "september 2017",
    "2017" -> "2017". None when the value is not an ISO date (it is then shown as it is)."""
    match = _ISO_DATE.fullmatch(value.strip())
    if not match:
        return None
    year = match["year"]
    if not match["month"]:
        return year
    month = int(match["month"])
    if not 1 <= month <= 12:
        return None
    if not match["day"]:
        return f"{MONTH_NAMES[month - 1]} {year}"
    try:
        day = datetime.date(int(year), month, int(match["day"]))
    except ValueError:
        return None
    return f"{day.day}. {MONTH_NAMES[month - 1]} {year}"


def timestamp(value: str) -> str | None:
    """A timestamp (UTC when it carries no zone, as ingests record them) in Danish local time:
    "2025-05-13T14:05:00+00:00" -> "13. maj 2025 kl. 16.05". None when the value is not one."""
    text = value.strip()
    if not _ISO_TIMESTAMP.match(text):
        return None
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    local = moment.astimezone(LOCAL_TIME)
    return f"{local.day}. {MONTH_NAMES[local.month - 1]} {local.year} kl. {local:%H.%M}"


def pages(text: str) -> list[str]:
    """A text split at its page breaks (form feeds)."""
    return text.split(PAGE_BREAK)


def without_page_breaks(text: str) -> str:
    """A text on one line for a short context: page breaks and line ends read as spaces."""
    return re.sub(r"[\f\n\r]+", " ", text)


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at the end of a word, with "…" when anything was cut."""
    if limit <= 0 or len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def is_absolute(path: str) -> bool:
    return os.path.isabs(path) or bool(re.match(r"^[A-Za-z]:[\\/]", path)) or path.startswith("\\\\")


def source_link(value: str, base_url: str, page: Any = None) -> Markup:
    """A cited source: its web address as a link; a relative path as a link under the base URL when there is one,
    else as text; an absolute path as its file name (where it lives on this machine is nobody's business)."""
    text = value.strip()
    anchor = f"#page={page}" if isinstance(page, int) and page > 0 and text.lower().endswith(".pdf") else ""
    if re.match(r"^https?://", text):
        return Markup(f'<a href="{escape(text + anchor)}">{escape(text)}</a>')
    if is_absolute(text):
        return Markup(escape(re.split(r"[\\/]", text)[-1]))
    if base_url:
        url = base_url.rstrip("/") + "/" + quote(re.sub(r"^(?:\./)+", "", text.replace("\\", "/")))
        return Markup(f'<a href="{escape(url + anchor)}">{escape(text)}</a>')
    return Markup(escape(text))


def text_with_page_breaks(value: str, limit: int) -> Markup:
    """A text with page breaks marked, cut at a word when longer than `limit` (0: never)."""
    shown = shorten(value, limit)
    marker = Markup('<span class="page-break" title="Sideskift"> ¦ </span>')
    return marker.join(escape(part) for part in pages(shown))

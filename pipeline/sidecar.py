"""Metadata that whoever collected the files wrote down beside them: an `INDEX.csv` in the same folder with
a `file` column and any of `source_url`, `municipality`, `committee`, `date`.

Saved web pages often lose what their address said (the committee, the date, "punkt-3"); the index gives it
back. The text always wins: the index only fills facts the document does not state.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

INDEX_NAMES = ("INDEX.csv", "index.csv")
_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_UNKNOWN = re.compile(r"^(unknown|ukendt|n/?a|-)\b", re.I)


@dataclass(frozen=True)
class SourceHints:
    source_url: str | None = None
    municipality: str | None = None
    committee: str | None = None
    date: str | None = None


def hints_for(path: Path) -> SourceHints:
    """The index row for a file, cleaned: notes in parentheses and 'unknown' values dropped."""
    for name in INDEX_NAMES:
        index = path.parent / name
        if index.is_file():
            row = _rows(index).get(path.name)
            if row is not None:
                return SourceHints(
                    source_url=_clean(row.get("source_url")),
                    municipality=_clean(row.get("municipality")),
                    committee=_clean(row.get("committee")),
                    date=_date(row.get("date")),
                )
    return SourceHints()


@cache
def _rows(index: Path) -> dict[str, dict[str, str]]:
    try:
        with index.open(encoding="utf-8-sig", newline="") as handle:
            return {row["file"]: row for row in csv.DictReader(handle) if row.get("file")}
    except (OSError, UnicodeDecodeError, KeyError, csv.Error):
        return {}  # an unreadable index is no index: the documents are read without hints


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = re.sub(r"\s*\(.*$", "", value).strip()
    return None if not value or _UNKNOWN.match(value) or len(value.split()) > 6 else value


def _date(value: str | None) -> str | None:
    found = _ISO_DATE.search(value or "")
    return found.group(1) if found else None

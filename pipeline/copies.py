"""Copies of a file by their names: "x (kopi).pdf", "x - Copy.pdf", "Kopi af x.pdf", "x (1).pdf" (a browser's
second download). When several files hold the same content, the document cites the one whose name is not a
copy's (`ingest`), so a meeting is not cited as "Referat (kopi).pdf" because the copy sorted first.

The name forms are data (`data/copy_names.csv`: a regular expression over the file's name without its suffix, with
a copy's name and its original's as examples, which the tests check).
"""

from __future__ import annotations

import csv
import os
import re
from functools import cache
from pathlib import Path

COPY_NAMES = Path(__file__).parent / "data" / "copy_names.csv"


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    with COPY_NAMES.open(encoding="utf-8", newline="") as handle:
        return tuple(dict.fromkeys(re.compile(row["pattern"], re.IGNORECASE) for row in csv.DictReader(handle)))


def is_copy_name(path: str) -> bool:
    """Whether a file's name (the last part of `path`, without its suffix) is the name of a copy."""
    stem = os.path.splitext(os.path.basename(path))[0]
    return any(pattern.search(stem) for pattern in _patterns())

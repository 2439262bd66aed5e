"""Weighted regular expressions kept as data: CSV files whose rows name a signal, a weight, a pattern and a
real example the pattern must match (tested for every row of every such file).

Used by the document-kind markers, the layout-family markers, the item-heading forms and the news
vocabularies (boilerplate lines, bylines, date words), which have no weight column.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from referat.extractors.prefilter import Prefiltered


class PatternFileError(ValueError):
    """A pattern file has a row that cannot be used; the message names the file, the row and the fix."""


@dataclass(frozen=True)
class WeightedPattern:
    key: str
    weight: int
    pattern: re.Pattern[str]
    example: str

    @cached_property
    def prefiltered(self) -> Prefiltered:
        """The pattern with the literal text it needs, to skip texts that cannot match."""
        return Prefiltered.of(self.pattern)


def load_weighted_patterns(
    path: Path,
    *,
    key: str | None,
    weight: str | None,
    flags: re.RegexFlag = re.NOFLAG,
    keys: frozenset[str] | None = None,
    default_key: str = "",
) -> tuple[WeightedPattern, ...]:
    """Rows of `path` as patterns; `key` and `weight` name the columns (a file without one: every row gets
    `default_key`, weight 1); `keys`, when given, are the allowed keys."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    patterns = []
    for number, row in enumerate(rows, start=2):
        row_key = row[key] if key else default_key
        if keys is not None and row_key not in keys:
            raise PatternFileError(f"{path}, line {number}: unknown {key} {row_key!r}; use one of {sorted(keys)}")
        try:
            patterns.append(
                WeightedPattern(
                    row_key, int(row[weight]) if weight else 1, re.compile(row["pattern"], flags), row["example"]
                )
            )
        except (re.error, ValueError) as error:
            raise PatternFileError(f"{path}, line {number}: {error}; quote a pattern that holds commas") from error
    return tuple(patterns)

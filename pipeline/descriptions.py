"""The Danish descriptions of the served tables, views and columns: what Datasette shows its (Danish) users.

The schema (`models.schema`, `models.views`) describes every table, view and column in English, for the code and the
README's data model; the served site speaks Danish, so `pipeline.serve.datasette_metadata()` takes each description
from `data/descriptions_da.csv` instead (a row per table or view with an empty `column`, and a row per column). A
table or column without a Danish row is served with its English description, and `tests/test_descriptions.py`
names it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DESCRIPTIONS_DA = Path(__file__).parent / "data" / "descriptions_da.csv"


class DescriptionsError(Exception):
    """The file of Danish descriptions cannot be read as a table of descriptions."""


@dataclass(frozen=True)
class DanishDescription:
    """One row of `descriptions_da.csv`: the Danish description of a table or view (`column` empty) or a column."""

    table: str
    column: str
    description: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.table, self.column)


@cache
def load_descriptions(path: Path = DESCRIPTIONS_DA) -> tuple[DanishDescription, ...]:
    """Every row of the file, in its order (read once per path)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != ["table", "column", "description"]:
            raise DescriptionsError(f"{path}: the header must be table,column,description, not {reader.fieldnames}")
        return tuple(
            DanishDescription(row["table"].strip(), (row["column"] or "").strip(), (row["description"] or "").strip())
            for row in reader
        )


def danish_descriptions(path: Path = DESCRIPTIONS_DA) -> dict[tuple[str, str], str]:
    """The Danish description of each (table, column) pair, the table's own under column ""; a pair given twice is
    an error, since which one is meant cannot be told."""
    descriptions: dict[tuple[str, str], str] = {}
    for row in load_descriptions(path):
        if row.key in descriptions:
            table, column = row.key
            raise DescriptionsError(f"{path}: {table} {column or '(the table)'} is described twice: keep one row")
        descriptions[row.key] = row.description
    return descriptions

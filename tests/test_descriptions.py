"""The served site describes its tables and columns in Danish (`pipeline/data/descriptions_da.csv`), while the
schema and the README's data model stay English: every table, view and column has exactly one Danish description,
and a new column without one fails here, by name."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from referat.models.schema import TABLES, Column
from referat.models.shape import schema_markdown
from referat.models.views import VIEWS
from referat.pipeline.descriptions import (
    DanishDescription,
    DescriptionsError,
    danish_descriptions,
    load_descriptions,
)
from referat.pipeline.serve import datasette_metadata

# A description made of a code name only (`PER`) may read the same in both languages; nothing else may.
CODE_NAME_ONLY = re.compile(r"`[^`]+`\.?")
CODE_NAME = re.compile(r"`[^`]+`")


def described() -> list[tuple[str, str, tuple[Column, ...]]]:
    """Every table and view with its English description and columns, sorted by name as the CSV is."""
    return sorted(
        [
            *((table.name, table.description, table.columns) for table in TABLES),
            *((view.name, view.description, view.columns) for view in VIEWS),
        ],
        key=lambda entry: entry[0],
    )


def english() -> dict[tuple[str, str], str]:
    """The schema's English description of each (table, column), the table's own under column ""."""
    texts: dict[tuple[str, str], str] = {}
    for name, description, columns in described():
        texts[(name, "")] = description
        texts.update({(name, column.name): column.description for column in columns})
    return texts


ENGLISH = english()


def test_every_table_view_and_column_has_exactly_one_danish_description() -> None:
    counts = Counter(row.key for row in load_descriptions())
    missing = [f"{table}.{column}" if column else table for table, column in ENGLISH if not counts[(table, column)]]
    twice = [f"{table}.{column}" if column else table for (table, column), n in counts.items() if n > 1]
    unknown = [f"{table}.{column}" if column else table for table, column in counts if (table, column) not in ENGLISH]
    assert not missing, f"add a Danish row to pipeline/data/descriptions_da.csv for: {missing}"
    assert not twice, f"described more than once in descriptions_da.csv: {twice}"
    assert not unknown, f"descriptions_da.csv names what the schema does not have: {unknown}"


def test_rows_run_table_by_table_each_table_first_then_its_columns_in_schema_order() -> None:
    wanted = [(name, column) for name, _, columns in described() for column in ("", *(c.name for c in columns))]
    assert [row.key for row in load_descriptions()] == wanted


@pytest.mark.parametrize("row", load_descriptions(), ids=lambda row: f"{row.table}.{row.column or '(table)'}")
def test_each_danish_description_says_something_of_its_own(row: DanishDescription) -> None:
    assert row.description, "empty"
    original = ENGLISH.get(row.key)
    if original is not None and row.description == original:
        assert CODE_NAME_ONLY.fullmatch(row.description), f"not translated: {row.description!r}"


@pytest.mark.parametrize("row", load_descriptions(), ids=lambda row: f"{row.table}.{row.column or '(table)'}")
def test_code_names_stay_as_they_are(row: DanishDescription) -> None:
    """A name in backticks (`error`, `pipeline.mentions.name_key`, `referat ingest`) is code, not English."""
    original = ENGLISH.get(row.key, "")
    kept = [name for name in CODE_NAME.findall(original) if name not in row.description]
    assert not kept, f"{row.table}.{row.column}: the Danish lacks {kept}"


def test_the_served_site_describes_tables_and_columns_in_danish() -> None:
    tables = datasette_metadata()["databases"]["minutes"]["tables"]
    assert tables["decisions"]["description"] == (
        "Beslutninger på dagsordenspunkter: først dette mødes, derefter tidligere beslutninger, som er citeret i "
        "sagens forløb."
    )
    assert tables["decisions"]["columns"]["outcome"].startswith("`approved` (godkendt), `recommended` (anbefalet)")
    assert tables["agenda_items"]["columns"]["closed"].startswith("1 for et lukket punkt: kun dets nummer og titel")
    assert tables["agenda_items"]["columns"]["case_number"].startswith("Journalnummer eller sagsnummer som trykt")
    assert tables["member_attendance"]["columns"]["status"] == "`present` (til stede) eller `absent` (fraværende)."
    danish = danish_descriptions()
    for (table, column), text in danish.items():
        served = tables[table]["description"] if not column else tables[table]["columns"][column]
        assert served == text, f"{table}.{column}"


def test_the_readme_data_model_stays_english() -> None:
    markdown = schema_markdown()
    assert "Decisions on agenda items: this meeting's first, then earlier decisions quoted" in markdown
    assert "| `closed` | int | 1 for a closed item (lukket punkt): only its number and title are public;" in markdown
    assert "Beslutninger på dagsordenspunkter" not in markdown


def test_a_table_described_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "descriptions_da.csv"
    path.write_text(
        "table,column,description\ndecisions,,Beslutninger.\ndecisions,,Afgørelser.\n",
        encoding="utf-8",
    )
    with pytest.raises(DescriptionsError, match="decisions \\(the table\\) is described twice"):
        danish_descriptions(path)


def test_a_file_without_the_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "descriptions_da.csv"
    path.write_text("decisions,,Beslutninger.\n", encoding="utf-8")
    with pytest.raises(DescriptionsError, match="the header must be table,column,description"):
        load_descriptions(path)

"""A parsed document as table rows: ids, and the columns of the tables whose rows are built as tuples."""

from __future__ import annotations

import dataclasses

import pytest

from referat.models.records import Entity, Figure, ItemSection, make_id, numbered_ids
from referat.pipeline.rows import TUPLE_COLUMNS


@pytest.mark.parametrize(
    ("count", "parts", "first"),
    [
        (3, ("4f2a", "entities"), 0),
        (2, ("4f2a", "page"), 1),
        (1, ("7c0d0e1f", "section"), 1),
        (0, ("4f2a", "figures"), 0),
        (2, ("dokument-æøå", "figures"), 10),
    ],
)
def test_numbered_ids_are_the_ids_of_each_position(count: int, parts: tuple[str, ...], first: int) -> None:
    assert numbered_ids(count, *parts, first=first) == [make_id(*parts, n) for n in range(first, first + count)]


@pytest.mark.parametrize(
    ("table", "record"),
    [
        ("entities", Entity),
        ("figures", Figure),
        ("item_sections", ItemSection),
    ],
)
def test_tuple_tables_start_with_the_fields_of_their_record(table: str, record: type) -> None:
    """The rows of these tables are written field by field: a field added to the record must be added here. A
    section's text is the only field not stored: it is read from documents.text by its offsets."""
    fields = tuple(
        field.name for field in dataclasses.fields(record) if (table, field.name) != ("item_sections", "text")
    )
    assert TUPLE_COLUMNS[table][: len(fields)] == fields
    assert "id" in TUPLE_COLUMNS[table][len(fields) :]

"""The database's shape as a whole: the tables of `models.schema` and the views of `models.views` together.

`ensure_db_shape(db)` creates a database in this shape or upgrades an older one to it (adding columns and filling
them, dropping retired ones, stamping `SCHEMA_VERSION`); `schema_markdown()` describes the same shape for the README.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from referat.models.schema import TABLES
from referat.models.views import VIEWS, ensure_view

if TYPE_CHECKING:
    import sqlite_utils


SCHEMA_VERSION = 3

# Columns of earlier versions that are no longer stored: `ensure_db_shape` drops them from an older database.
RETIRED_COLUMNS = (
    ("item_sections", "text"),  # version 3: the `sections` view reads it from documents.text by its offsets
)
# Columns added since a database may have been made, with the statement that fills them from what it holds:
# `ensure_db_shape` runs it when it adds the column. (A meeting's source_url carried over from another version is
# added when its duplicate group is next redone: `referat relink` redoes them all.)
FILLED_WHEN_ADDED = {
    ("documents", "source"): "update documents set source = coalesce(source_url, path)",
    ("meetings", "source_url"): "update meetings set source_url = (select d.source_url from documents d "
    "where d.id = meetings.document_id)",
}


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Create missing tables, columns and indexes; existing data is kept. Safe to call on every run."""
    for table in TABLES:
        columns = {column.name: column.type for column in table.columns}
        handle = db.table(table.name)
        if not handle.exists():
            handle.create(
                columns,
                pk=table.pk,
                foreign_keys=[(fk.column, fk.table, fk.other_column) for fk in table.foreign_keys],
            )
        else:
            existing = set(handle.columns_dict)
            for name, column_type in columns.items():
                if name not in existing:
                    handle.add_column(name, column_type)
                    if (table.name, name) in FILLED_WHEN_ADDED:
                        db.execute(FILLED_WHEN_ADDED[(table.name, name)])
        for index in table.indexes:
            handle.create_index(list(index), if_not_exists=True)
    for view in VIEWS:
        ensure_view(db, view)
    for table_name, column_name in RETIRED_COLUMNS:
        if column_name in db.table(table_name).columns_dict:
            db.execute(f"ALTER TABLE [{table_name}] DROP COLUMN [{column_name}]")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def schema_markdown() -> str:
    """The tables and columns as Markdown, for the README."""
    lines: list[str] = []
    for table in TABLES:
        lines += [f"### `{table.name}`", "", table.description, "", "| column | type | description |", "|---|---|---|"]
        references = {fk.column: f" → `{fk.table}.{fk.other_column}`" for fk in table.foreign_keys}
        for column in table.columns:
            description = column.description.replace("|", "\\|")
            reference = references.get(column.name, "")
            lines.append(f"| `{column.name}` | {column.type.__name__} | {description}{reference} |")
        lines.append("")
    for view in VIEWS:
        lines += [
            f"### `{view.name}` (view)",
            "",
            view.description,
            "",
            "| column | type | description |",
            "|---|---|---|",
        ]
        for column in view.columns:
            description = column.description.replace("|", "\\|")
            lines.append(f"| `{column.name}` | {column.type.__name__} | {description} |")
        lines.append("")
    return "\n".join(lines)

"""The full-text indexes: which columns of which tables are searchable, and the FTS5 statement that makes each.

Only their definitions live here: `pipeline.search` creates the indexes, keeps them in step with their tables and
rebuilds them; `models.shape.ensure_db_shape` does not make them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchIndex:
    """A full-text index (SQLite FTS5, trigram tokenizer) over columns of a table, named `<table>_fts`.

    The trigram tokenizer matches any run of three or more characters, so a part of a compound word finds the
    whole ("bevilling" finds "Anlægsbevilling"), journal numbers such as 00.03.10-G01-1-25 are found as printed,
    and æ, ø and å stay distinct letters (only upper and lower case are folded). Queries need three characters.
    """

    table: str
    columns: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.table}_fts"

    @property
    def create_sql(self) -> str:
        columns = ", ".join(f"[{column}]" for column in self.columns)
        return f"CREATE VIRTUAL TABLE [{self.name}] USING fts5({columns}, content=[{self.table}], tokenize='trigram')"


SEARCH_INDEXES: tuple[SearchIndex, ...] = (
    SearchIndex("agenda_items", ("title", "case_number", "text")),
    SearchIndex("decisions", ("text", "dissent")),
    SearchIndex("articles", ("title", "body")),
    SearchIndex("entities", ("text",)),
)

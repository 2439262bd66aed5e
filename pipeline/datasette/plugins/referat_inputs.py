"""Datasette plugin: the canned queries' inputs in Danish forms (`pipeline.query_inputs`).

Registers the SQL functions the canned queries call (dansk_dato, dansk_beloeb, udfald_kode, dansk, soegeord, ...)
on every connection, and gives `query.html` the form's fields (`referat_fields`) and the notes on inputs that were
ignored or too short (`referat_notes`). Read-only: functions of their arguments and template helpers only. Loaded
with `datasette --plugins-dir` by `referat serve`.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from datasette import hookimpl

from referat.pipeline import query_inputs


@hookimpl  # type: ignore[untyped-decorator]
def prepare_connection(conn: sqlite3.Connection) -> None:
    query_inputs.register_functions(conn)


@hookimpl  # type: ignore[untyped-decorator]
def prepare_jinja2_environment(env: Any) -> None:
    env.globals["referat_fields"] = query_inputs.fields
    env.globals["referat_notes"] = query_inputs.notes

"""Datasette plugin: every table and query as a CSV file that Danish Excel opens right (the `.excel` format).

Datasette's CSV is comma-separated UTF-8 without a byte order mark: Danish Excel, whose list separator is the
semicolon and whose decimal sign is the comma, opens it as one column, with æ, ø and å garbled. This one is UTF-8
with a byte order mark (Excel then reads UTF-8), semicolon-separated, with a decimal comma and no ".0" on whole
numbers; dates stay ISO 8601 (Excel reads them as dates), page breaks become spaces. It holds the rows of the page it
is linked from (a table page's link asks for 1,000, a canned query's answer is whole up to that). Read-only.
Loaded with `datasette --plugins-dir` by `referat serve`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response

BYTE_ORDER_MARK = "\ufeff"


def excel_value(value: Any) -> str:
    """One cell as Danish Excel reads it."""
    if value is None or isinstance(value, bytes):
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value).replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return re.sub(r"[\f\r]+", " ", str(value))


def excel_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """The CSV text: byte order mark, header, one line per row, fields separated by semicolons."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([excel_value(value) for value in row])
    return BYTE_ORDER_MARK + out.getvalue()


def render(columns: list[str], rows: list[Any], table: str | None, query_name: str | None, database: str) -> Response:
    name = re.sub(r"[^\w.-]+", "_", table or query_name or database)
    return Response(
        excel_csv(columns, rows),
        content_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}.csv"'},
    )


@hookimpl  # type: ignore[untyped-decorator]
def register_output_renderer() -> dict[str, Any]:
    return {"extension": "excel", "render": render}

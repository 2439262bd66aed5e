"""Datasette plugin: the figures of the home page (`templates/index.html`): what the database holds
(`pipeline.overview`), the guide for each group of users and the search box (the metadata's plugin config
`referat`, written by `pipeline.serve`). Read-only. Loaded with `datasette --plugins-dir` by `referat serve`.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from datasette import hookimpl

from referat.pipeline import display
from referat.pipeline.overview import read_overview


@hookimpl  # type: ignore[untyped-decorator]
def extra_template_vars(view_name: str, datasette: Any) -> Any:
    if view_name != "index":
        return {}

    async def home() -> dict[str, Any]:
        config = datasette.plugin_config("referat") or {}
        names = [name for name in datasette.databases if name != "_internal"]
        database = names[0] if names else ""
        overview = await read_overview(datasette.get_database(database)) if database else None
        return {
            "referat_database": database,
            "referat_audiences": config.get("audiences", []),
            "referat_search": config.get("search", {}),
            "referat_overview": asdict(overview) if overview else None,
            "referat_number": display.number,
        }

    return home

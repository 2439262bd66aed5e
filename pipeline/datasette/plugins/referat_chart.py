"""Datasette plugin: `/<database>/-/fremmoede`, members' attendance drawn per committee of a municipality
(`pipeline.attendance_chart`). Without `?kommune=` the page lists the municipalities (and shows the only one when
there is one). Read-only. Loaded with `datasette --plugins-dir` by `referat serve`.
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Request, Response

from referat.pipeline import display
from referat.pipeline.attendance_chart import MUNICIPALITIES_SQL, attendance_svg, read_committees

ROUTE = r"^/(?P<database>[^/.]+)/-/fremmoede$"


async def attendance_page(datasette: Any, request: Request) -> Response:
    database = request.url_vars["database"]
    try:
        db = datasette.get_database(route=database)
    except KeyError as error:
        raise NotFound("Databasen findes ikke") from error
    await datasette.ensure_permissions(request.actor, [("view-database", database), "view-instance"])
    municipalities = [row[0] for row in (await db.execute(MUNICIPALITIES_SQL)).rows]
    chosen = request.args.get("kommune", "").strip()
    if not chosen and len(municipalities) == 1:
        chosen = municipalities[0]
    committees = await read_committees(db, chosen) if chosen else []
    meeting_url = datasette.urls.database(database) + "/meeting"
    charts = [(committee, attendance_svg(committee, meeting_url)) for committee in committees]
    return Response.html(
        await datasette.render_template(
            "fremmoede.html",
            {
                "database": database,
                "municipalities": municipalities,
                "chosen": chosen,
                "charts": charts,
                "percent": display.percent,
                "date": display.date,
            },
            request=request,
        )
    )


@hookimpl  # type: ignore[untyped-decorator]
def register_routes() -> list[tuple[str, Any]]:
    return [(ROUTE, attendance_page)]

"""Members' attendance per committee of a municipality, drawn as SVG charts (small multiples on one scale).

One chart per committee, each in its own colour: the share of members present at each meeting over time, from
the summary table `attendance_by_meeting`, for meetings whose minutes list who was present (a meeting that names
only the absent has no share: `pipeline.summaries`). Each point links to its meeting; the members of each
committee with their meetings and attendance go with it. Drawn on the server: no script, nothing fetched from
elsewhere. The queries go through the index of meetings on (municipality, committee, date), so a municipality's
charts read its own meetings only. The page is `datasette/plugins/referat_chart.py`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

from referat.pipeline import display

# Colours that stay apart for most colour vision (Okabe and Ito), one per committee in turn.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D31")
WIDTH, HEIGHT = 760, 220
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 52, 16, 14, 30

MUNICIPALITIES_SQL = "select distinct municipality from meetings where municipality is not null order by 1"
MEETINGS_SQL = """
select m.committee, a.date, a.meeting_id, a.members, a.present
from meetings m
join attendance_by_meeting a on a.meeting_id = m.id
where m.municipality = :municipality and a.members > 0 and a.present is not null and a.date is not null
order by m.committee, a.date
"""
MEMBERS_SQL = """
select committee, name, party, count(*) as meetings, sum(status = 'present') as present
from member_attendance
where municipality = :municipality and presence_recorded = 1
group by committee, person_id
order by committee, name
"""


@dataclass(frozen=True)
class Point:
    date: datetime.date
    members: int
    present: int
    meeting_id: str

    @property
    def pct(self) -> float:
        return 100.0 * self.present / self.members


@dataclass(frozen=True)
class Member:
    name: str
    party: str
    meetings: int
    present: int

    @property
    def pct(self) -> float:
        return 100.0 * self.present / self.meetings if self.meetings else 0.0


@dataclass
class Committee:
    name: str
    colour: str
    points: list[Point] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)

    @property
    def mean_pct(self) -> float:
        return sum(point.pct for point in self.points) / len(self.points) if self.points else 0.0


def attendance_svg(committee: Committee, meeting_url: str) -> Markup:
    """The committee's chart: the share present at each meeting (0-100 %) against the date, points linked to their
    meetings, with a title per point for a reader that hovers."""
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    days = [point.date.toordinal() for point in committee.points]
    first, last = (min(days), max(days)) if days else (0, 0)
    span = max(last - first, 1)

    def x(day: int) -> float:
        return MARGIN_LEFT + (plot_w / 2 if last == first else plot_w * (day - first) / span)

    def y(pct: float) -> float:
        return MARGIN_TOP + plot_h * (1 - pct / 100)

    parts = [
        f'<svg class="attendance-chart" role="img" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>Fremmøde i {escape(committee.name)}</title>",
    ]
    for pct in (0, 25, 50, 75, 100):
        parts.append(
            f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{y(pct):.1f}" y2="{y(pct):.1f}" '
            f'stroke="#ddd"/><text x="{MARGIN_LEFT - 6}" y="{y(pct) + 4:.1f}" text-anchor="end" '
            f'font-size="12" fill="#555">{pct}{display.NBSP}%</text>'
        )
    if days:
        years = range(datetime.date.fromordinal(first).year, datetime.date.fromordinal(last).year + 1)
        ticks = [
            (datetime.date(year, 1, 1).toordinal(), str(year))
            for year in years
            if first <= datetime.date(year, 1, 1).toordinal() <= last
        ]
        if not ticks:
            ticks = [(first, display.date(datetime.date.fromordinal(first).isoformat()) or "")]
        step = max(1, len(ticks) // 12)
        for day, label in ticks[::step]:
            parts.append(
                f'<line x1="{x(day):.1f}" x2="{x(day):.1f}" y1="{MARGIN_TOP}" '
                f'y2="{HEIGHT - MARGIN_BOTTOM}" stroke="#eee"/><text x="{x(day):.1f}" '
                f'y="{HEIGHT - MARGIN_BOTTOM + 18}" text-anchor="middle" font-size="12" '
                f'fill="#555">{escape(label)}</text>'
            )
    if len(committee.points) > 1:
        path = " ".join(f"{x(point.date.toordinal()):.1f},{y(point.pct):.1f}" for point in committee.points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{committee.colour}" stroke-width="1.5" '
            'stroke-opacity="0.6"/>'
        )
    for point in committee.points:
        label = (
            f"{display.date(point.date.isoformat())}: {point.present} af {point.members} til stede "
            f"({display.percent(point.pct)})"
        )
        url = meeting_url + "?" + urlencode({"meeting_id": point.meeting_id})
        parts.append(
            f'<a href="{escape(url)}"><circle cx="{x(point.date.toordinal()):.1f}" '
            f'cy="{y(point.pct):.1f}" r="4.5" fill="{committee.colour}"><title>{escape(label)}</title>'
            "</circle></a>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


async def read_committees(db: Any, municipality: str) -> list[Committee]:
    """The committees of a municipality with their meetings' attendance and their members."""
    committees: dict[str, Committee] = {}
    for row in (await db.execute(MEETINGS_SQL, {"municipality": municipality})).rows:
        name = row["committee"] or "(uden udvalg)"
        if name not in committees:
            committees[name] = Committee(name, COLOURS[len(committees) % len(COLOURS)])
        try:
            day = datetime.date.fromisoformat(row["date"][:10])
        except ValueError:
            continue
        committees[name].points.append(Point(day, int(row["members"]), int(row["present"]), row["meeting_id"]))
    for row in (await db.execute(MEMBERS_SQL, {"municipality": municipality})).rows:
        committee = committees.get(row["committee"] or "(uden udvalg)")
        if committee:
            committee.members.append(
                Member(row["name"], row["party"] or "", int(row["meetings"]), int(row["present"] or 0))
            )
    return list(committees.values())

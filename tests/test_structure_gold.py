"""Golden tests over every document of the shared corpus that has hand-made structure gold: meetings, items,
journal numbers, decisions, attendance and the document's kind, micro-averaged, with a table per document and the
worst ten named, so that a change tuned to one document shows what it cost elsewhere."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from referat.models.records import ParsedDocument
from referat.pipeline.parse import parse_file
from tests.gold_structure import MEASURES, Tally, gold_files, load, score, source_for

# The floor of each measure over the whole gold set (issue 12).
THRESHOLDS = {
    "items": 0.92,
    "case_numbers": 0.95,
    "decisions": 0.92,
    "outcomes": 0.90,
    "present": 0.92,
    "absent": 0.85,
    "date": 0.90,
    "kind": 0.95,
}
# Documents whose kind, meeting facts or attendance record is a known miss, with the reason: named here, never
# hidden in an average.
KNOWN_MISSES: dict[str, str] = {
    "roskilde_kultur-idraet_2019-04-03.txt": (
        "the same note of an absent member and the substitute who came ('Fraværende: X (V) - Y (V) mødte som "
        "stedfortræder') follows every item; the parser reads it as the meeting's attendance, as Svendborg's gold "
        "does for its repeated 'Afbud fra X ... Som suppleanter deltog Y', while this gold keeps it on the items "
        "only: the two golds differ on one form, and we follow the one that does not lose an absence"
    ),
}


@cache
def parsed(source: Path) -> ParsedDocument:
    return parse_file(source)


def _id(path: Path) -> str:
    return path.name.removesuffix(".json")


def _marks(gold: Path) -> list[pytest.MarkDecorator]:
    reason = KNOWN_MISSES.get(_id(gold))
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


@pytest.mark.parametrize("gold", [pytest.param(gold, id=_id(gold), marks=_marks(gold)) for gold in gold_files()])
def test_kind_and_meeting_facts(gold: Path) -> None:
    expected = load(gold)
    document = parsed(source_for(gold))
    meeting = document.meetings[0] if document.meetings else None
    assert document.document.kind == expected["kind"]
    if expected["kind"] not in ("minutes", "agenda"):
        assert meeting is None or not meeting.items
        return
    assert meeting is not None
    assert meeting.attendance_recorded == expected["attendance_recorded"]
    if expected["meeting"]["date"]:
        assert meeting.date == expected["meeting"]["date"]


def test_scores_over_the_whole_gold_set(capsys: pytest.CaptureFixture[str]) -> None:
    total = Tally()
    rows: list[tuple[str, Tally]] = []
    for gold in gold_files():
        document = parsed(source_for(gold))
        tally = score(load(gold), document.document, document.meetings[0] if document.meetings else None)
        total.add(tally)
        rows.append((_id(gold), tally))
    scores = total.scores()
    with capsys.disabled():
        print("\n" + _table(rows, total))
    failing = {name: round(value, 3) for name, value in scores.items() if value < THRESHOLDS[name]}
    assert not failing, f"under the floor: {failing} (floors: {THRESHOLDS})"


def _applicable(tally: Tally) -> dict[str, float]:
    """A document's scores on the measures it has something to score for."""
    c = tally.counts
    present = {
        "items": c["items_gold"] + c["items_found"],
        "case_numbers": c["case_total"],
        "decisions": c["decisions_gold"] + c["decisions_found"],
        "outcomes": c["outcome_total"],
        "present": c["present_gold"] + c["present_found"],
        "absent": c["absent_gold"] + c["absent_found"],
        "date": c["date_total"],
        "kind": c["kind_total"],
    }
    return {name: value for name, value in tally.scores().items() if present[name]}


def _table(rows: list[tuple[str, Tally]], total: Tally) -> str:
    width = 50
    lines = [f"{'document':{width}}" + "".join(f"{name[:9]:>10}" for name in MEASURES)]
    for name, tally in rows:
        scores = _applicable(tally)
        lines.append(
            f"{name[: width - 2]:{width}}"
            + "".join(f"{scores[key]:10.2f}" if key in scores else f"{'':>10}" for key in MEASURES)
        )
    lines.append(f"{'ALL':{width}}" + "".join(f"{total.scores()[key]:10.2f}" for key in MEASURES))
    worst = sorted(rows, key=lambda row: sum(_applicable(row[1]).values()) / len(_applicable(row[1])))[:10]
    lines.append(
        "worst ten: "
        + ", ".join(f"{name} ({sum(_applicable(t).values()) / len(_applicable(t)):.2f})" for name, t in worst)
    )
    return "\n".join(lines)


def test_meeting_committee_and_municipality_where_the_text_says() -> None:
    misses = []
    for gold in gold_files():
        expected = load(gold)
        if expected["kind"] not in ("minutes", "agenda"):
            continue
        document = parsed(source_for(gold))
        meeting = document.meetings[0] if document.meetings else None
        for key in ("committee", "municipality", "start_time", "location"):
            if expected["meeting"][key] and (
                meeting is None or _norm(getattr(meeting, key)) != _norm(expected["meeting"][key])
            ):
                misses.append((gold.name, key, expected["meeting"][key], meeting and getattr(meeting, key)))
    print(*misses, sep="\n")
    assert len(misses) <= 6, misses


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()

"""Golden tests: meetings, items, journal numbers, decisions and attendance against the hand-made gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.parse import parse_file
from tests.gold_structure import Tally, gold_files, load, norm, score, source_for

THRESHOLD = 0.95


def parsed_meeting(source: Path):  # type: ignore[no-untyped-def]
    parsed = parse_file(source)
    return parsed.document, (parsed.meetings[0] if parsed.meetings else None)


@pytest.mark.parametrize("gold", gold_files(), ids=lambda path: path.name.removesuffix(".json"))
def test_kind_and_meeting_facts(gold: Path) -> None:
    expected = load(gold)
    document, meeting = parsed_meeting(source_for(gold))
    assert document.kind == expected["kind"]
    assert meeting is not None
    assert meeting.attendance_recorded == expected["attendance_recorded"]
    if expected["meeting"]["date"]:
        assert meeting.date == expected["meeting"]["date"]


def test_scores_over_the_whole_gold_set(capsys: pytest.CaptureFixture[str]) -> None:
    total = Tally()
    rows = []
    for gold in gold_files():
        expected = load(gold)
        _, meeting = parsed_meeting(source_for(gold))
        tally = score(expected, meeting)
        total.add(tally)
        rows.append((gold.name.removesuffix(".json")[:48], tally.scores()))
    with capsys.disabled():
        names = list(total.scores())
        print("\n" + f"{'document':50}" + "".join(f"{name:>13}" for name in names))
        for name, scores in rows:
            print(f"{name:50}" + "".join(f"{scores[key]:13.2f}" for key in names))
        print(f"{'ALL':50}" + "".join(f"{total.scores()[key]:13.2f}" for key in names))
    failing = {name: value for name, value in total.scores().items() if value < THRESHOLD}
    assert not failing, f"scores under {THRESHOLD}: {failing}"


def test_meeting_committee_and_municipality_where_the_text_says() -> None:
    misses = []
    for gold in gold_files():
        expected = load(gold)["meeting"]
        _, meeting = parsed_meeting(source_for(gold))
        assert meeting is not None
        for key in ("committee", "municipality", "start_time", "location"):
            if expected[key] and norm(getattr(meeting, key)) != norm(expected[key]):
                misses.append((gold.name, key, expected[key], getattr(meeting, key)))
    print(*misses, sep="\n")
    assert len(misses) <= 6, misses

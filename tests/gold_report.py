"""What the parser reads of each gold document, beside the gold: `python -m tests.gold_report [NAME ...]` prints,
for the gold files whose names contain a NAME (all without one), the kind, the meeting, attendance differences,
each gold item with what was found for it, the items found that the gold does not have, and the warnings."""

from __future__ import annotations

import sys
from typing import Any

from referat.models.records import AgendaItem, Meeting
from referat.pipeline.parse import parse_file
from tests.gold_structure import gold_files, load, match_items, norm, source_for


def report(names: list[str]) -> None:
    for gold_path in gold_files():
        if names and not any(name in gold_path.name for name in names):
            continue
        gold = load(gold_path)
        parsed = parse_file(source_for(gold_path))
        meeting = parsed.meetings[0] if parsed.meetings else None
        print("=" * 100)
        print(gold_path.name, "kind", parsed.document.kind, "gold", gold["kind"], "format", parsed.document.format)
        if meeting is not None:
            _meeting(gold, meeting)
        _items(gold, meeting.items if meeting else ())
        print("  warnings:", parsed.document.warnings)


def _meeting(gold: dict[str, Any], meeting: Meeting) -> None:
    print("meeting:", meeting.committee, meeting.date, meeting.start_time, meeting.location, "| gold:", gold["meeting"])
    print("attendance recorded", meeting.attendance_recorded, "gold", gold["attendance_recorded"])
    for status, key in (("present", "present"), ("absent", "absent")):
        expected = {norm(person["name"]) for person in gold[key]}
        found = {norm(a.name) for a in meeting.attendance if a.status == status}
        if expected != found:
            print(f"  {status} missing", sorted(expected - found), "extra", sorted(found - expected))


def _items(gold: dict[str, Any], items: tuple[AgendaItem, ...]) -> None:
    pairs = match_items(gold["items"], items)
    for expected, item in pairs:
        line = (
            f"  {'OK ' if item else '-- '} gold {expected['number']!s:>6} {str(expected['title'])[:60]:60} "
            f"case={expected['case_number']} dec={len(expected['decisions'])} abs={len(expected['absent'])}"
        )
        if item is not None:
            line += f" | got case={item.case_number} dec={len(item.decisions)} abs={len(item.absences)}"
            for decision in expected["decisions"]:
                excerpt = norm(decision["excerpt"])[:60]
                if not any(excerpt in norm(found.text) for found in item.decisions):
                    line += (
                        f"\n        missing decision: {excerpt!r}; got {[found.text[:80] for found in item.decisions]}"
                    )
        print(line)
    matched = [item for _, item in pairs if item is not None]
    for item in items:
        if item not in matched:
            print(
                f"  ++  extra {item.number!s:>6} {str(item.title)[:70]} case={item.case_number} "
                f"dec={len(item.decisions)}"
            )


if __name__ == "__main__":
    report(sys.argv[1:])

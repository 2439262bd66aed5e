"""Scoring parsed meetings against the hand-made structure gold (tests/data/gold/structure).

Items are matched by number, else by title, else (stubs whose heading the excerpt lost) by order among the
unnumbered, untitled items. Scores are micro-averaged over the whole set: items (F1), case numbers (share of
matched items whose case number, KLE number and facet agree), decisions (F1: a gold decision is found when a
decision of the matched item contains its excerpt), outcomes (share of found decisions with the gold
outcome) and attendance (F1 over meeting-level (name, present/absent) and per-item (item, name) absences).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from models.records import AgendaItem, Meeting
from tests.conftest import DATA, RAW

GOLD = DATA / "gold" / "structure"


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.json"))


def source_for(gold: Path) -> Path:
    name = gold.name.removesuffix(".json")
    for folder in (DATA / "pages", RAW, DATA / "other"):
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"no project copy of {name}")


def load(gold: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(gold.read_text(encoding="utf-8"))
    return data


def norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


@dataclass
class Tally:
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        self.counts.update(other.counts)

    def f1(self, name: str) -> float:
        tp, gold, found = self.counts[f"{name}_tp"], self.counts[f"{name}_gold"], self.counts[f"{name}_found"]
        if gold == 0 and found == 0:
            return 1.0
        precision = tp / found if found else 0.0
        recall = tp / gold if gold else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def share(self, name: str) -> float:
        total = self.counts[f"{name}_total"]
        return self.counts[f"{name}_ok"] / total if total else 1.0

    def scores(self) -> dict[str, float]:
        return {
            "items": self.f1("items"),
            "case_numbers": self.share("case"),
            "decisions": self.f1("decisions"),
            "outcomes": self.share("outcome"),
            "attendance": self.f1("attendance"),
        }


def match_items(
    gold_items: list[dict[str, Any]], items: tuple[AgendaItem, ...],
) -> list[tuple[dict[str, Any], AgendaItem | None]]:
    unused = list(items)
    pairs: list[tuple[dict[str, Any], AgendaItem | None]] = []
    for gold in gold_items:
        found = None
        if gold["number"] is not None:
            found = next((item for item in unused if item.number == gold["number"]), None)
        elif gold["title"] is not None:
            found = max(
                (item for item in unused if item.title),
                key=lambda item: SequenceMatcher(None, norm(item.title), norm(gold["title"])).ratio(),
                default=None,
            )
            if found is not None and SequenceMatcher(None, norm(found.title), norm(gold["title"])).ratio() < 0.8:
                found = None
        else:
            found = next((item for item in unused if item.number is None and item.title is None), None)
        if found is not None:
            unused.remove(found)
        pairs.append((gold, found))
    return pairs


def score(gold_data: dict[str, Any], meeting: Meeting | None) -> Tally:
    tally = Tally()
    c = tally.counts
    items = meeting.items if meeting else ()
    pairs = match_items(gold_data["items"], items)
    c["items_gold"] += len(gold_data["items"])
    c["items_found"] += len(items)
    c["items_tp"] += sum(1 for _, item in pairs if item is not None)
    for gold, item in pairs:
        if item is None:
            c["decisions_gold"] += len(gold["decisions"])
            continue
        if gold["title"] is not None or gold["case_number"] is not None:
            c["case_total"] += 1
            c["case_ok"] += (item.case_number, item.kle_number, item.kle_facet) == (
                gold["case_number"], gold["kle_number"], gold["kle_facet"])
        c["decisions_gold"] += len(gold["decisions"])
        c["decisions_found"] += len(item.decisions)
        unused = list(item.decisions)
        for decision in gold["decisions"]:
            excerpt = norm(decision["excerpt"])[:60]
            found = next((d for d in unused if excerpt in norm(d.text)), None)
            if found is None:
                continue
            unused.remove(found)
            c["decisions_tp"] += 1
            c["outcome_total"] += 1
            c["outcome_ok"] += found.outcome == decision["outcome"]
    expected = {(norm(p["name"]), "present") for p in gold_data["present"]}
    expected |= {(norm(p["name"]), "absent") for p in gold_data["absent"]}
    for gold, _item in pairs:
        key = gold["number"] or gold["title"] or "?"
        expected |= {(norm(a["name"]), f"item {key}") for a in gold["absent"]}
    got: set[tuple[str, str]] = set()
    if meeting:
        got = {(norm(a.name), a.status) for a in meeting.attendance}
        for gold, item in pairs:
            if item is not None:
                key = gold["number"] or gold["title"] or "?"
                got |= {(norm(a.name), f"item {key}") for a in item.absences}
    c["attendance_gold"] += len(expected)
    c["attendance_found"] += len(got)
    c["attendance_tp"] += len(expected & got)
    return tally

"""Scoring parsed documents against the hand-made structure gold (tests/data/gold/structure, copied from the
shared corpus with its conventions in tests/data/gold/README.md).

Items are matched by number, else by title, else (untitled items, such as a viewer that shows only a case
number and a decision) by order among the untitled ones. Scores are micro-averaged over the whole set:
- items: F1 of matched items;
- case numbers: share of matched items whose case number, KLE number and facet all agree;
- decisions: F1, a gold decision is found when a decision of the matched item contains its excerpt;
- outcomes: share of found decisions with the gold outcome;
- present / absent: F1 over the meeting's present names, and over its absent names together with the per-item
  absences ((item, name) pairs);
- date: share of documents with a gold meeting date whose meeting has that date;
- kind: share of documents whose kind (minutes, agenda, news, other) is the gold's.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from referat.models.records import AgendaItem, Document, Meeting
from tests.conftest import DATA, RAW

GOLD = DATA / "gold" / "structure"
SOURCES = (DATA / "pages", RAW, DATA / "other", DATA / "minutes")
MEASURES = ("items", "case_numbers", "decisions", "outcomes", "present", "absent", "date", "kind")


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.json"))


def source_for(gold: Path) -> Path:
    name = gold.name.removesuffix(".json")
    for folder in SOURCES:
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
            "present": self.f1("present"),
            "absent": self.f1("absent"),
            "date": self.share("date"),
            "kind": self.share("kind"),
        }


def match_items(
    gold_items: list[dict[str, Any]],
    items: tuple[AgendaItem, ...],
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


def score(gold_data: dict[str, Any], document: Document, meeting: Meeting | None) -> Tally:
    tally = Tally()
    c = tally.counts
    c["kind_total"] += 1
    c["kind_ok"] += document.kind == gold_data["kind"]
    gold_date = (gold_data.get("meeting") or {}).get("date")
    if gold_date:
        c["date_total"] += 1
        c["date_ok"] += meeting is not None and meeting.date == gold_date
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
                gold["case_number"],
                gold["kle_number"],
                gold["kle_facet"],
            )
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
    matched = [item for _, item in pairs if item is not None]
    unmatched = [item for item in items if item not in matched]
    _attendance(c, gold_data, pairs, unmatched, meeting)
    return tally


def _attendance(
    c: Counter[str],
    gold_data: dict[str, Any],
    pairs: list[tuple[dict[str, Any], AgendaItem | None]],
    unmatched: list[AgendaItem],
    meeting: Meeting | None,
) -> None:
    present = {norm(p["name"]) for p in gold_data.get("present", [])}
    absent: set[tuple[str, str]] = {(norm(p["name"]), "meeting") for p in gold_data.get("absent", [])}
    for gold, _item in pairs:
        key = gold["number"] or gold["title"] or "?"
        absent |= {(norm(a["name"]), f"item {key}") for a in gold["absent"]}
    got_present: set[str] = set()
    got_absent: set[tuple[str, str]] = set()
    if meeting:
        got_present = {norm(a.name) for a in meeting.attendance if a.status == "present"}
        got_absent = {(norm(a.name), "meeting") for a in meeting.attendance if a.status == "absent"}
        for gold, item in pairs:
            if item is not None:
                key = gold["number"] or gold["title"] or "?"
                got_absent |= {(norm(a.name), f"item {key}") for a in item.absences}
        for item in unmatched:  # absences placed on items the gold does not have count as found, not as right
            got_absent |= {(norm(a.name), f"unmatched {item.number or item.title}") for a in item.absences}
    for name, expected, got in (("present", present, got_present), ("absent", absent, got_absent)):
        c[f"{name}_gold"] += len(expected)
        c[f"{name}_found"] += len(got)
        c[f"{name}_tp"] += len(expected & got)

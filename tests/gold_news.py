"""Scoring parsed documents against the hand-made news and entity gold (tests/data/gold/news_meta.json and
tests/data/gold/entities, copied from the shared corpus; conventions in tests/data/gold/README.md).

Every document is read the way an ingest reads it (`parse_file`), so the scores are those of the pipeline:
- kind: share of documents whose kind (news or other) is the gold's;
- headline, date, author: over the gold's news documents, share whose article title, published date (as
  precise as printed) and author are the gold's, where the gold's null (not printed) must stay null and a page
  not read as an article has none right;
- furniture: share of the gold's `not_in_text` strings that are absent from the cleaned text;
- entities: F1 over distinct (label, text) per document, per label and over all;
- figures: F1 over distinct (kind, value, text) per document.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from referat.models.records import ParsedDocument
from referat.pipeline.parse import parse_file
from tests.conftest import DATA, RAW

NEWS_GOLD = DATA / "gold" / "news_meta.json"
ENTITY_GOLD = DATA / "gold" / "entities"
SOURCES = (RAW, DATA / "news", DATA / "pages", DATA / "other", DATA / "minutes")
NEWS_MEASURES = ("kind", "headline", "date", "author", "furniture")
LABELS = ("PER", "ORG", "LOC")


def source_of(name: str) -> Path:
    """The project's copy of a corpus file, by its name."""
    for folder in SOURCES:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"no project copy of {name}")


def news_gold() -> dict[str, dict[str, Any]]:
    """The news gold by file name."""
    documents: dict[str, dict[str, Any]] = json.loads(NEWS_GOLD.read_text(encoding="utf-8"))["documents"]
    return {Path(source).name: gold for source, gold in documents.items()}


def entity_gold() -> dict[str, dict[str, Any]]:
    """The entity and figure gold by file name."""
    return {
        path.name.removesuffix(".json"): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(ENTITY_GOLD.glob("*.json"))
    }


@cache
def parsed(name: str) -> ParsedDocument:
    return parse_file(source_of(name))


def collapse(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


@dataclass
class Tally:
    """Right and total per measure; true positives, false positives and false negatives per label."""

    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        for mine, theirs in (
            (self.right, other.right),
            (self.total, other.total),
            (self.tp, other.tp),
            (self.fp, other.fp),
            (self.fn, other.fn),
        ):
            mine.update(theirs)

    def share(self, measure: str) -> float | None:
        return self.right[measure] / self.total[measure] if self.total[measure] else None

    def f1(self, label: str) -> float | None:
        tp, fp, fn = self.tp[label], self.fp[label], self.fn[label]
        if not tp + fp + fn:
            return None
        return 2 * tp / (2 * tp + fp + fn)


def score_news(name: str, gold: dict[str, Any], document: ParsedDocument) -> tuple[Tally, list[str]]:
    """The news measures of one document, and what differs from the gold."""
    tally, differences = Tally(), list[str]()
    kind = document.document.kind
    _count(tally, differences, "kind", kind == gold["kind"], f"kind {kind}, gold {gold['kind']}")
    if gold["kind"] == "news":
        article = document.article
        got = {
            "headline": collapse(article.title) if article else None,
            "date": article.published if article else None,
            "author": collapse(article.author) if article else None,
        }
        wanted = {
            "headline": collapse(gold.get("title")),
            "date": gold.get("published"),
            "author": collapse(gold.get("author")),
        }
        for measure in ("headline", "date", "author"):  # a page not read as an article has none of them right
            _count(
                tally,
                differences,
                measure,
                article is not None and got[measure] == wanted[measure],
                f"{measure} {got[measure]!r}, gold {wanted[measure]!r}",
            )
    text = document.document.text
    for furniture in gold.get("not_in_text", []):
        _count(tally, differences, "furniture", furniture not in text, f"furniture left: {furniture!r}")
    return tally, differences


def score_entities(gold: dict[str, Any], document: ParsedDocument) -> tuple[Tally, list[str]]:
    """Entity and figure F1 counts of one document, and the misses and extras."""
    tally, differences = Tally(), list[str]()
    expected = {(entry["label"], collapse(entry["text"])) for entry in gold["entities"]}
    found = {(entity.label, collapse(entity.text)) for entity in document.entities}
    _pairs(tally, differences, expected, found, lambda pair: pair[0])
    expected_figures = {_figure_key(f["kind"], f["value"], f["text"]) for f in gold["figures"]}
    found_figures = {_figure_key(f.kind, f.value, f.text) for f in document.figures}
    _pairs(tally, differences, expected_figures, found_figures, lambda _: "FIG")
    return tally, differences


def _figure_key(kind: str, value: float, text: str) -> tuple[str, float, str]:
    return kind, round(float(value), 6), " ".join(text.split()).casefold()


def _pairs(tally: Tally, differences: list[str], expected: set[Any], found: set[Any], label_of: Any) -> None:
    for pair in expected & found:
        tally.tp[label_of(pair)] += 1
    for pair in found - expected:
        tally.fp[label_of(pair)] += 1
        differences.append(f"extra   {pair}")
    for pair in expected - found:
        tally.fn[label_of(pair)] += 1
        differences.append(f"missing {pair}")


def _count(tally: Tally, differences: list[str], measure: str, right: bool, difference: str) -> None:
    tally.total[measure] += 1
    tally.right[measure] += right
    if not right:
        differences.append(difference)


def news_table() -> tuple[Tally, list[str]]:
    """The whole news gold: the summed tally, and a table per document with the worst ten named."""
    total, rows, ranked = Tally(), list[str](), []
    lines = [f"{'document':60} " + " ".join(f"{measure:>9}" for measure in NEWS_MEASURES)]
    for name, gold in sorted(news_gold().items()):
        tally, differences = score_news(name, gold, parsed(name))
        total.add(tally)
        shares = [tally.share(measure) for measure in NEWS_MEASURES]
        lines.append(f"{name[:60]:60} " + " ".join(_cell(share) for share in shares))
        known = [share for share in shares if share is not None]
        ranked.append((sum(known) / len(known), name, differences))
        rows.extend(f"  {name}: {difference}" for difference in differences)
    lines.append(f"{'ALL':60} " + " ".join(_cell(total.share(measure)) for measure in NEWS_MEASURES))
    worst = sorted(ranked)[:10]
    lines.append("worst ten: " + ", ".join(f"{name} ({share:.2f})" for share, name, _ in worst))
    return total, lines + rows


def entity_table() -> tuple[Tally, list[str]]:
    """The whole entity and figure gold: the summed tally, and a table per document with the worst ten named."""
    total, rows, ranked = Tally(), list[str](), []
    columns = (*LABELS, "ALL", "FIG")
    lines = [f"{'document':60} " + " ".join(f"{column:>6}" for column in columns)]
    for name, gold in entity_gold().items():
        tally, differences = score_entities(gold, parsed(name))
        for counter in (tally.tp, tally.fp, tally.fn):
            counter["ALL"] = sum(counter[label] for label in LABELS)
        total.add(tally)
        scores = [tally.f1(column) for column in columns]
        lines.append(f"{name[:60]:60} " + " ".join(_cell(score, 6) for score in scores))
        known = [score for score in scores if score is not None]
        ranked.append((sum(known) / len(known) if known else 1.0, name))
        rows.extend(f"  {name}: {difference}" for difference in differences)
    lines.append(f"{'ALL':60} " + " ".join(_cell(total.f1(column), 6) for column in columns))
    lines.append("worst ten: " + ", ".join(f"{name} ({score:.2f})" for score, name in sorted(ranked)[:10]))
    return total, lines + rows


def _cell(value: float | None, width: int = 9) -> str:
    return f"{value:>{width}.2f}" if value is not None else " " * width


if __name__ == "__main__":
    for table in (news_table, entity_table):
        print("\n".join(table()[1]))
        print()

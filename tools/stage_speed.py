"""How fast two analysers read text on their own: the entity stage (words/s) and the figure finder (MB/s).

    python -m tools.stage_speed

The texts are data/raw's, the entity stage reading each document ten times over as the pipeline calls it, the
figure finder a 5 MB text made of them. These were floors in the unit tests, where a loaded machine made them
fail for nothing; here they are figures to read beside `make bench`, which measures the whole ingest. A figure
under its floor (a collapse, not a slip) exits 1.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from referat.extractors.entities import find_entities
from referat.extractors.figures import find_figures

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
ENTITY_FLOOR = 100_000  # words/s
FIGURES_FLOOR = 1_000_000  # characters/s
ROUNDS = 3


def entity_words_per_second(texts: list[str]) -> float:
    """The best of `ROUNDS` runs over the texts, ten times over, one document at a time."""
    words = sum(len(text.split()) for text in texts)
    list(find_entities(texts[0]))  # build the pipeline once
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for _ in range(10):
            for text in texts:
                for _ in find_entities(text):
                    pass
        best = min(best, time.perf_counter() - started)
    return words * 10 / best


def figures_characters_per_second(texts: list[str]) -> float:
    seed = "\n\n".join(texts)
    text = (seed * (5_000_000 // len(seed) + 1))[:5_000_000]
    started = time.perf_counter()
    for _ in find_figures(text):
        pass
    return len(text) / (time.perf_counter() - started)


def main() -> int:
    texts = [path.read_text(encoding="utf-8") for path in sorted(RAW.glob("*.txt"))]
    entities = entity_words_per_second(texts)
    figures = figures_characters_per_second(texts)
    print(f"entity stage: {entities:,.0f} words/s (floor {ENTITY_FLOOR:,})")
    print(f"figures:      {figures / 1e6:.2f} MB/s (floor {FIGURES_FLOOR / 1e6:.0f} MB/s)")
    return 0 if entities >= ENTITY_FLOOR and figures >= FIGURES_FLOOR else 1


if __name__ == "__main__":
    sys.exit(main())

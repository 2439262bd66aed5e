"""The benchmark's corpus generator: distinct PDFs of the planned page counts, made of the seed texts."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tools import bench, bench_corpus
from tools.bench_corpus import DocSpec, ensure_corpus, load_seeds, plan_corpus, render_corpus

RAW_DIR = Path(__file__).resolve().parents[1] / "data" / "raw"
SPECS = [
    DocSpec(number=1, pages=2, kind="minutes", font=0, size=10.0),
    DocSpec(number=2, pages=3, kind="report", font=1, size=11.0),
    DocSpec(number=3, pages=2, kind="minutes", font=0, size=10.0),  # differs from no. 1 by its number only
]


def _page_texts(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(path)
    try:
        texts = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


def test_rendered_documents_are_distinct_full_pages_of_the_seed_texts(tmp_path: Path) -> None:
    seeds = load_seeds(RAW_DIR)
    corpus = render_corpus(SPECS, seeds, tmp_path)

    assert [file.name for file in corpus.files] == [spec.filename for spec in SPECS]
    digests = {hashlib.sha256(path.read_bytes()).hexdigest() for path in corpus.paths}
    assert digests == {file.sha256 for file in corpus.files}
    assert len(digests) == len(SPECS)
    assert corpus.pages == 7
    for spec, path in zip(SPECS, corpus.paths, strict=True):
        pages = _page_texts(path)
        assert len(pages) == spec.pages
        assert all(len(" ".join(text.split())) > 1500 for text in pages), "every page is full of text"
        assert f"Dokument nr. {spec.number:04d}" in pages[0]
        words = " ".join(" ".join(pages).split())
        seed_paragraphs = seeds.report_paragraphs if spec.kind == "report" else seeds.paragraphs
        # Paragraphs break across lines and pages, so look for the start of one, which is whole somewhere.
        assert any(paragraph[:60] in words for paragraph in seed_paragraphs)
        assert any(letter in words for letter in "æøå")
    assert "REFERAT" in _page_texts(corpus.paths[0])[0]


def test_rendering_is_reproducible(tmp_path: Path) -> None:
    seeds = load_seeds(RAW_DIR)
    first = render_corpus(SPECS[:1], seeds, tmp_path / "a")
    second = render_corpus(SPECS[:1], seeds, tmp_path / "b")
    assert first.files == second.files


def test_the_plan_has_enough_pages_of_documents_of_ten_to_twenty_pages() -> None:
    specs = plan_corpus()
    assert sum(spec.pages for spec in specs) >= bench_corpus.MIN_PAGES
    assert all(10 <= spec.pages <= 20 for spec in specs)
    assert len({spec.filename for spec in specs}) == len(specs)
    assert {spec.kind for spec in specs} == {"minutes", "report"}


def test_the_corpus_is_cached_until_its_files_or_key_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_corpus, "plan_corpus", lambda min_pages: SPECS[:2])
    directory, manifest = tmp_path / "corpus", tmp_path / "manifest.json"

    corpus, rendered = ensure_corpus(directory, manifest, RAW_DIR)
    assert rendered and corpus.pages == 5 and json.loads(manifest.read_text())["files"]
    again, rendered = ensure_corpus(directory, manifest, RAW_DIR)
    assert not rendered and again == corpus

    corpus.paths[0].unlink()
    _, rendered = ensure_corpus(directory, manifest, RAW_DIR)
    assert rendered and corpus.paths[0].exists()

    monkeypatch.setattr(bench_corpus, "GENERATOR_VERSION", "test")
    _, rendered = ensure_corpus(directory, manifest, RAW_DIR)
    assert rendered


def test_the_benchmark_runs_referat_compiled_to_bytecode_as_an_installed_package_would() -> None:
    root = Path(bench.__file__).resolve().parent.parent
    sources = [path for package in bench.PACKAGES for path in (root / package).rglob("*.py")]
    Path(importlib.util.cache_from_source(str(root / "pipeline" / "ingest.py"))).unlink(missing_ok=True)
    bench.compile_bytecode()
    stale = [
        path
        for path in sources
        if not Path(importlib.util.cache_from_source(str(path))).exists()
        or Path(importlib.util.cache_from_source(str(path))).stat().st_mtime < path.stat().st_mtime
    ]
    assert len(sources) > 50
    assert stale == []

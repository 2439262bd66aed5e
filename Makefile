# referat: `make ingest` and `make test` work on a fresh machine with only Python 3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
RAW ?= data/raw
DB ?= data/processed/minutes.db
PORT ?= 8001
SIZES ?= 1000,10000
SYNTHETIC ?= 2000000

.PHONY: setup ingest test test-fast serve lint bench bench-scale clean

setup: $(STAMP)

# Re-install only when the project's dependencies change; compile the modules to bytecode as pip does for an installed
# package (an editable install leaves it to the first import, which skips it when PYTHONDONTWRITEBYTECODE is set).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q pipeline extractors models
	touch $(STAMP)

ingest: $(STAMP)
	$(BIN)/referat ingest $(RAW) --db $(DB)

# Every test, one at a time: the timing tests (hostile input must take linear time) want a quiet core, and the
# server and browser tests their own ports and processes.
test: $(STAMP)
	$(BIN)/python -m pytest

# The unit tests, on every core: what a change is checked with while it is written. `make test` runs the rest.
FAST_MARKERS := not integration and not server and not browser and not slow and not timing
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n auto -m "$(FAST_MARKERS)"

serve: $(STAMP)
	test -f $(DB) || $(MAKE) ingest RAW=$(RAW) DB=$(DB)
	$(BIN)/referat serve --db $(DB) --port $(PORT)

LINTED := pipeline extractors models tests tools
lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	mkdir -p .lint/referat
	for package in pipeline extractors models; do ln -sfn ../../$$package .lint/referat/$$package; done
	$(BIN)/mypy

bench: $(STAMP)
	command -v pdftotext >/dev/null || (apt-get update -qq && apt-get install -y -qq poppler-utils) \
		|| (sudo apt-get update -qq && sudo apt-get install -y -qq poppler-utils)
	$(BIN)/python -m tools.bench

# Ingest and query times as the archive grows (issue 14): SIZES documents generated into data/bench-scale/, and the
# queries on referat.pipeline.synthetic's database of SYNTHETIC agenda items (SYNTHETIC=0: not).
bench-scale: $(STAMP)
	$(BIN)/python -m tools.bench_scale --sizes $(SIZES) --synthetic $(SYNTHETIC)

clean:
	rm -rf $(VENV) data/processed/*.db data/processed/*.json data/bench data/bench-scale tests/output build *.egg-info .lint

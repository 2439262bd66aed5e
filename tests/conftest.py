"""Shared fixtures: the sample documents, the copies of corpus files under tests/data, and a sample database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from referat.pipeline.ingest import IngestReport, ingest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def sample_ingest(tmp_path_factory: pytest.TempPathFactory) -> IngestReport:
    """The sample documents of data/raw ingested once into a fresh database."""
    db_path = tmp_path_factory.mktemp("sample") / "minutes.db"
    return ingest([RAW], db_path)


@pytest.fixture(scope="session")
def sample_db(sample_ingest: IngestReport) -> Path:
    return sample_ingest.db_path


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A private copy of data/raw that a test may change."""
    folder = tmp_path / "raw"
    shutil.copytree(RAW, folder)
    return folder

"""The distributed path: files read on a Dask cluster into shards, then merged by the one loader, give the same
database as a local ingest; shards are made once and loaded once."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import distributed
import pytest
from click.testing import CliRunner
from distributed import Client

from referat.models.records import content_hash
from referat.pipeline import distributed as cluster
from referat.pipeline.cli import cli
from referat.pipeline.ingest import IngestReport, ingest
from referat.pipeline.rows import PreparedDocument
from referat.pipeline.workers import Limits
from tests.conftest import DATA, RAW

pytestmark = pytest.mark.integration

# Columns that say when a row was written, not what was read.
RUN_TIME_COLUMNS = {"ingested_at", "first_seen"}
# The log of runs, which differs by nature between two runs.
LOG_TABLES = {"ingest_runs", "ingest_files"}


def table_dump(db_path: Path) -> dict[str, list[str]]:
    """Every row of every table, sorted, without run-time columns; full-text indexes are left out (their own
    tests read them, and their pages depend on the order of inserts)."""
    conn = sqlite3.connect(db_path)
    try:
        virtual = [
            name
            for (name,) in conn.execute(
                "select name from sqlite_master where type = 'table' and sql like 'create virtual table%'"
            )
        ]
        tables = [
            name
            for (name,) in conn.execute("select name from sqlite_master where type = 'table'")
            if not name.startswith("sqlite_")
            and name not in LOG_TABLES
            and not any(name == v or name.startswith(f"{v}_") for v in virtual)
        ]
        dump = {}
        for table in tables:
            columns = [
                row[1] for row in conn.execute(f"pragma table_info([{table}])") if row[1] not in RUN_TIME_COLUMNS
            ]
            names = ", ".join(f"[{column}]" for column in columns)
            dump[table] = sorted(repr(row) for row in conn.execute(f"select {names} from [{table}]"))
        return dump
    finally:
        conn.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample documents, minutes pages with their folder's INDEX.csv, a PDF attachment, two news articles,
    the same minutes under a second name, and two files that cannot be read (empty, a broken PDF)."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(RAW, folder / "raw")
    pages = folder / "pages"
    pages.mkdir()
    for name in (
        "INDEX.csv",
        "ballerup_kb_2019-08-26.txt",
        "flippingbook_byraadet_2016-02-23_votes.txt",
        "herning_byraad_2021-08-24_edoc.txt",
    ):
        shutil.copy(DATA / "pages" / name, pages / name)
    shutil.copy(DATA / "other" / "ballerup_kb-bilag-kl-brev_2013-01-03_sbsys_other.pdf", folder)
    for name in ("tvsyd_horsens-partier-dropper-valgplakater_2024.txt", "furesoe_avis_naturlegeplads_2021-09-27.html"):
        shutil.copy(DATA / "news" / name, folder / name)
    shutil.copy(pages / "ballerup_kb_2019-08-26.txt", folder / "kb-copy.txt")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage")
    # Written an hour ago: a file written in the last two seconds has its size and time not recorded (git's racy
    # rule), and whether a file is that young when each path reads it would decide document_paths' stamps.
    an_hour_ago = time.time() - 3600
    for path in folder.rglob("*"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    return folder


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """Two workers in this process (threads; each task forks a process per file, as a local ingest does)."""
    with cluster.local_client(workers=2) as local:
        yield local


@dataclass(frozen=True)
class Built:
    shard_dir: Path
    report: cluster.ShardReport


@pytest.fixture(scope="module")
def built(corpus: Path, client: Client, tmp_path_factory: pytest.TempPathFactory) -> Built:
    shard_dir = tmp_path_factory.mktemp("shards")
    return Built(shard_dir, cluster.build_shards([corpus], shard_dir, client))


@pytest.fixture(scope="module")
def local(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> IngestReport:
    return ingest([corpus], tmp_path_factory.mktemp("local") / "minutes.db")


@pytest.fixture(scope="module")
def loaded(corpus: Path, built: Built, tmp_path_factory: pytest.TempPathFactory) -> IngestReport:
    return cluster.load_shards([corpus], built.shard_dir, tmp_path_factory.mktemp("loaded") / "minutes.db")


def test_every_file_gets_a_shard_and_broken_files_a_failed_documents_shard(corpus: Path, built: Built) -> None:
    outcomes = {Path(outcome.path).name: outcome for outcome in built.report.outcomes}
    files = [path for path in corpus.rglob("*") if path.is_file() and path.name != "INDEX.csv"]
    assert sorted(outcomes) == sorted(path.name for path in files)
    assert {outcome.action for outcome in outcomes.values()} == {"built"}
    assert outcomes["empty.pdf"].status == "failed"
    assert outcomes["broken.pdf"].status == "failed"
    assert outcomes["broken.pdf"].error
    shards = sorted(built.shard_dir.rglob("*.json.gz"))
    assert shards == sorted({outcome.shard for outcome in outcomes.values() if outcome.shard})
    assert len(shards) == len(outcomes)


def test_the_same_bytes_beside_an_index_get_their_own_shard(built: Built) -> None:
    """A folder's INDEX.csv tells what the text does not (the source, the committee): the copy without it is read
    without them, so the two are shards of their own."""
    outcomes = {Path(outcome.path).name: outcome for outcome in built.report.outcomes}
    copy, original = outcomes["kb-copy.txt"], outcomes["ballerup_kb_2019-08-26.txt"]
    assert copy.sha256 == original.sha256
    assert copy.shard != original.shard
    assert [read_document(shard)["source_url"] for shard in (copy.shard, original.shard)] == [
        None,
        "https://ballerup.dk/dagsorden/kommunalbestyrelsen-26-08-2019",
    ]


def read_document(shard: Path | None) -> dict[str, object]:
    assert shard is not None
    documents = json.loads(gzip.decompress(shard.read_bytes()))["tables"]["documents"]
    return dict(zip(documents["columns"], documents["rows"][0], strict=True))


def test_the_distributed_path_gives_the_rows_of_a_local_ingest(local: IngestReport, loaded: IngestReport) -> None:
    local_rows, distributed_rows = table_dump(local.db_path), table_dump(loaded.db_path)
    assert sorted(distributed_rows) == sorted(local_rows)
    for table, rows in local_rows.items():
        assert distributed_rows[table] == rows, table
    assert len(local_rows["documents"]) >= 12
    assert any("'failed'" in row for row in local_rows["documents"])


def test_the_load_reports_every_file_as_a_local_ingest_does(local: IngestReport, loaded: IngestReport) -> None:
    assert sorted(loaded.outcomes, key=repr) == sorted(local.outcomes, key=repr)
    assert loaded.counts == local.counts
    assert local.counts["failed"] == 2  # the empty and the broken PDF


def test_a_second_load_is_a_no_op(
    corpus: Path, built: Built, loaded: IngestReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = table_dump(loaded.db_path)
    opened: list[Path] = []
    real_read = cluster.read_shard

    def spy(source: Path, **options: Any) -> PreparedDocument | None:
        opened.append(source)
        return real_read(source, **options)

    monkeypatch.setattr(cluster, "read_shard", spy)
    again = cluster.load_shards([corpus], built.shard_dir, loaded.db_path)
    assert again.counts["new"] == again.counts["changed"] == 0
    assert opened == [], "a file already ingested has its shard read again"
    assert table_dump(loaded.db_path) == before


def test_a_second_build_reuses_every_shard(corpus: Path, built: Built, client: Client) -> None:
    written = {path: path.stat().st_mtime_ns for path in built.shard_dir.rglob("*.json.gz")}
    again = cluster.build_shards([corpus], built.shard_dir, client)
    assert again.counts == {"built": 0, "reused": len(again.outcomes), "failed": 0}
    assert {path: path.stat().st_mtime_ns for path in built.shard_dir.rglob("*.json.gz")} == written


def test_a_shard_of_another_format_lives_elsewhere_so_a_build_does_not_reuse_it(
    corpus: Path, built: Built, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A shard written before the format changed (SHARD_FORMAT 1 had no article mentions) cannot be loaded: a build
    # must not count it as reused.
    one = next(path for path in sorted(corpus.rglob("*.txt")))
    sha = content_hash(one.read_bytes())
    before = cluster.shard_path(built.shard_dir, one, sha)
    monkeypatch.setattr(cluster, "SHARD_FORMAT", cluster.SHARD_FORMAT + 1)
    assert before.is_file() and cluster.shard_path(built.shard_dir, one, sha) != before


def test_the_load_takes_the_rows_from_the_shard(corpus: Path, built: Built, tmp_path: Path) -> None:
    """A shard's rows are what the load stores (the file is not read again where the load runs), under the path
    the file is loaded from."""
    outcome = next(o for o in built.report.outcomes if Path(o.path).name.startswith("tvsyd_horsens"))
    assert outcome.sha256 and outcome.shard
    article = tmp_path / "horsens.txt"
    shutil.copy(outcome.path, article)
    shard = tmp_path / "shards"
    target = cluster.shard_path(shard, article, outcome.sha256)
    target.parent.mkdir(parents=True)
    payload = json.loads(gzip.decompress(outcome.shard.read_bytes()))
    documents = payload["tables"]["documents"]
    documents["rows"][0][documents["columns"].index("title")] = "Titlen fra skåret"
    target.write_bytes(gzip.compress(json.dumps(payload).encode()))

    report = cluster.load_shards([article], shard, tmp_path / "minutes.db")

    conn = sqlite3.connect(report.db_path)
    # cited as a local ingest cites a file given by itself outside the current folder: by its name
    assert conn.execute("select title, path from documents").fetchall() == [("Titlen fra skåret", article.name)]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="cut short by a killed writer"),
        pytest.param(
            lambda data: gzip.compress(json.dumps({"format": 1, "parser_version": "0"}).encode()),
            id="of an older parser version",
        ),
    ],
)
def test_a_shard_that_cannot_be_used_is_read_where_the_load_runs(
    corpus: Path, built: Built, tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    article = corpus / "tvsyd_horsens-partier-dropper-valgplakater_2024.txt"
    outcome = next(o for o in built.report.outcomes if Path(o.path).name == article.name)
    assert outcome.sha256 and outcome.shard
    shard = tmp_path / "shards"
    target = cluster.shard_path(shard, article, outcome.sha256)
    target.parent.mkdir(parents=True)
    target.write_bytes(damage(outcome.shard.read_bytes()))

    report = cluster.load_shards([article], shard, tmp_path / "minutes.db")

    assert report.counts["new"] == 1
    local = tmp_path / "local.db"
    ingest([article], local)
    assert table_dump(report.db_path) == table_dump(local)


def test_a_file_over_the_time_limit_becomes_a_failed_documents_shard(client: Client, tmp_path: Path) -> None:
    minutes = RAW / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.pdf"
    report = cluster.build_shards([minutes], tmp_path / "shards", client, limits=Limits(seconds=0.001))
    (outcome,) = report.outcomes
    assert (outcome.action, outcome.status) == ("built", "failed")
    assert outcome.error and "time limit" in outcome.error

    loaded = cluster.load_shards([minutes], tmp_path / "shards", tmp_path / "minutes.db")
    assert [(o.action, o.error) for o in loaded.outcomes] == [("failed", outcome.error)]


def test_a_file_whose_dask_workers_died_becomes_a_failed_document(tmp_path: Path) -> None:
    """Dask's own memory limit is the backstop: a file on which it lost its workers again and again
    (`KilledWorker`) is recorded as failed, as a file whose worker dies in a local ingest is."""
    minutes = RAW / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.pdf"
    killed = distributed.KilledWorker("build_shard-1", None, 3)  # type: ignore[arg-type]  # the worker is gone

    outcome = cluster._lost(minutes, tmp_path / "shards", killed)

    assert (outcome.action, outcome.status) == ("built", "failed")
    loaded = cluster.load_shards([minutes], tmp_path / "shards", tmp_path / "minutes.db")
    ((action, error),) = [(o.action, o.error) for o in loaded.outcomes]
    assert action == "failed"
    assert error and "Dask workers reading this file died" in error


def test_a_task_that_broke_leaves_its_file_to_the_load(tmp_path: Path) -> None:
    minutes = RAW / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.pdf"
    outcome = cluster._lost(minutes, tmp_path / "shards", OSError(28, "No space left on device"))
    assert (outcome.action, outcome.shard) == ("failed", None)
    assert outcome.error and "No space left" in outcome.error
    assert not (tmp_path / "shards").exists()


def test_the_commands_build_and_load_shards(tmp_path: Path) -> None:
    runner = CliRunner()
    shards, db_path = tmp_path / "shards", tmp_path / "minutes.db"

    built = runner.invoke(cli, ["shards", str(RAW), "--shards", str(shards)])
    assert built.exit_code == 0, built.output
    assert "7 built, 0 reused, 0 failed" in built.output
    loaded = runner.invoke(cli, ["ingest", str(RAW), "--shards", str(shards), "--db", str(db_path), "--no-progress"])
    assert loaded.exit_code == 0, loaded.output
    assert "7 new, 0 changed, 0 unchanged, 0 failed" in loaded.output
    again = runner.invoke(cli, ["shards", str(RAW), "--shards", str(shards)])
    assert "0 built, 7 reused, 0 failed" in again.output

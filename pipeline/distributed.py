"""The per-document work of an ingest on a Dask cluster, and the one loader that merges what it made.

Reading a file into rows (extract, parse, analyse, `pipeline.rows.prepare`) depends on that file alone, so a
national archive can be read by many machines: `build_shards` sends one task per file (the largest first) to a
Dask cluster, and each task writes the document's rows as a shard named by the file's SHA-256 into a folder every
worker and the loading machine share. `load_shards` then runs the ordinary ingest
(`pipeline.ingest.ingest`) with a reader of those shards: the same plan by content hash, the same per-document
save and the same derived stage as a local ingest, so the rows are the same, a second load is a no-op, and a
file without a shard is simply parsed where the load runs.

A shard is one gzipped JSON file per document: every table's columns and value tuples. JSON keeps each value's
type exactly (an int stays an int next to a float in the same column, which a Parquet schema inferred per file
would not promise), needs no library, and one file per document is written atomically (a temporary file renamed
into place), so a shard that exists is whole and is never computed again. What a file reads as depends on a little
more than its bytes: its suffix (.txt or .html) and its folder's INDEX.csv row (`pipeline.sidecar`); the shard's
name carries a digest of those and the parser version, so the same bytes read in another context get their own
shard, and a changed index or parser makes new ones.

Each task reads its file in a process forked for it, under the local path's limits (`pipeline.workers`): Dask
has no time limit per task, and its memory limit (the nanny restarts a worker over `--memory-limit`) counts a
whole worker. A file that hits a limit, or breaks the parser, becomes a failed document's shard with the same
reason a local ingest records; a file whose worker Dask itself lost (`KilledWorker`) too.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import gzip
import json
import multiprocessing
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from referat.extractors.errors import FileAccessError
from referat.models.records import Document, content_hash, path_text
from referat.pipeline import PARSER_VERSION, storage
from referat.pipeline.ingest import (
    FileJob,
    IngestReport,
    default_workers,
    failed_document,
    file_sha256,
    ingest,
    parse_job,
    start_worker,
)
from referat.pipeline.inputs import discover
from referat.pipeline.rows import PreparedDocument, Tables, prepare
from referat.pipeline.sidecar import hints_for
from referat.pipeline.workers import Limits, Stopped, Workers

if TYPE_CHECKING:
    from distributed import Client

SHARD_FORMAT = 2  # 2: with article_mentions

ShardAction = Literal["built", "reused", "failed"]
SHARD_ACTIONS: tuple[ShardAction, ...] = ("built", "reused", "failed")


class ClusterError(Exception):
    """The cluster cannot run the shard tasks: Dask is missing, or its workers cannot fork a process per file."""


@dataclass(frozen=True)
class ShardOutcome:
    """What one task did with one file: `built` or `reused` its shard (whose document has `status`), or `failed`
    to write one (`error` says why; the load then reads the file itself)."""

    path: str
    action: ShardAction
    sha256: str | None = None
    shard: Path | None = None
    status: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class ShardReport:
    shard_dir: Path
    outcomes: tuple[ShardOutcome, ...]
    seconds: float

    @property
    def counts(self) -> dict[ShardAction, int]:
        counted = Counter(outcome.action for outcome in self.outcomes)
        return {action: counted.get(action, 0) for action in SHARD_ACTIONS}


def shard_path(shard_dir: Path, path: Path, sha256: str) -> Path:
    """Where the shard of the file at `path`, whose content has `sha256`, lives: by parser version and shard format
    (a shard of another format is built again, not taken for this one), then by hash
    (256 folders, not millions of files in one), named by the hash and the digest of how the file is read."""
    context = json.dumps([PARSER_VERSION, path.suffix.lower(), *vars(hints_for(path)).values()])
    digest = content_hash(context.encode("utf-8"))[:12]
    return shard_dir / f"parser-{PARSER_VERSION}-format-{SHARD_FORMAT}" / sha256[:2] / f"{sha256}-{digest}.json.gz"


def write_shard(target: Path, prepared: PreparedDocument) -> None:
    """Write a document's rows as its shard, atomically: a reader sees the whole shard or none."""
    payload = {
        "format": SHARD_FORMAT,
        "parser_version": PARSER_VERSION,
        "sha256": prepared.document.sha256,
        "tables": {
            table: {"columns": list(columns), "rows": values} for table, (columns, values) in prepared.tables.items()
        },
    }
    data = gzip.compress(json.dumps(payload, ensure_ascii=False).encode("utf-8"), compresslevel=6, mtime=0)
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def read_shard(source: Path, *, path: Path) -> PreparedDocument | None:
    """A shard's rows as the file at `path` gives them; None when there is no usable shard (missing, cut short,
    of another parser version): the file is then read where the load runs. The ingest stamps its own time."""
    try:
        payload = json.loads(gzip.decompress(source.read_bytes()))
    except (OSError, EOFError, ValueError):
        return None
    if payload.get("format") != SHARD_FORMAT or payload.get("parser_version") != PARSER_VERSION:
        return None
    tables: Tables = {}
    for table, stored in payload["tables"].items():
        columns = tuple(stored["columns"])
        rows = [tuple(row) for row in stored["rows"]]
        if table == "documents":
            # The path it is loaded from, as a local ingest of that path stores it (twins share a shard).
            rows = [_with(columns, row, path=path_text(path)) for row in rows]
        tables[table] = (columns, rows)
    columns, (row, *_) = tables["documents"]
    return PreparedDocument(_document(dict(zip(columns, row, strict=True))), tables)


def _with(columns: tuple[str, ...], row: tuple[Any, ...], **values: Any) -> tuple[Any, ...]:
    return tuple(values.get(column, value) for column, value in zip(columns, row, strict=True))


_DOCUMENT_FIELDS = tuple(field.name for field in fields(Document))


def _document(row: dict[str, Any]) -> Document:
    """The document of a `documents` row, without its text (as `prepare` keeps it)."""
    values = {name: row[name] for name in _DOCUMENT_FIELDS if name in row}
    values["warnings"] = tuple(json.loads(row["warnings"] or "[]"))
    values["text"] = ""
    return Document(**values)


class ShardReader:
    """`read` for `pipeline.ingest.ingest`: a file's prepared rows from its shard, or None to parse it."""

    def __init__(self, shard_dir: Path) -> None:
        self.shard_dir = shard_dir

    def __call__(self, path: Path, sha256: str | None) -> PreparedDocument | None:
        if sha256 is None:
            return None
        return read_shard(shard_path(self.shard_dir, path, sha256), path=path)


def load_shards(paths: Iterable[Path], shard_dir: Path, db_path: Path, **options: Any) -> IngestReport:
    """Ingest `paths` into `db_path`, taking each file's rows from its shard where there is one. `options` go to
    `pipeline.ingest.ingest` (workers, limits, on_outcome) for the files without a shard."""
    return ingest(paths, db_path, read=ShardReader(shard_dir), **options)


# --- Building shards: the tasks ---


@dataclass(frozen=True)
class _ShardJob:
    job: FileJob
    target: Path


@functools.cache
def _warmed_up() -> None:
    """The analysers loaded once per worker process, before it forks a process per file (which shares them)."""
    from referat.pipeline.warmup import warm_up

    warm_up()
    gc.freeze()  # as a local ingest does: the collector in a forked process leaves the shared pages alone


def build_shard(path: Path, shard_dir: Path, limits: Limits) -> ShardOutcome:
    """One Dask task: the shard of one file, unless it exists. The file is read in a process forked for it,
    under `limits`."""
    shown = path_text(path)
    try:
        sha256, size = file_sha256(path)
    except OSError as error:
        return ShardOutcome(shown, "failed", error=str(FileAccessError.from_os_error(error)))
    target = shard_path(shard_dir, path, sha256)
    if target.is_file():
        return ShardOutcome(shown, "reused", sha256, target)
    if multiprocessing.current_process().daemon:
        raise ClusterError(
            "the Dask worker is a daemonic process and cannot fork a process per file: start the "
            "workers with DASK_DISTRIBUTED__WORKER__DAEMON=False in their environment"
        )
    _warmed_up()
    job = FileJob(path, storage.utc_now(), None, sha256, size)
    pool: Workers[Path, _ShardJob, ShardOutcome] = Workers(_build_in_worker, 1, limits, initializer=start_worker)
    for _, outcome in pool.run([(path, _ShardJob(job, target))]):
        if isinstance(outcome, Stopped):
            return _save(target, prepare(failed_document(job, outcome.message), ingested_at=job.ingested_at), shown)
        return outcome
    raise AssertionError("the pool answers every task")  # pragma: no cover


def _build_in_worker(task: _ShardJob) -> ShardOutcome:
    """Runs in the process forked for one file: parse it, write its shard."""
    return _save(task.target, parse_job(task.job), path_text(task.job.path))


def _save(target: Path, prepared: PreparedDocument, shown: str) -> ShardOutcome:
    document = prepared.document
    try:
        write_shard(target, prepared)
    except OSError as error:
        return ShardOutcome(shown, "failed", document.sha256, error=f"the shard {target} cannot be written: {error}")
    return ShardOutcome(shown, "built", document.sha256, target, document.status, document.error)


# --- Building shards: the client ---


def build_shards(
    paths: Iterable[Path],
    shard_dir: Path,
    client: Client | None = None,
    *,
    limits: Limits | None = None,
    on_outcome: Callable[[ShardOutcome], None] | None = None,
) -> ShardReport:
    """A shard for every file in `paths` (files and folders, as `referat ingest` takes them), one Dask task per
    file, the largest first; shards that exist are kept. Without a `client`, a local cluster of threads (each
    forking a process per file) runs the tasks."""
    started = time.monotonic()
    files = sorted(discover(paths), key=_size, reverse=True)
    shard_dir = Path(os.path.abspath(shard_dir))
    shard_dir.mkdir(parents=True, exist_ok=True)
    if client is None:
        with local_client() as local:
            outcomes = _run(local, files, shard_dir, limits or Limits(), on_outcome)
    else:
        outcomes = _run(client, files, shard_dir, limits or Limits(), on_outcome)
    return ShardReport(shard_dir, tuple(outcomes), time.monotonic() - started)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@contextlib.contextmanager
def local_client(workers: int | None = None) -> Iterator[Client]:
    """A Dask cluster in this process: the parsing happens in the processes each task forks, so threads do."""
    distributed = _distributed()
    # No dashboard, and the scheduler's own HTTP server (health, metrics) on a free port rather than 8787, which
    # another cluster on the machine may hold.
    with (
        distributed.LocalCluster(
            n_workers=workers or default_workers(),
            threads_per_worker=1,
            processes=False,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": ":0"},
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def connect(scheduler: str) -> Client:
    """A client of the Dask scheduler at `scheduler` (tcp://host:8786)."""
    client: Client = _distributed().Client(scheduler)
    return client


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as error:
        raise ClusterError("Dask is not installed: pip install 'referat[cluster]'") from error
    return distributed


def _run(
    client: Client,
    files: list[Path],
    shard_dir: Path,
    limits: Limits,
    on_outcome: Callable[[ShardOutcome], None] | None,
) -> list[ShardOutcome]:
    distributed = _distributed()
    # Workers have working folders of their own: they are given absolute paths, the outcomes show the paths given.
    futures = {
        client.submit(
            build_shard, Path(os.path.abspath(path)), shard_dir, limits, pure=False, priority=len(files) - position
        ): path
        for position, path in enumerate(files)
    }
    outcomes: list[ShardOutcome] = []
    for future in distributed.as_completed(futures):
        path = futures[future]
        if future.status == "error":
            error = future.exception()
            if isinstance(error, ClusterError):
                untyped: Any = client  # distributed's Client.cancel has no annotations
                untyped.cancel(list(futures))
                raise error
            outcome = _lost(path, shard_dir, error)
        else:
            outcome = dataclasses.replace(future.result(), path=path_text(path))
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return outcomes


def _lost(path: Path, shard_dir: Path, error: BaseException | None) -> ShardOutcome:
    """A task that ended in an exception. A worker Dask lost again and again on this file (its memory limit, a
    crash) makes the file a failed document, as a worker that dies does locally; anything else leaves the file
    to the load."""
    shown = path_text(path)
    if not isinstance(error, _distributed().KilledWorker):
        return ShardOutcome(shown, "failed", error=f"{type(error).__name__}: {error}")
    try:
        sha256, size = file_sha256(path)
    except OSError as read_error:
        return ShardOutcome(shown, "failed", error=str(FileAccessError.from_os_error(read_error)))
    message = (
        "the Dask workers reading this file died (over the workers' memory limit, or a crash in the PDF "
        "library); check the file, or give the workers more memory"
    )
    job = FileJob(path, storage.utc_now(), None, sha256, size)
    failed = prepare(failed_document(job, message), ingested_at=job.ingested_at)
    return _save(shard_path(shard_dir, path, sha256), failed, shown)

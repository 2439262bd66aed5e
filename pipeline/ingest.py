"""Ingest: files and folders in, one SQLite database out, incrementally and crash-safely.

Plans the batch by content hash (unchanged files are skipped without being read again), parses the rest in
worker processes, saves each document in its own transaction into a working copy of the database, and
replaces the database file atomically at the end (`pipeline.storage.building`). This is the one place where
a file that breaks the parser is turned into a recorded failure, so the batch always goes on.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from extractors.text import SUFFIXES
from models.records import Document, ParsedDocument, document_id, make_id
from pipeline import PARSER_VERSION, storage
from pipeline.duplicates import link_duplicate_meetings
from pipeline.prefetch import Extraction, Prefetch
from pipeline.rows import PreparedDocument, prepare

if TYPE_CHECKING:
    import sqlite_utils

# The analysers (pipeline.parse) and what is derived at the end (pipeline.derived) are imported where they are
# used: a no-op run never loads them, and a run that parses extracts its first files while they load.

Action = Literal["new", "changed", "unchanged", "failed"]
ACTIONS: tuple[Action, ...] = ("new", "changed", "unchanged", "failed")


class NoInputError(Exception):
    """A path given to ingest does not exist or holds no file referat reads."""


@dataclass(frozen=True)
class FileOutcome:
    """What one ingest did with one file."""

    path: str
    action: Action
    document_id: str
    status: str
    kind: str | None = None
    pages: int = 0
    error: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class IngestReport:
    db_path: Path
    outcomes: tuple[FileOutcome, ...]
    seconds: float

    @property
    def counts(self) -> dict[Action, int]:
        counted = Counter(outcome.action for outcome in self.outcomes)
        return {action: counted.get(action, 0) for action in ACTIONS}

    @property
    def failures(self) -> tuple[FileOutcome, ...]:
        """Files whose document failed: in this run, or earlier and unchanged since."""
        return tuple(outcome for outcome in self.outcomes if outcome.status == "failed")


def discover(paths: Iterable[Path]) -> list[Path]:
    """The files to ingest: the given files, and every .pdf/.html/.htm/.txt below the given folders."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                child for child in sorted(path.rglob("*"))
                if child.is_file() and child.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in child.relative_to(path).parts)
            )
        elif path.is_file():
            found.append(path)
        else:
            raise NoInputError(f"{path} does not exist: give files or folders of minutes and articles")
    unique = list(dict.fromkeys(found))
    if not unique:
        shown = ", ".join(str(path) for path in paths)
        raise NoInputError(f"no .pdf, .html, .htm or .txt files found in {shown}")
    return unique


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class _Planned:
    path: Path
    sha256: str
    action: Action
    note: str | None = None


def ingest(
    paths: Iterable[Path],
    db_path: Path,
    *,
    workers: int | None = None,
    on_outcome: Callable[[FileOutcome], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into the database at `db_path`; returns what happened to each file."""
    started = time.monotonic()
    started_at = storage.utc_now()
    files = discover(paths)
    with storage.ingest_lock(db_path):
        known, known_paths = storage.known_documents(db_path)
        plan = _plan(files, known, known_paths)
        outcomes: list[FileOutcome] = []

        def report(outcome: FileOutcome) -> None:
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)

        to_parse = [planned for planned in plan if planned.action != "unchanged"]
        by_path = {str(planned.path): planned for planned in to_parse}
        workers = workers or default_workers()
        # The largest files first, so no worker is left with a long file while the others wait at the end.
        order = sorted((planned.path for planned in to_parse), key=_size, reverse=True)
        parallel = workers > 1 and len(order) > 1
        with Prefetch(order if parallel else [], workers) as prefetch, storage.building(db_path) as db:
            parsed_status: dict[str, Document] = {}
            parsing = _parse_all(order, workers, started_at, prefetch) if parallel else _parse_here(order, started_at)
            commits = storage.Commits(db)
            for path, parsed in parsing:
                planned = by_path[str(path)]
                storage.save_prepared(db, parsed)
                storage.record_path(db, str(path), parsed.document.id, started_at)
                commits.saved()
                parsed_status[planned.sha256] = parsed.document
                report(_outcome(planned, parsed.document))
            for planned in plan:
                if planned.action == "unchanged":
                    report(_unchanged(db, planned, known.get(planned.sha256), parsed_status.get(planned.sha256),
                                      started_at))
            commits.done()
            storage.drop_orphans(db)
            link_duplicate_meetings(db)
            from pipeline.derived import build_derived

            build_derived(db)
            seconds = time.monotonic() - started
            _record_run(db, started_at, outcomes, seconds)
    return IngestReport(db_path, tuple(outcomes), time.monotonic() - started)


def _plan(files: list[Path], known: dict[str, storage.KnownDocument], known_paths: dict[str, str]) -> list[_Planned]:
    plan: list[_Planned] = []
    first_path: dict[str, Path] = {}
    for path in files:
        sha = file_sha256(path)
        doc = known.get(sha)
        if sha in first_path:
            plan.append(_Planned(path, sha, "unchanged", f"same content as {first_path[sha]}"))
            continue
        first_path[sha] = path
        if doc is not None and doc.parser_version == PARSER_VERSION:
            note = None if known_paths.get(str(path)) == sha else "same content as a document already ingested"
            plan.append(_Planned(path, sha, "unchanged", note))
        elif doc is not None:
            plan.append(_Planned(path, sha, "changed", f"re-read by referat parser version {PARSER_VERSION}"))
        elif str(path) in known_paths:
            plan.append(_Planned(path, sha, "changed"))
        else:
            plan.append(_Planned(path, sha, "new"))
    return plan


def _unchanged(
    db: sqlite_utils.Database, planned: _Planned, known: storage.KnownDocument | None, parsed: Document | None,
    seen_at: str,
) -> FileOutcome:
    """A file whose content is already in the database (from an earlier run, or parsed earlier in this one)."""
    if known is not None:
        doc_id, status, error, kind, pages = known.id, known.status, known.error, known.kind, known.pages
    elif parsed is not None:
        doc_id, status, error, kind, pages = parsed.id, parsed.status, parsed.error, parsed.kind, parsed.pages
    else:  # pragma: no cover - the plan only marks known or earlier-parsed content unchanged
        raise AssertionError(f"unchanged file with unknown content: {planned.path}")
    storage.record_path(db, str(planned.path), doc_id, seen_at)
    return FileOutcome(str(planned.path), "unchanged", doc_id, status, kind=kind, pages=pages, error=error,
                       note=planned.note)


def _outcome(planned: _Planned, document: Document) -> FileOutcome:
    action: Action = "failed" if document.status == "failed" else planned.action
    return FileOutcome(
        str(planned.path), action, document.id, document.status, kind=document.kind, pages=document.pages,
        error=document.error, note=planned.note,
    )


def _parse_job(path: Path, ingested_at: str, extracted: Extraction | None = None) -> PreparedDocument:
    from pipeline.parse import parse_file

    return prepare(parse_file(path, extracted=extracted), ingested_at=ingested_at)


def _failed(path: Path, message: str) -> ParsedDocument:
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    return ParsedDocument(Document(
        id=document_id(sha), sha256=sha, path=str(path), media_type=path.suffix.lstrip(".").lower(),
        size=len(data), status="failed", error=message,
    ))


def _internal_error(path: Path, error: BaseException) -> ParsedDocument:
    return _failed(path, f"internal error while reading the file ({type(error).__name__}: {error}); "
                         "please report it with the file attached")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def default_workers() -> int:
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def _parse_here(paths: list[Path], ingested_at: str) -> Iterator[tuple[Path, PreparedDocument]]:
    """Parse files one after another in this process."""
    for path in paths:
        try:
            yield path, _parse_job(path, ingested_at)
        except Exception as error:  # the one place a parser bug becomes a recorded failure
            yield path, prepare(_internal_error(path, error), ingested_at=ingested_at)


def _parse_all(paths: list[Path], workers: int, ingested_at: str,
               prefetch: Prefetch) -> Iterator[tuple[Path, PreparedDocument]]:
    """Parse files in worker processes. A worker that dies (a crash in the PDF library) costs one retry;
    a file that kills a worker twice, alone in its pool the second time, is recorded as failed."""
    pending = list(paths)
    crashes: Counter[Path] = Counter()
    from pipeline.warmup import warm_up  # here: a no-op run never pays for loading the word lists

    warm_up()  # loaded once here while the prefetch extracts the first files, shared by the forked workers
    extracted = prefetch.stop()
    gc.freeze()  # keeps the collector from touching (and so copying) the shared word lists in every worker
    context = multiprocessing.get_context("fork")
    while pending:
        pool_size = workers if not crashes else 1
        retry: list[Path] = []
        with ProcessPoolExecutor(max_workers=pool_size, mp_context=context, initializer=_start_worker) as pool:
            queue = pending if pool_size > 1 else pending[:1]
            rest = [] if pool_size > 1 else pending[1:]
            futures: dict[Future[PreparedDocument], Path] = {
                pool.submit(_parse_job, p, ingested_at, extracted.get(p)): p for p in queue}
            for future in as_completed(futures):
                path = futures[future]
                try:
                    yield path, future.result()
                except BrokenProcessPool:
                    crashes[path] += 1
                    if crashes[path] >= 2 or pool_size == 1:
                        yield path, prepare(_failed(path, "the PDF library crashed while reading this file; "
                                                          "the file is probably corrupt: download it again"),
                                            ingested_at=ingested_at)
                    else:
                        retry.append(path)
                except Exception as error:  # the one place a parser bug becomes a recorded failure
                    yield path, prepare(_internal_error(path, error), ingested_at=ingested_at)
        pending = retry + rest


# Container allocations between two collections of the youngest generation in a worker. The analysers make and drop
# many small objects, almost none in cycles; at Python's default (700) the collector ran thousands of times per
# batch for nothing (about 3% of the workers' time on the bench corpus).
WORKER_GC_THRESHOLD = 50_000


def _start_worker() -> None:
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def _record_run(db: sqlite_utils.Database, started_at: str, outcomes: list[FileOutcome],
                seconds: float) -> None:
    counts = Counter(outcome.action for outcome in outcomes)
    run_id = storage.utc_now("microseconds")
    db.table("ingest_runs").upsert({
        "id": run_id, "started_at": started_at, "finished_at": storage.utc_now(), "files": len(outcomes),
        **{action: counts.get(action, 0) for action in ACTIONS}, "seconds": round(seconds, 3),
    }, pk="id")
    db.table("ingest_files").upsert_all((
        {"id": make_id(run_id, outcome.path), "run_id": run_id, "path": outcome.path,
         "document_id": outcome.document_id, "action": outcome.action, "status": outcome.status,
         "error": outcome.error}
        for outcome in outcomes), pk="id")

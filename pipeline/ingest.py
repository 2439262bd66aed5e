"""Ingest: files and folders in, one SQLite database out, incrementally and crash-safely.

Plans the batch by content hash (unchanged files are skipped without being read again, and cost no write), parses
the rest in worker processes under a time and memory limit per file (`pipeline.workers`), and saves each document
whole, in batches of transactions (`pipeline.storage.building`: a new database is built aside and renamed into
place, an existing one is written in place while servers read it). A document whose file now holds other content
is deleted in the transaction that points its path at the new one. Then what is derived from the documents is
brought up to date for the documents this run (or a killed one) saved (`pipeline.derived.update_derived`).
Every file gets its outcome, whatever happens to it: a file that cannot be read, vanishes, has a name that is not
UTF-8, hits a limit, crashes the PDF library or breaks the parser is recorded as failed with the reason, and the
batch goes on. Beside the outcomes, the report names the files of types referat does not read and the stored paths
whose files went away from the folders given. Paths are stored relative, never as the machine's (what the paths
given hold is found by `pipeline.inputs`).
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from referat.extractors.errors import FileAccessError
from referat.models.records import Document, ParsedDocument, document_id, make_id, path_text
from referat.pipeline import PARSER_VERSION, storage
from referat.pipeline.copies import is_copy_name
from referat.pipeline.inputs import Folder, Inputs, SkippedFile, find_inputs
from referat.pipeline.prefetch import Extraction, Prefetch
from referat.pipeline.rows import PreparedDocument, prepare
from referat.pipeline.workers import Limits, Stopped, Workers

if TYPE_CHECKING:
    import sqlite_utils

# The analysers (pipeline.parse) and what is derived at the end (pipeline.derived) are imported where they are
# used: a no-op run never loads them, and a run that parses extracts its first files while they load.

Action = Literal["new", "changed", "unchanged", "failed"]
ACTIONS: tuple[Action, ...] = ("new", "changed", "unchanged", "failed")


class FileOutcome(NamedTuple):
    """What one ingest did with one file (a named tuple: an ingest makes one for every file of the archive)."""

    path: str
    action: Action
    document_id: str
    status: str
    kind: str | None = None
    pages: int = 0
    error: str | None = None
    note: str | None = None
    warnings: tuple[str, ...] = ()  # the document's doubts (status partial)
    since: str | None = None  # an unchanged file that failed or raised doubts: when it was read (UTC)


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did: an outcome per file read or skipped as unchanged (`counts` by action), and beside
    them the files of types referat does not read (`skipped`) and the stored paths below the given folders whose
    files are gone (`missing`: still in the database until `referat remove`)."""

    db_path: Path
    outcomes: tuple[FileOutcome, ...]
    seconds: float
    started_at: str = ""  # UTC, ISO 8601
    skipped: tuple[SkippedFile, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def counts(self) -> dict[Action, int]:
        counted = Counter(outcome.action for outcome in self.outcomes)
        return {action: counted.get(action, 0) for action in ACTIONS}

    @property
    def failed_now(self) -> tuple[FileOutcome, ...]:
        """The files that failed in this run: as many as `counts["failed"]`."""
        return tuple(outcome for outcome in self.outcomes if outcome.action == "failed")

    @property
    def still_failing(self) -> tuple[FileOutcome, ...]:
        """Files unchanged since an earlier run in which they failed (counted as unchanged)."""
        return tuple(
            outcome for outcome in self.outcomes if outcome.action == "unchanged" and outcome.status == "failed"
        )

    @property
    def failures(self) -> tuple[FileOutcome, ...]:
        """Files that failed in this run, and files whose document failed earlier and is unchanged since."""
        return self.failed_now + self.still_failing

    @property
    def doubts_now(self) -> tuple[FileOutcome, ...]:
        """The documents read in this run with doubts (status partial), each with its warnings."""
        return tuple(
            outcome for outcome in self.outcomes if outcome.action in ("new", "changed") and outcome.status == "partial"
        )

    @property
    def still_doubtful(self) -> tuple[FileOutcome, ...]:
        """Files unchanged since an earlier run that read them with doubts."""
        return tuple(
            outcome for outcome in self.outcomes if outcome.action == "unchanged" and outcome.status == "partial"
        )


def file_sha256(path: Path | str) -> tuple[str, int]:
    """The SHA-256 of a file's bytes, and how many there are."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


class _Planned(NamedTuple):  # one for each file of the archive
    name: str  # the file's path as `discover` spells it
    shown: str  # the path as stored (`document_paths.path`) and shown (`path_text`)
    cited: str  # the path the document cites (`documents.path`), relative to the folder given (`Inputs`)
    sha256: str | None  # None: the file could not be read (`error` says why)
    action: Action
    note: str | None = None
    size: int = 0
    error: str | None = None
    stamp: tuple[int, int] | None = None  # (size, mtime_ns) to record with the path; None: read it next time

    @property
    def path(self) -> Path:
        return Path(self.name)


def ingest(
    paths: Iterable[Path] | Inputs,
    db_path: Path,
    *,
    workers: int | None = None,
    limits: Limits | None = None,
    on_outcome: Callable[[FileOutcome], None] | None = None,
    read: Callable[[Path, str | None], PreparedDocument | None] | None = None,
) -> IngestReport:
    """Ingest files and folders (or what `find_inputs` found in them) into the database at `db_path`; returns
    what happened to each file, the files of other types skipped, and the files that went away from the folders.

    `db_path` may be a symbolic link: the file it points to is locked and updated. Each file is read in a worker
    process under `limits` (time and memory per file). `read(path, sha256)`, when given, is asked first for each
    new or changed file: the prepared document it returns (rows made elsewhere, e.g. from a shard) is saved as
    this run's, and the file is not read again; None means read it here."""
    started = time.monotonic()
    started_at = storage.utc_now()
    inputs = paths if isinstance(paths, Inputs) else find_inputs(paths)
    limits = limits or Limits()
    target = storage.real_path(db_path)
    with storage.ingest_lock(target):
        known, known_paths = storage.known_documents(target)
        renamed = _absolute_paths_renamed(known_paths, inputs.folders)
        plan = _plan(inputs.files, known, known_paths)
        missing = _missing(inputs.folders, plan, known_paths)
        to_parse = [planned for planned in plan if planned.action in ("new", "changed")]
        by_path = {planned.path: planned for planned in to_parse}
        workers = workers or default_workers()
        # The largest files first, so no worker is left with a long file while the others wait at the end.
        order = sorted((planned.path for planned in to_parse), key=lambda path: by_path[path].size, reverse=True)
        prefetching = order if workers > 1 and len(order) > 1 and read is None else []
        with Prefetch(prefetching, workers, limits) as prefetch, storage.building(target) as store:
            run = _Run(store, started_at, known, known_paths, plan, on_outcome)
            if renamed:
                storage.rename_paths(store.db, renamed)
                store.commits.done()
            for planned in plan:
                if planned.action == "failed":  # not even its bytes could be read
                    run.save(
                        planned,
                        prepare(failed_document(planned, planned.error or "unreadable"), ingested_at=started_at),
                    )
            if read is not None:
                order = _saved_from_elsewhere(order, by_path, read, started_at, run.save)
            for path, parsed in _parse_all(order, workers, started_at, prefetch, limits, by_path):
                run.save(by_path[path], parsed)
            run.finish(plan)
            _update_derived(store.db, fresh=store.fresh)
            with store.db.conn:
                _record_run(store.db, started_at, run.outcomes, time.monotonic() - started)
            outcomes = _with_earlier_reading(store.db, run.outcomes)
    return IngestReport(
        db_path,
        tuple(outcomes),
        time.monotonic() - started,
        started_at=started_at,
        skipped=tuple(inputs.skipped),
        missing=tuple(missing),
    )


class _Run:
    """What one ingest writes as it goes: each file's document saved and its path pointed at it, and the outcome of
    each file reported."""

    def __init__(
        self,
        store: storage.Building,
        started_at: str,
        known: dict[str, storage.KnownDocument],
        known_paths: dict[str, storage.KnownPath],
        plan: list[_Planned],
        on_outcome: Callable[[FileOutcome], None] | None,
    ) -> None:
        self.store = store
        self.db = store.db
        self.started_at = started_at
        self.known = known
        self.known_paths = known_paths
        self.on_outcome = on_outcome
        self.outcomes: list[FileOutcome] = []
        # Content this run reads again somewhere: a document whose path now holds other content is deleted only
        # when no planned file holds its content (else that file's path is pointed at it, `finish`).
        self.planned_content = {planned.sha256 for planned in plan if planned.sha256 is not None}
        self.maybe_orphaned: list[str] = []
        # Only what `_unchanged` reports of content parsed earlier in this run, not the parsed documents.
        self.parsed_status: dict[str, storage.KnownDocument] = {}

    def report(self, outcome: FileOutcome) -> None:
        self.outcomes.append(outcome)
        if self.on_outcome is not None:
            self.on_outcome(outcome)

    def point(self, planned: _Planned, document_id: str) -> None:
        """Point the file's path at its document, and delete the document it held before if nothing points at
        that any more, in the same transaction (a reader never sees the path half moved)."""
        shown = planned.shown
        known_path = self.known_paths.get(shown)
        earlier_sha = known_path.sha256 if known_path is not None else None
        earlier = self.known.get(earlier_sha or "")
        if (
            known_path is not None
            and earlier is not None
            and earlier.id == document_id
            and known_path.stamp == planned.stamp
        ):
            return  # unchanged: no write at all
        before = storage.record_path(self.db, shown, document_id, self.started_at, planned.stamp)
        if before is None or before == document_id:
            return
        if earlier_sha in self.planned_content:
            self.maybe_orphaned.append(before)
        else:
            storage.drop_if_orphaned(self.db, before)

    def save(self, planned: _Planned, prepared: PreparedDocument) -> None:
        """Save a file's prepared document (its rows) and point its path at it."""
        known_path = self.known_paths.get(planned.shown)
        earlier = self.known.get(known_path.sha256 or "") if known_path is not None else None
        if prepared.document.sha256 is None and earlier is not None:
            # Unreadable now (permissions, moved away): what was read from the path before is kept.
            self.report(_kept(planned, earlier, prepared.document.error))
            return
        storage.save_prepared(self.db, prepared)
        self.point(planned, prepared.document.id)
        self.store.commits.saved()
        document = prepared.document
        if planned.sha256 is not None:
            self.parsed_status[planned.sha256] = storage.KnownDocument(
                document.id, PARSER_VERSION, document.status, document.error, document.kind, document.pages
            )
        self.report(_outcome(planned, document))

    def finish(self, plan: list[_Planned]) -> None:
        """Point the unchanged files' paths at their documents, drop the documents no path holds any more, and
        commit."""
        for planned in plan:
            if planned.action == "unchanged":
                outcome = _unchanged(
                    planned, self.known.get(planned.sha256 or ""), self.parsed_status.get(planned.sha256 or "")
                )
                self.point(planned, outcome.document_id)
                if planned.note == ALREADY_INGESTED and not is_copy_name(planned.shown):
                    storage.prefer_citation(self.db, outcome.document_id, path_text(planned.cited))
                self.report(outcome)
        for orphan in dict.fromkeys(self.maybe_orphaned):
            storage.drop_if_orphaned(self.db, orphan)
        self.store.commits.done()


def _absolute_paths_renamed(
    known_paths: dict[str, storage.KnownPath], folders: list[Folder]
) -> list[tuple[str, str, str]]:
    """The absolute paths a database made by an older referat holds below the given folders, as (old, stored,
    cited) paths now (`Inputs`), with `known_paths` moved to the paths now stored: the files are recognised
    without being read again, and the database loses the machine's paths. One look at each known path."""
    here = os.getcwd()
    renamed: list[tuple[str, str, str]] = []
    for old in [path for path in known_paths if path[:1] == "/"]:
        for folder in folders:
            inside = os.path.join(folder.base, folder.prefix)
            if old.startswith(inside) and folder.prefix + old[len(inside) :] not in known_paths:
                renamed.append((old, folder.prefix + old[len(inside) :], old[len(inside) :]))
                known_paths[renamed[-1][1]] = known_paths.pop(old)
                break
        else:
            if old.startswith(os.path.join(here, "")) and old[len(here) + 1 :] not in known_paths:
                renamed.append((old, old[len(here) + 1 :], old[len(here) + 1 :]))
                known_paths[renamed[-1][1]] = known_paths.pop(old)
    return renamed


def _missing(folders: list[Folder], plan: list[_Planned], known_paths: dict[str, storage.KnownPath]) -> list[str]:
    """The stored paths below the given folders whose files are gone: not found now, and not there at all (a
    hidden file given by itself once is not gone). One pass over the known paths; the few candidates are
    looked for on disk."""
    if not folders or not known_paths:
        return []
    prefixes = tuple(folder.prefix for folder in folders)
    found = {planned.shown for planned in plan}
    gone: list[str] = []
    for path in known_paths:
        if path.startswith(prefixes) and path not in found:
            base = next(folder.base for folder in folders if path.startswith(folder.prefix))
            if not os.path.lexists(os.path.join(base, path)):
                gone.append(path)
    return sorted(gone)


def _with_earlier_reading(db: sqlite_utils.Database, outcomes: list[FileOutcome]) -> list[FileOutcome]:
    """The outcomes, those of unchanged files whose document failed or was read with doubts completed with its
    warnings and when it was read (one query for those few, not a read of every document)."""
    wanted = {
        outcome.document_id
        for outcome in outcomes
        if outcome.action == "unchanged" and outcome.status in ("failed", "partial")
    }
    if not wanted:
        return outcomes
    read: dict[str, tuple[tuple[str, ...], str | None]] = {}
    ids = sorted(wanted)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for doc, warnings, ingested_at in db.execute(
            f"select id, warnings, ingested_at from documents where id in ({marks})", chunk
        ):
            read[doc] = (tuple(json.loads(warnings or "[]")), ingested_at)
    return [
        outcome._replace(warnings=read[outcome.document_id][0], since=read[outcome.document_id][1])
        if outcome.document_id in wanted and outcome.document_id in read
        else outcome
        for outcome in outcomes
    ]


def _saved_from_elsewhere(
    order: list[Path],
    planned: dict[Path, _Planned],
    read: Callable[[Path, str | None], PreparedDocument | None],
    ingested_at: str,
    save: Callable[[_Planned, PreparedDocument], None],
) -> list[Path]:
    """Save the files `read` has rows for (one at a time: none is held after it is saved); the rest to parse."""
    left: list[Path] = []
    for path in order:
        prepared = read(path, planned[path].sha256)
        if prepared is None:
            left.append(path)
        else:
            save(planned[path], _stamped(prepared, ingested_at, path_text(planned[path].cited)))
    return left


def _stamped(prepared: PreparedDocument, ingested_at: str, cited: str) -> PreparedDocument:
    """The prepared document as ingested by this run (`documents.ingested_at`) from the path it is cited by here
    (`documents.path`), whatever the machine that made the rows called it."""
    columns, values = prepared.tables["documents"]
    now = {columns.index("ingested_at"): ingested_at, columns.index("path"): cited}
    if "source" in columns:  # what a document without a known address is cited by: its path (`rows`)
        now[columns.index("source")] = prepared.document.source_url or cited
    rows = [tuple(now.get(position, value) for position, value in enumerate(row)) for row in values]
    return dataclasses.replace(
        prepared,
        document=dataclasses.replace(prepared.document, path=cited),
        tables={**prepared.tables, "documents": (columns, rows)},
    )


def _update_derived(db: sqlite_utils.Database, *, fresh: bool) -> None:
    """Links, duplicate meetings, full-text indexes and summaries for what this run (or a killed one) saved."""
    from referat.pipeline.derived import update_derived

    update_derived(db, fresh=fresh)


ALREADY_INGESTED = "same content as a document already ingested"


def _plan(
    files: list[tuple[str, str, str]],
    known: dict[str, storage.KnownDocument],
    known_paths: dict[str, storage.KnownPath],
) -> list[_Planned]:
    """What to do with each file, in the order given: read it (new or changed), or not (unchanged, or the same
    content as another file of this run), or record why it cannot be read. Of the files holding the same content,
    the one read and cited is the first whose name is not a copy's (`copies`), else the first."""
    now = time.time_ns()
    seen: list[tuple[str, str, str, storage.KnownPath | None, tuple[str, int, tuple[int, int] | None] | OSError]] = []
    primary: dict[str, str] = {}  # content -> the stored path of the file read for it
    for path, stored, cited in files:
        stored_path = path_text(stored)
        known_path = known_paths.get(stored_path)
        try:
            content: tuple[str, int, tuple[int, int] | None] | OSError = _content_of(path, known_path, now)
        except OSError as error:
            content = error
        seen.append((path, stored_path, cited, known_path, content))
        if not isinstance(content, OSError):
            first = primary.get(content[0])
            if first is None or (is_copy_name(first) and not is_copy_name(stored_path)):
                primary[content[0]] = stored_path
    plan: list[_Planned] = []
    for path, stored_path, cited, known_path, content in seen:
        if isinstance(content, OSError):
            plan.append(
                _Planned(path, stored_path, cited, None, "failed", error=str(FileAccessError.from_os_error(content)))
            )
        else:
            plan.append(
                _planned(path, stored_path, cited, known_path, content, known.get(content[0]), primary[content[0]])
            )
    return plan


def _planned(
    path: str,
    stored_path: str,
    cited: str,
    known_path: storage.KnownPath | None,
    content: tuple[str, int, tuple[int, int] | None],
    doc: storage.KnownDocument | None,
    primary: str,
) -> _Planned:
    """What to do with a file whose content could be read: `doc` is the document of that content, if known;
    `primary` the stored path of the file read for that content in this run."""
    sha, size, stamp = content
    if primary != stored_path:
        return _Planned(path, stored_path, cited, sha, "unchanged", f"same content as {primary}", size, stamp=stamp)
    if doc is not None and doc.parser_version == PARSER_VERSION:
        same = known_path is not None and known_path.sha256 == sha
        note = None if same else ALREADY_INGESTED
        return _Planned(path, stored_path, cited, sha, "unchanged", note, size, stamp=stamp)
    if doc is not None:
        return _Planned(
            path,
            stored_path,
            cited,
            sha,
            "changed",
            f"re-read by referat parser version {PARSER_VERSION}",
            size,
            stamp=stamp,
        )
    if known_path is not None:
        return _Planned(path, stored_path, cited, sha, "changed", size=size, stamp=stamp)
    return _Planned(path, stored_path, cited, sha, "new", size=size, stamp=stamp)


# A file whose time is this close to now when it is read may still be written within the same tick of its clock,
# so its size and time are not recorded, and it is read again next time (git's "racy" rule).
RACY_NS = 2_000_000_000


def _content_of(path: str, known: storage.KnownPath | None, now_ns: int) -> tuple[str, int, tuple[int, int] | None]:
    """The file's SHA-256, size and the (size, mtime_ns) to record. A known path whose size and modification time
    are those recorded when its content was read is not read again: a change that keeps both (a file edited and
    its time set back) needs the file touched, as for make or rsync."""
    status = os.stat(path)
    stamp = (status.st_size, status.st_mtime_ns)
    if known is not None and known.sha256 is not None and known.stamp == stamp:
        return known.sha256, status.st_size, stamp
    sha, size = file_sha256(path)
    return sha, size, stamp if status.st_mtime_ns < now_ns - RACY_NS and size == status.st_size else None


def _unchanged(
    planned: _Planned, known: storage.KnownDocument | None, parsed: storage.KnownDocument | None
) -> FileOutcome:
    """A file whose content is already in the database (from an earlier run, or parsed earlier in this one)."""
    document = known if known is not None else parsed
    if document is None:  # pragma: no cover - the plan only marks known or earlier-parsed content unchanged
        raise AssertionError(f"unchanged file with unknown content: {planned.path}")
    return FileOutcome(
        planned.shown,
        "unchanged",
        document.id,
        document.status,
        kind=document.kind,
        pages=document.pages,
        error=document.error,
        note=planned.note,
    )


def _kept(planned: _Planned, earlier: storage.KnownDocument, error: str | None) -> FileOutcome:
    """A known path whose file cannot be read now: failed in this run, its earlier document kept."""
    return FileOutcome(
        planned.shown,
        "failed",
        earlier.id,
        earlier.status,
        kind=earlier.kind,
        pages=earlier.pages,
        error=error,
        note="the document read from this path earlier is kept",
    )


def _outcome(planned: _Planned, document: Document) -> FileOutcome:
    action: Action = "failed" if document.status == "failed" else planned.action
    return FileOutcome(
        planned.shown,
        action,
        document.id,
        document.status,
        kind=document.kind,
        pages=document.pages,
        error=document.error,
        note=planned.note,
        warnings=document.warnings,
    )


@dataclass(frozen=True)
class FileJob:
    """One file for a worker: its path, what its text already is (prefetched), and what it is known to be."""

    path: Path
    ingested_at: str
    extracted: Extraction | None
    sha256: str | None
    size: int
    stored: str | None = None  # the path as stored (`document_paths.path`); None: the path as given
    cited: str | None = None  # the path the document cites (`documents.path`); None: the path as given


def parse_job(job: FileJob) -> PreparedDocument:
    """Runs in a worker: one file to rows. The one place where a parser bug becomes a recorded failure."""
    from referat.pipeline.parse import parse_file

    try:
        parsed = parse_file(job.path, extracted=job.extracted)
        if job.cited is not None:
            parsed = dataclasses.replace(parsed, document=dataclasses.replace(parsed.document, path=job.cited))
        return prepare(parsed, ingested_at=job.ingested_at)
    except MemoryError:
        raise  # the worker's limit: `pipeline.workers` records it
    except FileAccessError as error:  # its bytes cannot be read now (gone since the plan, permissions)
        return prepare(failed_document(job, str(error), readable=False), ingested_at=job.ingested_at)
    except Exception as error:
        return prepare(failed_document(job, _internal_error(error)), ingested_at=job.ingested_at)


def failed_document(planned: _Planned | FileJob, message: str, *, readable: bool = True) -> ParsedDocument:
    """A failed document for a file, from what the plan knows of it (its bytes are not read again: the file may be
    gone or unreadable). A file whose bytes cannot be read (`readable` false, or unknown to the plan) has no
    content hash and is known by its path."""
    if isinstance(planned, FileJob):
        shown = planned.stored or path_text(planned.path)
        cited = planned.cited or shown
    else:
        shown, cited = planned.shown, path_text(planned.cited)
    sha = planned.sha256 if readable else None
    return ParsedDocument(
        Document(
            id=document_id(sha) if sha else make_id("unreadable", shown),
            sha256=sha,
            path=cited,
            media_type=planned.path.suffix.lstrip(".").lower(),
            size=planned.size,
            status="failed",
            error=message,
        )
    )


def _internal_error(error: BaseException) -> str:
    return (
        f"internal error while reading the file ({type(error).__name__}: {error}); "
        "please report it with the file attached"
    )


def default_workers() -> int:
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def _parse_all(
    paths: list[Path], workers: int, ingested_at: str, prefetch: Prefetch, limits: Limits, planned: dict[Path, _Planned]
) -> Iterator[tuple[Path, PreparedDocument]]:
    """Parse files in worker processes, each under `limits`; a file that hits a limit or ends its worker (a crash
    in the PDF library) is recorded as failed, and the other files go on."""
    if not paths:
        return
    if len(paths) > 1:
        from referat.pipeline.warmup import warm_up  # here: a no-op run never pays for loading the word lists

        # Loaded once here while the prefetch extracts the first files, and shared by the forked workers. One file
        # (a meeting added to an archive) is read by one worker, which loads only what that document needs.
        warm_up()
    prefetched = prefetch.stop()
    gc.freeze()  # keeps the collector from touching (and so copying) the shared word lists in every worker
    for path, stopped in prefetched.stopped.items():
        yield path, prepare(failed_document(planned[path], stopped.message), ingested_at=ingested_at)
    jobs = [
        (
            path,
            FileJob(
                path,
                ingested_at,
                prefetched.extracted.get(path),
                planned[path].sha256,
                planned[path].size,
                planned[path].shown,
                path_text(planned[path].cited),
            ),
        )
        for path in paths
        if path not in prefetched.stopped
    ]
    pool: Workers[Path, FileJob, PreparedDocument] = Workers(
        parse_job, min(workers, len(jobs) or 1), limits, initializer=start_worker
    )
    for path, outcome in pool.run(jobs):
        if isinstance(outcome, Stopped):
            yield path, prepare(failed_document(planned[path], outcome.message), ingested_at=ingested_at)
        else:
            yield path, outcome


# Container allocations between two collections of the youngest generation in a worker. The analysers make and drop
# many small objects, almost none in cycles; at Python's default (700) the collector ran thousands of times per
# batch for nothing (about 3% of the workers' time on the bench corpus).
WORKER_GC_THRESHOLD = 50_000


def start_worker() -> None:
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def _record_run(db: sqlite_utils.Database, started_at: str, outcomes: list[FileOutcome], seconds: float) -> None:
    """The run's counts (`ingest_runs`) and a row per file it did something with or that is failed
    (`ingest_files`): an unchanged file that reads well is only counted, so a run over a large archive that
    finds nothing new writes a row, not one per file, and the log grows with what was ingested."""
    counts = Counter(outcome.action for outcome in outcomes)
    run_id = storage.utc_now("microseconds")
    db.table("ingest_runs").insert(
        {
            "id": run_id,
            "started_at": started_at,
            "finished_at": storage.utc_now(),
            "files": len(outcomes),
            **{action: counts.get(action, 0) for action in ACTIONS},
            "seconds": round(seconds, 3),
        },
        pk="id",
        replace=True,
    )
    db.table("ingest_files").insert_all(
        (
            {
                "id": make_id(run_id, outcome.path),
                "run_id": run_id,
                "path": outcome.path,
                "document_id": outcome.document_id,
                "action": outcome.action,
                "status": outcome.status,
                "error": outcome.error,
            }
            for outcome in outcomes
            if outcome.action != "unchanged" or outcome.status == "failed"
        ),
        pk="id",
        replace=True,
    )

"""Text extraction started before the analysers are loaded, so that no core waits while an ingest warms up.

An ingest loads the analysers' word lists and patterns once, before it forks the workers that share them
(`pipeline.warmup`); on two cores that left one core idle for about half a second. `Prefetch` forks its own
extraction workers first, while only the text extractors are loaded, and they read the largest files while the
working copy of the database is made and the analysers load. When the warm-up is done the prefetch stops: files
not yet started are cancelled and extracted by the analysis workers as usual, and the pool is shut down before
the analysis workers are forked (no process forks while another pool's threads run). What was extracted is
handed to the analysis workers, so no file is extracted twice. A worker that dies on a file (a crash in the PDF
library) only ends the prefetch: the analysis workers read that file again and record the crash as usual.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from extractors.base import ExtractedText
from extractors.errors import UnreadableFileError
from extractors.text import extract

PREFETCH_NICENESS = 10


@dataclass(frozen=True)
class Unreadable:
    """A file the extractor refused, with its reason (an exception with its own arguments does not always
    survive the trip between processes, its message does)."""

    message: str


Extraction = ExtractedText | Unreadable


def extract_file(path: Path, data: bytes | None = None) -> Extraction:
    """The text of one file (its bytes read unless given), or why it cannot be read."""
    try:
        return extract(path, path.read_bytes() if data is None else data)
    except UnreadableFileError as error:
        return Unreadable(str(error))


def _yield_to_the_warm_up() -> None:
    """Lower this worker's priority: the warm-up it runs beside is what the analysis workers wait for, so it
    should have a whole core; the prefetch takes what is left."""
    os.nice(PREFETCH_NICENESS)


class Prefetch:
    """Extract `paths` (in this order) in `workers` processes from the start of the block until `stop()` (or the
    end of the block); `stop()` returns what was extracted, by path."""

    def __init__(self, paths: list[Path], workers: int) -> None:
        self._paths = paths
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._futures: dict[Path, Future[Extraction]] = {}

    def __enter__(self) -> Prefetch:
        if self._paths:
            self._pool = ProcessPoolExecutor(max_workers=self._workers, mp_context=multiprocessing.get_context("fork"),
                                             initializer=_yield_to_the_warm_up)
            self._futures = {path: self._pool.submit(extract_file, path) for path in self._paths}
        return self

    def finished(self) -> bool:
        """Every file is extracted (or failed): nothing is left to wait for."""
        return all(future.done() for future in self._futures.values())

    def stop(self) -> dict[Path, Extraction]:
        """Cancel what has not started, wait for what has, and shut the workers down; what was extracted."""
        if self._pool is None:
            return {}
        for future in self._futures.values():
            future.cancel()  # not started yet: the analysis workers extract it
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None
        done: dict[Path, Extraction] = {}
        for path, future in self._futures.items():
            if future.cancelled():
                continue
            try:
                done[path] = future.result()
            except Exception:  # a worker died (BrokenProcessPool) or a parser bug: the analysis workers read the
                continue  # file again and record what happens there, as for any file
        self._futures = {}
        return done

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()

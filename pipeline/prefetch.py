"""Text extraction started before the analysers are loaded, so that no core waits while an ingest warms up.

An ingest loads the analysers' word lists and patterns once, before it forks the workers that share them
(`pipeline.warmup`); on two cores that left one core idle for about a fifth of a second. `Prefetch` forks its
own extraction workers first, while only the text extractors are loaded, and each reads its share of the
largest files (every n-th, largest first) while the working copy of the database is made and the analysers
load. `stop()` asks them to stop after the file each is reading, and returns what they extracted (handed to the
analysis workers, so no file is extracted twice) and the files that hit a limit of `pipeline.workers` or
ended their worker (recorded as failed, not read again). The prefetch workers run under the same limits as the
analysis workers and end before those are forked.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import TracebackType
from typing import Any

from referat.extractors.base import ExtractedText
from referat.extractors.errors import FileAccessError, UnreadableFileError
from referat.extractors.text import extract
from referat.pipeline.workers import (
    Limits,
    Stopped,
    limit_this_process,
    over_memory,
    over_time,
    widen,
    worker_died,
)

PREFETCH_NICENESS = 10
# A worker writes each file's text into its pipe as soon as it is extracted, while the ingest is still loading
# its analysers and reads nothing: a pipe of the kernel's default 64 kB held one file's text, and the worker
# waited for the warm-up to end; a megabyte (`workers.widen`) holds the texts of a dozen files of minutes.


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
    except OSError as error:
        return Unreadable(str(FileAccessError.from_os_error(error)))


@dataclass(frozen=True)
class Prefetched:
    """What the prefetch extracted, and the files it was reading when they hit a limit or ended their worker."""

    extracted: dict[Path, Extraction] = field(default_factory=dict)
    stopped: dict[Path, Stopped] = field(default_factory=dict)


def _extract_share(paths: list[Path], results: Connection, stop: Connection, limits: Limits, parent: int) -> None:
    """A prefetch worker: extract `paths` in order until asked to stop; say when each file starts."""
    limit_this_process(limits, parent)
    os.nice(PREFETCH_NICENESS)  # the warm-up it runs beside is what the analysis workers wait for
    for path in paths:
        if stop.poll():
            break
        results.send(("start", path, time.monotonic()))  # one clock for all processes of the machine
        try:
            results.send(("done", path, extract_file(path)))
        except MemoryError:
            results.send(("memory", path, None))
            break
    results.send(("end", None, None))


@dataclass
class _Share:
    process: BaseProcess
    results: Connection
    stop: Connection
    reading: tuple[Path, float] | None = None  # the file being read and its deadline
    ended: bool = False


class Prefetch:
    """Extract `paths` (in this order) in `workers` processes from the start of the block until `stop()` (or the
    end of the block)."""

    def __init__(self, paths: list[Path], workers: int, limits: Limits | None = None) -> None:
        self._paths = paths
        self._workers = max(1, min(workers, len(paths)))
        self._limits = limits or Limits()
        self._shares: list[_Share] = []

    def __enter__(self) -> Prefetch:
        context = get_context("fork")
        for first in range(self._workers if self._paths else 0):
            results_in, results_out = context.Pipe(duplex=False)
            stop_in, stop_out = context.Pipe(duplex=False)
            widen(results_out)
            share = self._paths[first :: self._workers]
            process = context.Process(
                target=_extract_share, daemon=True, args=(share, results_out, stop_in, self._limits, os.getpid())
            )
            process.start()
            results_out.close()
            stop_in.close()
            self._shares.append(_Share(process, results_in, stop_out))
        return self

    def stop(self) -> Prefetched:
        """Ask every worker to stop after its file, and wait for it (or for the file's time limit)."""
        done = Prefetched()
        for share in self._shares:
            with contextlib.suppress(OSError):
                share.stop.send(None)
        while any(not share.ended for share in self._shares):
            self._read(done)
        for share in self._shares:
            share.process.join()
            share.results.close()
            share.stop.close()
        self._shares = []
        return done

    def _read(self, done: Prefetched) -> None:
        waiting = [share for share in self._shares if not share.ended]
        deadlines = [share.reading[1] for share in waiting if share.reading]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        handles: dict[Any, _Share] = {}
        for share in waiting:
            handles[share.results] = handles[share.process.sentinel] = share
        ready = {id(handles[handle]) for handle in wait(list(handles), timeout)}
        for share in waiting:
            if id(share) in ready:
                self._take(share, done)
            elif share.reading and time.monotonic() >= share.reading[1]:
                share.process.kill()
                done.stopped[share.reading[0]] = over_time(self._limits)
                share.reading, share.ended = None, True

    def _take(self, share: _Share, done: Prefetched) -> None:
        """Everything a ready worker sent; if it ended without saying so, why, for the file it was reading."""
        try:
            while share.results.poll():
                what, path, value = share.results.recv()
                if what == "start":
                    share.reading = (path, value + self._limits.seconds)
                elif what == "done":
                    done.extracted[path] = value
                    share.reading = None
                elif what == "memory":
                    done.stopped[path] = over_memory(self._limits)
                    share.reading = None
                else:  # "end"
                    share.ended = True
                    return
        except (EOFError, OSError):
            pass
        if not share.process.is_alive():
            share.process.join()
            if share.reading is not None:
                done.stopped[share.reading[0]] = worker_died(share.process.exitcode, self._limits)
            share.reading, share.ended = None, True

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        for share in self._shares:
            share.process.kill()
        self.stop()

"""Worker processes that read one file at a time, each file under a time and a memory limit.

An ingest reads its files in forked worker processes (forked after the analysers are loaded, so they share the
loaded word lists). Each worker holds one file at a time, so whatever happens to a worker is that file's doing
and costs that file only:
- a file that needs more than `Limits.seconds` has its worker killed and is recorded with the limit it hit;
- a file that needs more than `Limits.memory_mb` more memory than the worker started with meets the worker's
  address-space limit: Python raises MemoryError, or the PDF library gives up or crashes;
- a worker that dies (a crash in the PDF library, the system's out-of-memory killer) is recorded by its exit.
The pool then forks a fresh worker for the files left. Workers die with the process that forked them
(`PR_SET_PDEATHSIG` on Linux): an ingest killed with kill -9 leaves nothing running and nothing holding its lock.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")
Key = TypeVar("Key", bound=Hashable)

# Sized for the largest real minutes (docs/performance.md): a slower or busier machine gets a wide margin, a
# hostile file is stopped long before it stalls a batch or takes the machine's memory.
DEFAULT_SECONDS = 120.0
DEFAULT_MEMORY_MB = 768
_MIN_MEMORY_MB = 64
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Limits:
    """What one file may take in a worker: wall-clock seconds and memory (MB beyond the worker's start)."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB

    def __post_init__(self) -> None:
        if not self.seconds > 0:
            raise ValueError(f"the time limit per file must be positive, not {self.seconds}")
        if self.memory_mb < _MIN_MEMORY_MB:
            raise ValueError(f"the memory limit per file must be at least {_MIN_MEMORY_MB} MB, not {self.memory_mb}")


@dataclass(frozen=True)
class Stopped:
    """A file whose worker was stopped, or stopped itself: why, in words that say what to do."""

    message: str


def over_time(limits: Limits) -> Stopped:
    return Stopped(
        f"stopped after {limits.seconds:g} s, the time limit per file: the file is unusually large or "
        "malformed; check it, or raise the limit (referat ingest --time-limit)"
    )


def over_memory(limits: Limits) -> Stopped:
    return Stopped(
        f"needed more than {limits.memory_mb:,} MB of memory, the limit per file: the file is unusually "
        "large or malformed (a compression bomb?); check it, or raise the limit "
        "(referat ingest --memory-limit)"
    )


def worker_died(exitcode: int | None, limits: Limits) -> Stopped:
    """Why a worker ended without an answer, from its exit code (negative: the signal that ended it)."""
    if exitcode is not None and exitcode < 0:
        name = _signal_name(-exitcode)
        if -exitcode == signal.SIGKILL:
            return Stopped(
                f"the worker reading this file was killed ({name}), probably by the system for lack of "
                "memory; check the file, or run the ingest with fewer --workers"
            )
        return Stopped(
            f"the PDF library crashed while reading this file ({name}), or it needed more than the "
            f"memory limit of {limits.memory_mb:,} MB; the file is probably corrupt: download it again"
        )
    return Stopped(
        f"the worker reading this file ended unexpectedly (exit status {exitcode}); please report it "
        "with the file attached"
    )


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def limit_this_process(limits: Limits, parent: int) -> None:
    """Apply `limits.memory_mb` to this (worker) process and make it die with `parent`, the process that forked it."""
    die_with(parent)
    size = _address_space()
    if size is None:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = size + limits.memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def _address_space() -> int | None:
    """This process's virtual memory size in bytes (Linux), which the address-space limit counts."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def die_with(parent: int) -> None:
    """Make this process (forked by `parent`) die when its parent does (Linux), so none is left behind by a killed
    ingest."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: workers end when the parent closes their pipes
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


# What a worker sends back for a task: ("done", result) or ("memory", None).
_DONE = "done"
_MEMORY = "memory"


def _serve(
    job: Callable[[Any], Any],
    tasks: Connection,
    results: Connection,
    limits: Limits,
    initializer: Callable[[], None] | None,
    parent: int,
) -> None:
    """A worker's life: tasks in, results out, until the pool sends None or goes away."""
    limit_this_process(limits, parent)
    if initializer is not None:
        initializer()
    while True:
        try:
            task = tasks.recv()
        except EOFError:
            return
        if task is None:
            return
        try:
            results.send((_DONE, job(task)))  # pickled whole before a byte is written
        except MemoryError:
            results.send((_MEMORY, None))
            return  # a fresh worker for the next file: this one's heap may be left fragmented and large


@dataclass
class _Worker:
    process: BaseProcess
    tasks: Connection
    results: Connection

    def close(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.tasks.close()
        self.results.close()


class Workers(Generic[Key, Task, Result]):
    """`size` forked processes running `job` on one task at a time, each task under `limits`.

    `run(tasks)` yields `(key, result)` for every `(key, task)` as the tasks finish, with a `Stopped` instead of
    the result for a task that hit a limit or ended its worker. `job` must not raise for anything but a lack of
    memory: the caller turns its own errors into results.
    """

    def __init__(
        self, job: Callable[[Task], Result], size: int, limits: Limits, initializer: Callable[[], None] | None = None
    ) -> None:
        if size < 1:
            raise ValueError(f"at least one worker is needed, not {size}")
        self._job = job
        self._size = size
        self._limits = limits
        self._initializer = initializer

    def run(self, tasks: Iterable[tuple[Key, Task]]) -> Iterator[tuple[Key, Result | Stopped]]:
        pending = deque(tasks)
        idle: list[_Worker] = []
        busy: dict[int, tuple[_Worker, Key, float]] = {}  # by the worker's pid
        try:
            while pending or busy:
                self._dispatch(pending, idle, busy)
                finished: list[tuple[Key, Result | Stopped]] = []
                for pid, key, outcome in self._answers(busy):
                    worker = busy.pop(pid)[0]
                    if isinstance(outcome, Stopped) or outcome[0] == _MEMORY:
                        worker.close()
                        finished.append((key, outcome if isinstance(outcome, Stopped) else over_memory(self._limits)))
                    else:
                        idle.append(worker)
                        finished.append((key, outcome[1]))
                # The next tasks go out before the caller gets these results: a worker does not wait while the
                # caller saves them.
                self._dispatch(pending, idle, busy)
                yield from finished
        finally:
            for worker in idle:
                _ask_to_end(worker)
            for worker in [*idle, *(entry[0] for entry in busy.values())]:
                worker.close()

    def _dispatch(
        self, pending: deque[tuple[Key, Task]], idle: list[_Worker], busy: dict[int, tuple[_Worker, Key, float]]
    ) -> None:
        """Give a pending task to every idle worker, forking workers up to the pool's size."""
        while pending and len(idle) + len(busy) < self._size:
            idle.append(self._fork())
        while pending and idle:
            worker = idle.pop()
            key, task = pending.popleft()
            worker.tasks.send(task)
            busy[_pid(worker)] = (worker, key, time.monotonic() + self._limits.seconds)

    def _answers(self, busy: dict[int, tuple[_Worker, Key, float]]) -> list[tuple[int, Key, tuple[str, Any] | Stopped]]:
        """Wait for at least one busy worker to answer, die or pass its deadline; what each of those came to."""
        by_handle: dict[Any, int] = {}
        for pid, (worker, _, _) in busy.items():
            by_handle[worker.results] = pid
            by_handle[worker.process.sentinel] = pid
        timeout = max(0.0, min(deadline for _, _, deadline in busy.values()) - time.monotonic())
        ready = {by_handle[handle] for handle in wait(list(by_handle), timeout)}
        answers: list[tuple[int, Key, tuple[str, Any] | Stopped]] = []
        now = time.monotonic()
        for pid, (worker, key, deadline) in busy.items():
            if pid in ready:
                answers.append((pid, key, _answer(worker, self._limits)))
            elif now >= deadline:
                worker.process.kill()
                answers.append((pid, key, over_time(self._limits)))
        return answers

    def _fork(self) -> _Worker:
        context = get_context("fork")
        tasks_out, tasks_in = context.Pipe(duplex=False)
        results_in, results_out = context.Pipe(duplex=False)
        process = context.Process(
            target=_serve,
            args=(self._job, tasks_out, results_out, self._limits, self._initializer, os.getpid()),
            daemon=True,
        )
        process.start()
        tasks_out.close()  # the worker's ends: a worker that dies leaves its pipe closed, not held open here
        results_out.close()
        return _Worker(process, tasks_in, results_in)


def _pid(worker: _Worker) -> int:
    pid = worker.process.pid
    assert pid is not None  # started
    return pid


def _answer(worker: _Worker, limits: Limits) -> tuple[str, Any] | Stopped:
    """What a worker that is ready sent, or why it ended without sending it."""
    try:
        if worker.results.poll():
            answer: tuple[str, Any] = worker.results.recv()
            return answer
    except (EOFError, OSError):
        pass
    worker.process.join()
    return worker_died(worker.process.exitcode, limits)


def _ask_to_end(worker: _Worker) -> None:
    try:
        worker.tasks.send(None)
    except OSError:
        return
    worker.process.join(timeout=1)

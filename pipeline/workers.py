"""Worker processes that read one file at a time, each file under a time and a memory limit.

An ingest reads its files in forked worker processes (forked after the analysers are loaded, so they share the
loaded word lists). Each worker reads one file at a time, so whatever happens to a worker is that file's doing
and costs that file only:
- a file that needs more than `Limits.seconds` has its worker killed and is recorded with the limit it hit;
- a file that needs more than `Limits.memory_mb` more memory than the worker started with meets the worker's
  address-space limit: Python raises MemoryError, or the PDF library gives up or crashes;
- a worker that dies (a crash in the PDF library, the system's out-of-memory killer) is recorded by its exit.
The pool then forks a fresh worker for the files left (a file that was waiting for that worker included).
Workers die with the process that forked them (`PR_SET_PDEATHSIG` on Linux): an ingest killed with kill -9
leaves nothing running and nothing holding its lock.

A worker has its next file waiting in its pipe while it reads one (`QUEUED`), and writes each result into a pipe
large enough to hold it: it goes on at once, whatever the process that saves the results is doing. (With one
file at a time, each worker waited for the writer to take its result and hand it the next file:
docs/performance.md.) A task is queued only when its pickle fits into the worker's task pipe, so the
pool never waits to write to a worker that is busy.
"""

from __future__ import annotations

import ctypes
import fcntl
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
from multiprocessing.reduction import ForkingPickler
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
# Tasks a worker holds: the one it reads and the next one, waiting in its pipe.
QUEUED = 2
# The size asked for each pipe (Linux lets a process ask up to /proc/sys/fs/pipe-max-size, 1 MB by default): a
# document's result is far smaller (docs/performance.md).
PIPE_BYTES = 1 << 20


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


class WorkerStartError(RuntimeError):
    """A freshly forked worker ended before it took a task (the machine refuses processes)."""


@dataclass
class _Worker:
    process: BaseProcess
    tasks: Connection
    results: Connection
    room: int  # the bytes its task pipe holds
    held: deque[tuple[Any, Any]]  # (key, task) it was given and has not answered, the one it reads first
    deadline: float = 0.0  # when the one it reads passes the time limit

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
        workers: list[_Worker] = []
        try:
            self._dispatch(pending, workers)
            while any(worker.held for worker in workers):
                finished = [
                    self._outcome(worker, answer, pending, workers) for worker, answer in self._answers(workers)
                ]
                # The next tasks go out before the caller gets these results: a worker does not wait while the
                # caller saves them.
                self._dispatch(pending, workers)
                yield from finished
        finally:
            for worker in workers:
                if not worker.held:
                    _ask_to_end(worker)
            for worker in workers:
                worker.close()

    def _dispatch(self, pending: deque[tuple[Key, Task]], workers: list[_Worker]) -> None:
        """Give pending tasks to the workers, the idle ones first, forking workers up to the pool's size; a worker
        that reads a task gets the next one only when it fits into its pipe. An idle worker found dead is replaced."""
        while pending:
            forked = [self._fork() for _ in range(self._size - len(workers))]
            workers += forked
            dead = self._give(pending, workers)
            if not dead:
                return
            for worker in dead:
                worker.close()
                workers.remove(worker)
            if any(worker in forked for worker in dead):
                raise WorkerStartError("a worker process ended as it started: no file can be read")

    def _give(self, pending: deque[tuple[Key, Task]], workers: list[_Worker]) -> list[_Worker]:
        """Send pending tasks to the workers that can take one; the idle workers whose pipe is broken."""
        dead: list[_Worker] = []
        payload: memoryview | None = None  # the first pending task's pickle, made once
        for depth in range(QUEUED):
            for worker in workers:
                if not pending or len(worker.held) != depth or worker in dead:
                    continue
                if payload is None:
                    payload = ForkingPickler.dumps(pending[0][1])
                if depth and len(payload) > worker.room:
                    continue
                try:
                    worker.tasks.send_bytes(payload)
                except OSError:  # it died since its last answer: one with tasks is read by `_answers`
                    if not worker.held:
                        dead.append(worker)
                    continue
                key, task = pending.popleft()
                payload = None
                if not worker.held:
                    worker.deadline = time.monotonic() + self._limits.seconds
                worker.held.append((key, task))
        return dead

    def _outcome(
        self,
        worker: _Worker,
        answer: tuple[str, Any] | Stopped,
        pending: deque[tuple[Key, Task]],
        workers: list[_Worker],
    ) -> tuple[Key, Result | Stopped]:
        """The result (or why it stopped) of the task the worker read first; a worker that ended gives the task it
        held next back to the pending ones, first in line."""
        key = worker.held.popleft()[0]
        if isinstance(answer, Stopped) or answer[0] == _MEMORY:
            worker.close()
            workers.remove(worker)
            pending.extendleft(reversed(worker.held))
            return key, answer if isinstance(answer, Stopped) else over_memory(self._limits)
        # The next task starts when this one ended: by now at the latest.
        worker.deadline = time.monotonic() + self._limits.seconds
        return key, answer[1]

    def _answers(self, workers: list[_Worker]) -> list[tuple[_Worker, tuple[str, Any] | Stopped]]:
        """Wait for at least one busy worker to answer, die or pass its deadline; what each of those came to."""
        busy = [worker for worker in workers if worker.held]
        by_handle: dict[Any, _Worker] = {}
        for worker in busy:
            by_handle[worker.results] = worker
            by_handle[worker.process.sentinel] = worker
        timeout = max(0.0, min(worker.deadline for worker in busy) - time.monotonic())
        ready = {id(by_handle[handle]) for handle in wait(list(by_handle), timeout)}
        answers: list[tuple[_Worker, tuple[str, Any] | Stopped]] = []
        now = time.monotonic()
        for worker in busy:
            if id(worker) in ready:
                answers.append((worker, _answer(worker, self._limits)))
            elif now >= worker.deadline:
                worker.process.kill()
                answers.append((worker, over_time(self._limits)))
        return answers

    def _fork(self) -> _Worker:
        context = get_context("fork")
        tasks_out, tasks_in = context.Pipe(duplex=False)
        results_in, results_out = context.Pipe(duplex=False)
        room = widen(tasks_in)
        widen(results_out)
        process = context.Process(
            target=_serve,
            args=(self._job, tasks_out, results_out, self._limits, self._initializer, os.getpid()),
            daemon=True,
        )
        process.start()
        tasks_out.close()  # the worker's ends: a worker that dies leaves its pipe closed, not held open here
        results_out.close()
        return _Worker(process, tasks_in, results_in, room, deque())


def widen(connection: Connection) -> int:
    """Let the pipe hold `PIPE_BYTES` before its writer waits (Linux; elsewhere the default size stays); the bytes
    it holds."""
    try:
        return int(fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES))
    except (OSError, AttributeError):  # another system, or a lower limit: the pipe as it is
        try:
            return int(fcntl.fcntl(connection.fileno(), fcntl.F_GETPIPE_SZ))
        except (OSError, AttributeError):
            return 0


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

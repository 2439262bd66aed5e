"""The worker pool (`pipeline.workers`): each task under a time and a memory limit, a task that hits one or ends
its worker costs that task only, and no worker outlives the process that forked it."""

from __future__ import annotations

import faulthandler
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from referat.pipeline.workers import Limits, Stopped, Workers

pytestmark = pytest.mark.integration


def job(task: str) -> str:
    """What the test tasks ask of a worker, by their name."""
    if task.startswith("sleep"):
        time.sleep(float(task.split()[1]))
    elif task == "allocate":
        blocks = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GB, a block at a time
        return f"allocated {len(blocks)}"
    elif task == "large result":
        return "x" * (3 << 20)  # more than a pipe holds
    elif task.startswith("touch"):
        Path(task.split(" ", 1)[1]).touch()
    elif task == "crash":
        faulthandler.disable()  # pytest's: it would print the worker's stack
        os.kill(os.getpid(), signal.SIGSEGV)
    return f"{task} in {os.getpid()}"


def run(tasks: list[str], limits: Limits, size: int = 2) -> dict[str, str | Stopped]:
    pool: Workers[str, str, str] = Workers(job, size, limits)
    return dict(pool.run((task, task) for task in tasks))


def test_every_task_is_answered_in_a_worker() -> None:
    results = run([f"task {n}" for n in range(10)], Limits())

    assert sorted(results) == [f"task {n}" for n in range(10)]
    pids = {str(result).split(" in ")[1] for result in results.values()}
    assert len(pids) <= 2 and str(os.getpid()) not in pids


def test_a_worker_has_its_next_task_while_the_caller_handles_its_result(tmp_path: Path) -> None:
    # The caller saves each result before it asks for the next: the worker must not wait for that.
    pool: Workers[str, str, str] = Workers(job, 1, Limits())
    started = tmp_path / "second started"
    waited = None
    for key, _ in pool.run([("first", "first"), ("second", f"touch {started}")]):
        if key == "first":
            deadline = time.monotonic() + 10
            while not started.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            waited = started.exists()
    assert waited is True


def test_a_task_larger_than_a_pipe_waits_for_an_idle_worker() -> None:
    # Queued behind a busy worker, it would fill the pipe while the worker fills its own with a large result:
    # each would wait for the other for ever.
    results: dict[str, str | Stopped] = {}
    pool: Workers[str, str, str] = Workers(job, 1, Limits())
    thread = threading.Thread(
        target=lambda: results.update(pool.run([("large result", "large result"), ("large task", "y" * (3 << 20))])),
        daemon=True,
    )
    thread.start()
    thread.join(30)
    assert not thread.is_alive(), "the pool and its worker waited for each other"
    assert len(str(results["large result"])) == 3 << 20 and str(results["large task"]).startswith("yyy")


def test_a_task_over_the_time_limit_is_stopped_and_the_others_go_on() -> None:
    started = time.monotonic()
    results = run(["sleep 30", "a", "b", "c"], Limits(seconds=1))

    assert time.monotonic() - started < 10
    stopped = results["sleep 30"]
    assert isinstance(stopped, Stopped) and "stopped after 1 s, the time limit per file" in stopped.message
    assert all(isinstance(results[task], str) for task in "abc")


def test_a_task_over_the_memory_limit_is_stopped_and_the_others_go_on() -> None:
    results = run(["allocate", "a", "b"], Limits(memory_mb=256), size=1)

    stopped = results["allocate"]
    assert isinstance(stopped, Stopped) and "needed more than 256 MB of memory" in stopped.message
    assert isinstance(results["a"], str) and isinstance(results["b"], str)


def test_a_task_that_crashes_its_worker_fails_alone_and_a_new_worker_takes_the_rest() -> None:
    results = run(["a", "crash", "b", "c"], Limits(), size=1)

    crashed = results["crash"]
    assert isinstance(crashed, Stopped) and "crashed while reading this file (SIGSEGV)" in crashed.message
    before, after = str(results["a"]).split(" in ")[1], str(results["c"]).split(" in ")[1]
    assert before != after  # the crashed worker was replaced


@pytest.mark.parametrize("stopping", ["crash", "sleep 30", "allocate"])
def test_the_task_waiting_behind_a_stopped_one_is_read_by_a_fresh_worker(stopping: str) -> None:
    # A worker holds its next task while it reads one: when it dies, that task is not lost.
    results = run([stopping, "next", "last"], Limits(seconds=1, memory_mb=256), size=1)

    assert isinstance(results[stopping], Stopped)
    assert str(results["next"]).startswith("next in ") and str(results["last"]).startswith("last in ")


@pytest.mark.parametrize("limits", [{"seconds": 0}, {"seconds": -1}, {"memory_mb": 10}])
def test_limits_that_cannot_work_are_refused(limits: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="limit per file must be"):
        Limits(**limits)  # type: ignore[arg-type]


def test_workers_end_with_the_process_that_forked_them() -> None:
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent("""
        import sys
        from tests.test_workers import job
        from referat.pipeline.workers import Limits, Workers
        import multiprocessing
        pool = Workers(job, 2, Limits())
        for _ in pool.run([("a", "sleep 60"), ("b", "sleep 60")]):
            pass
    """),
        ],
        cwd=os.path.dirname(os.path.dirname(__file__)),
    )
    workers: list[int] = []
    deadline = time.monotonic() + 20
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
        workers = children(parent.pid)
    assert len(workers) == 2

    parent.kill()  # kill -9 of the parent alone, as the out-of-memory killer does
    parent.wait()

    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers)


def children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as children:
        return [int(child) for child in children.read().split()]


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ")[1][0] != "Z"  # a zombie is dead, only not yet reaped
    except FileNotFoundError:
        return False

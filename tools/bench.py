"""`make bench`: pages/s and peak memory of a full `referat ingest` beside poppler's `pdftotext`, in one run.

The corpus (`tools.bench_corpus`) is over 1,000 pages of distinct generated PDFs. Every measurement runs
on the same two cores (the target is stated for 2 cores, and pinning makes runs on bigger machines
comparable) and on files already in the page cache, so neither side pays for the disk. `pdftotext` runs once
per file, as a tool would be used, in one process and in two at a time; the pipeline runs as the real command
(`referat ingest --no-progress`, interpreter start-up included) into a fresh database, then again into the
same database, where every file is unchanged. The memory of the whole process tree is sampled in one more,
untimed fresh ingest: sampling it slows the run it samples. A MISS against the targets is reported, not failed:
this is a benchmark, not a test. Anything that breaks (a tool failing, page counts that do not add up) exits 1.
"""

from __future__ import annotations

import compileall
import dataclasses
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tools.bench_corpus import CORPUS_DIR, MIN_PAGES, Corpus, CorpusError, ensure_corpus

CORES = 2
TARGET_RATIO = 0.5  # of 1-process pdftotext's pages/s
TARGET_PEAK_MB = 500.0
SAMPLE_SECONDS = 0.02
PACKAGES = ("pipeline", "extractors", "models")
REPEATS = 3  # a run is short: one alone is at the mercy of a noisy machine


class BenchError(Exception):
    """Something the benchmark relies on broke: the figures would be meaningless."""


@dataclass(frozen=True)
class Run:
    """One measured run over the whole corpus."""

    label: str
    seconds: float  # wall-clock
    pages: int
    cpu_seconds: float  # user + system time of every process of the run
    peak_mb: float  # largest single process's max RSS, from the kernel (wait4)
    tree_pss_mb: float | None = None  # sampled peak of the process tree's summed PSS
    tree_rss_mb: float | None = None  # the same samples' summed RSS (counts shared pages once per process)

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds


def pin_cores(cores: int = CORES) -> tuple[int, int]:
    """Run this process and all it starts on `cores` CPUs; returns (CPUs used, CPUs available)."""
    available = sorted(os.sched_getaffinity(0))
    used = available[:cores]
    os.sched_setaffinity(0, used)
    return len(used), len(available)


@dataclass(frozen=True)
class _Exit:
    code: int
    cpu_seconds: float
    peak_mb: float


def _wait(process: subprocess.Popen[bytes]) -> _Exit:
    """Wait for a child. Its CPU time and max RSS include the descendants it reaped (the pool's workers);
    the max RSS is that of the largest single process, not a sum."""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return _Exit(process.returncode, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)  # Linux: kB


def pdftotext_run(files: Sequence[Path], pages: int, out_dir: Path, processes: int) -> Run:
    """`pdftotext` once per file, `processes` at a time; checks that every page came out (one form feed each)."""
    executable = shutil.which("pdftotext")
    if executable is None:
        raise BenchError("pdftotext is not installed: apt-get install poppler-utils (make bench does it)")
    out_dir.mkdir(parents=True, exist_ok=True)

    def convert(path: Path) -> _Exit:
        target = out_dir / (path.stem + ".txt")
        process = subprocess.Popen([executable, "-q", str(path), str(target)], stdin=subprocess.DEVNULL)
        done = _wait(process)
        if done.code != 0:
            raise BenchError(f"pdftotext failed on {path} with exit status {done.code}")
        return done

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=processes) as pool:
        exits = list(pool.map(convert, files))
    seconds = time.perf_counter() - started
    written = sum(path.read_bytes().count(b"\f") for path in out_dir.glob("*.txt"))
    if written != pages:
        raise BenchError(f"pdftotext wrote {written} pages, the corpus has {pages}")
    label = f"pdftotext, {processes} process{'es' if processes > 1 else ''}"
    return Run(label, seconds, pages, sum(done.cpu_seconds for done in exits), max(done.peak_mb for done in exits))


class TreeSampler(threading.Thread):
    """Samples the summed memory of a process and its descendants from /proc until stopped.

    PSS splits each shared page among the processes that share it (the forked workers share much of the
    parent), so the summed PSS is what the whole tree costs the machine; summed RSS counts shared pages again
    in every process. Sampling can miss a peak shorter than the interval, and each sample costs the sampled
    cores a little (docs/performance.md).
    """

    def __init__(self, pid: int, interval: float = SAMPLE_SECONDS) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_pss_kb = 0
        self.peak_rss_kb = 0
        self.samples = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            pss = rss = 0
            for pid in _descendants(self.pid):
                found = _rollup(pid)
                if found is not None:
                    pss, rss = pss + found[0], rss + found[1]
            if rss:
                self.samples += 1
                self.peak_pss_kb, self.peak_rss_kb = max(self.peak_pss_kb, pss), max(self.peak_rss_kb, rss)
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def _descendants(root: int) -> list[int]:
    pids = [root]
    for pid in pids:  # grows while it is walked: breadth first through the tree
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    pids.extend(int(child) for child in handle.read().split())
            except OSError:
                continue
    return pids


def _rollup(pid: int) -> tuple[int, int] | None:
    """(PSS, RSS) of one process in kB, or None once it has exited."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            fields = dict(line.split(":", 1) for line in handle if line.startswith(("Pss:", "Rss:")))
    except (OSError, ValueError):
        return None
    try:
        return int(fields["Pss"].split()[0]), int(fields["Rss"].split()[0])
    except (KeyError, ValueError, IndexError):
        return None


@dataclass(frozen=True)
class IngestResult:
    run: Run
    summary: str  # the summary line referat printed
    inner_seconds: float | None  # the ingest's own time as referat reports it: without interpreter start-up


def referat_command() -> Path:
    command = Path(sys.executable).parent / "referat"
    if not command.exists():
        raise BenchError(f"{command} not found: run `make setup` (pip install -e '.[dev]') first")
    return command


def ingest_run(
    label: str, corpus_dir: Path, db_path: Path, pages: int, log_dir: Path, *, sample_memory: bool = False
) -> IngestResult:
    """One `referat ingest` as a subprocess: wall-clock seconds, the kernel's max RSS and, with `sample_memory`,
    the tree's sampled PSS (which slows the run down: see `measure`)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"\W+", "_", label)
    out_path, err_path = log_dir / f"{stem}.out", log_dir / f"{stem}.err"
    command = [str(referat_command()), "ingest", str(corpus_dir), "--db", str(db_path), "--no-progress"]
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        sampler = TreeSampler(process.pid)
        if sample_memory:
            sampler.start()
        done = _wait(process)
        seconds = time.perf_counter() - started
        if sample_memory:
            sampler.stop()
    if done.code != 0:
        tail = err_path.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise BenchError(f"`{' '.join(command)}` exited with status {done.code}:\n{tail}")
    summary = next(
        (line for line in out_path.read_text(encoding="utf-8").splitlines() if line.startswith("Ingested")), ""
    )
    inner = re.search(r" in ([\d.]+) s:", summary)
    sampled = sampler.samples > 0
    run = Run(
        label,
        seconds,
        pages,
        done.cpu_seconds,
        done.peak_mb,
        tree_pss_mb=sampler.peak_pss_kb / 1024 if sampled else None,
        tree_rss_mb=sampler.peak_rss_kb / 1024 if sampled else None,
    )
    return IngestResult(run, summary, float(inner.group(1)) if inner else None)


def check_database(db_path: Path, corpus: Corpus) -> str:
    """The database must hold every corpus document with all its pages; returns its status and kind counts."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        documents, pages = conn.execute("select count(*), coalesce(sum(pages), 0) from documents").fetchone()
        statuses = dict(conn.execute("select status, count(*) from documents group by status").fetchall())
        kinds = conn.execute("select kind, count(*) from documents group by kind order by 2 desc").fetchall()
    finally:
        conn.close()
    if documents != len(corpus.files) or pages != corpus.pages or statuses.get("failed"):
        raise BenchError(
            f"the database holds {documents} documents, {pages} pages, statuses {statuses}; "
            f"the corpus has {len(corpus.files)} documents, {corpus.pages} pages"
        )
    return (
        ", ".join(f"{count} {status}" for status, count in sorted(statuses.items()))
        + "; kinds: "
        + ", ".join(f"{count} {kind}" for kind, count in kinds)
    )


def warm_up(corpus: Corpus) -> float:
    """Put the corpus, pdftotext and the pipeline's code in the page cache, the code compiled to bytecode.
    Returns the time of a warm `referat ingest --help`: the interpreter start-up and imports every ingest pays
    before it reads a file."""
    compile_bytecode()
    for path in corpus.paths:
        path.read_bytes()
    executable = shutil.which("pdftotext")
    if executable:
        subprocess.run([executable, "-v"], capture_output=True, check=False)
    subprocess.run([str(referat_command()), "--version"], capture_output=True, check=True)
    started = time.perf_counter()
    subprocess.run([str(referat_command()), "ingest", "--help"], capture_output=True, check=True)
    return time.perf_counter() - started


def compile_bytecode() -> None:
    """Compile referat's modules to bytecode, as pip does when it installs a package. An editable install leaves
    that to the first import, which does not write it when PYTHONDONTWRITEBYTECODE is set: every run would then
    compile the sources again on every ingest."""
    root = Path(__file__).resolve().parent.parent
    for package in PACKAGES:
        if not compileall.compile_dir(root / package, quiet=1):
            raise BenchError(f"could not compile {root / package} to bytecode")


@dataclass(frozen=True)
class Summary:
    """Repeats of one measurement: the median wall-clock and CPU time, the highest memory."""

    label: str
    pages: int
    seconds: float
    fastest: float
    slowest: float
    cpu_seconds: float
    peak_mb: float
    tree_pss_mb: float | None
    tree_rss_mb: float | None

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds


def summarise(runs: Sequence[Run]) -> Summary:
    times = sorted(run.seconds for run in runs)
    pss = [run.tree_pss_mb for run in runs if run.tree_pss_mb is not None]
    rss = [run.tree_rss_mb for run in runs if run.tree_rss_mb is not None]
    return Summary(
        runs[0].label,
        runs[0].pages,
        statistics.median(times),
        times[0],
        times[-1],
        statistics.median(run.cpu_seconds for run in runs),
        max(run.peak_mb for run in runs),
        max(pss) if pss else None,
        max(rss) if rss else None,
    )


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def report(
    corpus: Corpus,
    cores: tuple[int, int],
    startup: float,
    text1: Summary,
    text2: Summary,
    pipeline: Summary,
    noop: Summary,
    firsts: Sequence[IngestResult],
    again: IngestResult,
    statuses: str,
) -> list[str]:
    """The printed table and verdicts."""
    ratio1 = pipeline.pages_per_second / text1.pages_per_second
    ratio2 = pipeline.pages_per_second / text2.pages_per_second
    peak = max(pipeline.peak_mb, pipeline.tree_pss_mb or 0.0)
    inner = [result.inner_seconds for result in firsts if result.inner_seconds is not None]
    docs = len(corpus.files)
    lines = [
        f"Corpus: {docs} distinct PDF documents, {corpus.pages} A4 pages of text ({corpus.directory}); "
        f"{cores[0]} of {cores[1]} CPU cores used; files in the page cache.",
        f"Each measurement ran {REPEATS} times, interleaved: seconds and CPU s are medians (range: fastest-slowest),",
        "peak MB is the highest of the repeats. CPU s is user + system time summed over all processes.",
        "The timed runs are not sampled: the tree's memory is sampled in one more fresh ingest.",
        *(
            [
                f"Only {cores[0]} CPU core(s) here: the targets are stated for {CORES}, so these figures do not "
                "compare with them."
            ]
            if cores[0] < CORES
            else []
        ),
        "",
        f"{'':32}{'pages':>6}{'docs':>5}{'seconds':>9}{'range':>13}{'pages/s':>9}{'CPU s':>7}{'peak MB':>9}",
    ]
    rows = [
        (text1, "max RSS of the largest pdftotext process"),
        (text2, "max RSS of the largest pdftotext process"),
        (pipeline, "max RSS of the largest process (main or a worker)"),
    ]
    for run, note in rows:
        lines.append(
            f"{run.label:32}{run.pages:>6}{docs:>5}{run.seconds:>9.2f}"
            f"{f'{run.fastest:.2f}-{run.slowest:.2f}':>13}{run.pages_per_second:>9.1f}"
            f"{run.cpu_seconds:>7.2f}{run.peak_mb:>9.1f}  {note}"
        )
    if pipeline.tree_pss_mb is not None and pipeline.tree_rss_mb is not None:
        lines.append(
            f"{'  whole process tree':32}{'':49}{pipeline.tree_pss_mb:>9.1f}  summed PSS, peak of samples "
            f"every {SAMPLE_SECONDS * 1000:.0f} ms of one more, untimed run (summed RSS "
            f"{pipeline.tree_rss_mb:.1f}: counts shared pages once per process)"
        )
    lines += [
        f"{noop.label:32}{noop.pages:>6}{docs:>5}{noop.seconds:>9.2f}"
        f"{f'{noop.fastest:.2f}-{noop.slowest:.2f}':>13}{'':>9}{noop.cpu_seconds:>7.2f}{noop.peak_mb:>9.1f}  "
        f"{noop.seconds / pipeline.seconds:.2f} x the first ingest",
        "",
        f"referat: {firsts[-1].summary}",
        f"  Documents in the database: {statuses}. Of the {pipeline.seconds:.2f} s, {startup:.2f} s is interpreter "
        "start-up and imports (time of `referat ingest --help`)"
        + (f"; referat reports {statistics.median(inner):.2f} s for the ingest itself." if inner else "."),
        f"No-op:   {again.summary}",
        "",
        f"Ratio referat / pdftotext (1 process):   {ratio1:.3f}   target >= {TARGET_RATIO}   "
        f"{_verdict(ratio1 >= TARGET_RATIO)}",
        f"Ratio referat / pdftotext (2 processes): {ratio2:.3f}   (for reference: both on {cores[0]} cores)",
        f"Peak memory of the pipeline:             {peak:.1f} MB   target < {TARGET_PEAK_MB:.0f} MB   "
        f"{_verdict(peak < TARGET_PEAK_MB)}   (the larger of the largest process's max RSS and the tree's PSS)",
    ]
    return lines


def measure(
    corpus: Corpus, scratch: Path
) -> tuple[list[Run], list[Run], list[IngestResult], list[IngestResult], IngestResult, str]:
    """Every measurement, `REPEATS` times, round by round so that a slow spell of the machine hits all of them;
    then one more fresh ingest whose memory is sampled. Its time is not used: reading every process's
    /proc/<pid>/smaps_rollup each SAMPLE_SECONDS walks their page tables on the same two cores, which slows the
    sampled ingest, while pdftotext's runs are not sampled at all."""
    text1: list[Run] = []
    text2: list[Run] = []
    firsts: list[IngestResult] = []
    agains: list[IngestResult] = []
    statuses = ""
    for round_ in range(REPEATS):
        text1.append(pdftotext_run(corpus.paths, corpus.pages, scratch / f"text1-{round_}", processes=1))
        text2.append(pdftotext_run(corpus.paths, corpus.pages, scratch / f"text2-{round_}", processes=CORES))
        db_path = scratch / f"bench-{round_}.db"
        firsts.append(
            ingest_run(
                "referat ingest, fresh database", corpus.directory, db_path, corpus.pages, scratch / f"logs-{round_}"
            )
        )
        statuses = check_database(db_path, corpus)
        agains.append(
            ingest_run(
                "referat ingest again (no-op)", corpus.directory, db_path, corpus.pages, scratch / f"logs-{round_}"
            )
        )
        check_database(db_path, corpus)
        if f" {len(corpus.files)} unchanged" not in agains[-1].summary:
            raise BenchError(f"the second ingest should find every file unchanged: {agains[-1].summary!r}")
    memory = ingest_run(
        "referat ingest, memory sampled",
        corpus.directory,
        scratch / "bench-memory.db",
        corpus.pages,
        scratch / "logs-memory",
        sample_memory=True,
    )
    check_database(scratch / "bench-memory.db", corpus)
    return text1, text2, firsts, agains, memory, statuses


def main() -> int:
    cores = pin_cores()
    try:
        started = time.perf_counter()
        corpus, rendered = ensure_corpus(CORPUS_DIR)
        if corpus.pages < MIN_PAGES:
            raise BenchError(f"the corpus has {corpus.pages} pages, fewer than {MIN_PAGES}")
        how = f"rendered in {time.perf_counter() - started:.1f} s" if rendered else "cached"
        print(f"referat bench: corpus {how}; measuring ...", flush=True)
        startup = warm_up(corpus)
        with tempfile.TemporaryDirectory(prefix="referat-bench-") as work:
            text1, text2, firsts, agains, memory, statuses = measure(corpus, Path(work))
    except (BenchError, CorpusError) as error:
        print(f"referat bench: {error}", file=sys.stderr)
        return 1
    fresh = summarise([result.run for result in firsts])
    fresh = dataclasses.replace(
        fresh,
        peak_mb=max(fresh.peak_mb, memory.run.peak_mb),
        tree_pss_mb=memory.run.tree_pss_mb,
        tree_rss_mb=memory.run.tree_rss_mb,
    )
    lines = report(
        corpus,
        cores,
        startup,
        summarise(text1),
        summarise(text2),
        fresh,
        summarise([result.run for result in agains]),
        firsts,
        agains[-1],
        statuses,
    )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())

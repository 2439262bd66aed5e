"""`make bench-scale`: how ingest and queries scale with the size of the archive (issue 14).

Archives of generated text documents (1,000 and 10,000 by default; `tools.bench_scale_corpus` writes them
under `data/bench-scale/`) stand for a municipality's archive that only grows: minutes of committee meetings and
news articles about them.

For each size the benchmark measures, as the real command (`referat ingest ... --no-progress`): a fresh build
(time, time per document, peak memory of the process tree), adding one new meeting's minutes and, separately,
one new article to a copy of that database (time, bytes written, peak memory), and a no-op re-ingest; the
no-ops and additions run in rounds over the sizes (`measure_updates`), so that the growth from one size to the
next is not the machine's drift. It serves each fresh database as `referat serve` does and times every canned
query (`pipeline.serve.load_queries`, its
parameters filled with values found in the database) and a full-text search over HTTP: p50 and p95 of the answer
time. With `--synthetic N` it also times the queries on the synthetic database of N agenda items that
`referat.pipeline.synthetic` writes, when that module is there. Memory is the peak of the tree's summed PSS, sampled as
`tools.bench` samples it; bytes written is the growth of `write_bytes` in this process's /proc/self/io while it
waits for the ingest: the kernel adds a reaped child's I/O (and what it reaped) to its parent's. A MISS against the
targets of issue 14 is reported, not failed: this is a benchmark, not a test. Anything that breaks exits 1.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import importlib.util
import json
import math
import os
import random
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from referat.pipeline.serve import CannedQuery, load_queries
from tools.bench import TreeSampler, compile_bytecode, pin_cores, referat_command
from tools.bench_scale_corpus import ARTICLE_SHARE, SCALE_DIR, Archive, ensure_archive

DEFAULT_SIZES = (1000, 10000)
# The modules besides the generator's own whose source shapes the synthetic database (tables, views, full-text
# indexes and how they are built, ids, summaries): a change to any of them regenerates it.
SCHEMA_SOURCES = tuple(
    Path(__file__).resolve().parent.parent / name
    for name in (
        "models/schema.py",
        "models/views.py",
        "models/search_indexes.py",
        "models/shape.py",
        "models/records.py",
        "pipeline/search.py",
        "pipeline/summaries.py",
    )
)
QUERY_REPEATS = 20
SHORT_REPEATS = 3  # runs of a no-op or an addition that takes under REPEAT_UNDER_SECONDS
REPEAT_UNDER_SECONDS = 10.0
SERVER_START_SECONDS = 600.0  # `referat serve` may first count a national database's rows

# The targets of issue 14.
TARGET_ADD_SECONDS = 2.0
TARGET_ADD_MB = 300.0
TARGET_ADD_GROWTH = 1.5  # add one at the largest size / at the smallest
TARGET_NOOP_SECONDS = 1.0
TARGET_FRESH_GROWTH = 1.3  # fresh build's time per document at the largest size / at the smallest
TARGET_FRESH_MB = 1024.0
TARGET_QUERY_P95_MS = 500.0


class ScaleBenchError(Exception):
    """Something the benchmark relies on broke: the figures would be meaningless."""


@dataclass(frozen=True)
class IngestRun:
    """One `referat ingest` as the real command."""

    seconds: float
    peak_mb: float  # the tree's summed PSS, sampled; else the largest process's max RSS
    written_bytes: int  # write_bytes of the ingest and every process it reaped (/proc/self/io)
    db_growth_bytes: int  # size of the database file and its WAL after, less before
    summary: str  # the line referat printed


def _write_bytes() -> int:
    """This process's write_bytes; after a child is reaped it includes the child's and what that child reaped."""
    with open("/proc/self/io") as handle:
        fields = dict(line.split(":", 1) for line in handle)
    return int(fields["write_bytes"])


def _db_bytes(db_path: Path) -> int:
    return sum(path.stat().st_size for path in (db_path, db_path.with_name(db_path.name + "-wal")) if path.exists())


def run_ingest(paths: Sequence[Path], db_path: Path, log_path: Path, *, sample: bool = True) -> IngestRun:
    """`referat ingest PATHS --db db_path --no-progress`, its tree's memory sampled while it runs when `sample`
    (which slows it: the sampler reads every process's /proc/<pid>/smaps_rollup on the same cores); unsampled, the
    peak is the largest process's max RSS."""
    command = [str(referat_command()), "ingest", *map(str, paths), "--db", str(db_path), "--no-progress"]
    size_before = _db_bytes(db_path)
    written_before = _write_bytes()
    with log_path.open("wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        sampler = TreeSampler(process.pid) if sample else None
        if sampler is not None:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        if sampler is not None:
            sampler.stop()
    written = _write_bytes() - written_before
    code = os.waitstatus_to_exitcode(status)
    output = log_path.read_text(encoding="utf-8", errors="replace")
    if code != 0:
        raise ScaleBenchError(f"`{' '.join(command)}` exited with status {code}:\n{output[-2000:]}")
    summary = next((line for line in output.splitlines() if line.startswith("Ingested")), "")
    peak = sampler.peak_pss_kb / 1024 if sampler is not None and sampler.samples else usage.ru_maxrss / 1024
    return IngestRun(seconds, peak, written, _db_bytes(db_path) - size_before, summary)


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a database (WAL or not) through SQLite's backup, on disk before it is used: the kernel
    writing back the copy's pages (half a gigabyte at 10,000 documents) must not be timed as the ingest's work."""
    target.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    handle = os.open(target, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def expect_summary(run: IngestRun, **counts: int) -> None:
    """The ingest must have done what was asked: e.g. new=1, unchanged=1000."""
    for action, count in counts.items():
        if f" {count} {action}" not in run.summary:
            raise ScaleBenchError(f"expected {count} {action} file(s): {run.summary!r}")


@dataclass(frozen=True)
class QueryTiming:
    """Answer times of one query's requests over HTTP."""

    name: str
    milliseconds: tuple[float, ...]
    rows: int  # rows of the largest answer
    error: str | None = None  # why the last request that failed failed
    slowest: str = ""  # the path of the slowest request

    @property
    def p50(self) -> float:
        return statistics.median(self.milliseconds)

    @property
    def p95(self) -> float:
        return percentile(self.milliseconds, 0.95)


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value with at least `fraction` of the values at or below it."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(round(len(ordered) * fraction, 9)))  # rounded: 0.95 * 20 must stay 19
    return ordered[rank - 1]


@dataclass(frozen=True)
class Sizes:
    """A fresh build, the no-op and the two additions at one archive size."""

    size: int
    fresh: IngestRun
    noop: IngestRun
    add_minutes: IngestRun
    add_article: IngestRun
    counts: str  # what the database holds
    queries: tuple[QueryTiming, ...]

    @property
    def seconds_per_document(self) -> float:
        return self.fresh.seconds / self.size


def database_counts(db_path: Path) -> str:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        found = {
            table: conn.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("documents", "meetings", "agenda_items", "articles", "links")
        }
    finally:
        conn.close()
    return ", ".join(f"{count:,} {table}" for table, count in found.items())


# Values for the canned queries' parameters are taken from a few meetings of the database, each set from one
# meeting: its committee, municipality, date and year, a member at it, an item's journal number and a word of an
# item's title, a word of the title of an article linked to it. A parameter not named here stays empty (its query
# then runs unfiltered), and the report says so.
MEETING_PARAMETERS = (
    "meeting_id",
    "udvalg",
    "kommune",
    "dato",
    "aar",
    "fra_dato",
    "til_dato",
    "navn",
    "journalnummer",
    "tekst",
    "titel",
)
FIXED_PARAMETERS = {
    "udfald": ("godkendt", "taget til efterretning", "udsat"),
    "mindst_kr": ("1 mio", "100.000"),
    "kun_inhabil": ("", "ja"),
}
_SEARCH_WORD = re.compile(r"[^\W\d_]{5,}")
ParameterSet = dict[str, str]


def parameter_sets(db_path: Path, *, count: int = 5) -> list[ParameterSet]:
    """Up to `count` sets of parameter values, each from one meeting (drawn, seeded, from the first 2,000)."""
    rng = random.Random("referat-bench-scale-parameters")
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        meetings = conn.execute(
            "select id, committee, municipality, date from meetings where duplicate_of is null "
            "and committee != '' and date != '' order by rowid limit 2000"
        ).fetchall()
        sets: list[ParameterSet] = []
        for number, (meeting_id, committee, municipality, date) in enumerate(
            rng.sample(meetings, min(count, len(meetings)))
        ):
            titles = " ".join(
                str(row[0])
                for row in conn.execute(
                    "select title from agenda_items where meeting_id = ? and title != ''", (meeting_id,)
                )
            )
            words = sorted({word.lower() for word in _SEARCH_WORD.findall(titles)})
            article = _first(
                conn,
                "select a.title from links l join articles a on a.document_id = l.article_id "
                "where l.meeting_id = ? and a.title != '' order by l.score desc limit 1",
                meeting_id,
            ) or _first(conn, "select title from articles where title != '' limit 1")
            article_words = _SEARCH_WORD.findall(article)
            values = {
                "meeting_id": meeting_id,
                "udvalg": committee,
                "kommune": municipality or "",
                "dato": date,
                "aar": date[:4],
                "fra_dato": f"{date[:4]}-01-01",
                "til_dato": f"{date[:4]}-12-31",
                "navn": _first(
                    conn,
                    "select name from attendance where meeting_id = ? and name != '' order by name limit 1",
                    meeting_id,
                ),
                "journalnummer": _first(
                    conn,
                    "select case_number from agenda_items where meeting_id = ? "
                    "and case_number != '' order by position limit 1",
                    meeting_id,
                ),
                "tekst": rng.choice(words) if words else "",
                "titel": rng.choice(article_words).lower() if article_words else "",
            }
            values.update({name: options[number % len(options)] for name, options in FIXED_PARAMETERS.items()})
            sets.append(values)
    finally:
        conn.close()
    return sets or [{}]


def _first(conn: sqlite3.Connection, sql: str, *params: str) -> str:
    row = conn.execute(sql, params).fetchone()
    return str(row[0]) if row and row[0] is not None else ""


def request_paths(
    database: str, queries: Sequence[CannedQuery], sets: Sequence[ParameterSet], repeats: int
) -> dict[str, list[str]]:
    """For each canned query and the full-text search (`search_items?_search=`), `repeats` request paths. Request
    r takes its values from set r // 2; an odd request fills only the query's first parameter and leaves the
    others empty, so that narrow and broad forms of each query are timed."""
    paths: dict[str, list[str]] = {}
    for query in queries:
        paths[query.name] = []
        for repeat in range(repeats):
            values = sets[repeat // 2 % len(sets)]
            filled = query.params[:1] if repeat % 2 else query.params
            params = {param: values.get(param, "") if param in filled else "" for param in query.params}
            paths[query.name].append(
                f"/{database}/{query.name}.json?" + urllib.parse.urlencode({**params, "_shape": "array"})
            )
    words = [values.get("tekst", "") for values in sets]
    paths["full-text search (search_items)"] = [
        f"/{database}/search_items.json?"
        + urllib.parse.urlencode({"_search": words[repeat % len(words)], "_shape": "array"})
        for repeat in range(repeats)
    ]
    return paths


def unfilled_parameters(queries: Sequence[CannedQuery]) -> list[str]:
    """Parameters of the canned queries that this benchmark has no values for."""
    known = {*MEETING_PARAMETERS, *FIXED_PARAMETERS}
    return sorted({param for query in queries for param in query.params} - known)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def serve(db_path: Path, log_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`referat serve --db db_path` on a free port, as staff start it; returns the process and its base URL once
    it answers."""
    port = _free_port()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(referat_command()), "serve", "--db", str(db_path), "--port", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_SECONDS
    while True:
        try:
            _get(f"{base}/-/versions.json")
            return process, base
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline or process.poll() is not None:
                process.terminate()
                process.wait(timeout=10)
                raise ScaleBenchError(
                    f"`referat serve --db {db_path}` did not answer within "
                    f"{SERVER_START_SECONDS:.0f} s:\n" + log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
                ) from None
            time.sleep(0.2)


def read_through(db_path: Path) -> None:
    """Read the database file once, so that its pages are in the page cache as a server's are once it has run a
    while (when the machine has the memory). Timed from the disk instead, half of its pages evicted by the
    benchmark's own copies, the slowest queries passed SQLite's time limit, and which ones depended on what ran
    before (docs/performance.md)."""
    with db_path.open("rb") as handle:
        while handle.read(1 << 24):
            pass


def time_queries(db_path: Path, log_path: Path, repeats: int = QUERY_REPEATS) -> tuple[QueryTiming, ...]:
    """Every canned query and a full-text search against the database as served, each `repeats` times after
    one request to warm it up; one client at a time. The database file is read through first (`read_through`)."""
    _, queries = load_queries()
    paths = request_paths(db_path.stem, queries, parameter_sets(db_path), repeats)
    read_through(db_path)
    process, base = serve(db_path, log_path)
    timings: list[QueryTiming] = []
    try:
        for name, requests in paths.items():
            _get(base + requests[0])
            spent: list[float] = []
            error: str | None = None
            rows = 0
            for path in requests:
                started = time.perf_counter()
                status, body = _get(base + path)
                spent.append((time.perf_counter() - started) * 1000)
                if status != 200:
                    error = f"HTTP {status}: {error_message(body)}"
                else:
                    rows = max(rows, len(json.loads(body)))
            slowest = requests[max(range(len(spent)), key=spent.__getitem__)]
            timings.append(QueryTiming(name, tuple(spent), rows, error, urllib.parse.unquote_plus(slowest)))
    finally:
        process.terminate()
        process.wait(timeout=10)
    return tuple(timings)


def error_message(body: bytes) -> str:
    """Datasette's error answer in a few plain words: its JSON `error` without the HTML, else the body's start."""
    text = body.decode("utf-8", errors="replace")
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("error"), str):
        text = data["error"]
    text = " ".join(re.sub(r"<[^>]*>", " ", text).split())
    return text if len(text) <= 80 else text[:79] + "…"


def median_run(runs: Sequence[IngestRun]) -> IngestRun:
    """The run of median time (the slower of the middle two), with the highest peak memory of all."""
    ordered = sorted(runs, key=lambda run: run.seconds)
    return dataclasses.replace(ordered[len(ordered) // 2], peak_mb=max(run.peak_mb for run in runs))


@dataclass(frozen=True)
class Built:
    """One archive built fresh, with what its database holds and its queries' timings (as served)."""

    archive: Archive
    folder: Path  # this size's part of the scratch folder
    fresh_db: Path
    fresh: IngestRun
    counts: str
    queries: tuple[QueryTiming, ...]


def measure_build(archive: Archive, scratch: Path, repeats: int) -> Built:
    """The fresh build of one archive (once, sampled), then its queries against the new database as served."""
    folder = scratch / str(archive.size)
    folder.mkdir(parents=True)
    fresh_db = folder / "fresh" / "minutes.db"
    fresh_db.parent.mkdir()
    _progress(f"{archive.size:,} documents: fresh build ...")
    fresh = run_ingest([archive.directory], fresh_db, folder / "fresh.log")
    expect_summary(fresh, new=archive.size, failed=0)
    _progress(f"  {fresh.seconds:.1f} s; queries ...")
    queries = time_queries(fresh_db, folder / "serve.log", repeats)
    return Built(archive, folder, fresh_db, fresh, database_counts(fresh_db), queries)


# What is measured on a built archive: the no-op, and one new file of each kind added to a copy of its database.
UPDATES = ("no-op", "minutes", "article")


def measure_updates(builds: Sequence[Built], *, keep: bool = False) -> list[Sizes]:
    """The no-op and the two additions of every size, in rounds: each round runs every size's updates before the
    next round starts, so that the ratios between sizes compare runs of the same minutes (the speed of a shared
    machine drifts by a fifth within a quarter of an hour; measured one size after the other, that drift was read
    as growth). An update is run `SHORT_REPEATS` times when its first run takes under `REPEAT_UNDER_SECONDS`, the
    median kept; each addition is then run once more with the tree's memory sampled for its peak. Each copy's
    database is deleted after its run unless `keep` (the copies of a 10,000-document archive, half a gigabyte
    each, left in the page cache slowed the additions that came after them: docs/performance.md)."""
    runs: dict[tuple[int, str], list[IngestRun]] = {
        (built.archive.size, update): [] for built in builds for update in UPDATES
    }
    for round_number in range(SHORT_REPEATS):
        for built in builds:
            for update in UPDATES:
                done = runs[(built.archive.size, update)]
                if done and done[0].seconds >= REPEAT_UNDER_SECONDS:
                    continue
                _progress(f"  round {round_number + 1}: {update} at {built.archive.size:,} ...")
                done.append(run_update(built, update, f"{round_number}", sample=False, keep=keep))
    sampled = {
        (built.archive.size, update): run_update(built, update, "sampled", sample=True, keep=keep)
        for built in builds
        for update in UPDATES[1:]
    }

    def added(built: Built, update: str) -> IngestRun:
        key = (built.archive.size, update)
        # The peak is the sampled run's: the tree's summed PSS, as the fresh build's (the timed runs know only
        # their largest process's max RSS).
        return dataclasses.replace(median_run(runs[key]), peak_mb=sampled[key].peak_mb)

    return [
        Sizes(
            built.archive.size,
            built.fresh,
            median_run(runs[(built.archive.size, "no-op")]),
            added(built, "minutes"),
            added(built, "article"),
            built.counts,
            built.queries,
        )
        for built in builds
    ]


def run_update(built: Built, update: str, label: str, *, sample: bool, keep: bool = False) -> IngestRun:
    """A no-op re-ingest of the archive into its fresh database, or the archive and one new file (`update`:
    minutes or article) into a copy of it, deleted after the run unless `keep` (its log stays)."""
    archive = built.archive
    if update == "no-op":
        run = run_ingest([archive.directory], built.fresh_db, built.folder / f"noop-{label}.log", sample=sample)
        expect_summary(run, unchanged=archive.size)
        return run
    new_file = archive.new_minutes if update == "minutes" else archive.new_article
    db_path = built.folder / f"add-{update}-{label}" / "minutes.db"
    db_path.parent.mkdir()
    copy_database(built.fresh_db, db_path)
    run = run_ingest([archive.directory, new_file], db_path, db_path.parent / "ingest.log", sample=sample)
    expect_summary(run, new=1, unchanged=archive.size)
    if not keep:
        for path in (db_path, *(db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm"))):
            path.unlink(missing_ok=True)
    return run


def synthetic_database(items: int, root: Path = SCALE_DIR) -> Path | None:
    """The synthetic database of `items` agenda items (`python -m referat.pipeline.synthetic`), written again when the
    source of a generator module (`pipeline/synthetic*.py`: the command, its rows and its words) or of a schema module
    (`SCHEMA_SOURCES`) changed; None when the generator is not there."""
    spec = importlib.util.find_spec("referat.pipeline.synthetic")
    if spec is None or spec.origin is None:
        return None
    folder = root / f"synthetic-{items}"
    db_path = folder / "minutes.db"
    sources = (*sorted(Path(spec.origin).parent.glob("synthetic*.py")), *SCHEMA_SOURCES)
    key = hashlib.sha256(b"".join(source.read_bytes() for source in sources)).hexdigest()
    stamp = folder / "generator.sha256"
    if db_path.exists() and stamp.exists() and stamp.read_text(encoding="utf-8").strip() == key:
        return db_path
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    _progress(f"synthetic database of {items:,} agenda items: generating ...")
    done = subprocess.run(
        [sys.executable, "-m", "referat.pipeline.synthetic", "--items", str(items), "--db", str(db_path)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise ScaleBenchError(
            f"referat.pipeline.synthetic exited with status {done.returncode}:\n{done.stderr[-2000:]}"
        )
    stamp.write_text(key + "\n", encoding="utf-8")
    return db_path


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _verdict(ok: bool) -> str:
    return "ok  " if ok else "MISS"


def _mb(value: int) -> str:
    return f"{value / 1e6:,.1f} MB"


def size_lines(result: Sizes) -> list[str]:
    lines = [
        f"{result.size:,} documents ({result.counts})",
        f"  fresh build    {result.fresh.seconds:8.2f} s  {result.seconds_per_document * 1000:7.2f} ms/doc  "
        f"peak {result.fresh.peak_mb:7.1f} MB  written {_mb(result.fresh.written_bytes)}",
        f"  no-op          {result.noop.seconds:8.2f} s                 peak {result.noop.peak_mb:7.1f} MB  "
        f"written {_mb(result.noop.written_bytes)}",
    ]
    for label, run in (("add 1 minutes", result.add_minutes), ("add 1 article", result.add_article)):
        lines.append(
            f"  {label:14} {run.seconds:8.2f} s                 peak {run.peak_mb:7.1f} MB  "
            f"written {_mb(run.written_bytes)} (database + WAL grew {_mb(run.db_growth_bytes)})"
        )
    return lines


def query_lines(label: str, timings: Sequence[QueryTiming]) -> list[str]:
    lines = [
        f"{label}: {len(timings[0].milliseconds) if timings else 0} requests each",
        f"  {'query':34}{'p50 ms':>9}{'p95 ms':>9}{'most rows':>10}",
    ]
    for timing in timings:
        lines.append(
            f"  {timing.name:34}{timing.p50:9.1f}{timing.p95:9.1f}{timing.rows:10}"
            + (f"  {timing.error}" if timing.error else "")
        )
    return lines


def verdicts(
    results: Sequence[Sizes], synthetic: Sequence[QueryTiming], synthetic_label: str = "synthetic"
) -> list[str]:
    """Each target of issue 14 with ok or MISS. Limits stated for 10,000 documents are checked at every size
    measured; the growth targets compare the largest size with the smallest."""
    lines: list[str] = []
    for result in results:
        at = f"at {result.size:,}"
        for label, run in (("add 1 minutes", result.add_minutes), ("add 1 article", result.add_article)):
            lines.append(
                f"{_verdict(run.seconds < TARGET_ADD_SECONDS)} {label} {at}: {run.seconds:.2f} s "
                f"(target < {TARGET_ADD_SECONDS:g} s)"
            )
            lines.append(
                f"{_verdict(run.peak_mb < TARGET_ADD_MB)} {label} {at}: peak {run.peak_mb:.0f} MB "
                f"(target < {TARGET_ADD_MB:.0f} MB)"
            )
        lines.append(
            f"{_verdict(result.noop.seconds < TARGET_NOOP_SECONDS)} no-op {at}: "
            f"{result.noop.seconds:.2f} s (target < {TARGET_NOOP_SECONDS:g} s)"
        )
        lines.append(
            f"{_verdict(result.fresh.peak_mb < TARGET_FRESH_MB)} fresh build {at}: peak "
            f"{result.fresh.peak_mb:.0f} MB (target < {TARGET_FRESH_MB:.0f} MB)"
        )
    if len(results) > 1:
        small, large = min(results, key=lambda r: r.size), max(results, key=lambda r: r.size)
        between = f"{large.size:,} / {small.size:,}"
        for label, small_run, large_run in (
            ("add 1 minutes", small.add_minutes, large.add_minutes),
            ("add 1 article", small.add_article, large.add_article),
        ):
            growth = large_run.seconds / small_run.seconds
            lines.append(
                f"{_verdict(growth <= TARGET_ADD_GROWTH)} {label}, {between}: {growth:.2f} x "
                f"(target <= {TARGET_ADD_GROWTH:g} x)"
            )
        growth = large.seconds_per_document / small.seconds_per_document
        lines.append(
            f"{_verdict(growth <= TARGET_FRESH_GROWTH)} fresh build per document, {between}: "
            f"{growth:.2f} x (target <= {TARGET_FRESH_GROWTH:g} x)"
        )
    served = [(f"{result.size:,} documents", result.queries) for result in results]
    if synthetic:
        served.append((synthetic_label, tuple(synthetic)))
    for label, timings in served:
        slow = [t for t in timings if t.error or t.p95 >= TARGET_QUERY_P95_MS]
        worst = max(timings, key=lambda t: t.p95)
        lines.append(
            f"{_verdict(not slow)} queries on {label}: worst p95 {worst.p95:.0f} ms ({worst.name})"
            + f" (target p95 < {TARGET_QUERY_P95_MS:.0f} ms)"
        )
        lines += [
            f"       {t.name}: p95 {t.p95:.0f} ms"
            + (f", {t.error}" if t.error else "")
            + (f"; slowest: {t.slowest}" if t.slowest else "")
            for t in slow
        ]
    return lines


def parse_sizes(text: str) -> tuple[int, ...]:
    """'1000,10000' -> (1000, 10000): positive, distinct, in increasing order."""
    try:
        sizes = tuple(sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()}))
    except ValueError:
        raise argparse.ArgumentTypeError(f"sizes must be whole numbers separated by commas, not {text!r}") from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError(f"sizes must be at least 1: {text!r}")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_scale", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=DEFAULT_SIZES,
        help="archive sizes in documents, separated by commas (default: 1000,10000)",
    )
    parser.add_argument(
        "--synthetic",
        type=int,
        default=0,
        metavar="ITEMS",
        help="also time the queries on referat.pipeline.synthetic's database of ITEMS agenda items "
        "(0: not; skipped when referat.pipeline.synthetic is not there)",
    )
    parser.add_argument("--repeats", type=int, default=QUERY_REPEATS, help="requests per query")
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="keep the databases and logs in FOLDER (default: a temporary folder, removed)",
    )
    options = parser.parse_args(argv)
    cores = pin_cores()
    # The figures are printed when every size's updates are measured (they run in rounds over the sizes); the
    # verdicts come at the end.
    _print(header(cores))
    try:
        compile_bytecode()
        results: list[Sizes] = []
        synthetic: tuple[QueryTiming, ...] = ()
        with tempfile.TemporaryDirectory(prefix="referat-bench-scale-") as work:
            scratch = options.keep or Path(work)
            scratch.mkdir(parents=True, exist_ok=True)
            builds: list[Built] = []
            for size in options.sizes:
                started = time.perf_counter()
                archive, written = ensure_archive(size)
                _progress(
                    f"{size:,} documents "
                    + (f"written in {time.perf_counter() - started:.1f} s" if written else "cached")
                    + f" ({archive.directory})"
                )
                builds.append(measure_build(archive, scratch, options.repeats))
            results = measure_updates(builds, keep=options.keep is not None)
            for result in results:
                _print(
                    [
                        *size_lines(result),
                        *query_lines(f"  queries on the {result.size:,}-document database", result.queries),
                        "",
                    ]
                )
            if options.synthetic:
                db_path = synthetic_database(options.synthetic)
                if db_path is None:
                    _print(["referat.pipeline.synthetic is not there yet: no synthetic database measured", ""])
                else:
                    _progress("synthetic database: queries ...")
                    synthetic = time_queries(db_path, scratch / "serve-synthetic.log", options.repeats)
                    _print(
                        [
                            *query_lines(
                                f"synthetic database of {options.synthetic:,} agenda items ({db_path})", synthetic
                            ),
                            "",
                        ]
                    )
    except ScaleBenchError as error:
        print(f"referat bench-scale: {error}", file=sys.stderr)
        return 1
    _print(verdicts(results, synthetic, f"the synthetic database of {options.synthetic:,} items"))
    return 0


def _print(lines: Sequence[str]) -> None:
    print("\n".join(lines), flush=True)


def header(cores: tuple[int, int]) -> list[str]:
    unfilled = unfilled_parameters(load_queries()[1])
    return [
        f"referat bench-scale: generated text archives (about {1 - ARTICLE_SHARE:.0%} minutes, the rest news "
        f"articles); {cores[0]} of {cores[1]} CPU cores.",
        "Each ingest runs as `referat ingest`, its process tree's memory sampled (summed PSS every 20 ms, which "
        "slows it); an addition is timed unsampled and sampled in one more run;",
        f"the fresh build once; a no-op or an addition {SHORT_REPEATS} times when it takes under "
        f"{REPEAT_UNDER_SECONDS:g} s (median time, highest peak), in rounds over the sizes (the ratios compare "
        "runs of the same minutes);",
        "written = write_bytes of the ingest's processes (/proc/<pid>/io); each add goes to its own copy of the "
        "fresh database.",
        "Queries: the fresh database read once (into the page cache), then served as `referat serve` does, one "
        "client over HTTP, one request to warm each up, then half",
        "the requests with every parameter filled (values from one meeting of the database), half with the first "
        "only." + (f" No values for: {', '.join(unfilled)} (left empty)." if unfilled else ""),
        "",
    ]


if __name__ == "__main__":
    sys.exit(main())

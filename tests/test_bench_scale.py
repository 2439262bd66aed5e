"""The scale benchmark's pieces (`make bench-scale`): the generated archive reads as minutes and news that link,
is the same on every run and grows by prefix; the figures are worked out right (percentiles, bytes written,
verdicts); the canned queries are asked with values the database holds. No timings are checked here."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from referat.pipeline.ingest import ingest
from referat.pipeline.parse import parse_file
from referat.pipeline.serve import load_queries
from tools import bench_scale as bench
from tools import bench_scale_corpus as corpus

pytestmark = [pytest.mark.integration, pytest.mark.server]

# What each decision printed in the minutes means (README: "Decisions").
OUTCOMES = {
    "Godkendt.": "approved",
    "Anbefales over for Økonomiudvalget.": "recommended",
    "Taget til efterretning.": "noted",
    "Udsat til næste møde.": "postponed",
    "Godkendt med den bemærkning, at administrationen holder et borgermøde.": "approved",
}


def first_meeting(layout: str) -> corpus.Meeting:
    number = next(
        n
        for n in range(500)
        if corpus.document_kind(n) == "minutes" and corpus.meeting(n).layout == layout and corpus.meeting(n).absent
    )
    return corpus.meeting(number)


@pytest.mark.parametrize("layout", ["firstagenda", "generic"])
def test_generated_minutes_read_as_the_meeting_they_were_made_from(layout: str, tmp_path: Path) -> None:
    meeting = first_meeting(layout)
    path = tmp_path / "minutes.txt"
    path.write_text(corpus.minutes_text(meeting), encoding="utf-8")
    parsed = parse_file(path)
    assert parsed.document.kind == "minutes"
    [found] = parsed.meetings
    assert (found.municipality, found.committee, found.date) == (
        meeting.municipality,
        meeting.committee,
        meeting.date.isoformat(),
    )
    assert [item.case_number for item in found.items] == [item.case_number for item in meeting.items]
    assert [item.decisions[0].outcome for item in found.items] == [OUTCOMES[item.decision] for item in meeting.items]
    absent = {row.name for row in found.attendance if row.status == "absent"}
    present = {row.name for row in found.attendance if row.status == "present"}
    assert absent == {member.name for member in meeting.absent}
    assert {member.name for member in meeting.members} - absent <= present


def test_a_generated_article_reads_as_news_dated_after_its_meeting(tmp_path: Path) -> None:
    number = next(
        n for n in range(100, 500) if corpus.document_kind(n) == "article" and corpus.article_subject(n) is not None
    )
    subject = corpus.article_subject(number)
    assert subject is not None
    path = tmp_path / "article.txt"
    path.write_text(corpus.article_text(number), encoding="utf-8")
    parsed = parse_file(path)
    assert parsed.document.kind == "news"
    assert parsed.article is not None and parsed.article.published is not None
    published = dt.date.fromisoformat(parsed.article.published)
    assert subject.date < published <= subject.date + dt.timedelta(days=7)
    assert subject.committee in parsed.article.body and subject.chair.name in parsed.article.body


def test_documents_are_distinct_and_the_same_on_every_run() -> None:
    texts = [corpus.document_text(number) for number in range(200)]
    assert len(set(texts)) == 200
    assert texts == [corpus.document_text(number) for number in range(200)]
    kinds = [corpus.document_kind(number) for number in range(2000)]
    assert 0.2 < kinds.count("article") / len(kinds) < 0.35


def test_meetings_move_forward_in_time_as_the_archive_grows() -> None:
    dates = [corpus.meeting_date(number) for number in range(0, 10000, 250)]
    assert dates == sorted(dates)
    assert all(date.weekday() < 5 for date in dates)
    assert (dates[-1] - dates[0]).days > 365 * 5


def test_an_archive_is_written_once_and_a_smaller_one_is_its_beginning(tmp_path: Path) -> None:
    small, written = corpus.ensure_archive(20, tmp_path)
    assert written
    again, written_again = corpus.ensure_archive(20, tmp_path)
    assert again == small and not written_again
    large, _ = corpus.ensure_archive(30, tmp_path)
    names = sorted(path.name for path in small.directory.iterdir())
    assert len(names) == 20 and len(list(large.directory.iterdir())) == 30
    assert all((small.directory / name).read_bytes() == (large.directory / name).read_bytes() for name in names)
    # the new documents are not in the archive
    assert small.new_minutes.name not in names and small.new_article.name not in names
    (small.directory / names[3]).unlink()
    _, rewritten = corpus.ensure_archive(20, tmp_path)
    assert rewritten and len(list(small.directory.iterdir())) == 20


def test_the_new_article_is_about_a_meeting_the_archive_holds() -> None:
    for size in (20, 100, 1000):
        _, article = corpus.next_documents(size)
        subject = corpus.article_subject(article, before=size)
        assert article >= size and subject is not None and subject.number < size


@pytest.fixture(scope="module")
def small_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive of 60 generated documents, ingested."""
    root = tmp_path_factory.mktemp("scale")
    archive, _ = corpus.ensure_archive(60, root)
    db_path = root / "db" / "minutes.db"
    db_path.parent.mkdir()
    report = ingest([archive.directory], db_path, workers=1)
    assert not report.failures
    return db_path


def test_articles_link_to_the_meetings_they_report_on(small_archive: Path) -> None:
    conn = sqlite3.connect(small_archive)
    rows = conn.execute(
        "select p.path, m.committee, m.date from links l join document_paths p "
        "on p.document_id = l.article_id join meetings m on m.id = l.meeting_id"
    ).fetchall()
    conn.close()
    linked: dict[int, set[tuple[str, str]]] = {}
    for path, committee, date in rows:
        linked.setdefault(int(Path(path).name[:6]), set()).add((committee, date))
    about = {
        number: corpus.article_subject(number) for number in range(60) if corpus.document_kind(number) == "article"
    }
    reporting = {number: subject for number, subject in about.items() if subject is not None}
    assert len(reporting) >= 5
    found = [
        number
        for number, subject in reporting.items()
        if (subject.committee, subject.date.isoformat()) in linked.get(number, set())
    ]
    assert len(found) >= 0.8 * len(reporting)


def test_parameters_are_filled_from_one_meeting_of_the_database(small_archive: Path) -> None:
    sets = bench.parameter_sets(small_archive, count=4)
    assert len(sets) == 4
    conn = sqlite3.connect(small_archive)
    for values in sets:
        committee, municipality, date = conn.execute(
            "select committee, municipality, date from meetings where id = ?", (values["meeting_id"],)
        ).fetchone()
        assert (values["udvalg"], values["kommune"], values["dato"]) == (committee, municipality, date)
        assert (values["aar"], values["fra_dato"], values["til_dato"]) == (
            date[:4],
            date[:4] + "-01-01",
            date[:4] + "-12-31",
        )
        assert conn.execute(
            "select 1 from attendance where meeting_id = ? and name = ?", (values["meeting_id"], values["navn"])
        ).fetchone()
        assert conn.execute(
            "select 1 from agenda_items where meeting_id = ? and case_number = ?",
            (values["meeting_id"], values["journalnummer"]),
        ).fetchone()
        assert conn.execute(
            "select 1 from agenda_items where meeting_id = ? and lower(title) like ?",
            (values["meeting_id"], f"%{values['tekst']}%"),
        ).fetchone()
    conn.close()


def test_every_parameter_of_the_canned_queries_gets_a_value() -> None:
    _, queries = load_queries()
    assert bench.unfilled_parameters(queries) == []


def test_every_canned_query_and_the_search_answer_when_served(small_archive: Path, tmp_path: Path) -> None:
    timings = bench.time_queries(small_archive, tmp_path / "serve.log", repeats=2)
    _, queries = load_queries()
    assert [timing.name for timing in timings] == [query.name for query in queries] + [
        "full-text search (search_items)"
    ]
    assert [timing.name for timing in timings if timing.error] == []
    by_name = {timing.name: timing for timing in timings}
    assert by_name["journal_number"].rows > 0 and by_name["meeting"].rows > 0
    assert all(len(timing.milliseconds) == 2 for timing in timings)


def test_requests_alternate_every_parameter_and_the_first_only() -> None:
    _, queries = load_queries()
    query = next(q for q in queries if q.name == "search_decisions")
    sets = [
        {"tekst": "skole", "udvalg": "Økonomiudvalget", "fra_dato": "2020-01-01", "til_dato": "2020-12-31"},
        {"tekst": "lokalplan", "udvalg": "Byrådet", "fra_dato": "2021-01-01", "til_dato": "2021-12-31"},
    ]
    paths = bench.request_paths("minutes", [query], sets, repeats=5)
    asked = [
        urllib.parse.parse_qs(urllib.parse.urlsplit(path).query, keep_blank_values=True)
        for path in paths["search_decisions"]
    ]
    assert [(q["tekst"][0], q["udvalg"][0], q["til_dato"][0]) for q in asked] == [
        ("skole", "Økonomiudvalget", "2020-12-31"),
        ("skole", "", ""),
        ("lokalplan", "Byrådet", "2021-12-31"),
        ("lokalplan", "", ""),
        ("skole", "Økonomiudvalget", "2020-12-31"),
    ]
    assert paths["full-text search (search_items)"][1].startswith("/minutes/search_items.json?_search=lokalplan")


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [
        (list(range(1, 21)), 0.95, 19),
        (list(range(1, 21)), 0.5, 10),
        ([7.0], 0.95, 7.0),
        ([5, 1, 3, 2, 4], 0.95, 5),
    ],
)
def test_percentile_is_the_nearest_rank(values: list[float], fraction: float, expected: float) -> None:
    assert bench.percentile(values, fraction) == expected


@pytest.mark.parametrize(
    ("text", "sizes"), [("1000,10000", (1000, 10000)), ("10_000, 1000", (1000, 10000)), ("300", (300,))]
)
def test_sizes_from_the_command_line(text: str, sizes: tuple[int, ...]) -> None:
    assert bench.parse_sizes(text) == sizes


@pytest.mark.parametrize("text", ["", "0,100", "ten"])
def test_sizes_that_are_refused(text: str) -> None:
    with pytest.raises(Exception, match="sizes must"):
        bench.parse_sizes(text)


def test_bytes_written_by_a_child_and_its_children_are_counted(tmp_path: Path) -> None:
    """The benchmark counts an ingest's writes in its own /proc/self/io once the ingest is reaped."""
    target = tmp_path / "out.bin"
    script = (
        "import os, subprocess, sys; subprocess.run([sys.executable, '-c', "
        f'"import os; f = os.open({str(target)!r}, os.O_WRONLY | os.O_CREAT); '
        "os.write(f, b'x' * 3_000_000); os.fsync(f)\"], check=True)"
    )
    before = bench._write_bytes()
    subprocess.run([sys.executable, "-c", script], check=True)
    assert bench._write_bytes() - before >= 3_000_000


def run(seconds: float, peak_mb: float = 100.0) -> bench.IngestRun:
    return bench.IngestRun(seconds, peak_mb, 0, 0, "")


def sizes(size: int, fresh: float, add: float, noop: float = 0.5, p95: float = 50.0) -> bench.Sizes:
    query = bench.QueryTiming("meetings", (p95 / 2, p95), 10)
    return bench.Sizes(size, run(fresh), run(noop), run(add), run(add), "", (query,))


def test_verdicts_against_the_targets_of_issue_14() -> None:
    small, large = sizes(1000, fresh=40.0, add=1.0), sizes(10000, fresh=400.0, add=1.2)
    lines = bench.verdicts([small, large], [])
    assert not [line for line in lines if line.startswith("MISS")]
    slow = dataclasses.replace(
        large,
        add_minutes=run(2.5),
        noop=run(1.5),
        fresh=run(600.0, peak_mb=1500.0),
        queries=(bench.QueryTiming("meetings", (100.0, 800.0), 5),),
    )
    misses = [line for line in bench.verdicts([small, slow], []) if line.startswith("MISS")]
    assert any("add 1 minutes at 10,000: 2.50 s" in line for line in misses)
    assert any("add 1 minutes, 10,000 / 1,000: 2.50 x" in line for line in misses)
    assert any("no-op at 10,000" in line for line in misses)
    assert any("fresh build per document, 10,000 / 1,000: 1.50 x" in line for line in misses)
    assert any("fresh build at 10,000: peak 1500 MB" in line for line in misses)
    assert any("queries on 10,000 documents: worst p95 800 ms (meetings)" in line for line in misses)
    assert not any("article" in line for line in misses)


def test_a_failing_query_is_a_miss_whatever_its_time() -> None:
    failing = bench.QueryTiming("meetings", (5.0, 6.0), 0, "HTTP 400: SQL query took too long")
    misses = [line for line in bench.verdicts([], [failing]) if line.startswith("MISS")]
    assert misses and "synthetic" in misses[0]


def test_an_error_answer_is_shown_in_plain_words() -> None:
    body = (
        b'{"ok": false, "error": "<p>SQL query took too long. The time limit is controlled by the\\n  <a href='
        b'\\"https://docs.datasette.io/\\">sql_time_limit_ms</a> setting.</p>", "status": 400}'
    )
    shown = bench.error_message(body)
    assert shown.startswith("SQL query took too long. The time limit is controlled by the sql_time_limit_ms")
    assert "<" not in shown and len(shown) <= 80
    assert bench.error_message(b"Internal Server Error") == "Internal Server Error"


def test_repeated_runs_keep_the_median_time_and_the_highest_peak() -> None:
    runs = [run(3.0, peak_mb=90.0), run(1.0, peak_mb=200.0), run(2.0, peak_mb=80.0)]
    kept = bench.median_run(runs)
    assert (kept.seconds, kept.peak_mb) == (2.0, 200.0)
    assert bench.median_run([run(1.0), run(5.0)]).seconds == 5.0

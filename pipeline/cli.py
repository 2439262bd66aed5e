"""The `referat` command line: a thin shell over `pipeline.ingest`, `pipeline.parse` and `pipeline.serve`."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from click._termui_impl import ProgressBar

from extractors.errors import ReferatError
from pipeline import ingest as ingest_module
from pipeline.storage import DatabaseBusyError, DatabaseWriteError
from pipeline.workers import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, Limits

if TYPE_CHECKING:
    from pipeline.distributed import ShardOutcome

DEFAULT_DB = Path("data/processed/minutes.db")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="referat")
def cli() -> None:
    """referat: Danish municipal minutes and local news into one searchable, citable SQLite database."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path),
              help="SQLite database to create or update.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes for parsing [default: number of CPUs, at most 4].")
@click.option("--strict", is_flag=True,
              help="Exit with status 1 when any file failed (by default failures are reported, exit status 0).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar [default: only when writing to a terminal]; without it, every file "
                   "that is new, changed, failed or noted is listed (unchanged files are counted).")
@click.option("--time-limit", "seconds", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_SECONDS,
              show_default=True, help="Seconds one file may take; a file that takes longer is recorded as failed.")
@click.option("--memory-limit", "memory_mb", type=click.IntRange(min=64), default=DEFAULT_MEMORY_MB,
              show_default=True, help="MB of memory one file may take; a file that needs more is recorded as failed.")
@click.option("--shards", "shard_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Take each file's rows from its shard in this folder where there is one (made by `referat "
                   "shards`); files without a shard are read here.")
def ingest(paths: tuple[Path, ...], db_path: Path, workers: int | None, strict: bool, progress: bool | None,
           seconds: float, memory_mb: int, shard_dir: Path | None) -> None:
    """Ingest minutes, agendas and articles (.pdf, .html, .htm, .txt) from files and folders (recursively).

    Unchanged files are skipped, changed files replace their rows, and a file that cannot be read (or takes more
    than the limits) is recorded with its reason while the batch goes on. Each batch of documents is committed
    whole (a new database is built aside and appears when complete), so a running server shows every committed
    batch and a killed ingest leaves every document whole; the next ingest finishes what it left.
    """
    show_bar = sys.stderr.isatty() if progress is None else progress
    limits = Limits(seconds=seconds, memory_mb=memory_mb)
    read = None
    if shard_dir is not None:
        from pipeline.distributed import ShardReader

        read = ShardReader(shard_dir)
    try:
        if show_bar:  # the bar needs the number of files first; without it, ingest finds them itself
            files = ingest_module.discover(paths)
            bar: ProgressBar[ingest_module.FileOutcome | None]
            with click.progressbar(length=len(files), label="Ingesting", file=sys.stderr,
                                   item_show_func=_bar_label) as bar:
                report = ingest_module.ingest(files, db_path, workers=workers, limits=limits, read=read,
                                              on_outcome=lambda outcome: bar.update(1, outcome))
        else:
            report = ingest_module.ingest(paths, db_path, workers=workers, limits=limits, read=read,
                                          on_outcome=_log_outcome)
    except (ingest_module.NoInputError, DatabaseBusyError, DatabaseWriteError) as error:
        raise click.ClickException(str(error)) from error
    _print_summary(report)
    if strict and report.failures:
        sys.exit(1)


def _bar_label(outcome: ingest_module.FileOutcome | None) -> str | None:
    return Path(outcome.path).name[-40:] if outcome else None


def _log_outcome(outcome: ingest_module.FileOutcome) -> None:
    if outcome.action == "unchanged" and outcome.status == "ok" and outcome.note is None:
        return  # counted in the summary: an archive of 10,000 files need not be listed on every run
    detail = outcome.error or outcome.note or f"{outcome.kind or 'document'}, {outcome.pages} page(s)"
    click.echo(f"{outcome.action:9} {outcome.status:7} {outcome.path}: {detail}", err=True)


def _print_summary(report: ingest_module.IngestReport) -> None:
    counts = report.counts
    parts = ", ".join(f"{counts[action]} {action}" for action in ingest_module.ACTIONS)
    click.echo(f"Ingested {len(report.outcomes)} file(s) into {report.db_path} in {report.seconds:.1f} s: {parts}.")
    partial = [outcome for outcome in report.outcomes if outcome.status == "partial"]
    if partial:
        click.echo(f"{len(partial)} document(s) read with doubts (status partial): see documents.warnings.")
    if report.failures:
        click.echo("Failed:")
        for outcome in report.failures:
            earlier = f" ({outcome.note})" if outcome.note else (
                " (unchanged since an earlier run)" if outcome.action == "unchanged" else "")
            click.echo(f"  {outcome.path}: {outcome.error}{earlier}")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--shards", "shard_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the shards, shared by the workers and the machine that loads them.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler to send the work to (tcp://host:8786) [default: a local cluster].")
@click.option("--time-limit", "seconds", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_SECONDS,
              show_default=True, help="Seconds one file may take; a file that takes longer is a failed document.")
@click.option("--memory-limit", "memory_mb", type=click.IntRange(min=64), default=DEFAULT_MEMORY_MB,
              show_default=True, help="MB of memory one file may take; a file that needs more is a failed document.")
def shards(paths: tuple[Path, ...], shard_dir: Path, scheduler: str | None, seconds: float, memory_mb: int) -> None:
    """Read files on a Dask cluster into shards: one file of rows per document, named by its content hash.

    One task per file, the largest first; a shard that exists is kept. Load the shards with `referat ingest
    PATHS --shards DIR`: files without a shard are read there.
    """
    from pipeline import distributed  # Dask loads only for the command that needs it

    try:
        client = None if scheduler is None else distributed.connect(scheduler)
        report = distributed.build_shards(paths, shard_dir, client, limits=Limits(seconds=seconds, memory_mb=memory_mb),
                                          on_outcome=_log_shard)
    except (ingest_module.NoInputError, distributed.ClusterError, OSError) as error:
        raise click.ClickException(str(error)) from error
    counts = ", ".join(f"{count} {action}" for action, count in report.counts.items())
    click.echo(f"Shards for {len(report.outcomes)} file(s) in {report.shard_dir} in {report.seconds:.1f} s: {counts}.")


def _log_shard(outcome: ShardOutcome) -> None:
    detail = outcome.error or outcome.status
    click.echo(f"{outcome.action:7} {outcome.path}" + (f": {detail}" if detail else ""), err=True)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print everything extracted as JSON instead of the summary.")
@click.option("--text/--no-text", "with_text", default=False, show_default=True,
              help="With --json, include the document's full text.")
def parse(file: Path, as_json: bool, with_text: bool) -> None:
    """Show what the pipeline reads in one FILE, without touching a database.

    By default a short summary: the document's kind and layout family, the meeting, each item (number, title,
    journal number, outcome of the decision, page), attendance counts and the warnings. --json prints the full
    record.
    """
    from pipeline.parse import parse_file  # the analysers load only for the command that needs them
    from pipeline.summary import summary

    try:
        parsed = parse_file(file)
    except ReferatError as error:
        raise click.ClickException(str(error)) from error
    if not as_json:
        click.echo(summary(parsed))
        return
    data: dict[str, Any] = dataclasses.asdict(parsed)
    if not with_text:
        text = data["document"].pop("text")
        data["document"]["text_preview"] = text[:300]
        data["document"]["text_chars"] = len(text)
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@cli.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(path_type=Path), help="SQLite database to relink.")
def relink(db_path: Path) -> None:
    """Score every link from articles to meetings again, over the whole database.

    An ingest scores only the pairs its new and changed documents take part in, with the statistics of the moment
    (how many meetings name a name, how many texts hold a word); older pairs keep their scores while the statistics
    move. This recomputes them all, as a fresh build would.
    """
    from pipeline import storage
    from pipeline.derived import relink as relink_all

    if not db_path.exists():
        raise click.ClickException(f"{db_path} does not exist: run `referat ingest` (or `make ingest`) first")
    target = storage.real_path(db_path)
    try:
        with storage.ingest_lock(target), storage.building(target) as store:
            links = relink_all(store.db)
    except (DatabaseBusyError, DatabaseWriteError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{links} link(s) from articles to meetings.")


@cli.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(path_type=Path), help="SQLite database to serve.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
def serve(db_path: Path, host: str, port: int) -> None:
    """Serve the database read-only with Datasette (with metadata and a SQL time limit).

    A running server shows each batch an ingest commits; no restart is needed.
    """
    from pipeline import serve as serve_module  # Datasette's settings load only for the command that needs them

    try:
        serve_module.write_server_files(db_path)
    except serve_module.ServeError as error:
        raise click.ClickException(str(error)) from error
    command = serve_module.serve_command(db_path, host=host, port=port)
    click.echo(f"Serving {db_path} read-only on http://{host}:{port}/", err=True)
    os.chdir(command.folder)
    os.execv(command.argv[0], list(command.argv))


if __name__ == "__main__":
    cli()

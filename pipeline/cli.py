"""The `referat` command line: a thin shell over `pipeline.ingest`, `pipeline.parse` and `pipeline.serve`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from click._termui_impl import ProgressBar

from referat.extractors.errors import ReferatError
from referat.pipeline import ingest as ingest_module
from referat.pipeline.display import shorten
from referat.pipeline.inputs import NoInputError, find_inputs
from referat.pipeline.storage import DatabaseBusyError, DatabaseWriteError
from referat.pipeline.workers import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, Limits

if TYPE_CHECKING:
    from referat.pipeline.distributed import ShardOutcome

DEFAULT_DB = Path("data/processed/minutes.db")


def limit_options(command: Callable[..., None]) -> Callable[..., None]:
    """`--time-limit` and `--memory-limit` for a command that reads files in workers (`ingest`, `shards`)."""
    command = click.option(
        "--memory-limit",
        "memory_mb",
        type=click.IntRange(min=64),
        default=DEFAULT_MEMORY_MB,
        show_default=True,
        help="MB of memory one file may take; a file that needs more is recorded as failed.",
    )(command)
    return click.option(
        "--time-limit",
        "seconds",
        type=click.FloatRange(min=0, min_open=True),
        default=DEFAULT_SECONDS,
        show_default=True,
        help="Seconds one file may take; a file that takes longer is recorded as failed.",
    )(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="referat")
def cli() -> None:
    """referat: Danish municipal minutes and local news into one searchable, citable SQLite database."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(path_type=Path),
    help="SQLite database to create or update.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Worker processes for parsing [default: number of CPUs, at most 4].",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit with status 1 when any file given is failed: failed in this run, or unchanged since an "
    "earlier run in which it failed (by default failures are reported, exit status 0).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar [default: only when writing to a terminal]; without it, every file "
    "that is new, changed, failed or noted is listed (unchanged files are counted).",
)
@limit_options
@click.option(
    "--shards",
    "shard_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Take each file's rows from its shard in this folder where there is one (made by `referat "
    "shards`); files without a shard are read here.",
)
def ingest(
    paths: tuple[Path, ...],
    db_path: Path,
    workers: int | None,
    strict: bool,
    progress: bool | None,
    seconds: float,
    memory_mb: int,
    shard_dir: Path | None,
) -> None:
    """Ingest minutes, agendas and articles (.pdf, .html, .htm, .txt) from files and folders (recursively).

    Unchanged files are skipped, changed files replace their rows, and a file that cannot be read (or takes more
    than the limits) is recorded with its reason while the batch goes on. Each batch of documents is committed
    whole (a new database is built aside and appears when complete), so a running server shows every committed
    batch and a killed ingest leaves every document whole; the next ingest finishes what it left.

    The summary lists every file that failed, still fails from an earlier run or was read with doubts (with
    why), the files of other types that were skipped (.docx, .xlsx, ...), and the files that went away from the
    folders but are still in the database (`referat remove` takes them out). Paths are stored relative to the
    current folder (or, for a folder outside it, to the folder's parent), and documents cite their path
    relative to the folder given: run the ingest from the same folder each time.
    """
    show_bar = sys.stderr.isatty() if progress is None else progress
    limits = Limits(seconds=seconds, memory_mb=memory_mb)
    read = None
    if shard_dir is not None:
        from referat.pipeline.distributed import ShardReader

        read = ShardReader(shard_dir)
    try:
        if show_bar:  # the bar needs the number of files first; without it, ingest finds them itself
            inputs = find_inputs(paths)
            bar: ProgressBar[ingest_module.FileOutcome | None]
            with click.progressbar(
                length=len(inputs.files), label="Ingesting", file=sys.stderr, item_show_func=_bar_label
            ) as bar:
                report = ingest_module.ingest(
                    inputs,
                    db_path,
                    workers=workers,
                    limits=limits,
                    read=read,
                    on_outcome=lambda outcome: bar.update(1, outcome),
                )
        else:
            report = ingest_module.ingest(
                paths, db_path, workers=workers, limits=limits, read=read, on_outcome=_log_outcome
            )
    except (NoInputError, DatabaseBusyError, DatabaseWriteError) as error:
        raise click.ClickException(str(error)) from error
    if not show_bar:
        for file in report.skipped:
            click.echo(f"{'skipped':9} {'':7} {file.path}: {file.type}, a type referat does not read", err=True)
    _print_summary(report)
    if strict and report.failures:
        sys.exit(1)


def _bar_label(outcome: ingest_module.FileOutcome | None) -> str | None:
    return Path(outcome.path).name[-40:] if outcome else None


def _log_outcome(outcome: ingest_module.FileOutcome) -> None:
    if outcome.action == "unchanged" and outcome.status == "ok" and outcome.note is None:
        return  # counted in the summary: an archive of 10,000 files need not be listed on every run
    detail = outcome.error or outcome.note or f"{outcome.kind or 'document'}, {outcome.pages} page(s)"
    if outcome.warnings:
        detail += f"; warnings: {_doubts(outcome.warnings)}"
    click.echo(f"{outcome.action:9} {outcome.status:7} {outcome.path}: {detail}", err=True)


def _print_summary(report: ingest_module.IngestReport) -> None:
    """Every count with the list of what it counts, so the two always agree."""
    counts = report.counts
    parts = ", ".join(
        f"{counts[action]} {action}"
        + (
            f" ({len(report.still_failing)} of them still failing)"
            if action == "unchanged" and report.still_failing
            else ""
        )
        for action in ingest_module.ACTIONS
    )
    click.echo(
        f"Ingested {len(report.outcomes)} file(s) into {report.db_path} on {local_time(report.started_at)} "
        f"in {report.seconds:.1f} s: {parts}."
    )
    _print_failures(report)
    _print_doubts(report)
    if report.skipped:
        types = Counter(file.type for file in report.skipped)
        click.echo(
            f"{len(report.skipped)} file(s) skipped, of types referat does not read ("
            + ", ".join(f"{count} {kind}" for kind, count in sorted(types.items()))
            + "; it reads .pdf, .html, .htm and .txt):"
        )
        _listed([f"  {file.path} ({file.type})" for file in report.skipped], "listed by --no-progress")
    if report.missing:
        click.echo(
            f"{len(report.missing)} file(s) removed from the folder, still in the database "
            "(`referat remove PATH...` takes them out):"
        )
        for path in report.missing:
            click.echo(f"  {path}")


def _print_failures(report: ingest_module.IngestReport) -> None:
    if report.failed_now:
        click.echo(f"{len(report.failed_now)} file(s) failed in this run:")
        for outcome in report.failed_now:
            click.echo(f"  {outcome.path}: {outcome.error}" + (f" ({outcome.note})" if outcome.note else ""))
    if report.still_failing:
        click.echo(f"{len(report.still_failing)} unchanged file(s) still failing:")
        for outcome in report.still_failing:
            click.echo(f"  {outcome.path}: {outcome.error}{_since(outcome)}")


def _print_doubts(report: ingest_module.IngestReport) -> None:
    if report.doubts_now:
        click.echo(f"{len(report.doubts_now)} document(s) read with doubts in this run (status partial):")
        for outcome in report.doubts_now:
            click.echo(f"  {outcome.path}: {_doubts(outcome.warnings)}")
    if report.still_doubtful:
        click.echo(f"{len(report.still_doubtful)} unchanged document(s) read with doubts in an earlier run:")
        _listed(
            [f"  {outcome.path}: {_doubts(outcome.warnings)}{_since(outcome)}" for outcome in report.still_doubtful],
            "the query Documents with warnings lists them all",
        )


# Lines of a list that may be long on every run (files skipped, doubts of earlier runs) the summary shows.
LISTED = 20


def _listed(lines: list[str], where_all: str) -> None:
    for line in lines[:LISTED]:
        click.echo(line)
    if len(lines) > LISTED:
        click.echo(f"  ... and {len(lines) - LISTED} more ({where_all})")


def _doubts(warnings: tuple[str, ...], shown: int = 2, width: int = 100) -> str:
    """A document's warnings, short: the first two, each cut at a word to `width` characters."""
    if not warnings:
        return "see documents.warnings"
    short = [shorten(warning, width) for warning in warnings[:shown]]
    more = f" (+{len(warnings) - shown} more)" if len(warnings) > shown else ""
    return "; ".join(short) + more


def _since(outcome: ingest_module.FileOutcome) -> str:
    """Why an unchanged file's document is what it is: a copy of a file of this run, or read when."""
    if outcome.note:
        return f" ({outcome.note})"
    return f" (unchanged since read on {local_time(outcome.since)})" if outcome.since else " (unchanged)"


def local_time(utc: str) -> str:
    """A UTC timestamp as stored (ISO 8601) in this machine's time zone, to the minute: what a person at the
    terminal reads."""
    if not utc:
        return "(time unknown)"
    moment = dt.datetime.fromisoformat(utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M %Z").strip()


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--shards",
    "shard_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the shards, shared by the workers and the machine that loads them.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Dask scheduler to send the work to (tcp://host:8786) [default: a local cluster].",
)
@limit_options
def shards(paths: tuple[Path, ...], shard_dir: Path, scheduler: str | None, seconds: float, memory_mb: int) -> None:
    """Read files on a Dask cluster into shards: one file of rows per document, named by its content hash.

    One task per file, the largest first; a shard that exists is kept. Load the shards with `referat ingest
    PATHS --shards DIR`: files without a shard are read there.
    """
    from referat.pipeline import distributed  # Dask loads only for the command that needs it

    try:
        client = None if scheduler is None else distributed.connect(scheduler)
        report = distributed.build_shards(
            paths, shard_dir, client, limits=Limits(seconds=seconds, memory_mb=memory_mb), on_outcome=_log_shard
        )
    except (NoInputError, distributed.ClusterError, OSError) as error:
        raise click.ClickException(str(error)) from error
    counts = ", ".join(f"{count} {action}" for action, count in report.counts.items())
    click.echo(f"Shards for {len(report.outcomes)} file(s) in {report.shard_dir} in {report.seconds:.1f} s: {counts}.")


def _log_shard(outcome: ShardOutcome) -> None:
    detail = outcome.error or outcome.status
    click.echo(f"{outcome.action:7} {outcome.path}" + (f": {detail}" if detail else ""), err=True)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print everything extracted as JSON instead of the summary.")
@click.option(
    "--text/--no-text",
    "with_text",
    default=False,
    show_default=True,
    help="With --json, include the document's full text.",
)
def parse(file: Path, as_json: bool, with_text: bool) -> None:
    """Show what the pipeline reads in one FILE, without touching a database.

    By default a short summary: the document's kind and layout family, the meeting, each item (number, title,
    journal number, outcome of the decision, page), attendance counts and the warnings. --json prints the full
    record.
    """
    from referat.pipeline.parse import parse_file  # the analysers load only for the command that needs them
    from referat.pipeline.summary import summary

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
@click.argument("names", nargs=-1, required=True, metavar="PATH_OR_ID...")
@click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(path_type=Path),
    help="SQLite database to remove the documents from.",
)
def remove(names: tuple[str, ...], db_path: Path) -> None:
    """Remove documents, and every row read from them, from the database on purpose.

    Name each by its path as `referat ingest` lists it (document_paths.path: e.g. a file listed as removed from
    the folder, still in the database) or by its document id (documents.id). A path whose content another path
    also holds forgets only that path; the document stays. Everything goes in one transaction, then duplicates,
    links, summaries and the search index follow, as after an ingest. A file still in its folder is read again
    by the next ingest of that folder: move it away first.
    """
    from referat.pipeline.remove import NotInDatabaseError
    from referat.pipeline.remove import remove as remove_documents

    try:
        report = remove_documents(names, db_path)
    except (NotInDatabaseError, DatabaseBusyError, DatabaseWriteError) as error:
        raise click.ClickException(str(error)) from error
    for removed in report.removed:
        held = "" if removed.document_removed else " (its document stays: another path holds the same content)"
        click.echo(f"Removed {', '.join(removed.paths) or 'document'} [document {removed.document_id}]{held}.")
    documents = sum(removed.document_removed for removed in report.removed)
    click.echo(f"{documents} document(s) and their rows removed from {report.db_path}.")
    for name in report.still_there:
        click.echo(f"Note: {name} is still in its folder; the next ingest of the folder reads it again.")


@cli.command()
@click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(path_type=Path),
    help="SQLite database to relink.",
)
def relink(db_path: Path) -> None:
    """Score every link from articles to meetings again, over the whole database.

    An ingest scores only the pairs its new and changed documents take part in, with the statistics of the moment
    (how many meetings name a name, how many texts hold a word); older pairs keep their scores while the statistics
    move. This recomputes them all, as a fresh build would.
    """
    from referat.pipeline import storage
    from referat.pipeline.derived import relink as relink_all

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
@click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(path_type=Path),
    help="SQLite database to serve.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--base-url",
    default="",
    metavar="URL",
    help="Where the ingested folder is published (e.g. https://kommune.dk/referater/): cited file paths, "
    "relative to that folder, become links under it.",
)
def serve(db_path: Path, host: str, port: int, base_url: str) -> None:
    """Serve the database read-only with Datasette (with metadata and a SQL time limit).

    A running server shows each batch an ingest commits; no restart is needed.
    """
    from referat.pipeline import serve as serve_module  # Datasette's settings load only for the command that needs them

    try:
        serve_module.write_server_files(db_path, base_url)
    except serve_module.ServeError as error:
        raise click.ClickException(str(error)) from error
    command = serve_module.serve_command(db_path, host=host, port=port)
    click.echo(f"Serving {db_path} read-only on http://{host}:{port}/", err=True)
    os.chdir(command.folder)
    os.execv(command.argv[0], list(command.argv))


if __name__ == "__main__":
    cli()

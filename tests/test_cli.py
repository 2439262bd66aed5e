"""The command line: every command and option explains itself, the README shows the help, parse prints a summary
or JSON."""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click
import click.testing
import pytest
from click.testing import CliRunner

from referat.models.shape import schema_markdown
from referat.pipeline.cli import cli
from tests.conftest import RAW, ROOT

pytestmark = pytest.mark.integration

README = ROOT / "README.md"
COMMANDS = sorted(cli.commands)


def help_text(command: str) -> str:
    result = CliRunner().invoke(cli, [command, "--help"], prog_name="referat", terminal_width=100)
    assert result.exit_code == 0, result.output
    return result.output


def readme_help_block(command: str) -> str:
    match = re.search(rf"<!-- help: {command} -->\n```text\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert match, f"README.md has no help block for `referat {command}`: run `python -m tests.test_cli --update`"
    return match.group(1)


def test_every_command_and_option_has_help() -> None:
    assert cli.help
    for name, command in cli.commands.items():
        assert command.help, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"referat {name} {param.opts[0]} has no help text"


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_shows_the_current_help(command: str) -> None:
    assert readme_help_block(command) == help_text(command), (
        "README.md shows outdated help: run `python -m tests.test_cli --update`"
    )


def test_readme_starts_with_the_two_commands() -> None:
    opening = README.read_text(encoding="utf-8")[:1500]
    assert "make ingest" in opening and "make test" in opening


def test_parse_prints_json_without_touching_a_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["parse", "--json", str(RAW / "004_07fbbc99cae8a549.txt")])
    assert result.exit_code == 0, result.output
    parsed = json.loads(result.output)
    assert parsed["document"]["kind"] == "minutes"
    assert parsed["document"]["status"] == "ok"
    assert parsed["document"]["text_preview"].lstrip().startswith("REFERAT Erhvervs-")
    assert list(tmp_path.iterdir()) == []


def test_parse_summarises_the_meeting_for_a_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Checked by hand against the file: Ballerup's committee of 13-05-2025, ten participants of whom two sent
    # afbud, seven items; item 6 is a theme discussion under journal number 24.00.00-G01-3-25.
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["parse", str(RAW / "004_07fbbc99cae8a549.txt")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "kind minutes, read as firstagenda" in lines[1]
    assert (
        "meeting (minutes): Erhvervs-, Beskæftigelses- og Uddannelsesudvalget | 2025-05-13 08:00 | "
        "Mødecenter C, Lokale 29 på Ballerup Rådhus | Ballerup"
    ) in result.output
    assert "attendance: 8 present, 2 absent (in full)" in result.output
    assert "items: 7 (0 closed, 6 with a decision)" in result.output
    item = next(line for line in lines if "Temadrøftelse: Ny Erhvervs- og Vækstpolitik" in line)
    assert item.split()[:1] == ["6"] and "24.00.00-G01-3-25" in item and "discussed" in item
    assert "- 1 item(s) without a decision in minutes: 7" in result.output
    assert not result.output.lstrip().startswith("{") and list(tmp_path.iterdir()) == []


def test_ingest_prints_a_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(RAW), "--db", str(tmp_path / "m.db")])
    assert result.exit_code == 0, result.output
    assert re.search(r"Ingested 7 file\(s\) into .* 7 new, 0 changed, 0 unchanged, 0 failed\.", result.output)


def test_ingest_of_a_missing_folder_says_so_without_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "nowhere"), "--db", str(tmp_path / "m.db")])
    assert result.exit_code == 1
    assert "does not exist" in result.output and "Traceback" not in result.output


def test_serve_without_a_database_says_to_ingest_first(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "run `referat ingest`" in result.output


def test_readme_documents_every_table_and_column() -> None:
    block = re.search(r"<!-- schema -->\n(.*?)<!-- /schema -->", README.read_text(encoding="utf-8"), re.S)
    assert block and block.group(1) == schema_markdown(), (
        "README.md's data model is outdated: run `python -m tests.test_cli --update`"
    )


def update_readme() -> None:
    text = README.read_text(encoding="utf-8")
    text = re.sub(
        r"<!-- schema -->\n.*?<!-- /schema -->",
        lambda _m: f"<!-- schema -->\n{schema_markdown()}<!-- /schema -->",
        text,
        flags=re.S,
    )
    for command in COMMANDS:
        block = f"<!-- help: {command} -->\n```text\n{help_text(command)}```"
        text = re.sub(rf"<!-- help: {command} -->\n```text\n.*?```", _as_is(block), text, flags=re.S)
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__" and "--update" in sys.argv:
    update_readme()


def test_a_second_ingest_lists_no_unchanged_file_but_counts_them(tmp_path: Path) -> None:
    """An archive of thousands of files is not listed on every run: the summary counts what did not change."""
    db = str(tmp_path / "m.db")
    CliRunner().invoke(cli, ["ingest", str(RAW), "--db", db, "--no-progress"])
    result = CliRunner().invoke(cli, ["ingest", str(RAW), "--db", db, "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "0 new, 0 changed, 7 unchanged, 0 failed" in result.output
    assert not [line for line in result.output.splitlines() if line.startswith("unchanged")]


# --- the summary a staff member reads after each ingest (issue 15, point 7) -----------------------------------


@pytest.fixture
def folder_with_trouble(tmp_path: Path) -> Path:
    """Two good files, an empty PDF (fails), a PDF cut before its trailer (read with doubts) and a Word file."""
    from tests.test_bad_input import cut_before_trailer

    folder = tmp_path / "møde"
    folder.mkdir()
    for name in ("004_07fbbc99cae8a549.txt", "000_d8d1ab7d01895041.txt"):
        (folder / name).write_bytes((RAW / name).read_bytes())
    (folder / "tom.pdf").write_bytes(b"")
    (folder / "afskåret.pdf").write_bytes(cut_before_trailer())
    (folder / "referat.docx").write_bytes(b"PK\x03\x04")
    return folder


def ingest_summary(folder: Path, *options: str) -> click.testing.Result:
    return CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(folder.parent / "m.db"), *options])


def listed_under(output: str, heading: str) -> list[str]:
    """The indented lines under a heading of the summary."""
    lines = output.split(heading, 1)[1].splitlines()[1:]
    return [line.strip() for line in itertools.takewhile(lambda line: line.startswith("  "), lines)]


def test_a_rerun_counts_what_it_lists_and_strict_says_why_it_fails(folder_with_trouble: Path) -> None:
    first = ingest_summary(folder_with_trouble, "--strict")
    assert first.exit_code == 1
    assert "3 new, 0 changed, 0 unchanged, 1 failed." in first.output
    assert listed_under(first.output, "1 file(s) failed in this run:") == [
        "møde/tom.pdf: empty file (0 bytes): download it again"
    ]

    again = ingest_summary(folder_with_trouble, "--strict")

    assert again.exit_code == 1  # as --strict's help says: a file unchanged since it failed fails the run too
    assert "0 new, 0 changed, 4 unchanged (1 of them still failing), 0 failed." in again.output
    assert "failed in this run" not in again.output
    (still,) = listed_under(again.output, "1 unchanged file(s) still failing:")
    assert still.startswith("møde/tom.pdf: empty file (0 bytes): download it again (unchanged since read on ")
    assert "unchanged since an earlier run in which it failed" in " ".join(help_text("ingest").split())


def test_documents_read_with_doubts_are_named_with_why(folder_with_trouble: Path) -> None:
    first = ingest_summary(folder_with_trouble)
    (doubt,) = listed_under(first.output, "1 document(s) read with doubts in this run (status partial):")
    assert doubt.startswith("møde/afskåret.pdf: truncated PDF: the file ends without the PDF end marker")

    again = ingest_summary(folder_with_trouble)
    (doubt,) = listed_under(again.output, "1 unchanged document(s) read with doubts in an earlier run:")
    assert doubt.startswith("møde/afskåret.pdf: truncated PDF")


def test_word_files_are_listed_as_skipped_and_gone_files_as_still_in_the_database(folder_with_trouble: Path) -> None:
    ingest_summary(folder_with_trouble)
    (folder_with_trouble / "000_d8d1ab7d01895041.txt").unlink()

    result = ingest_summary(folder_with_trouble, "--no-progress")

    assert listed_under(
        result.output,
        "1 file(s) skipped, of types referat does not read (1 .docx; it reads .pdf, .html, .htm and .txt):",
    ) == ["møde/referat.docx (.docx)"]
    assert "skipped           møde/referat.docx: .docx, a type referat does not read" in result.output
    gone = listed_under(
        result.output,
        "1 file(s) removed from the folder, still in the database (`referat remove PATH...` takes them out):",
    )
    assert gone == ["møde/000_d8d1ab7d01895041.txt"]
    assert "0 new, 0 changed, 3 unchanged (1 of them still failing), 0 failed." in result.output


def test_the_summary_tells_times_in_the_local_zone(folder_with_trouble: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stored times stay UTC; a person at the terminal reads the clock on the wall (here Copenhagen, UTC+1 in
    winter, UTC+2 in summer)."""
    from referat.pipeline.cli import local_time

    monkeypatch.setenv("TZ", "Europe/Copenhagen")
    time.tzset()
    try:
        assert local_time("2025-01-15T09:30:00+00:00") == "2025-01-15 10:30 CET"
        assert local_time("2025-06-15T09:30:00+00:00") == "2025-06-15 11:30 CEST"
        result = ingest_summary(folder_with_trouble)
        stored = (
            sqlite3.connect(folder_with_trouble.parent / "m.db")
            .execute("select started_at from ingest_runs")
            .fetchone()[0]
        )
        assert stored.endswith("+00:00")
        assert f" on {local_time(stored)} in " in result.output
        assert re.search(r" on \d{4}-\d\d-\d\d \d\d:\d\d CES?T in ", result.output)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def _as_is(replacement: str) -> Callable[[re.Match[str]], str]:
    """A replacement for `re.sub` taken as it is (its backslashes are not escapes)."""
    return lambda _match: replacement

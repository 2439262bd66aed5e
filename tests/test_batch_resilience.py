"""No file can stop a batch, and no accident leaves the database half-written or locked.

What staff meet in a real folder: a file they may not read, a file deleted while the batch runs, a name written
on another system (not UTF-8), a page nested deeper than the HTML library's default, an ingest killed by the
out-of-memory killer, a database reached through a symbolic link, a read-only folder, a full disk. Each is made
here; permissions are tested in a process to which they apply (root gives up the capabilities that let it read
and write anything).
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from referat.pipeline import storage
from referat.pipeline.ingest import ingest
from referat.pipeline.storage import DatabaseBusyError, ingest_lock
from tests.conftest import RAW, ROOT

pytestmark = pytest.mark.integration

MINUTES = RAW / "004_07fbbc99cae8a549.txt"
BAD_NAME = b"referat_\xe6\xf8\xe5.txt"  # Latin-1 bytes: a name copied from an old Windows share


def nested_minutes_page(depth: int = 400, items: int = 7) -> bytes:
    """An old Word page: every paragraph opens a <font> that is never closed, so the tree is `depth` deep."""
    body = [
        "<html><head><title>Referat</title></head><body>",
        "<p>Referat</p><p>Økonomiudvalget</p><p>Mødedato: 10-06-2013</p>",
    ]
    body += ["<font face=Arial>"] * depth
    for number in range(1, items + 1):
        body.append(
            f"<p>Punkt {number}: Sag nummer {number} om budgettet<font size=2>"
            f"<p>00.01.00-A00-{number}-13<font size=2><p>Beslutning<font size=2>"
            f"<p>Godkendt.<font size=2>"
        )
    body.append("</body></html>")
    return "\n".join(body).encode("utf-8")


# Linux capabilities that let root read and write whatever the permissions say (capabilities(7)).
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _PR_CAPBSET_DROP = 1, 2, 24


def obey_permissions() -> None:
    """In a child before it runs a program: permissions apply, also to root (who may otherwise read anything).

    Dropping the two capabilities from the bounding set keeps them from the program the child becomes."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            error = ctypes.get_errno()
            raise OSError(error, f"cannot give up root's permission override: {os.strerror(error)}")


@pytest.fixture(scope="module")
def permissions_apply(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Skip a test where permissions cannot be made to apply (root without the right to drop capabilities)."""
    closed = tmp_path_factory.mktemp("permissions") / "closed.txt"
    closed.write_text("x", encoding="ascii")
    closed.chmod(0o000)
    try:
        result = subprocess.run(
            [sys.executable, "-c", f"open({str(closed)!r}).read()"], preexec_fn=obey_permissions, capture_output=True
        )
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"permissions cannot be made to apply here: {error}")
    if result.returncode == 0:
        pytest.skip("permissions cannot be made to apply here: the file was read anyway")


def run_cli(
    args: list[str],
    *,
    home: Path,
    permissions: bool = False,
    before: Callable[[], None] | None = None,
    script: str = "",
) -> subprocess.CompletedProcess[str]:
    """`referat ARGS` in a fresh interpreter, with `script` run before the command; `permissions`: in a process
    to which file permissions apply."""
    code = (
        "import sys\n"
        + textwrap.dedent(script)
        + "\nfrom referat.pipeline.cli import cli\ncli(sys.argv[1:], prog_name='referat')\n"
    )

    def prepare() -> None:
        if permissions:
            obey_permissions()
        if before is not None:
            before()

    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=environment,
        preexec_fn=prepare,
        timeout=600,
        cwd=home,
    )


# --- a batch never dies of one file ---------------------------------------------------------------------


def test_a_batch_of_accidents_records_every_file_and_lands_the_good_one(
    tmp_path: Path, permissions_apply: None
) -> None:
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copyfile(MINUTES, folder / "good_minutes.txt")
    (folder / "no_permission.txt").write_text("Referat af mødet i Økonomiudvalget.\n", encoding="utf-8")
    (folder / "vanishes.txt").write_text("Referat, der slettes undervejs.\n", encoding="utf-8")
    (folder / "old_word_page.html").write_bytes(nested_minutes_page())
    with open(os.path.join(os.fsencode(folder), BAD_NAME), "wb") as handle:
        handle.write("Referat\nØkonomiudvalget\nPunkt 1: Godkendelse af dagsorden\nBeslutning\nGodkendt.\n".encode())
    (folder / "no_permission.txt").chmod(0o000)
    db_path = tmp_path / "minutes.db"
    # The plan is made, then a file is deleted before any worker reads it.
    delete_after_planning = f"""
        from pathlib import Path
        from referat.pipeline import ingest as ingest_module
        planned = ingest_module._plan
        def plan_then_delete(*args, **kwargs):
            plan = planned(*args, **kwargs)
            Path({str(folder / "vanishes.txt")!r}).unlink()
            return plan
        ingest_module._plan = plan_then_delete
    """
    result = run_cli(
        ["ingest", str(folder), "--db", str(db_path), "--no-progress"],
        home=tmp_path,
        permissions=True,
        script=delete_after_planning,
    )

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    conn = sqlite3.connect(db_path)
    try:
        files = {
            Path(path).name: (action, status, error)
            for path, action, status, error in conn.execute("select path, action, status, error from ingest_files")
        }
        stored = {
            Path(path).name: (status, error)
            for path, status, error in conn.execute(
                "select p.path, d.status, d.error from document_paths p join documents d on d.id = p.document_id"
            )
        }
        items = dict(
            conn.execute(
                "select d.path, count(i.id) from documents d join meetings m on m.document_id = d.id "
                "join agenda_items i on i.meeting_id = m.id group by d.id"
            ).fetchall()
        )
    finally:
        conn.close()
    shown_bad_name = "referat_\\xe6\\xf8\\xe5.txt"
    assert (
        set(files)
        == set(stored)
        == {"good_minutes.txt", "no_permission.txt", "vanishes.txt", "old_word_page.html", shown_bad_name}
    )
    assert files["good_minutes.txt"][:2] == ("new", "ok")
    assert files["no_permission.txt"][:2] == ("failed", "failed")
    assert "permission denied" in (files["no_permission.txt"][2] or "")
    assert files["vanishes.txt"][:2] == ("failed", "failed")
    assert "disappeared while the batch ran" in (files["vanishes.txt"][2] or "")
    assert files[shown_bad_name][1] == "ok"
    assert f"raw/{shown_bad_name}" in result.stderr  # shown as stored: from the folder's own name
    assert items["old_word_page.html"] == 7  # documents cite their path in the folder given
    assert items["good_minutes.txt"] == 7


def test_a_file_that_cannot_be_read_any_more_keeps_what_was_read_before(
    tmp_path: Path, permissions_apply: None
) -> None:
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copyfile(MINUTES, folder / "minutes.txt")
    db_path = tmp_path / "minutes.db"
    ingest([folder], db_path)
    (folder / "minutes.txt").write_text(MINUTES.read_text(encoding="utf-8") + "\nRettet.\n", encoding="utf-8")
    (folder / "minutes.txt").chmod(0o000)  # changed, then closed to referat

    result = run_cli(["ingest", str(folder), "--db", str(db_path), "--no-progress"], home=tmp_path, permissions=True)

    assert result.returncode == 0, result.stderr
    assert "permission denied" in result.stdout and "the document read from this path earlier is kept" in result.stdout
    conn = sqlite3.connect(db_path)
    try:
        last_run = conn.execute(
            "select action, status, error from ingest_files where run_id = (select max(id) from ingest_runs)"
        ).fetchone()
        kept = conn.execute(
            "select d.status, count(i.id) from document_paths p join documents d on "
            "d.id = p.document_id join meetings m on m.document_id = d.id join agenda_items i on "
            "i.meeting_id = m.id"
        ).fetchone()
    finally:
        conn.close()
    assert last_run[:2] == ("failed", "ok") and "permission denied" in last_run[2]
    assert kept == ("ok", 7)


def test_a_file_over_the_time_limit_is_recorded_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copyfile(MINUTES, folder / "good_minutes.txt")
    # Minutes of 300,000 lines: more work than a second allows
    (folder / "endless.txt").write_text("Punkt 1: Budget\nBeslutning\nGodkendt.\n" * 100_000, encoding="utf-8")

    result = run_cli(
        ["ingest", str(folder), "--db", str(tmp_path / "minutes.db"), "--no-progress", "--time-limit", "1"],
        home=tmp_path,
    )

    assert result.returncode == 0, result.stderr
    assert "endless.txt: stopped after 1 s, the time limit per file" in result.stdout
    conn = sqlite3.connect(tmp_path / "minutes.db")
    try:
        statuses = dict(conn.execute("select path, status from documents"))
    finally:
        conn.close()
    assert statuses["good_minutes.txt"] == "ok"  # documents cite their path in the folder given
    assert statuses["endless.txt"] == "failed"


# --- locking that survives -------------------------------------------------------------------------------


def test_killing_the_main_process_alone_frees_the_lock_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "raw"
    shutil.copytree(RAW, folder)
    for copy in range(6):  # enough slow files that the workers are busy when the main process dies
        (folder / f"slow_{copy}.txt").write_text(
            f"Kopi {copy}\n" + "Punkt 1: Budget\nBeslutning\nGodkendt.\n" * 40_000, encoding="utf-8"
        )
    db_path = tmp_path / "minutes.db"
    command = [
        sys.executable,
        "-m",
        "referat.pipeline.cli",
        "ingest",
        str(folder),
        "--db",
        str(db_path),
        "--no-progress",
    ]
    main = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
        workers = _children(main.pid)
    assert workers, "the ingest started no workers"

    main.send_signal(signal.SIGKILL)  # the main process alone, as the out-of-memory killer does
    main.wait()
    started = time.monotonic()
    again = subprocess.run(
        [*command[:4], str(RAW), *command[5:]], capture_output=True, text=True, cwd=ROOT, timeout=120
    )

    assert again.returncode == 0, again.stderr
    assert "another referat ingest" not in again.stderr
    assert time.monotonic() - started < 60
    assert not any(_alive(pid) for pid in workers), "workers outlived the ingest that started them"


def test_a_child_forked_while_the_lock_is_held_does_not_hold_it(tmp_path: Path) -> None:
    """Any process an ingest forks lets go of the lock, so the lock dies with the ingest itself."""
    db_path = tmp_path / "minutes.db"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import os, signal, time
        from pathlib import Path
        from referat.pipeline.storage import ingest_lock
        with ingest_lock(Path({str(db_path)!r})):
            if os.fork() == 0:  # a child that lives on, as a worker would
                time.sleep(30)
                os._exit(0)
            print("locked", flush=True)
            time.sleep(30)
    """),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        holder.kill()  # the ingest alone dies; its child lives
        holder.wait()
        with ingest_lock(db_path):
            pass  # not refused
    finally:
        os.killpg(holder.pid, signal.SIGKILL)


def test_a_symlinked_database_is_locked_and_updated_where_it_really_is(tmp_path: Path) -> None:
    real = tmp_path / "data" / "minutes.db"
    real.parent.mkdir()
    link = tmp_path / "minutes.db"
    link.symlink_to(real)
    ingest([MINUTES], link)

    assert link.is_symlink() and link.resolve() == real
    conn = sqlite3.connect(real)
    try:
        assert conn.execute("select count(*) from documents").fetchone() == (1,)
    finally:
        conn.close()
    with ingest_lock(real), pytest.raises(DatabaseBusyError):
        ingest([RAW / "000_d8d1ab7d01895041.txt"], link)
    ingest([RAW / "000_d8d1ab7d01895041.txt"], link)
    conn = sqlite3.connect(real)
    try:
        assert conn.execute("select count(*) from documents").fetchone() == (2,)
    finally:
        conn.close()
    assert link.is_symlink()


# --- a folder that cannot be written -----------------------------------------------------------------------


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_read_only_folder_is_a_clear_error_and_leaves_the_database_as_it_was(
    tmp_path: Path, permissions_apply: None
) -> None:
    folder = tmp_path / "db"
    folder.mkdir()
    ingest([MINUTES], folder / "minutes.db")
    before = _digest(folder / "minutes.db")
    folder.chmod(0o555)  # read-only folder
    try:
        result = run_cli(
            ["ingest", str(RAW / "000_d8d1ab7d01895041.txt"), "--db", str(folder / "minutes.db"), "--no-progress"],
            home=tmp_path,
            permissions=True,
        )
    finally:
        folder.chmod(0o755)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "may not write in" in result.stderr and "was not changed" in result.stderr
    assert _digest(folder / "minutes.db") == before
    assert not (folder / "minutes.db.building").exists()


def test_a_full_disk_during_an_update_is_a_clear_error_and_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    """The database is written in place: the batch that does not fit is rolled back, and the file is as before."""
    db_path = tmp_path / "minutes.db"
    ingest([MINUTES], db_path)
    before = _digest(db_path)
    limit = db_path.stat().st_size + 64 * 1024

    def small_disk() -> None:  # a file may not grow past `limit` bytes: what a full disk does to a write
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = run_cli(["ingest", str(RAW), "--db", str(db_path), "--no-progress"], home=tmp_path, before=small_disk)

    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert "the disk may be full" in result.stderr  # SQLite says "disk I/O error"
    assert "The database minutes.db was not changed." in result.stderr
    assert _digest(db_path) == before
    assert not (tmp_path / "minutes.db.building").exists()


def test_a_full_disk_during_a_first_ingest_is_a_clear_error_and_leaves_no_database(tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    result = run_cli(["ingest", str(RAW), "--db", str(db_path), "--no-progress"], home=tmp_path, before=small_disk)

    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert "the disk may be full" in result.stderr and "The database minutes.db was not changed." in result.stderr
    assert not db_path.exists()
    assert not (tmp_path / "minutes.db.building").exists()


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "is full"),
        (sqlite3.OperationalError("database or disk is full"), "is full"),
        (OSError(errno.EROFS, "Read-only file system"), "may not write in"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "may not write in"),
        (sqlite3.OperationalError("disk I/O error"), "the disk may be full or failing"),
    ],
)
def test_what_a_write_error_tells_the_user(error: BaseException, says: str) -> None:
    message = str(storage.write_error(Path("/srv/referat/minutes.db"), error))
    assert says in message and message.endswith("The database minutes.db was not changed.")


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as children:
            return [int(child) for child in children.read().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    deadline = time.monotonic() + 5  # PR_SET_PDEATHSIG is delivered at once; a moment for the kernel to reap
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                if stat.read().split(") ")[1][0] == "Z":
                    return False
        except FileNotFoundError:
            return False
        time.sleep(0.05)
    return True


def test_a_write_error_after_some_batches_says_what_was_kept() -> None:
    """Written in place, the batches committed before the error stay (each document whole): the message says so."""
    message = str(storage.write_error(Path("/srv/referat/minutes.db"), OSError(errno.ENOSPC, "No space left"), kept=64))
    assert "is full" in message
    assert message.endswith("holds the 64 document(s) saved before the error, each whole; the others were not changed.")

"""`referat serve` started for a test: a real server on a free port of 127.0.0.1, stopped when the test is done."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_server(db_arg: str, cwd: Path | None = None, log_path: Path | None = None) -> Iterator[str]:
    """`referat serve --db db_arg` started in `cwd`; yields its base URL once it answers. Its output goes to
    `log_path` (a file, not a pipe: the access log of thousands of requests must not block it), else nowhere."""
    port = free_port()
    with open(log_path or "/dev/null", "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "referat.pipeline.cli", "serve", "--db", db_arg, "--port", str(port)],
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2):
                        break
                except (urllib.error.URLError, ConnectionError):
                    if time.monotonic() > deadline or process.poll() is not None:
                        shown = log_path.read_text() if log_path else ""
                        pytest.fail(f"referat serve did not answer within 30 s:\n{shown}")
                    time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)

"""`coalition users` and `coalition serve` as a newcomer meets them."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from typer.testing import CliRunner

from coalition.cli.app import app

runner = CliRunner()


def said(output: str) -> str:
    """The CLI's words without the line breaks Rich puts in at the terminal's width, so
    the test passes in a narrow terminal too (COLUMNS=40)."""
    return " ".join(output.split())


def test_users_add_and_list(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'u.sqlite3'}"
    assert runner.invoke(app, ["--db", db, "load"]).exit_code == 0
    added = runner.invoke(
        app, ["--db", db, "users", "add", "ana", "--role", "national", "--actor", "POL",
              "--password", "a long password"],
    )  # fmt: skip
    assert added.exit_code == 0 and "ana (national, POL) added" in said(added.output)
    short = runner.invoke(
        app, ["--db", db, "users", "add", "bo", "--role", "observer", "--password", "short"]
    )
    assert short.exit_code == 2 and "at least 10 characters" in said(short.output)
    unknown = runner.invoke(
        app, ["--db", db, "users", "add", "cy", "--role", "national", "--actor", "XXX",
              "--password", "a long password"],
    )  # fmt: skip
    assert unknown.exit_code == 2 and "not in the registry" in said(unknown.output)
    listed = runner.invoke(app, ["--db", db, "users", "list", "--format", "csv"])
    assert listed.output.splitlines() == ["username,role,actor", "ana,national,POL"]


def test_serve_answers_on_loopback(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    db = f"sqlite:///{tmp_path / 's.sqlite3'}"
    server = subprocess.Popen(
        [sys.executable, "-m", "coalition.cli.app", "--db", db, "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/health", timeout=1
                ) as reply:
                    assert reply.read() == b'{"status":"ok"}'
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the server did not answer")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.json", timeout=2) as reply:
            assert b'"/api/states/{code}/position"' in reply.read()
    finally:
        server.terminate()
        server.wait(timeout=10)

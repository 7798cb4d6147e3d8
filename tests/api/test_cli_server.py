"""`coalition users` and `coalition serve` as a newcomer meets them."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from typer.testing import CliRunner

from coalition.accounts.users import authenticate
from coalition.cli.app import app
from coalition.store import make_engine

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

    secret = tmp_path / "secret.txt"
    secret.write_text("from a file 123\nsecond line ignored\n", encoding="utf-8")
    scripted = runner.invoke(
        app,
        ["--db", db, "users", "add", "di", "--role", "observer", "--password-file", str(secret)],
    )
    assert scripted.exit_code == 0, scripted.output
    engine = make_engine(db)
    assert authenticate(engine, "di", "from a file 123") is not None
    piped = runner.invoke(
        app, ["--db", db, "users", "passwd", "di", "--password-file", "-"], input="piped in 4567\n"
    )
    assert piped.exit_code == 0 and "tokens are revoked" in said(piped.output)
    assert authenticate(engine, "di", "piped in 4567") is not None
    assert authenticate(engine, "di", "from a file 123") is None
    missing = runner.invoke(
        app, ["--db", db, "users", "passwd", "di", "--password-file", str(tmp_path / "none")]
    )
    assert missing.exit_code == 2 and "cannot read the password" in said(missing.output)
    role = runner.invoke(app, ["--db", db, "users", "role", "ana", "--role", "secretariat"])
    assert role.exit_code == 0 and "ana is now secretariat" in said(role.output)
    bad = runner.invoke(app, ["--db", db, "users", "role", "ana", "--role", "national"])
    assert bad.exit_code == 2 and "needs --actor" in said(bad.output)
    nobody = runner.invoke(app, ["--db", db, "users", "role", "zed", "--role", "observer"])
    assert nobody.exit_code == 2 and "no user 'zed'" in said(nobody.output)
    engine.dispose()


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

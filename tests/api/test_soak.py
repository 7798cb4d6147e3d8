"""Issue 12, done-when: parallel API writes under a CLI ingest, against the real server
(two worker processes on loopback) on each backend. Every write answered 201 is stored
with exactly one audit row; every write answered otherwise left nothing; the CLI ingest
stored every report; and the whole store verifies against its ledger."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from coalition.accounts.users import Role, add_user
from coalition.registry import load
from coalition.store import ledger, make_engine, transaction, upgrade
from coalition.store.tables import AuditRow, IncidentReportRow, SourceRow
from tests.conftest import DATA

PASSWORD = "soak test password"
THREADS, WRITES = 4, 15


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def call(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def wait_for(base: str) -> None:
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{base}/api/health", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the server did not answer")


def test_api_writes_under_a_cli_ingest(db_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    load(engine, [DATA])
    add_user(engine, "sec", PASSWORD, Role.SECRETARIAT)
    env = os.environ | {"COALITION_DB_URL": db_url, "COLUMNS": "120"}
    cli = [sys.executable, "-m", "coalition.cli.app"]
    stream = tmp_path / "stream.csv"
    subprocess.run([*cli, "monitor", "synth", str(stream), "--events", "8000"], env=env,
                   check=True, capture_output=True)  # fmt: skip
    reports = sum(1 for _ in stream.open(encoding="utf-8")) - 1

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*cli, "serve", "--port", str(port), "--workers", "2"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    answers: dict[str, int] = {}
    during: list[bool] = []  # whether the ingest was still running at each write
    try:
        wait_for(base)
        form = urllib.parse.urlencode({"username": "sec", "password": PASSWORD}).encode()
        status, token = call(f"{base}/api/auth/token", form, {})
        assert status == 200, token
        headers = {
            "Authorization": f"Bearer {token['access_token']}",
            "Content-Type": "application/json",
        }

        def writer(n: int) -> None:
            for i in range(WRITES):
                ident = f"soak-{n}-{i}"
                body = {
                    "id": ident,
                    "title": f"Soak {ident}",
                    "url": f"https://example.org/{ident}",
                }
                answers[ident] = call(f"{base}/api/sources", json.dumps(body).encode(), headers)[0]
                during.append(ingest.poll() is None)

        ingest = subprocess.Popen([*cli, "monitor", "ingest", str(stream)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
        threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        output = ingest.communicate(timeout=300)[0].decode()
        assert ingest.returncode == 0, output
    finally:
        server.terminate()
        server.wait(timeout=20)

    assert len(answers) == THREADS * WRITES
    assert sum(during) >= THREADS, "the writes did not overlap the ingest"
    assert set(answers.values()) <= {201, 503}, answers  # stored, or busy: nothing else
    with transaction(engine) as session:
        stored = set(session.scalars(select(SourceRow.id).where(SourceRow.id.like("soak-%"))))
        audited: dict[str, int] = {}
        for target in session.scalars(
            select(AuditRow.target).where(AuditRow.action == "add source")
        ):
            audited[target] = audited.get(target, 0) + 1
        ingested = session.scalar(select(func.count()).select_from(IncidentReportRow))
        verified = ledger.verify(session)
    committed = {ident for ident, status in answers.items() if status == 201}
    assert stored == committed  # no committed write answered as failed, none lost
    assert audited == dict.fromkeys(committed, 1)  # one audit row per committed write
    assert ingested == reports
    assert verified.ok, verified.findings[:3]
    engine.dispose()

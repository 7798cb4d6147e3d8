"""Issue 12 item 13: a write that meets a database locked by another writer past the
wait is a 503 with Retry-After (the server's state), not a 400 (the client's fault)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from coalition.store import engine as store_engine
from tests.api.conftest import make_api


def test_a_locked_database_is_503_with_retry_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "busy.sqlite3"
    api = make_api(f"sqlite:///{path}")
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"  # readers go on while a writer commits
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        source = {"id": "busy-src", "title": "t", "url": "https://example.org/busy"}
        reply = api.client.post("/api/sources", json=source, headers=api.headers("secretariat"))
        assert reply.status_code == 503, reply.text
        assert reply.headers["Retry-After"] == "2" and "busy" in reply.json()["detail"]
        reading = api.client.get("/api/states/GBR/position", headers=api.headers("observer"))
        assert reading.status_code == 200  # reads are not blocked by the writer
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    reply = api.client.post("/api/sources", json=source, headers=api.headers("secretariat"))
    assert reply.status_code == 201
    # Issue 12 item 5: the refused write left no audit row, the committed one exactly one.
    log = api.client.get("/api/audit", headers=api.headers("admin")).json()
    assert [e["target"] for e in log if e["action"] == "add source"] == ["busy-src"]


def test_a_failed_write_has_no_audit_row_and_a_committed_one_has_one(
    tmp_path: Path,
) -> None:
    api = make_api(f"sqlite:///{tmp_path / 'audit.sqlite3'}")
    secretariat = api.headers("secretariat")
    bad = {"date": "2026-02-01", "status": "considering", "source": "no-such-source",
           "quote": "Poland is considering a contribution."}  # fmt: skip
    reply = api.client.post(
        "/api/pledges/POL-troops-land/statements", json=bad, headers=secretariat
    )
    assert reply.status_code == 422
    good = bad | {"source": "seed-000", "date": "2025-02-17"}
    reply = api.client.post(
        "/api/pledges/POL-troops-land/statements", json=good, headers=secretariat
    )
    assert reply.status_code == 201 and reply.json()["added"] == 1
    log = api.client.get("/api/audit", headers=api.headers("admin")).json()
    statements = [e for e in log if e["action"] == "add statement"]
    assert len(statements) == 1 and statements[0]["detail"]["source"] == "seed-000"

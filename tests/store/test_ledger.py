"""Tamper evidence (issue 12 item 7): every history record has its digest in the ledger;
`coalition verify` names a record changed behind the application's back, even after the
append-only triggers were dropped, and the ledger's root moves when the ledger does."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coalition.accounts.audit import security_event
from coalition.cli.app import app
from coalition.registry import load
from coalition.store import ledger, make_engine, transaction, upgrade
from tests.conftest import DATA

runner = CliRunner()


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    load(engine, [DATA])
    engine.dispose()
    return path


def verify(path: Path, *args: str) -> tuple[int, list[str]]:
    result = runner.invoke(
        app, ["--db", f"sqlite:///{path}", "verify", *args], env={"COLUMNS": "200"}
    )
    return result.exit_code, result.output.strip().splitlines()


def tamper(path: Path, *sql: str) -> None:
    with sqlite3.connect(path) as conn:
        for statement in sql:
            conn.execute(statement)


def key_of(path: Path, where: str) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute(f"SELECT key FROM status_events WHERE {where}").fetchone()[0])


def test_an_untouched_store_verifies(store: Path) -> None:
    code, lines = verify(store)
    assert code == 0 and lines[-1].startswith("verified")
    root = lines[0].split("root ")[1]
    assert verify(store, "--root", root)[0] == 0


def test_an_update_after_dropping_the_trigger_is_named(store: Path) -> None:
    where = "pledge_id = 'POL-troops-land' AND source_id = 'seed-000'"
    key = key_of(store, where)
    tamper(
        store,
        "DROP TRIGGER status_events_no_update",
        f"UPDATE status_events SET status = 'deployed' WHERE {where}",
    )
    code, lines = verify(store)
    assert code == 1
    assert (
        lines[0]
        == f"error: status_events {key}: changed since it was recorded "
        + (lines[0].split("recorded ")[1])
    )


def test_a_replace_after_dropping_its_guard_is_named(store: Path) -> None:
    where = "pledge_id = 'DEU-troops-land' AND source_id = 'seed-000'"
    key = key_of(store, where)
    tamper(
        store,
        "DROP TRIGGER status_events_no_replace",
        "INSERT OR REPLACE INTO status_events (key, pledge_id, date, status, quote, source_id,"
        " is_primary, recorded_at) SELECT key, pledge_id, date, 'deployed', quote, source_id,"
        f" is_primary, recorded_at FROM status_events WHERE {where}",
    )
    code, lines = verify(store)
    assert code == 1 and f"status_events {key}: changed" in lines[0]


def test_rows_added_or_removed_behind_the_application(store: Path) -> None:
    key = key_of(store, "pledge_id = 'SWE-troops-land'")
    tamper(
        store,
        "DROP TRIGGER status_events_no_delete",
        "DROP TRIGGER event_conditions_no_delete",
        f"DELETE FROM event_conditions WHERE event_key = '{key}'",
        f"DELETE FROM status_events WHERE key = '{key}'",
    )
    code, lines = verify(store)
    assert code == 1 and any(f"{key}: recorded" in line and "no longer stored" in line
                             for line in lines)  # fmt: skip


def test_a_rewritten_ledger_changes_its_root(store: Path) -> None:
    _, lines = verify(store)
    root = lines[0].split("root ")[1]
    tamper(store, "DROP TRIGGER ledger_no_update", "UPDATE ledger SET digest = digest")
    assert verify(store, "--root", root)[0] == 0  # no change, same root
    tamper(store, "UPDATE ledger SET digest = replace(digest, 'a', 'b') WHERE seq = 1")
    code, lines = verify(store, "--root", root)
    assert code == 1 and any("root is not" in line for line in lines)


def test_merkle_root_by_hand() -> None:
    a, b = hashlib.sha256(b"a").hexdigest(), hashlib.sha256(b"b").hexdigest()
    leaf = [hashlib.sha256(b"\x00" + bytes.fromhex(d)).digest() for d in (a, b)]
    assert ledger.merkle_root([a, b]) == hashlib.sha256(b"\x01" + leaf[0] + leaf[1]).hexdigest()
    assert ledger.merkle_root([a]) == leaf[0].hex()


def test_the_ledger_is_written_with_the_records(db_url: str) -> None:
    """On both backends: a load enters each new record in the ledger, once."""
    engine = make_engine(db_url)
    upgrade(engine)
    load(engine, [DATA])
    load(engine, [DATA])
    with transaction(engine) as session:
        result = ledger.verify(session)
    assert result.ok and result.records > 40
    engine.dispose()


def test_a_published_root_still_holds_once_the_ledger_has_grown(store: Path) -> None:
    """A root published earlier is a prefix of the ledger after more writes: the ledger
    grew, nothing was rewritten, and verification says how many entries came since."""
    _, lines = verify(store)
    root = lines[0].split("root ")[1]
    security_event(make_engine(f"sqlite:///{store}"), "someone", "sign in", "127.0.0.1")
    code, lines = verify(store, "--root", root)
    assert code == 0 and any("1 entry was added since" in line for line in lines)

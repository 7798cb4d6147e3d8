"""The ledger beyond the registry (issue 12): incident reports, their quarantine and the
audit log enter it with their writes; signed heads catch a ledger rewritten consistently
with its records; a forged head fails its signature; products name the ledger position
they were made from."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from coalition import signing
from coalition.accounts import audit
from coalition.accounts.users import Role, User
from coalition.cli.app import app
from coalition.monitoring.ingest import ingest_file
from coalition.registry import load
from coalition.store import heads, ledger, make_engine, transaction, upgrade
from coalition.store.tables import LedgerHeadRow, LedgerRow
from tests.conftest import DATA
from tests.monitoring.helpers import report

runner = CliRunner()
ADMIN = User(1, "admin", Role.ADMIN, None)


def reports_file(folder: Path, *rows: dict[str, object]) -> Path:
    path = folder / "reports.csv"
    pd.DataFrame(list(rows)).to_csv(path, index=False)
    return path


def fill(engine: Engine, folder: Path) -> None:
    """Registry, two reports and a quarantined one, an audit row."""
    load(engine, [DATA])
    rows = [
        report("r1", "2026-06-01T10:00:00Z", 36.1, 48.0, weapon_class="artillery", count=3),
        report("r2", "2026-06-01T11:30:00+02:00", 36.2, 48.1, bearing_deg=45.5),
        report("r3", "not a time", 36.0, 48.0),
    ]
    ingest_file(engine, reports_file(folder, *rows), {"artillery"})
    audit.record(engine, ADMIN, "add source", "s-1", {"b": 2.5, "a": [1, "x"]}, "127.0.0.1")


def test_reports_quarantine_and_audit_enter_the_ledger(db_url: str, tmp_path: Path) -> None:
    """On both backends: each write enters the ledger once, and the store verifies (the
    digest written from the inserted values equals the one read back)."""
    engine = make_engine(db_url)
    upgrade(engine)
    fill(engine, tmp_path)
    ingest_file(engine, tmp_path / "reports.csv", {"artillery"})  # again: nothing new
    with transaction(engine) as session:
        tables = dict(
            session.execute(
                select(LedgerRow.record_table, func.count()).group_by(LedgerRow.record_table)
            ).all()
        )
        result = ledger.verify(session)
    assert tables["incident_reports"] == 2 and tables["report_quarantine"] == 1
    assert tables["audit_log"] == 1
    assert result.ok, result.findings
    engine.dispose()


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "wide.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    fill(engine, tmp_path)
    engine.dispose()
    return path


def verify(path: Path, *args: str) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["--db", f"sqlite:///{path}", "verify", *args])
    return result.exit_code, " ".join(result.output.split()).split("error: ")


def tamper(path: Path, *sql: str) -> None:
    with sqlite3.connect(path) as conn:
        for statement in sql:
            conn.execute(statement)


def test_a_changed_report_or_audit_row_is_named(store: Path) -> None:
    tamper(
        store,
        "DROP TRIGGER incident_reports_no_update",
        "UPDATE incident_reports SET count = 1 WHERE id = 'r1'",
    )
    code, lines = verify(store)
    assert code == 1 and "incident_reports r1: changed since it was recorded" in lines[1]
    tamper(
        store,
        "DROP TRIGGER audit_log_no_update",
        "UPDATE audit_log SET username = 'someone' WHERE action = 'add source'",
    )
    code, lines = verify(store)
    assert any("audit_log 1: changed since it was recorded" in line for line in lines)


def test_replace_keeps_the_stored_report(store: Path) -> None:
    tamper(
        store,
        "INSERT OR REPLACE INTO incident_reports SELECT id, time, reporter, reporter_kind, lon,"
        " lat, uncertainty_m, type, weapon_class, 99, casualties, bearing_deg, side,"
        " confidence, content_hash, file, ingested_at, details FROM incident_reports"
        " WHERE id = 'r1'",
    )
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT count FROM incident_reports WHERE id = 'r1'").fetchone()[0] == 3
    assert verify(store)[0] == 0


def test_a_signed_head_catches_a_consistent_rewrite(store: Path) -> None:
    """Someone who edits a report and its ledger digest alike passes the record check;
    the head signed before no longer matches the ledger's prefix."""
    engine = make_engine(f"sqlite:///{store}")
    head = heads.sign_head(engine, Path(os.environ["COALITION_KEYS_DIR"]))
    assert verify(store)[0] == 0
    tamper(
        store,
        "DROP TRIGGER incident_reports_no_update",
        "DROP TRIGGER ledger_no_update",
        "UPDATE incident_reports SET count = 1 WHERE id = 'r1'",
    )
    with transaction(engine) as session:
        forged = ledger.record_digest(session, "incident_reports", "r1")
    tamper(store, f"UPDATE ledger SET digest = '{forged}' WHERE record_key = 'r1'")
    code, lines = verify(store)
    assert code == 1
    assert f"ledger_heads {head.id} (" in lines[1]
    assert f"first {head.size} entries no longer hash to the signed root" in lines[1]
    engine.dispose()


def test_a_forged_or_cut_head_is_named(store: Path) -> None:
    engine = make_engine(f"sqlite:///{store}")
    head = heads.sign_head(engine, Path(os.environ["COALITION_KEYS_DIR"]))
    tamper(
        store,
        "INSERT INTO ledger_heads (size, root, signed_at, key_id, signature) SELECT size, root,"
        f" signed_at, key_id, 'AAAA' FROM ledger_heads WHERE id = {head.id}",
    )
    code, lines = verify(store)
    assert code == 1 and "the signature does not match" in lines[1]
    tamper(
        store,
        "DROP TRIGGER ledger_no_delete",
        "DELETE FROM ledger WHERE seq = (SELECT max(seq) FROM ledger)",
    )
    code, lines = verify(store)
    assert any(f"signed for {head.size} entries" in line for line in lines)
    engine.dispose()


def test_a_situation_export_is_signed_with_its_ledger_position(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "situation.json"
    db = ["--db", f"sqlite:///{store}"]
    made = runner.invoke(app, [*db, "report", "--on", "2026-01-31", "--out", str(out)])
    assert made.exit_code == 0, made.output
    assert '"on": "2026-01-31"' in out.read_text(encoding="utf-8")
    checked = runner.invoke(app, [*db, "verify", str(out)])
    assert checked.exit_code == 0, checked.output
    with sqlite3.connect(store) as conn:
        size = conn.execute("SELECT count(*) FROM ledger").fetchone()[0]
    assert f"made from ledger entry {size}, root" in " ".join(checked.output.split())
    out.write_text(out.read_text(encoding="utf-8") + " ", encoding="utf-8")
    changed = runner.invoke(app, [*db, "verify", str(out)])
    assert changed.exit_code == 2 and "changed since it was signed" in changed.output


def test_report_out_to_a_folder_that_is_missing(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "situation.json"
    made = runner.invoke(app, ["--db", f"sqlite:///{store}", "report", "--out", str(out)])
    assert made.exit_code == 2 and "cannot write the report" in made.output
    assert "Traceback" not in made.output


def test_the_server_signs_a_head_after_the_first_write_of_a_day(tmp_path: Path) -> None:
    from tests.api.conftest import make_api

    url = f"sqlite:///{tmp_path / 'daily.sqlite3'}"
    api = make_api(url)
    secretariat = api.headers("secretariat")
    for n in range(2):
        source = {"id": f"daily-{n}", "title": "t", "url": f"https://example.org/{n}"}
        assert api.client.post("/api/sources", json=source, headers=secretariat).status_code == 201
    engine = make_engine(url)
    with transaction(engine) as session:
        signed = session.scalars(select(LedgerHeadRow)).all()
        assert len(signed) == 1  # one a day, not one a write
        assert heads.check_signatures(session, signing.key_files(api_keys())) == []
        assert ledger.verify(session).ok
    engine.dispose()


def api_keys() -> Path:
    return Path(os.environ["COALITION_KEYS_DIR"])

"""Migrations build exactly the ORM schema, go down cleanly, and keep history append-only."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from coalition import signing
from coalition.store import downgrade, is_current, make_engine, upgrade
from coalition.store.migrate import current_revision, head_revision
from coalition.store.tables import APPEND_ONLY_TABLES, Base


def test_upgrade_matches_the_models(engine: Engine) -> None:
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert is_current(engine)
    assert current_revision(engine) == head_revision()


def test_downgrade_to_base_and_up_again(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert current_revision(engine) is None
    upgrade(engine)
    assert is_current(engine)
    engine.dispose()


def with_reports_audit_and_head(engine: Engine, folder: Path) -> None:
    """A row in each table that is not the registry's: a report, a quarantined one, an
    audit row and a signed head."""
    from coalition.accounts import audit
    from coalition.accounts.users import Role, User
    from coalition.monitoring.ingest import ingest_file
    from coalition.store import heads
    from tests.monitoring.helpers import report

    path = folder / "r.csv"
    rows = [report("a", "2026-06-01T10:00:00Z", 36.1, 48.0), report("b", "yesterday", 36, 48)]
    pd.DataFrame(rows).to_csv(path, index=False)
    ingest_file(engine, path, {"artillery"})
    audit.record(engine, User(1, "admin", Role.ADMIN, None), "test", "x", {}, "127.0.0.1")
    signing.rotate(folder / "keys")
    heads.sign_head(engine, folder / "keys")
    now = "2026-06-01 10:00:00"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO plan_versions (activity_id, version, owner, kind, starts_at, "
                "ends_at, withdrawn, document, change, recorded_by) VALUES ('a', 1, 'GBR', "
                "'flight', :now, :now, false, '{}', 'submitted', 'admin')"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "INSERT INTO notifications (party, extract, covers, sent_by, sent_at) "
                "VALUES ('RUS', '{}', '[]', 'admin', :now)"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "INSERT INTO notification_events (notification_id, state, at, by) "
                "SELECT id, 'sent', :now, 'admin' FROM notifications"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "INSERT INTO violation_cases (event_id, observed_at, sector, place, side, "
                "weapon_class, count, distance_m, required_m, lon, lat, reports, rule, "
                "opened_by, opened_at) VALUES ('E-a', :now, 'donetsk', 'here', 'left', 'tank', "
                "1, 1000, 15000, 36.1, 48.0, '[]', 'rule', 'monitor', :now)"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "INSERT INTO case_events (case_id, state, at, by) "
                "SELECT id, 'observed', :now, 'monitor' FROM violation_cases"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "INSERT INTO contact_lines (name, geojson, digest, vertices, loaded_by, "
                "loaded_at) VALUES ('line', '{}', 'd', 2, 'analyst', :now)"
            ),
            {"now": now},
        )


def test_upgrade_is_idempotent(engine: Engine) -> None:
    upgrade(engine)
    assert is_current(engine)


@pytest.mark.parametrize("statement", ["UPDATE {t} SET {c} = {c}", "DELETE FROM {t}"])
def test_history_tables_refuse_rewrites(engine: Engine, statement: str, tmp_path: Path) -> None:
    from coalition.registry import load
    from tests.conftest import DATA

    load(engine, [DATA])
    with_reports_audit_and_head(engine, tmp_path)
    first_column = {
        "status_events": "quote",
        "event_conditions": "condition_code",
        "stances": "quote",
        "aggregate_claims": "quote",
        "force_sizes": "quote",
        "mission_conditions": "quote",
        "ledger": "digest",
        "incident_reports": "reporter",
        "report_quarantine": "reason",
        "audit_log": "action",
        "ledger_heads": "root",
        "plan_versions": "change",
        "notifications": "party",
        "notification_events": "state",
        "violation_cases": "place",
        "case_events": "state",
        "contact_lines": "name",
    }
    for table in APPEND_ONLY_TABLES:
        sql = statement.format(t=table, c=first_column[table])
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(sql))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM status_events")).scalar_one() > 0


def test_sqlite_replace_cannot_rewrite_history(db_url: str) -> None:
    """Issue 12 item 7: SQLite's REPLACE deletes the old row without a DELETE trigger;
    the history tables refuse it too."""
    if not db_url.startswith("sqlite"):
        pytest.skip("REPLACE is SQLite's")
    from coalition.registry import load
    from tests.conftest import DATA

    engine = make_engine(db_url)
    upgrade(engine)
    load(engine, [DATA])
    with engine.connect() as conn:
        key = conn.execute(text("SELECT key FROM status_events LIMIT 1")).scalar_one()
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(
            text(
                "INSERT OR REPLACE INTO status_events (key, pledge_id, date, status, quote, "
                "source_id, is_primary) SELECT key, pledge_id, date, 'deployed', quote, "
                "source_id, is_primary FROM status_events WHERE key = :key"
            ),
            {"key": key},
        )
    engine.dispose()

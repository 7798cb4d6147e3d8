"""Backup and restore round-trip on both backends, verified against the ledger
(issue 12): the restored store reads the same and verifies; a doctored backup does not."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coalition.errors import CoalitionError
from coalition.registry import load
from coalition.store import backup, ledger, make_engine, transaction, upgrade
from coalition.store.tables import StatusEventRow
from tests.conftest import DATA, _scratch_postgres


@pytest.fixture
def second_url(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Another empty database on the same backend."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    yield from _scratch_postgres(request.getfixturevalue("postgres_admin_url"))


def _events(url: str) -> int:
    engine = make_engine(url)
    with transaction(engine) as session:
        count = int(session.scalar(select(func.count()).select_from(StatusEventRow)) or 0)
    engine.dispose()
    return count


def test_round_trip(db_url: str, second_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    load(engine, [DATA])
    with transaction(engine) as session:
        root = ledger.verify(session).root
    file = backup.backup(engine, tmp_path / "store.backup")
    engine.dispose()
    with pytest.raises(CoalitionError, match="exists already"):
        backup.backup(make_engine(db_url), file)
    target = make_engine(second_url)
    done = backup.restore(target, file)
    assert done.root == root and done.records > 40
    assert _events(second_url) == _events(db_url)
    with pytest.raises(CoalitionError, match="not empty"):
        backup.restore(target, file)
    target.dispose()


def test_a_doctored_sqlite_backup_does_not_verify(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    load(engine, [DATA])
    file = backup.backup(engine, tmp_path / "a.backup")
    with sqlite3.connect(file) as conn:
        conn.execute("DROP TRIGGER status_events_no_update")
        conn.execute("UPDATE status_events SET status = 'deployed' WHERE rowid = 1")
    target = make_engine(f"sqlite:///{tmp_path / 'b.sqlite3'}")
    with pytest.raises(CoalitionError, match="does not verify: status_events"):
        backup.restore(target, file)

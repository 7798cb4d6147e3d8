"""Backups of the whole store, and their restoration, verified: SQLite through its
online backup API (a consistent copy while the server runs), PostgreSQL through its own
tools (pg_dump's custom format, pg_restore). A restore is checked before it is called
done: the schema is brought to this version and every history record matches the
ledger."""

from __future__ import annotations

import glob
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect

from coalition.errors import CoalitionError
from coalition.store import ledger
from coalition.store.engine import transaction
from coalition.store.migrate import is_current, upgrade


@dataclass(frozen=True)
class Restored:
    records: int
    root: str


def backup(engine: Engine, target: Path) -> Path:
    """Write a consistent copy of the store to ``target`` (a new file)."""
    if target.exists():
        raise CoalitionError(f"{target}: exists already; a backup never overwrites a file")
    if not target.parent.is_dir():
        raise CoalitionError(f"{target.parent}: no such folder")
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()
        try:
            with sqlite3.connect(target) as copy:
                raw.driver_connection.backup(copy)  # type: ignore[union-attr]
        finally:
            raw.close()
    else:
        _run(_pg_tool("pg_dump"), "--format=custom", f"--file={target}", _libpq(engine))
    return target


def restore(engine: Engine, source: Path) -> Restored:
    """Restore a backup into an empty database, then verify it."""
    if not source.is_file():
        raise CoalitionError(f"{source}: no such backup file")
    if inspect(engine).get_table_names():
        raise CoalitionError(
            f"{engine.url.render_as_string()} is not empty: restore into a new database"
        )
    if engine.dialect.name == "sqlite":
        with sqlite3.connect(source) as copy:
            raw = engine.raw_connection()
            try:
                copy.backup(raw.driver_connection)  # type: ignore[arg-type]
            finally:
                raw.close()
    else:
        _run(_pg_tool("pg_restore"), "--no-owner", f"--dbname={_libpq(engine)}", str(source))
    engine.dispose()
    upgrade(engine)  # a backup made by an earlier version is brought up to this one
    if not is_current(engine):
        raise CoalitionError(f"{source}: the restored schema is not this version's")
    with transaction(engine) as session:
        result = ledger.verify(session)
    if not result.ok:
        raise CoalitionError(f"{source}: restored, but it does not verify: {result.findings[0]}")
    return Restored(records=result.records, root=result.root)


def _libpq(engine: Engine) -> str:
    """The URL as PostgreSQL's own tools read it (no SQLAlchemy driver name)."""
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def _pg_tool(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if found is None:
        raise CoalitionError(f"{name} not found: install PostgreSQL's client tools")
    return found


def _run(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip().splitlines()
        raise CoalitionError(
            f"{Path(command[0]).name} failed: {reason[-1] if reason else done.returncode}"
        )

"""Engine and session set-up for SQLite (embedded default) and PostgreSQL (shared server)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from coalition.errors import CoalitionError, StoreBusyError

#: How long a SQLite writer waits for another to finish before giving up.
BUSY_TIMEOUT_MS = 5000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # SQLite ignores foreign keys unless asked, per connection. Write-ahead logging lets
    # readers (the server's requests) go on while one writer (an ingest) commits; the
    # busy timeout makes a second writer wait its turn instead of failing at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; a malformed URL is a user error, not a traceback."""
    try:
        engine = create_engine(url, future=True)
    except (ArgumentError, ImportError) as exc:
        raise CoalitionError(f"cannot use database URL {url!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    elif engine.dialect.name != "postgresql":
        raise CoalitionError(
            f"database {engine.dialect.name!r} is not supported: use sqlite:/// or postgresql+psycopg://"
        )
    return engine


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed whole on success, rolled back whole on any error."""
    factory = sessionmaker(engine, expire_on_commit=False)
    try:
        with factory() as session, session.begin():
            yield session
    except OperationalError as exc:
        if "locked" in str(exc.orig) or "busy" in str(exc.orig):
            raise StoreBusyError(
                f"the database is busy with another writer: try again ({exc.orig})"
            ) from exc
        raise CoalitionError(f"database error on {engine.url!r}: {exc.orig}") from exc

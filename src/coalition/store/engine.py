"""Engine and session set-up for SQLite (embedded default) and PostgreSQL (shared server)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

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


#: A write to add to the next transaction that commits in this context (the server's
#: audit row): the record of a write and the write commit together or not at all.
WITH_NEXT_COMMIT: ContextVar[Callable[[Session], None] | None] = ContextVar(
    "with_next_commit", default=None
)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed whole on success, rolled back whole on any error."""
    factory = sessionmaker(engine, expire_on_commit=False)
    try:
        with factory() as session, session.begin():
            yield session
            extra = WITH_NEXT_COMMIT.get()
            if extra is not None and (session.new or session.dirty or _wrote(session)):
                WITH_NEXT_COMMIT.set(None)
                extra(session)
    except OperationalError as exc:
        if "locked" in str(exc.orig) or "busy" in str(exc.orig):
            raise StoreBusyError(
                f"the database is busy with another writer: try again ({exc.orig})"
            ) from exc
        raise CoalitionError(f"database error on {engine.url!r}: {exc.orig}") from exc


def _wrote(session: Session) -> bool:
    """Whether this transaction has written anything (flushed rows or Core statements):
    a read-only transaction does not take the pending write."""
    return bool(session.info.get("wrote"))


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _context: Any) -> None:
    session.info["wrote"] = True


@event.listens_for(Session, "do_orm_execute")
def _executed(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info["wrote"] = True

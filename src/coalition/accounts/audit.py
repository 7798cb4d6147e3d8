"""The audit log: every write through the server, who made it, when, from where, and
what changed. Append-only in the database itself (triggers refuse UPDATE and DELETE)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from coalition.accounts.users import User
from coalition.store import ledger, transaction
from coalition.store.engine import WITH_NEXT_COMMIT
from coalition.store.tables import AuditRow


def _row(
    username: str, role: str, action: str, target: str, detail: dict[str, Any], client: str
) -> AuditRow:
    return AuditRow(
        at=dt.datetime.now(dt.UTC),
        username=username,
        role=role,
        action=action,
        target=target,
        detail=detail,
        client=client,
    )


def record(
    engine: Engine, user: User, action: str, target: str, detail: dict[str, Any], client: str
) -> None:
    with transaction(engine) as session:
        ledger.add(session, _row(user.username, user.role.value, action, target, detail, client))


@contextmanager
def recording(
    engine: Engine, user: User, action: str, target: str, detail: dict[str, Any], client: str
) -> Iterator[dict[str, Any]]:
    """Audit the write made inside: its audit row joins the first transaction there that
    writes, so a committed write always has its row and a failed one has none. ``detail``
    (yielded) may be completed inside, until that commit. With no write inside (a no-op),
    the row is written on its own afterwards."""
    written = False

    def add(session: Session) -> None:
        nonlocal written
        ledger.add(session, _row(user.username, user.role.value, action, target, detail, client))
        written = True

    token = WITH_NEXT_COMMIT.set(add)
    try:
        yield detail
    finally:
        WITH_NEXT_COMMIT.reset(token)
    if not written:
        record(engine, user, action, target, detail, client)


def security_event(engine: Engine, username: str, action: str, client: str) -> None:
    """A sign-in, a refused one or a throttled one, in the same append-only log (role
    "-": the name is what was typed, not an account that exists)."""
    with transaction(engine) as session:
        ledger.add(session, _row(username, "-", action, username, {}, client))


def entries(engine: Engine, limit: int = 200) -> list[dict[str, Any]]:
    with transaction(engine) as session:
        rows = session.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit))
        return [
            {
                "at": r.at.isoformat(),
                "username": r.username,
                "role": r.role,
                "action": r.action,
                "target": r.target,
                "detail": r.detail,
                "client": r.client,
            }
            for r in rows
        ]

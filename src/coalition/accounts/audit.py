"""The audit log: every write through the server, who made it, when, from where, and
what changed. Append-only in the database itself (triggers refuse UPDATE and DELETE)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine, select

from coalition.accounts.users import User
from coalition.store import transaction
from coalition.store.tables import AuditRow


def record(
    engine: Engine, user: User, action: str, target: str, detail: dict[str, Any], client: str
) -> None:
    with transaction(engine) as session:
        session.add(
            AuditRow(
                at=dt.datetime.now(dt.UTC),
                username=user.username,
                role=user.role.value,
                action=action,
                target=target,
                detail=detail,
                client=client,
            )
        )


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

"""Sourcing runs made through the server, kept in the database: every server process
(``coalition serve --workers N``) numbers them from one sequence and finds each one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from coalition.domain.forcegen import SourcingResult
from coalition.store import transaction
from coalition.store.tables import SourcingJobRow


def save(engine: Engine, by: str, request: dict[str, Any], result: SourcingResult) -> int:
    """Store a finished run; its id comes from the database, never from a counter in
    one process."""
    with transaction(engine) as session:
        row = SourcingJobRow(created_by=by, request=request, result=result.model_dump(mode="json"))
        session.add(row)
        session.flush()
        return int(row.id)


def get(engine: Engine, ident: int) -> SourcingResult | None:
    with transaction(engine) as session:
        row = session.get(SourcingJobRow, ident)
        return None if row is None else SourcingResult.model_validate(row.result)

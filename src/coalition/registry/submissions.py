"""What a person adds to the registry one record at a time (the server's writes): a
source, or a statement on a pledge. A state's representative reports and does not grade:
a state that could mark its own sources reliable and its own statements confirmed would
outrank everyone else's, so grading fields are the secretariat's; and a representative
speaks only for their own state's pledges. Everything goes through the loader's checks,
all or nothing, history append-only."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from coalition.domain import Pledge
from coalition.errors import ForbiddenError, NotFoundError
from coalition.registry.loader import LoadSummary, load_records
from coalition.registry.schema import SourceIn, StatementIn

#: Fields that grade evidence: the secretariat's to set, never the reporting state's own.
SOURCE_GRADES = frozenset({"reliability", "kind"})
STATEMENT_GRADES = frozenset({"primary", "credibility"})
#: How problems are named (the records come in a request body, not a file).
BODY = "body.yaml"


def _no_self_grading(owner: str | None, fields: set[str]) -> None:
    if owner is not None and fields:
        raise ForbiddenError(
            f"grading evidence is the secretariat's: {', '.join(sorted(fields))} "
            "may not be set by a national representative"
        )


def add_source(engine: Engine, source: SourceIn, owner: str | None) -> LoadSummary:
    """Register a source; ``owner``: the state of the national representative adding
    it (it becomes theirs), None for the secretariat."""
    _no_self_grading(owner, source.model_fields_set & SOURCE_GRADES)
    record = source.model_dump(mode="json", exclude_none=True)
    return load_records(engine, {"sources": [record]}, BODY, owner)


def add_statement(
    engine: Engine,
    pledges: dict[str, Pledge],
    pledge_id: str,
    statement: StatementIn,
    owner: str | None,
) -> tuple[LoadSummary, dict[str, Any]]:
    """Record a new statement on a pledge (``pledges``: the registry's, by id), as the
    state ``owner`` represents (None: the secretariat); the statement as stored."""
    _no_self_grading(owner, statement.model_fields_set & STATEMENT_GRADES)
    pledge = pledges.get(pledge_id)
    if pledge is None:
        raise NotFoundError(f"no pledge {pledge_id!r}")
    if owner is not None and pledge.actor != owner:
        raise ForbiddenError(f"the user represents {owner}, not {pledge.actor}")
    event = statement.model_dump(mode="json", exclude_none=True)
    record = pledge.model_dump(mode="json", exclude_none=True) | {"events": [event]}
    return load_records(engine, {"pledges": [record]}, BODY, owner), event

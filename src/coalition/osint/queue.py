"""The review queue kept in the database, for the server and its dashboard: candidates
from `osint read --queue` or from articles posted to the API wait there; a decision
accepts one into the registry (through the same path as `coalition osint review`) or
rejects it, and records who decided when."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Engine, select

from coalition.errors import CoalitionError, NotFoundError
from coalition.osint import review
from coalition.registry.loader import load_records
from coalition.registry.queries import Registry
from coalition.store import transaction
from coalition.store.tables import OsintCandidateRow


def enqueue(engine: Engine, records: dict[str, Any]) -> int:
    """Store candidates (as written by ``review.to_records``); those already queued are
    kept as they are. Returns how many are new."""
    added = 0
    with transaction(engine) as session:
        for item in records["candidates"]:
            if session.get(OsintCandidateRow, item["id"]) is not None:
                continue
            document = records["documents"][item["document"]]
            session.add(
                OsintCandidateRow(
                    id=item["id"],
                    document=json.loads(json.dumps(document, default=str)),
                    payload=json.loads(json.dumps(item, default=str)),
                    state=review.PENDING,
                )
            )
            added += 1
    return added


def candidates(engine: Engine, state: str | None = review.PENDING) -> list[dict[str, Any]]:
    with transaction(engine) as session:
        query = select(OsintCandidateRow).order_by(
            OsintCandidateRow.created_at, OsintCandidateRow.id
        )
        if state:
            query = query.where(OsintCandidateRow.state == state)
        found = []
        for row in session.scalars(query):
            extra = {
                "state": row.state,
                "document_info": row.document,
                "decided_by": row.decided_by,
            }
            found.append(row.payload | extra)
        return found


def decide(
    engine: Engine,
    registry: Registry,
    ident: str,
    accept: bool,
    edits: dict[str, Any],
    username: str,
) -> dict[str, Any]:
    """Accept (into the registry) or reject one pending candidate."""
    unknown = set(edits) - set(review.EDITABLE)
    if unknown:
        raise CoalitionError(f"edits: cannot change {', '.join(sorted(unknown))}")
    with transaction(engine) as session:
        row = session.get(OsintCandidateRow, ident)
        if row is None:
            raise NotFoundError(f"no candidate {ident!r}")
        if row.state != review.PENDING:
            raise CoalitionError(f"candidate {ident} was {row.state} already")
        item = dict(row.payload) | edits
        document = dict(row.document)
    flag = review.contradiction(item, registry) if accept else ""
    loaded = 0
    if accept:
        item["state"] = review.ACCEPTED
        dataset = review.to_dataset(
            {"documents": {item["document"]: document}, "candidates": [item]}, registry
        )
        if dataset["pledges"] or dataset["stances"] or dataset["claims"]:
            loaded = sum(load_records(engine, dataset, "accepted.yaml").inserted.values())
    with transaction(engine) as session:
        row = session.get(OsintCandidateRow, ident)
        assert row is not None
        row.payload = json.loads(json.dumps(item, default=str))
        row.state = review.ACCEPTED if accept else review.REJECTED
        row.decided_by = username
        row.decided_at = dt.datetime.now(dt.UTC)
    return {"id": ident, "state": row.state, "contradiction": flag, "records_added": loaded}

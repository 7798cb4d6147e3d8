"""Tamper evidence for history: every record appended to a history table has its digest
(SHA-256 of its canonical content) in the ledger, in the order recorded, and the ledger
has one root (a Merkle tree over the digests, RFC 6962 style). ``verify`` recomputes each
record's digest and names the first that differs from the ledger, was added behind the
application's back, or is gone; a root published earlier (a report's footer, a daily
note) shows whether the ledger itself was rewritten since.

Database triggers already refuse UPDATE, DELETE and REPLACE on these tables; the ledger
catches what happens when someone drops a trigger, edits a file or restores a doctored
copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Table, select
from sqlalchemy.orm import Session

from coalition.store.engine import transaction
from coalition.store.tables import (
    AggregateClaimRow,
    Base,
    EventConditionRow,
    LedgerRow,
    MissionConditionRow,
    StanceRow,
    StatusEventRow,
)

#: History tables under the ledger, with their key column. A status event's conditions
#: (a child table) are part of its digest.
TABLES: dict[str, str] = {
    StatusEventRow.__tablename__: "key",
    StanceRow.__tablename__: "key",
    AggregateClaimRow.__tablename__: "key",
    MissionConditionRow.__tablename__: "key",
}
#: Columns outside a record's content: when the registry learned it is the store's clock.
NOT_CONTENT = {"recorded_at"}


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in sorted(value.items())}
    return value


def digest(table: str, content: dict[str, Any]) -> str:
    """SHA-256 of a record's content as canonical JSON (sorted keys, ISO dates)."""
    text = json.dumps({"table": table, **_canonical(content)}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _content(table: Table, row: Any, conditions: Iterable[str] = ()) -> dict[str, Any]:
    values = {c.name: row[c.name] for c in table.columns if c.name not in NOT_CONTENT}
    if table.name == StatusEventRow.__tablename__:
        values["conditions"] = sorted(conditions)
    return values


def _conditions(session: Session) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, code in session.execute(
        select(EventConditionRow.event_key, EventConditionRow.condition_code)
    ):
        found.setdefault(key, []).append(code)
    return found


def record_digest(session: Session, table: str, key: str) -> str:
    """The digest of one stored record, as ``verify`` will compute it."""
    spec = Base.metadata.tables[table]
    row = session.execute(select(spec).where(spec.c[TABLES[table]] == key)).mappings().one()
    conditions = _conditions(session).get(key, []) if table == "status_events" else []
    return digest(table, _content(spec, row, conditions))


def append(session: Session, table: str, key: str) -> None:
    """Enter a record just written (and flushed) into the ledger, in the same
    transaction: the record and its digest commit together or not at all."""
    session.add(
        LedgerRow(record_table=table, record_key=key, digest=record_digest(session, table, key))
    )
    session.flush()


def merkle_root(digests: list[str]) -> str:
    """RFC 6962 Merkle tree hash over the digests in order (leaf 0x00, node 0x01)."""
    if not digests:
        return hashlib.sha256(b"").hexdigest()
    level = [hashlib.sha256(b"\x00" + bytes.fromhex(d)).digest() for d in digests]
    while len(level) > 1:
        paired = [
            hashlib.sha256(b"\x01" + level[i] + level[i + 1]).digest()
            for i in range(0, len(level) - 1, 2)
        ]
        if len(level) % 2:
            paired.append(level[-1])  # an odd node is carried up unchanged
        level = paired
    return level[0].hex()


@dataclass(frozen=True)
class Finding:
    table: str
    key: str
    problem: str

    def __str__(self) -> str:
        return f"{self.table} {self.key}: {self.problem}"


@dataclass(frozen=True)
class Verification:
    records: int
    root: str
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return not self.findings


def verify(session: Session) -> Verification:
    """Every history record against the ledger: changed, unrecorded, or missing."""
    ledger = {
        (r.record_table, r.record_key): r
        for r in session.scalars(select(LedgerRow).order_by(LedgerRow.seq))
    }
    conditions = _conditions(session)
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for table, key_column in TABLES.items():
        spec = Base.metadata.tables[table]
        for row in session.execute(select(spec).order_by(spec.c[key_column])).mappings():
            key = row[key_column]
            seen.add((table, key))
            entry = ledger.get((table, key))
            content = _content(spec, row, conditions.get(key, []))
            if entry is None:
                findings.append(
                    Finding(table, key, "not in the ledger: written behind the application's back")
                )
            elif entry.digest != digest(table, content):
                findings.append(
                    Finding(table, key, f"changed since it was recorded (ledger entry {entry.seq})")
                )
    for (table, key), entry in ledger.items():
        if (table, key) not in seen:
            findings.append(
                Finding(table, key, f"recorded (ledger entry {entry.seq}) but no longer stored")
            )
    ordered = sorted(ledger.values(), key=lambda r: r.seq)
    order = {(r.record_table, r.record_key): r.seq for r in ordered}
    findings.sort(key=lambda f: order.get((f.table, f.key), len(order) + 1))  # first first
    return Verification(
        records=len(ordered),
        root=merkle_root([r.digest for r in ordered]),
        findings=tuple(findings),
    )


def current_root(engine: Engine) -> str:
    """The ledger's Merkle root now: what a signed product says it was made from."""
    with transaction(engine) as session:
        digests = session.scalars(select(LedgerRow.digest).order_by(LedgerRow.seq)).all()
    return merkle_root(list(digests))

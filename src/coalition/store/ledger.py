"""Tamper evidence for history: every record appended to a history table (the registry's
statements, incident reports and their quarantine, the audit log) has its digest
(SHA-256 of its canonical content) in the ledger, in the order recorded, and the ledger
has one root (a Merkle tree over the digests, RFC 6962). ``verify`` recomputes each
record's digest and names the first that differs from the ledger, was added behind the
application's back, or is gone; a root published earlier (a signed head, a product's
signature) shows whether the ledger itself was rewritten since.

Database triggers already refuse UPDATE, DELETE and REPLACE on these tables; the ledger
catches what happens when someone drops a trigger, edits a file or restores a doctored
copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Date, DateTime, Float, Integer, Table, insert, select
from sqlalchemy.orm import Session

from coalition.store.tables import (
    AggregateClaimRow,
    AuditRow,
    Base,
    CaseEventRow,
    ContactLineRow,
    EventConditionRow,
    ForceSizeRow,
    IncidentReportRow,
    LedgerHeadRow,
    LedgerRow,
    MissionConditionRow,
    NotificationEventRow,
    NotificationRow,
    PlanVersionRow,
    QuarantineRow,
    StanceRow,
    StatusEventRow,
    ViolationCaseRow,
)

#: History tables under the ledger, with their key column. A status event's conditions
#: (a child table) are part of its digest.
TABLES: dict[str, str] = {
    StatusEventRow.__tablename__: "key",
    StanceRow.__tablename__: "key",
    AggregateClaimRow.__tablename__: "key",
    ForceSizeRow.__tablename__: "key",
    MissionConditionRow.__tablename__: "key",
    IncidentReportRow.__tablename__: "id",
    QuarantineRow.__tablename__: "digest",
    AuditRow.__tablename__: "id",
    PlanVersionRow.__tablename__: "id",
    NotificationRow.__tablename__: "id",
    NotificationEventRow.__tablename__: "id",
    ViolationCaseRow.__tablename__: "id",
    CaseEventRow.__tablename__: "id",
    ContactLineRow.__tablename__: "id",
}
#: Columns outside a record's content: when the store received it is the store's clock,
#: and a surrogate number the database hands out is not what was said.
NOT_CONTENT = {"recorded_at", "ingested_at", "received_at"}
SURROGATE = {QuarantineRow.__tablename__: {"id"}}
#: Columns added after records were first digested: left out of the content while
#: empty, so the records written before them keep their digests.
LATER = {
    StatusEventRow.__tablename__: {"quantity"},
    IncidentReportRow.__tablename__: {"details"},
    ViolationCaseRow.__tablename__: {"kind", "detail"},
}
_BATCH = 5_000


def _time(value: Any) -> Any:
    """One instant, one text: UTC without an offset (SQLite hands datetimes back naive,
    PostgreSQL in the session's zone)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat()
    return value.isoformat() if isinstance(value, dt.date) else value


def _default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return _time(value)
    raise TypeError(f"cannot digest {type(value).__name__}")


def digest(table: str, content: dict[str, Any]) -> str:
    """SHA-256 of a record's content as canonical JSON (sorted keys, ISO dates)."""
    text = json.dumps(
        {"table": table, **content}, sort_keys=True, ensure_ascii=False, default=_default
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


Kind = Callable[[Any], Any] | None


def _columns(table: Table) -> list[tuple[str, Kind]]:
    """The content columns, each with how its value is made canonical: a float column
    read back from the database must digest like the value written to it, a time like
    the same instant."""
    skip = NOT_CONTENT | SURROGATE.get(table.name, set())
    found: list[tuple[str, Kind]] = []
    for column in table.columns:
        if column.name in skip:
            continue
        kind: Kind = None
        if isinstance(column.type, Float):
            kind = float
        elif isinstance(column.type, Integer):
            kind = int
        elif isinstance(column.type, DateTime | Date):
            kind = _time
        found.append((column.name, kind))
    return found


def _content(
    table: str,
    columns: list[tuple[str, Kind]],
    row: Mapping[Any, Any],
    conditions: Iterable[str] = (),
) -> dict[str, Any]:
    values = {}
    later = LATER.get(table, set())
    for name, kind in columns:
        value = row.get(name)
        if value is None and name in later:
            continue
        values[name] = kind(value) if kind is not None and value is not None else value
    if table == StatusEventRow.__tablename__:
        values["conditions"] = sorted(conditions)
    return values


def _conditions(session: Session, key: str | None = None) -> dict[str, list[str]]:
    """Each status event's conditions (of one event only, given its ``key``)."""
    query = select(EventConditionRow.event_key, EventConditionRow.condition_code)
    if key is not None:
        query = query.where(EventConditionRow.event_key == key)
    found: dict[str, list[str]] = {}
    for event, code in session.execute(query):
        found.setdefault(event, []).append(code)
    return found


def record_digest(session: Session, table: str, key: str | int) -> str:
    """The digest of one stored record, as ``verify`` will compute it."""
    spec = Base.metadata.tables[table]
    row = session.execute(select(spec).where(spec.c[TABLES[table]] == key)).mappings().one()
    conditions = (
        _conditions(session, str(key)).get(str(key), []) if table == "status_events" else []
    )
    return digest(table, _content(table, _columns(spec), row, conditions))


def append(session: Session, table: str, key: str | int) -> None:
    """Enter a record just written (and flushed) into the ledger, in the same
    transaction: the record and its digest commit together or not at all."""
    session.add(
        LedgerRow(
            record_table=table, record_key=str(key), digest=record_digest(session, table, key)
        )
    )
    session.flush()


def add(session: Session, row: Any) -> None:
    """Write a new history row and enter it in the ledger, in the caller's transaction:
    the one way a single record joins history (registry, audit, plans, hotline)."""
    session.add(row)
    session.flush()
    append(session, row.__tablename__, getattr(row, TABLES[row.__tablename__]))


def append_written(session: Session, table: str, records: Iterable[Mapping[Any, Any]]) -> int:
    """Enter many records into the ledger from the values just inserted (no read back),
    in the same transaction, in the order given. Returns how many."""
    columns = _columns(Base.metadata.tables[table])
    key = TABLES[table]
    entries = [
        {
            "record_table": table,
            "record_key": str(record[key]),
            "digest": digest(table, _content(table, columns, record)),
        }
        for record in records
    ]
    for start in range(0, len(entries), _BATCH):
        session.execute(
            insert(Base.metadata.tables[LedgerRow.__tablename__]), entries[start : start + _BATCH]
        )
    return len(entries)


def _leaf(d: str) -> bytes:
    return hashlib.sha256(b"\x00" + bytes.fromhex(d)).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def prefix_roots(digests: Iterable[str], sizes: Iterable[int]) -> dict[int, str]:
    """The RFC 6962 Merkle tree hash of the first ``size`` digests, for each size asked,
    in one pass: a stack of the perfect subtrees seen so far, folded from the right."""
    wanted = set(sizes)
    roots: dict[int, str] = {}
    if 0 in wanted:
        roots[0] = hashlib.sha256(b"").hexdigest()
    stack: list[tuple[int, bytes]] = []  # (height, hash) of perfect subtrees, left to right
    for count, d in enumerate(digests, start=1):
        height, value = 0, _leaf(d)
        while stack and stack[-1][0] == height:
            value = _node(stack.pop()[1], value)
            height += 1
        stack.append((height, value))
        if count in wanted:
            folded = stack[-1][1]
            for _, left in reversed(stack[:-1]):
                folded = _node(left, folded)
            roots[count] = folded.hex()
    return roots


def merkle_root(digests: list[str]) -> str:
    """RFC 6962 Merkle tree hash over the digests in order (leaf 0x00, node 0x01)."""
    return prefix_roots(digests, [len(digests)])[len(digests)]


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
    """Every history record against the ledger (changed, unrecorded, or missing), and
    every signed head against the ledger's prefix it covered (rewritten or cut)."""
    ledger: dict[tuple[str, str], tuple[int, str]] = {
        (table, key): (seq, d)
        for seq, table, key, d in session.execute(
            select(LedgerRow.seq, LedgerRow.record_table, LedgerRow.record_key, LedgerRow.digest)
        )
    }
    conditions = _conditions(session)
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for table, key_column in TABLES.items():
        spec = Base.metadata.tables[table]
        columns = _columns(spec)
        for row in session.execute(select(spec)).mappings().yield_per(_BATCH):
            key = str(row[key_column])
            seen.add((table, key))
            entry = ledger.get((table, key))
            content = _content(table, columns, row, conditions.get(key, []))
            if entry is None:
                findings.append(
                    Finding(table, key, "not in the ledger: written behind the application's back")
                )
            elif entry[1] != digest(table, content):
                findings.append(
                    Finding(table, key, f"changed since it was recorded (ledger entry {entry[0]})")
                )
    for (table, key), (seq, _) in ledger.items():
        if (table, key) not in seen:
            findings.append(
                Finding(table, key, f"recorded (ledger entry {seq}) but no longer stored")
            )
    order = {record: seq for record, (seq, _) in ledger.items()}
    findings.sort(key=lambda f: order.get((f.table, f.key), len(order) + 1))  # first first
    digests = [d for _, d in sorted(ledger.values())]
    heads = session.execute(select(LedgerHeadRow).order_by(LedgerHeadRow.id)).scalars().all()
    roots = prefix_roots(
        digests, [len(digests), *(h.size for h in heads if h.size <= len(digests))]
    )
    for h in heads:
        if h.size > len(digests):
            problem = f"signed for {h.size} entries; the ledger now has {len(digests)}: cut short"
        elif roots[h.size] != h.root:
            problem = f"the ledger's first {h.size} entries no longer hash to the signed root"
        else:
            continue
        findings.append(
            Finding(LedgerHeadRow.__tablename__, f"{h.id} ({h.signed_at:%Y-%m-%d})", problem)
        )
    return Verification(records=len(digests), root=roots[len(digests)], findings=tuple(findings))


@dataclass(frozen=True)
class Head:
    """A position in the ledger: its first ``size`` entries hash to ``root``."""

    size: int
    root: str


def current_head(session: Session) -> Head:
    """The ledger's size and Merkle root now: what a signed head or product is made from."""
    digests = list(session.scalars(select(LedgerRow.digest).order_by(LedgerRow.seq)))
    return Head(len(digests), merkle_root(digests))


def size_with_root(session: Session, root: str) -> int | None:
    """How many of the ledger's first entries hash to ``root`` (a root published
    earlier): the ledger has only grown since if one prefix does, and was rewritten if
    none does (None)."""
    digests = list(session.scalars(select(LedgerRow.digest).order_by(LedgerRow.seq)))
    roots = prefix_roots(digests, range(len(digests) + 1))
    return next((size for size in sorted(roots) if roots[size] == root.lower()), None)

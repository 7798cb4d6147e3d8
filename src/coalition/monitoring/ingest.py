"""Store incident reports: idempotent (a report id is stored once; the same report again
is counted as a duplicate) and crash-safe (one file is one transaction: all of its rows,
valid and quarantined, are written together or not at all)."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Engine, func, select
from sqlalchemy.dialects import postgresql, sqlite

from coalition.errors import StoreBusyError
from coalition.monitoring.details import with_details
from coalition.monitoring.reports import (
    COLUMNS,
    Parsed,
    dedupe_within,
    read_table,
    set_aside,
    validate,
)
from coalition.monitoring.rules import Reporting, Rules, StorageSite
from coalition.store import ledger, transaction
from coalition.store.tables import AlertRow, IncidentReportRow, QuarantineRow

_BATCH = 5_000
#: Reports submitted through the server are stored with file "api:<account>".
API_PREFIX = "api:"


@dataclass(frozen=True)
class IngestResult:
    file: str
    rows: int
    stored: int  # new reports
    duplicates: int  # already stored, same content
    quarantined: int  # rows kept with their reasons (new ones)


def _insert(engine: Engine, row_type: Any) -> Any:
    """The dialect's INSERT, which has ON CONFLICT DO NOTHING on both backends, on the
    table itself: SQLAlchemy's ORM bulk path splices RETURNING rows back in an order
    that costs quadratic time on large batches, the Core path does not."""
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    return dialect.insert(row_type.__table__)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    clean = frame.astype(object).where(frame.notna(), None)
    records: list[dict[str, Any]] = clean.to_dict("records")
    for record in records:
        if isinstance(record.get("time"), pd.Timestamp):
            record["time"] = record["time"].to_pydatetime()
        for key in ("count", "casualties"):
            if record.get(key) is not None:
                record[key] = int(record[key])
    return records


def ingest_file(
    engine: Engine,
    path: Path,
    weapon_classes: set[str],
    sites: Mapping[str, StorageSite] | None = None,
) -> IngestResult:
    """Read, check and store one file (``sites``: the designated storage sites)."""
    result, _ = ingest_table(engine, read_table(path), weapon_classes, sites, str(path))
    return result


def ingest_table(
    engine: Engine,
    table: pd.DataFrame,
    weapon_classes: set[str],
    sites: Mapping[str, StorageSite] | None,
    origin: str,
) -> tuple[IngestResult, pd.DataFrame]:
    """Check and store the rows of one file or one request (``origin`` names it): what
    was stored, and each quarantined row with its reason (columns ``row``, ``reason``).
    A report the table holds twice counts as a duplicate, not as two reports."""
    checked = validate(table, weapon_classes, sites)
    parsed = dedupe_within(checked)
    repeated = (
        len(checked.valid) - len(parsed.valid) - (len(parsed.quarantine) - len(checked.quarantine))
    )
    result = store(engine, parsed, origin, rows=len(table), repeated=repeated)
    return result, parsed.quarantine[["row", "reason"]]


def ingest_under(
    engine: Engine, table: pd.DataFrame, rules: Rules, origin: str
) -> tuple[IngestResult, pd.DataFrame]:
    """``ingest_table`` with the checks the mission's rules set."""
    return ingest_table(engine, table, *_checks(rules), origin)


def _checks(rules: Rules) -> tuple[set[str], dict[str, StorageSite]]:
    """What a report is checked against: the weapon classes with a withdrawal distance,
    the designated storage sites."""
    return set(rules.withdrawal_distance()), rules.site_codes()


def ingest_files(engine: Engine, paths: Iterable[Path], rules: Rules,
                 done: Callable[[], None] | None = None) -> list[IngestResult]:  # fmt: skip
    """``ingest_file`` for each file under the mission's rules (``done`` after each)."""
    classes, sites = _checks(rules)
    results = []
    for path in paths:
        results.append(ingest_file(engine, path, classes, sites))
        if done is not None:
            done()
    return results


def store(
    engine: Engine, parsed: Parsed, file: str, rows: int | None = None, repeated: int = 0
) -> IngestResult:
    """Write checked rows in one transaction; ``repeated``: rows the file itself held
    twice. Another writer may store the same ids meanwhile: what was really inserted is
    counted from the database's answer, and an id stored meanwhile for a different report
    goes to the quarantine, never lost. A transaction that another writer locks out (or
    whose snapshot went stale) is tried again."""
    for attempt in range(_ATTEMPTS):
        try:
            return _store_once(engine, parsed, file, rows, repeated)
        except StoreBusyError:
            if attempt == _ATTEMPTS - 1:
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


_ATTEMPTS = 6
_CLASH = "id: already stored for a different report"


def _store_once(
    engine: Engine, parsed: Parsed, file: str, rows: int | None, repeated: int
) -> IngestResult:
    valid = parsed.valid
    quarantine = parsed.quarantine.copy()
    with transaction(engine) as session:
        known = _stored_hashes(session, valid["id"].tolist())
        seen = valid["id"].map(known)
        duplicate = (seen == valid["content_hash"]).to_numpy()
        clash = (seen.notna() & ~duplicate).to_numpy()
        if clash.any():
            quarantine = pd.concat([quarantine, set_aside(valid[clash], _CLASH)], ignore_index=True)
        new = valid[~duplicate & ~clash].assign(file=file)
        records = _records(new)
        inserted: set[str] = set()
        for start in range(0, len(records), _BATCH):
            result = session.execute(
                _insert(engine, IncidentReportRow)
                .on_conflict_do_nothing()
                .returning(IncidentReportRow.id),
                records[start : start + _BATCH],
            )
            inserted.update(result.scalars().all())
        _enter_ledger(session, IncidentReportRow, "id", records, inserted)
        late = new[~new["id"].isin(inserted)]  # stored by another writer meanwhile
        late_duplicates = 0
        if len(late):
            now = late["id"].map(_stored_hashes(session, late["id"].tolist()))
            same = (now == late["content_hash"]).to_numpy()
            late_duplicates = int(same.sum())
            if (~same).any():
                moved = set_aside(late[~same], _CLASH + " (stored meanwhile)")
                quarantine = pd.concat([quarantine, moved], ignore_index=True)
        digests = _digests(file, quarantine)
        added = 0
        if digests:
            kept = [
                {"file": file, "row": int(row), "reason": reason, "raw": raw, "digest": d}
                for row, reason, raw, d in zip(
                    quarantine["row"], quarantine["reason"], quarantine["raw"], digests, strict=True
                )
            ]
            result = session.execute(
                _insert(engine, QuarantineRow)
                .on_conflict_do_nothing()
                .returning(QuarantineRow.digest),
                kept,
            )
            new_digests = set(result.scalars().all())
            added = len(new_digests)
            _enter_ledger(session, QuarantineRow, "digest", kept, new_digests)
    return IngestResult(
        file=file,
        rows=rows if rows is not None else len(valid) + len(parsed.quarantine),
        stored=len(inserted),
        duplicates=int(duplicate.sum()) + late_duplicates + repeated,
        quarantined=added,
    )


def _enter_ledger(
    session: Any, table: Any, key: str, records: list[dict[str, Any]], inserted: set[str]
) -> None:
    """The rows this transaction really inserted enter the ledger with it (tamper
    evidence: ``coalition verify``)."""
    ledger.append_written(session, table.__tablename__, (r for r in records if r[key] in inserted))


def _stored_hashes(session: Any, ids: list[str]) -> dict[str, str]:
    known: dict[str, str] = {}
    for start in range(0, len(ids), _BATCH):
        found = session.execute(
            select(IncidentReportRow.id, IncidentReportRow.content_hash).where(
                IncidentReportRow.id.in_(ids[start : start + _BATCH])
            )
        )
        known.update({r.id: r.content_hash for r in found})
    return known


def _digests(file: str, quarantine: pd.DataFrame) -> list[str]:
    """One key per quarantined row of a file, so that re-reading it adds nothing."""
    return [
        hashlib.sha256(f"{file}\x00{row}\x00{raw}".encode()).hexdigest()
        for row, raw in zip(quarantine["row"], quarantine["raw"], strict=True)
    ]


def load_reports(engine: Engine, start: dt.datetime, end: dt.datetime) -> pd.DataFrame:
    """Stored reports with ``start <= time < end`` as a frame (time in UTC), with the
    server account that submitted each (``account``; none for files an operator loaded):
    reports one account submits are never independent of each other, whatever reporter
    names they carry."""
    columns = [getattr(IncidentReportRow, c) for c in COLUMNS] + [IncidentReportRow.file]
    with transaction(engine) as session:
        rows = session.execute(
            select(*columns)
            .where(IncidentReportRow.time >= start, IncidentReportRow.time < end)
            .order_by(IncidentReportRow.time, IncidentReportRow.id)
        ).all()
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "file"])
    frame["account"] = frame["file"].where(frame["file"].str.startswith(API_PREFIX), None)
    frame = frame.drop(columns="file")
    frame = with_details(frame)
    frame["time"] = pd.to_datetime(frame["time"], utc=True)
    for column in ("lon", "lat", "uncertainty_m", "bearing_deg", "confidence"):
        frame[column] = frame[column].astype(float)
    for column in ("count", "casualties"):
        frame[column] = frame[column].astype(np.int64)
    return frame


def quarantine(engine: Engine) -> list[QuarantineRow]:
    with transaction(engine) as session:
        return list(session.scalars(select(QuarantineRow).order_by(QuarantineRow.id)))


def record_alerts(engine: Engine, alerts: Iterable[dict[str, Any]]) -> int:
    """Add alerts to the log; one already logged (rule, sector, day) is kept as it was.
    Returns how many are new."""
    items = list(alerts)
    if not items:
        return 0
    with transaction(engine) as session:
        result = session.execute(
            _insert(engine, AlertRow).on_conflict_do_nothing().returning(AlertRow.id), items
        )
        return len(result.all())


def alert_log(engine: Engine, day: dt.date | None = None) -> list[AlertRow]:
    with transaction(engine) as session:
        query = select(AlertRow).order_by(AlertRow.day, AlertRow.crossed_at, AlertRow.id)
        if day is not None:
            query = query.where(AlertRow.day == day)
        return list(session.scalars(query))


def latest_day(engine: Engine, reporting: Reporting | None = None) -> dt.date | None:
    """The report day of the newest stored report (its UTC day without a reporting rule),
    or None before any is stored."""
    with transaction(engine) as session:
        latest = session.scalar(select(func.max(IncidentReportRow.time)))
    if latest is None:
        return None
    stamp = pd.Timestamp(latest)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return (reporting or Reporting()).day_of(stamp.to_pydatetime())

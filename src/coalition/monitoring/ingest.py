"""Store incident reports: idempotent (a report id is stored once; the same report again
is counted as a duplicate) and crash-safe (one file is one transaction: all of its rows,
valid and quarantined, are written together or not at all)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.dialects import postgresql, sqlite

from coalition.monitoring.reports import (
    COLUMNS,
    Parsed,
    dedupe_within,
    read_table,
    set_aside,
    validate,
)
from coalition.store import transaction
from coalition.store.tables import AlertRow, IncidentReportRow, QuarantineRow

_BATCH = 5_000


@dataclass(frozen=True)
class IngestResult:
    file: str
    rows: int
    stored: int  # new reports
    duplicates: int  # already stored, same content
    quarantined: int  # rows kept with their reasons (new ones)


def _insert(engine: Engine, table: Any) -> Any:
    """The dialect's INSERT, which has ON CONFLICT DO NOTHING on both backends."""
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


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


def ingest_file(engine: Engine, path: Path, weapon_classes: set[str]) -> IngestResult:
    """Read, check and store one file."""
    table = read_table(path)
    checked = validate(table, weapon_classes)
    parsed = dedupe_within(checked)
    repeated = (
        len(checked.valid) - len(parsed.valid) - (len(parsed.quarantine) - len(checked.quarantine))
    )
    return store(engine, parsed, str(path), rows=len(table), repeated=repeated)


def store(
    engine: Engine, parsed: Parsed, file: str, rows: int | None = None, repeated: int = 0
) -> IngestResult:
    """Write checked rows in one transaction; ``repeated``: rows the file itself held twice."""
    valid = parsed.valid
    quarantine = parsed.quarantine.copy()
    with transaction(engine) as session:
        known: dict[str, str] = {}
        ids = valid["id"].tolist()
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            found = session.execute(
                select(IncidentReportRow.id, IncidentReportRow.content_hash).where(
                    IncidentReportRow.id.in_(chunk)
                )
            )
            known.update({r.id: r.content_hash for r in found})
        seen = valid["id"].map(known)
        duplicate = (seen == valid["content_hash"]).to_numpy()
        clash = (seen.notna() & ~duplicate).to_numpy()
        if clash.any():
            moved = set_aside(valid[clash], "id: already stored for a different report")
            quarantine = pd.concat([quarantine, moved], ignore_index=True)
        new = valid[~duplicate & ~clash].assign(file=file)
        records = _records(new)
        for start in range(0, len(records), _BATCH):
            session.execute(
                _insert(engine, IncidentReportRow).on_conflict_do_nothing(),
                records[start : start + _BATCH],
            )
        digests = _digests(file, quarantine)
        stored_before = 0
        if digests:
            stored_before = len(
                session.execute(
                    select(QuarantineRow.digest).where(QuarantineRow.digest.in_(digests))
                ).all()
            )
            session.execute(
                _insert(engine, QuarantineRow).on_conflict_do_nothing(),
                [
                    {"file": file, "row": int(row), "reason": reason, "raw": raw, "digest": d}
                    for row, reason, raw, d in zip(
                        quarantine["row"],
                        quarantine["reason"],
                        quarantine["raw"],
                        digests,
                        strict=True,
                    )
                ],
            )
    return IngestResult(
        file=file,
        rows=rows if rows is not None else len(valid) + len(parsed.quarantine),
        stored=len(new),
        duplicates=int(duplicate.sum()) + repeated,
        quarantined=len(digests) - stored_before,
    )


def _digests(file: str, quarantine: pd.DataFrame) -> list[str]:
    """One key per quarantined row of a file, so that re-reading it adds nothing."""
    return [
        hashlib.sha256(f"{file}\x00{row}\x00{raw}".encode()).hexdigest()
        for row, raw in zip(quarantine["row"], quarantine["raw"], strict=True)
    ]


def load_reports(engine: Engine, start: dt.datetime, end: dt.datetime) -> pd.DataFrame:
    """Stored reports with ``start <= time < end`` as a frame (time in UTC)."""
    columns = [getattr(IncidentReportRow, c) for c in COLUMNS]
    with transaction(engine) as session:
        rows = session.execute(
            select(*columns)
            .where(IncidentReportRow.time >= start, IncidentReportRow.time < end)
            .order_by(IncidentReportRow.time, IncidentReportRow.id)
        ).all()
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
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

"""Monitoring at scale: reports kept as a day-partitioned Parquet dataset, each day
classified and corroborated as one Dask task (on a local cluster or any scheduler), the
events written back as Parquet, and the counts queried with DuckDB.

Each day is processed with a margin of the neighbouring days' reports (``HALO_LINKS``
corroboration windows) and keeps the events that begin on it, so an event that spans
midnight is found whole, once. The result equals the single-machine pipeline unless a
chain of merged reports is longer than the margin.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from coalition.errors import CoalitionError
from coalition.monitoring.classify import classify
from coalition.monitoring.corroborate import corroborate
from coalition.monitoring.details import pack_columns, with_details
from coalition.monitoring.pipeline import Setup
from coalition.monitoring.reports import read_table, validate
from coalition.monitoring.rules import Rules

HALO_LINKS = 6
EVENT_COLUMNS = (
    "event_id", "time", "last_time", "lon", "lat", "x", "y", "uncertainty_m", "confidence",
    "n_reports", "type", "weapon_class", "count", "casualties", "side", "contradiction",
    "distance_m", "position_side", "zone", "sector", "required_m", "violation",
)  # fmt: skip


#: One schema for every report file, whatever a file's rows hold (a part with no weapon
#: sighting must not store its empty weapon_class as a column of nulls).
REPORT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("time", pa.timestamp("us", tz="UTC")),
        ("reporter", pa.string()),
        ("reporter_kind", pa.string()),
        ("lon", pa.float64()),
        ("lat", pa.float64()),
        ("uncertainty_m", pa.float64()),
        ("type", pa.string()),
        ("weapon_class", pa.string()),
        ("count", pa.int64()),
        ("casualties", pa.int64()),
        ("bearing_deg", pa.float64()),
        ("side", pa.string()),
        ("confidence", pa.float64()),
        ("details", pa.string()),
    ]
)


@dataclass(frozen=True)
class Partitioned:
    """What one file added to a dataset."""

    reports: int
    days: int
    quarantined: int


def partition(path: Path, root: Path, rules: Rules) -> Partitioned:
    """Check one report file and append its valid rows to the dataset at ``root``; rows
    that fail the checks are written beside it, in ``_quarantine/<file>.csv`` with the
    reasons, so nothing is lost."""
    parsed = validate(read_table(path), set(rules.withdrawal_distance()), rules.site_codes())
    written = write_dataset(parsed.valid.drop(columns="content_hash"), root)
    if len(parsed.quarantine):
        folder = root / "_quarantine"
        folder.mkdir(parents=True, exist_ok=True)
        parsed.quarantine.assign(file=str(path)).to_csv(folder / f"{path.name}.csv", index=False)
    return Partitioned(len(parsed.valid), len(written), len(parsed.quarantine))


def write_dataset(reports: pd.DataFrame, root: Path) -> list[Path]:
    """Append checked reports to ``root/day=YYYY-MM-DD/part-*.parquet``. Each file is
    written under a temporary name and renamed, so a crash leaves no half file."""
    written = []
    if "details" not in reports:
        reports = reports.assign(details=pack_columns(reports))
    days = reports["time"].dt.strftime("%Y-%m-%d")
    for day, part in reports.groupby(days):
        folder = root / f"day={day}"
        folder.mkdir(parents=True, exist_ok=True)
        name = f"part-{uuid.uuid4().hex}.parquet"
        temporary = folder / f".{name}.tmp"
        table = pa.Table.from_pandas(
            part[REPORT_SCHEMA.names].reset_index(drop=True),
            schema=REPORT_SCHEMA,
            preserve_index=False,
        )
        pq.write_table(table, temporary)
        temporary.rename(folder / name)
        written.append(folder / name)
    return written


def dataset_days(root: Path) -> list[dt.date]:
    if not root.is_dir():
        raise CoalitionError(f"{root}: no such dataset folder")
    return sorted(dt.date.fromisoformat(p.name[4:]) for p in root.glob("day=*") if p.is_dir())


def read_days(root: Path, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Reports with ``start <= time < end``, each id once (a file added twice counts once)."""
    days = [
        (start.normalize() + pd.Timedelta(days=i)).strftime("%Y-%m-%d")
        for i in range((end.normalize() - start.normalize()).days + 1)
    ]
    files = [f for d in days for f in sorted((root / f"day={d}").glob("part-*.parquet"))]
    if not files:
        return pd.DataFrame()
    table = ds.dataset([str(f) for f in files], schema=REPORT_SCHEMA, format="parquet").to_table()
    frame = table.to_pandas()
    frame = frame[(frame["time"] >= start) & (frame["time"] < end)]
    frame = frame.drop_duplicates("id").sort_values(["time", "id"]).reset_index(drop=True)
    return with_details(frame)


def process_day(root: Path, day: dt.date, setup: Setup, out: Path) -> int:
    """Classify and corroborate one day (with its margin); write the day's events."""
    halo = pd.Timedelta(seconds=setup.rules.corroboration.window_s * HALO_LINKS)
    start = pd.Timestamp(day, tz="UTC")
    reports = read_days(root, start - halo, start + pd.Timedelta(days=1) + halo)
    events = pd.DataFrame(columns=list(EVENT_COLUMNS))
    if len(reports):
        found = corroborate(
            classify(reports, setup.theatre, setup.rules), setup.theatre, setup.rules
        )
        first = found.events["time"]
        events = found.events[(first >= start) & (first < start + pd.Timedelta(days=1))]
    folder = out / f"day={day.isoformat()}"
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / ".events.parquet.tmp"
    _typed(events).to_parquet(temporary, index=False)
    temporary.rename(folder / "events.parquet")
    return len(events)


_TEXT = (
    "event_id",
    "type",
    "weapon_class",
    "side",
    "contradiction",
    "position_side",
    "zone",
    "sector",
)


def _typed(events: pd.DataFrame) -> pd.DataFrame:
    """Events with one fixed column type each, so that every day's file has the same
    schema (a day without any weapon class would otherwise store a null column)."""
    out = events[list(EVENT_COLUMNS)].reset_index(drop=True).copy()
    for column in EVENT_COLUMNS:
        if column in _TEXT:
            out[column] = out[column].astype("string")
        elif column in ("time", "last_time"):
            out[column] = pd.to_datetime(out[column], utc=True).dt.as_unit("us")
        elif column in ("n_reports", "count", "casualties"):
            out[column] = out[column].astype("int64")
        elif column == "violation":
            out[column] = out[column].astype(bool)
        else:
            out[column] = out[column].astype(float)
    return out


def run_dask(
    root: Path,
    setup: Setup,
    out: Path,
    scheduler: str | object | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[dt.date, int]:
    """Every day of the dataset as one Dask task; ``scheduler`` is a distributed Client,
    or a Dask scheduler name ("processes", "threads", "sync"). Returns events per day."""
    from dask.base import compute
    from dask.delayed import delayed

    days = dataset_days(root)
    tasks = [delayed(process_day)(root, day, setup, out) for day in days]
    if scheduler is not None and not isinstance(scheduler, str):
        futures = scheduler.compute(tasks)  # type: ignore[attr-defined]
        from distributed import as_completed

        for done, _ in enumerate(as_completed(futures), 1):
            if progress:
                progress(done, len(tasks))
        counts = [f.result() for f in futures]
    else:
        counts = list(compute(*tasks, scheduler=scheduler or "processes"))
    return dict(zip(days, counts, strict=True))


COUNT_SQL = """
SELECT CAST(day AS DATE) AS day, sector,
       count(*) FILTER (WHERE type IN ('explosion', 'projectile')) AS shelling,
       count(*) FILTER (WHERE type = 'burst_of_fire') AS bursts,
       count(*) FILTER (WHERE type = 'drone') AS drones,
       CAST(coalesce(sum("count") FILTER (WHERE type = 'weapon_sighting'), 0) AS BIGINT)
           AS weapons,
       CAST(coalesce(sum("count") FILTER (WHERE violation), 0) AS BIGINT) AS violations,
       CAST(coalesce(sum(casualties), 0) AS BIGINT) AS casualties,
       count(*) AS events
FROM read_parquet(?, hive_partitioning = true)
GROUP BY ALL ORDER BY day, sector
"""


def counts(events_root: Path) -> pd.DataFrame:
    """Events per day and sector, straight from the Parquet events (DuckDB)."""
    pattern = str(events_root / "day=*" / "*.parquet")
    with duckdb.connect() as con:
        frame: pd.DataFrame = con.execute(COUNT_SQL, [pattern]).df()
    return frame


def counts_local(events: pd.DataFrame) -> pd.DataFrame:
    """The same counts from an events frame in memory (the single-machine reference)."""
    with duckdb.connect() as con:
        con.register("events", events.assign(day=events["time"].dt.strftime("%Y-%m-%d")))
        sql = COUNT_SQL.replace("read_parquet(?, hive_partitioning = true)", "events")
        frame: pd.DataFrame = con.execute(sql).df()
    return frame

"""Issue 12 item 4: parallel ingests of the same ids with different content lose nothing
(every version stored or quarantined) and count exactly, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import Engine, func, select

from coalition.monitoring.ingest import IngestResult, ingest_file
from coalition.monitoring.synthetic import write
from coalition.store import make_engine, transaction
from coalition.store.tables import IncidentReportRow, QuarantineRow
from tests.monitoring.helpers import frame, report

IDS = [f"r-{i:03d}" for i in range(200)]


def _file(folder: Path, name: str, lon: float) -> Path:
    path = folder / name
    rows = [report(i, "2026-06-01T10:00:00Z", lon, 48.0 + n / 1000) for n, i in enumerate(IDS)]
    write(frame(*rows), path)
    return path


def _count(engine: Engine, table: type) -> int:
    with transaction(engine) as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def test_conflicting_parallel_ingests_lose_nothing(engine: Engine, tmp_path: Path) -> None:
    url = engine.url.render_as_string(hide_password=False)
    files = [_file(tmp_path, f"{n}.csv", lon) for n, lon in enumerate((36.1, 36.3, 36.5))]
    results: list[IngestResult] = []
    errors: list[BaseException] = []
    start = threading.Barrier(len(files))

    def run(path: Path) -> None:
        own = make_engine(url)  # each writer its own connections, like separate processes
        try:
            start.wait()
            results.append(ingest_file(own, path, {"mlrs"}))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=run, args=(path,)) for path in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    stored, quarantined = _count(engine, IncidentReportRow), _count(engine, QuarantineRow)
    assert stored == len(IDS)  # each id once
    assert quarantined == len(IDS) * (len(files) - 1)  # every other version kept
    assert sum(r.stored for r in results) == stored  # counts are what was inserted
    assert sum(r.quarantined for r in results) == quarantined

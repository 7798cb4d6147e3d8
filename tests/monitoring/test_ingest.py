"""Stored once, quarantined never lost, all or nothing: on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from coalition.domain.monitoring import NOT_INCIDENTS
from coalition.monitoring import ingest as ingest_module
from coalition.monitoring.ingest import ingest_file, quarantine
from coalition.monitoring.synthetic import write
from coalition.store import transaction
from coalition.store.tables import IncidentReportRow
from tests.monitoring.helpers import frame, report

CLASSES = {"mlrs"}


def _stored(engine: Engine) -> int:
    with transaction(engine) as session:
        return int(session.scalar(select(func.count()).select_from(IncidentReportRow)) or 0)


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "r.csv"
    write(
        frame(
            report("a", "2026-06-01T10:00:00Z", 36.1, 48.0),
            report("b", "2026-06-01T10:05:00Z", 36.2, 48.0, reporter="UAV-1"),
        ),
        path,
    )
    with path.open("a", encoding="utf-8") as out:
        out.write("c,yesterday,MT,monitor_team,36,48,100,explosion,,1,0,,,1\n")
    return path


def test_reingest_is_idempotent(engine: Engine, tmp_path: Path) -> None:
    path = _file(tmp_path)
    first = ingest_file(engine, path, CLASSES)
    assert (first.rows, first.stored, first.duplicates, first.quarantined) == (3, 2, 0, 1)
    again = ingest_file(engine, path, CLASSES)
    assert (again.rows, again.stored, again.duplicates, again.quarantined) == (3, 0, 2, 0)
    assert _stored(engine) == 2
    kept = quarantine(engine)
    assert len(kept) == 1 and kept[0].row == 3 and "time: not an ISO 8601 time" in kept[0].reason


def test_an_id_reused_for_another_report_is_quarantined(engine: Engine, tmp_path: Path) -> None:
    ingest_file(engine, _file(tmp_path), CLASSES)
    other = tmp_path / "other.csv"
    write(frame(report("a", "2026-06-02T10:00:00Z", 30.0, 48.0)), other)
    result = ingest_file(engine, other, CLASSES)
    assert result.stored == 0 and result.quarantined == 1
    assert "already stored for a different report" in quarantine(engine)[-1].reason


def test_a_failure_mid_file_stores_nothing(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quarantine is written after the reports, in the same transaction: if it fails,
    the reports already inserted are rolled back too."""

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest_module, "_digests", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest_file(engine, _file(tmp_path), CLASSES)
    assert _stored(engine) == 0
    monkeypatch.undo()
    assert ingest_file(engine, _file(tmp_path), CLASSES).stored == 2


def test_a_day_end_to_end_on_each_backend(engine: Engine) -> None:
    """The bundled sample through the store: the same counts on SQLite and PostgreSQL."""
    import datetime as dt

    from coalition.monitoring.pipeline import Setup, analyse_day
    from tests.monitoring.helpers import REPO

    folder = REPO / "data" / "monitoring"
    setup = Setup.load(folder)
    classes = set(setup.rules.withdrawal_distance())
    for path in sorted((folder / "sample").glob("*.*")):
        if path.suffix != ".md":
            ingest_file(engine, path, classes, setup.rules.site_codes())
    result = analyse_day(engine, setup, dt.date(2026, 6, 2))
    incidents = ~result.events["type"].isin([t.value for t in NOT_INCIDENTS])
    assert len(result.events) > 150 and result.counts["events"].sum() == incidents.sum()
    assert result.new_alerts == len(result.alerts) > 0
    assert all(e.tzinfo is not None for e in result.events["time"])
    again = analyse_day(engine, setup, dt.date(2026, 6, 2))
    assert again.new_alerts == 0 and len(again.alerts) == len(result.alerts)
    assert again.counts.equals(result.counts)

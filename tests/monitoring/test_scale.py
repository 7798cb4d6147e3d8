"""The day-partitioned Parquet dataset processed on a local Dask cluster gives the same
events and counts as the single-machine pipeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from coalition.cli.app import app
from coalition.monitoring import scale
from coalition.monitoring.classify import classify
from coalition.monitoring.corroborate import corroborate
from coalition.monitoring.pipeline import Setup
from coalition.monitoring.synthetic import generate, write
from tests.monitoring.helpers import REPO


@pytest.fixture(scope="module")
def setup() -> Setup:
    return Setup.load(REPO / "data" / "monitoring")


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster,
        Client(cluster) as connected,
    ):
        yield connected


def test_dask_on_partitions_equals_local(setup: Setup, client: object, tmp_path: Path) -> None:
    reports = generate(setup.theatre, setup.rules, 4000, dt.date(2026, 6, 1), days=3, seed=5)
    # One explosion heard just before midnight and seen just after it.
    midnight = reports.iloc[[0, 0]].assign(
        id=["late", "early"],
        time=pd.to_datetime(["2026-06-01T23:59:00Z", "2026-06-02T00:01:00Z"], utc=True),
        reporter=["MT-A", "MT-B"],
        type="explosion",
        weapon_class=None,
    )
    reports = pd.concat([reports, midnight], ignore_index=True)
    scale.write_dataset(reports.iloc[:5000], tmp_path / "reports")
    scale.write_dataset(reports.iloc[4000:], tmp_path / "reports")  # overlap: ids once
    per_day = scale.run_dask(tmp_path / "reports", setup, tmp_path / "events", client)

    local = corroborate(classify(reports, setup.theatre, setup.rules), setup.theatre, setup.rules)
    assert sum(per_day.values()) == len(local.events)
    distributed = pd.read_parquet(tmp_path / "events")
    key = ["event_id", "n_reports", "sector", "zone", "violation", "type"]
    left = distributed[key].sort_values("event_id").reset_index(drop=True)
    right = local.events[key].sort_values("event_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right, check_dtype=False, check_categorical=False)
    # Events spanning midnight exist in this stream and were found whole, once.
    straddling = local.events[local.events["time"].dt.date != local.events["last_time"].dt.date]
    assert len(straddling) > 0
    pd.testing.assert_frame_equal(
        scale.counts(tmp_path / "events"), scale.counts_local(local.events)
    )


def test_partition_and_batch_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    sample = REPO / "data" / "monitoring" / "sample"
    result = runner.invoke(app, ["monitor", "partition", str(sample), "--to", str(tmp_path / "ds")])
    assert result.exit_code == 0, result.output
    assert "4 quarantined" in result.output
    assert (tmp_path / "ds" / "_quarantine" / "reports-2026-06-01.csv.csv").exists()
    result = runner.invoke(
        app,
        [
            "monitor",
            "batch",
            str(tmp_path / "ds"),
            "--out",
            str(tmp_path / "ev"),
            "--workers",
            "1",
            "--format",
            "csv",
        ],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0] == "day,sector,shelling,bursts,drones,weapons,violations,casualties,events"
    assert any(line.startswith("2026-06-02,kherson,") for line in lines)


def test_partition_keeps_every_row_valid_or_quarantined(setup: Setup, tmp_path: Path) -> None:
    """Malformed rows (no place, an unknown type, a bad time) go to the quarantine with
    their reasons; the rest to the dataset: nothing is lost."""
    path = tmp_path / "day.csv"
    write(generate(setup.theatre, setup.rules, 30, dt.date(2026, 6, 1), 1, seed=3), path)
    frame = pd.read_csv(path, dtype=str)
    frame.loc[0, "lon"] = None
    frame.loc[1, "type"] = "ufo"
    frame.loc[2, "time"] = "yesterday"
    frame.to_csv(path, index=False)
    added = scale.partition(path, tmp_path / "ds", setup.rules)
    assert added.quarantined == 3 and added.reports == len(frame) - 3 and added.days >= 1
    held = pd.read_csv(tmp_path / "ds" / "_quarantine" / "day.csv.csv")
    assert len(held) == 3 and held["file"].eq(str(path)).all()
    stored = pd.read_parquet(tmp_path / "ds")
    assert len(stored) == added.reports


def test_sample_written_in_every_format_partitions_alike(setup: Setup, tmp_path: Path) -> None:
    reports = generate(setup.theatre, setup.rules, 50, dt.date(2026, 6, 1), seed=2)
    write(reports, tmp_path / "r.parquet")
    assert len(pd.read_parquet(tmp_path / "r.parquet")) == len(reports)
    with pytest.raises(Exception, match="no such dataset"):
        scale.dataset_days(tmp_path / "missing")

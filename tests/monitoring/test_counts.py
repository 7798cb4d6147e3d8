"""Counts per sector and day, thresholds over a rolling window, the alert log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from coalition.monitoring.classify import classify
from coalition.monitoring.corroborate import corroborate
from coalition.monitoring.counts import alerts_for_day, daily_counts
from coalition.monitoring.ingest import alert_log, record_alerts
from tests.monitoring.helpers import frame, report, small_setup

DAY = dt.date(2026, 6, 2)


def _events(tmp_path: Path) -> pd.DataFrame:
    setup = small_setup(tmp_path)
    rows = [
        # three MLRS sightings inside 35 km in the east sector: 1 yesterday evening, 2 today
        report(
            "s1",
            "2026-06-01T20:00:00Z",
            36.1,
            48.0,
            type="weapon_sighting",
            weapon_class="mlrs",
            reporter="UAV-1",
            reporter_kind="uav",
        ),
        report(
            "s2",
            "2026-06-02T09:00:00Z",
            36.2,
            48.2,
            type="weapon_sighting",
            weapon_class="mlrs",
            reporter="UAV-1",
            reporter_kind="uav",
        ),
        report(
            "s3",
            "2026-06-02T11:00:00Z",
            36.3,
            48.4,
            type="weapon_sighting",
            weapon_class="mlrs",
            reporter="UAV-1",
            reporter_kind="uav",
            count=2,
        ),
        # and one seen by two reporters: one event, counted once
        report(
            "s4a",
            "2026-06-02T12:00:00Z",
            36.15,
            47.5,
            type="weapon_sighting",
            weapon_class="tank",
            reporter="UAV-1",
            reporter_kind="uav",
        ),
        report(
            "s4b",
            "2026-06-02T12:01:00Z",
            36.15,
            47.5,
            type="weapon_sighting",
            weapon_class="tank",
            reporter="MT-1",
        ),
        report("boom", "2026-06-02T13:00:00Z", 35.9, 48.0),
    ]
    classified = classify(frame(*rows), setup.theatre, setup.rules)
    return corroborate(classified, setup.theatre, setup.rules).events


def test_daily_counts_are_of_events(tmp_path: Path) -> None:
    counts = daily_counts(_events(tmp_path), DAY, ("west", "east")).set_index("sector")
    assert counts.loc["east", "events"] == 3  # s2, s3, s4 (s4a+s4b one event)
    assert counts.loc["east", "weapons"] == 1 + 2 + 1
    assert counts.loc["east", "violations"] == 4
    assert counts.loc["west", "shelling"] == 1
    assert counts.loc["west", "weapons"] == 0


def test_threshold_crosses_in_a_rolling_window(tmp_path: Path) -> None:
    setup = small_setup(tmp_path)
    alerts = alerts_for_day(_events(tmp_path), setup.rules, DAY)
    heavy = [a for a in alerts if a["rule"] == "heavy weapons in withdrawal zone"]
    # more than 2 weapons within 24 h: yesterday's 1 + 09:00's 1 = 2, + 11:00's 2 = 4.
    assert len(heavy) == 1
    assert heavy[0]["sector"] == "east"
    assert heavy[0]["crossed_at"] == dt.datetime(2026, 6, 2, 11, 0, tzinfo=dt.UTC)
    assert heavy[0]["count"] == 4 and len(heavy[0]["event_ids"]) == 3
    # The day before, one sighting is below the threshold.
    assert alerts_for_day(_events(tmp_path), setup.rules, dt.date(2026, 6, 1)) == []


def test_alert_log_keeps_one_alert_per_rule_sector_and_day(engine: Engine, tmp_path: Path) -> None:
    setup = small_setup(tmp_path)
    alerts = alerts_for_day(_events(tmp_path), setup.rules, DAY)
    assert record_alerts(engine, alerts) == len(alerts) == 1
    assert record_alerts(engine, alerts) == 0
    logged = alert_log(engine, DAY)
    assert [(a.rule, a.sector, a.count) for a in logged] == [
        ("heavy weapons in withdrawal zone", "east", 4)
    ]

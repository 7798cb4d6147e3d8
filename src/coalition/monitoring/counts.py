"""Counts per sector and day, and alerts where an agreed threshold is crossed.

Counts are of events (corroborated), not of reports: five monitors hearing one explosion
count one explosion.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from coalition.domain.monitoring import SHELLING, ReportType
from coalition.monitoring.corroborate import seconds
from coalition.monitoring.rules import Filter, Rules

COUNT_COLUMNS = ("shelling", "bursts", "drones", "weapons", "violations", "casualties", "events")


def matches(events: pd.DataFrame, what: Filter) -> np.ndarray:
    """Which events a threshold's filter counts."""
    kind = events["type"]
    if what == "withdrawal_violation":
        chosen = events["violation"]
    elif what == "shelling":
        chosen = kind.isin([t.value for t in SHELLING])
    elif what == "casualties":
        chosen = events["casualties"] > 0
    elif what == "any":
        chosen = np.ones(len(events), dtype=bool)
    else:
        chosen = kind == what
    return np.asarray(chosen, dtype=bool)


def on_day(events: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    start = pd.Timestamp(day, tz="UTC")
    return events[(events["time"] >= start) & (events["time"] < start + pd.Timedelta(days=1))]


#: Which events each of the daily counts counts (the event export filters by the same).
COUNTED: dict[str, Callable[[pd.DataFrame], np.ndarray]] = {
    "shelling": lambda e: matches(e, "shelling"),
    "bursts": lambda e: matches(e, "burst_of_fire"),
    "drones": lambda e: matches(e, "drone"),
    "weapons": lambda e: (e["type"] == ReportType.WEAPON_SIGHTING.value).to_numpy(bool),
    "violations": lambda e: e["violation"].to_numpy(bool),
    "casualties": lambda e: (e["casualties"] > 0).to_numpy(bool),
}


def daily_counts(events: pd.DataFrame, day: dt.date, sectors: tuple[str, ...]) -> pd.DataFrame:
    """One row per sector (every sector, zero where quiet, and ``outside`` if any):
    events for shelling, bursts and drones; weapons and people for the rest."""
    today = on_day(events, day)
    frame = pd.DataFrame(
        {
            "sector": today["sector"].to_numpy(object),
            "shelling": COUNTED["shelling"](today),
            "bursts": COUNTED["bursts"](today),
            "drones": COUNTED["drones"](today),
            "weapons": np.where(COUNTED["weapons"](today), today["count"], 0),
            "violations": np.where(COUNTED["violations"](today), today["count"], 0),
            "casualties": today["casualties"].to_numpy(),
            "events": 1,
        }
    )
    counted = frame.groupby("sector").sum(numeric_only=True).astype(np.int64)
    names = list(sectors) + sorted(set(counted.index) - set(sectors))
    return counted.reindex(names, fill_value=0).reset_index().rename(columns={"index": "sector"})


def alerts_for_day(events: pd.DataFrame, rules: Rules, day: dt.date) -> list[dict[str, Any]]:
    """For each threshold and sector, the first moment of ``day`` when more than the
    allowed number of matching events fell within the rolling window ending then."""
    start = pd.Timestamp(day, tz="UTC")
    end = start + pd.Timedelta(days=1)
    raised: list[dict[str, Any]] = []
    for threshold in rules.thresholds:
        window = threshold.window_h * 3600.0
        chosen = events[matches(events, threshold.filter)]
        for sector, group in chosen.groupby("sector"):
            group = group.sort_values("time")
            t = seconds(group["time"])
            weight = (
                np.where(
                    group["type"].to_numpy() == ReportType.WEAPON_SIGHTING.value,
                    group["count"].to_numpy(),
                    1,
                )
                if threshold.filter == "withdrawal_violation"
                else np.ones(len(group), dtype=np.int64)
            )
            total = np.concatenate([[0], np.cumsum(weight)])
            first = np.searchsorted(t, t - window, side="right")
            in_window = total[1:] - total[first]
            times = group["time"].to_numpy()
            today = (group["time"] >= start).to_numpy() & (group["time"] < end).to_numpy()
            over = np.flatnonzero(today & (in_window > threshold.more_than))
            if not len(over):
                continue
            i = int(over[0])
            raised.append(
                {
                    "rule": threshold.name,
                    "sector": str(sector),
                    "day": day,
                    "crossed_at": pd.Timestamp(times[i]).tz_localize("UTC").to_pydatetime()
                    if pd.Timestamp(times[i]).tzinfo is None
                    else pd.Timestamp(times[i]).to_pydatetime(),
                    "count": int(in_window[i]),
                    "threshold": threshold.more_than,
                    "window_h": threshold.window_h,
                    "event_ids": group["event_id"].iloc[first[i] : i + 1].tolist(),
                }
            )
    return raised

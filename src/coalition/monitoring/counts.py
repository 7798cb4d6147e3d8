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

from coalition.domain.monitoring import CONFIRMING, NOT_INCIDENTS, SHELLING, ReportType
from coalition.monitoring.corroborate import seconds
from coalition.monitoring.rules import Filter, Reporting, Rules
from coalition.monitoring.storage import WITHDRAWAL

COUNT_COLUMNS = (
    "shelling", "impacts", "outgoing", "bursts", "flares_flashes", "drones", "weapons",
    "violations", "missing", "restrictions", "killed", "injured", "unconfirmed", "damage",
    "patrols", "events",
)  # fmt: skip
_T = ReportType


def _bool(values: pd.Series) -> np.ndarray:
    return np.asarray(values.to_numpy(dtype=bool), dtype=bool)


def _kind(events: pd.DataFrame, *types: ReportType) -> np.ndarray:
    return _bool(events["type"].isin([t.value for t in types]))


def _column(events: pd.DataFrame, name: str, default: object) -> pd.Series:
    if name in events:
        return events[name]
    return pd.Series([default] * len(events), index=events.index)


def matches(events: pd.DataFrame, what: Filter) -> np.ndarray:
    """Which events a threshold's filter counts."""
    if what == "withdrawal_violation":
        return _bool(_column(events, "violation_kind", "") == WITHDRAWAL)
    if what == "missing_weapons":
        return _bool(_column(events, "missing", 0) > 0)
    if what == "shelling":
        return _kind(events, *SHELLING)
    if what == "casualties":
        return _bool(events["casualties"] > 0)
    if what == "any":
        return ~_kind(events, *NOT_INCIDENTS)
    return _bool(events["type"] == what)


def period_of(
    day: dt.date, reporting: Reporting | None = None
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The UTC start and end of ``day``'s reporting period (the calendar day in UTC
    without a reporting rule)."""
    start, end = (reporting or Reporting()).period(day)
    return pd.Timestamp(start), pd.Timestamp(end)


def on_day(events: pd.DataFrame, day: dt.date, reporting: Reporting | None = None) -> pd.DataFrame:
    start, end = period_of(day, reporting)
    return events[(events["time"] >= start) & (events["time"] < end)]


#: Which events each of the daily counts counts (the event export filters by the same).
COUNTED: dict[str, Callable[[pd.DataFrame], np.ndarray]] = {
    "shelling": lambda e: matches(e, "shelling"),
    "impacts": lambda e: _kind(e, _T.IMPACT),
    "outgoing": lambda e: _kind(e, _T.OUTGOING_FIRE),
    "bursts": lambda e: matches(e, "burst_of_fire"),
    "flares_flashes": lambda e: _kind(e, _T.FLARE, _T.MUZZLE_FLASH),
    "drones": lambda e: matches(e, "drone"),
    "weapons": lambda e: _kind(e, _T.WEAPON_SIGHTING),
    "violations": lambda e: matches(e, "withdrawal_violation"),
    "missing": lambda e: matches(e, "missing_weapons"),
    "restrictions": lambda e: _kind(e, _T.MOVEMENT_RESTRICTION),
    "casualties": lambda e: (e["casualties"] > 0).to_numpy(dtype=bool),
    "damage": lambda e: _kind(e, _T.INFRASTRUCTURE_DAMAGE),
    "patrols": lambda e: _kind(e, _T.PATROL),
}


def _people(events: pd.DataFrame, name: str) -> np.ndarray:
    numbers = pd.to_numeric(_column(events, name, 0), errors="coerce").fillna(0)
    return np.asarray(numbers.to_numpy(), dtype=np.int64)


#: The counts that count events one each (the others count weapons or people).
_EVENT_COUNTS = ("shelling", "impacts", "outgoing", "bursts", "flares_flashes", "drones",
                 "restrictions", "damage")  # fmt: skip


def daily_counts(
    events: pd.DataFrame, day: dt.date, sectors: tuple[str, ...], reporting: Reporting | None = None
) -> pd.DataFrame:
    """One row per sector (every sector, zero where quiet, and ``outside`` if any): events
    for fire, drones, restrictions and damage; weapons (and weapons missing from storage)
    and people for the rest. ``events`` counts incidents, not patrols or windows;
    ``patrols`` stays 0 here: a patrol counts in every sector its route passes, which takes
    the theatre (``patrols.with_passes``)."""
    today = on_day(events, day, reporting)
    frame = pd.DataFrame({"sector": today["sector"].to_numpy(object)})
    for name in _EVENT_COUNTS:
        frame[name] = COUNTED[name](today).astype(np.int64)
    frame["weapons"] = np.where(COUNTED["weapons"](today), today["count"], 0)
    withdrawal = (_column(today, "violation_kind", "") == WITHDRAWAL).to_numpy(dtype=bool)
    frame["violations"] = np.where(withdrawal, today["count"], 0)
    frame["missing"] = _people(today, "missing")
    # People killed and injured as confirmed (a hospital, a morgue, the authorities, the
    # monitors); what was said but not confirmed is counted apart, never added in.
    confirmed = _bool(_column(today, "confirmed_by", None).isin([c.value for c in CONFIRMING]))
    killed, injured = _people(today, "killed"), _people(today, "injured")
    frame["killed"] = np.where(confirmed, killed, 0)
    frame["injured"] = np.where(confirmed, injured, 0)
    frame["unconfirmed"] = np.where(confirmed, 0, killed + injured)
    frame["events"] = (~_kind(today, *NOT_INCIDENTS)).astype(np.int64)
    counted = frame.groupby("sector").sum(numeric_only=True).astype(np.int64)
    counted = counted.reindex(columns=list(COUNT_COLUMNS), fill_value=0)
    names = list(sectors) + sorted(set(counted.index) - set(sectors))
    return counted.reindex(names, fill_value=0).reset_index().rename(columns={"index": "sector"})


def alerts_for_day(events: pd.DataFrame, rules: Rules, day: dt.date) -> list[dict[str, Any]]:
    """For each threshold and sector, the first moment of ``day`` when more than the
    allowed number of matching events fell within the rolling window ending then."""
    start, end = period_of(day, rules.reporting)
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

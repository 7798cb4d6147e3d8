"""Events from groups of reports: one row per group with its place (weighted by each
report's precision), times, confidence (independent sources only), counts and the most
trusted report's type and details; and the members and links that explain each event.

Why reductions over sorted arrays: a million reports make about six hundred thousand
events, and per-group work through pandas' groupby on text columns took four seconds;
sorted once by event, every sum, minimum and maximum is one ``reduceat``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from coalition.monitoring.classify import locate, violations
from coalition.monitoring.columns import labels, lookup, take
from coalition.monitoring.details import APPLIES as DETAILS
from coalition.monitoring.pairs import Links
from coalition.monitoring.rules import Rules
from coalition.monitoring.storage import judge
from coalition.monitoring.theatre import Theatre


class Groups:
    """Reports sorted by event (``order``, stable: by row within an event), where each
    event starts, and reductions over them."""

    def __init__(self, label: np.ndarray, events: int) -> None:
        self.label, self.events = label, events
        self.order = np.argsort(label, kind="stable")
        self.starts = np.searchsorted(label[self.order], np.arange(events))
        self.sizes = np.bincount(label, minlength=events)

    def sum(self, values: np.ndarray) -> np.ndarray:
        return np.add.reduceat(values[self.order], self.starts)

    def min(self, values: np.ndarray) -> np.ndarray:
        return np.minimum.reduceat(values[self.order], self.starts)

    def max(self, values: np.ndarray) -> np.ndarray:
        return np.maximum.reduceat(values[self.order], self.starts)

    def fmax(self, values: np.ndarray) -> np.ndarray:
        """Largest value that is not NaN (NaN where all are)."""
        return np.fmax.reduceat(values[self.order], self.starts)

    def first_largest(self, values: np.ndarray) -> np.ndarray:
        """The row of each event's largest value (NaN counts as smallest; the first row
        on a tie)."""
        along = np.nan_to_num(values[self.order], nan=-np.inf)
        top = np.maximum.reduceat(along, self.starts)
        hits = np.flatnonzero(along == np.repeat(top, self.sizes))
        return np.asarray(self.order[hits[np.searchsorted(hits, self.starts)]])

    def pairs(self, key: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each distinct ``(event, key)`` among the reports (``key`` codes from 0; -1 is
        left out): its event, and the rows sorted by pair with where each pair starts."""
        width = int(key.max()) + 2 if len(key) else 1
        combined = self.label.astype(np.int64) * width + key + 1
        rows = np.argsort(combined, kind="stable")
        rows = rows[key[rows] >= 0]
        along = combined[rows]
        starts = np.flatnonzero(np.concatenate([[True], along[1:] != along[:-1]])[: len(rows)])
        return along[starts] // width, rows, starts

    def distinct(self, key: np.ndarray) -> np.ndarray:
        """How many distinct ``key`` values (-1 not counted) each event's reports hold."""
        of, _, _ = self.pairs(key)
        return np.bincount(of, minlength=self.events)


def event_ids(ids: pd.Series, label: np.ndarray, events: int) -> pd.Series:
    """Stable, readable ids: "E-" and the smallest id among the event's reports (each
    report belongs to one event, so ids never collide)."""
    if not events:
        return pd.Series([], dtype="str")
    table = pa.table({"event": label, "id": pa.array(ids.astype("str"), from_pandas=True)})
    smallest = table.group_by("event").aggregate([("id", "min")]).sort_by("event")
    return pd.Series(pd.array(smallest["id_min"], dtype="str")).radd("E-")


def build(
    data: pd.DataFrame,
    label: np.ndarray,
    links: Links,
    sources: np.ndarray,
    theatre: Theatre,
    rules: Rules,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Events, members (report id -> event id) and links (with the event they joined)."""
    n_events = int(label.max()) + 1 if len(label) else 0
    g = Groups(label, n_events)
    ids = event_ids(data["id"], label, n_events)
    reliability = {k.value: v for k, v in rules.reliability.items()}
    trust = lookup(data["reporter_kind"], reliability, missing=np.nan)
    trust = trust * data["confidence"].to_numpy(float)
    weight = 1.0 / np.maximum(data["uncertainty_m"].to_numpy(float), 1.0) ** 2
    w = g.sum(weight)
    # Confidence combines independent sources only: a source that sent several reports
    # of the event counts once, at its most trusted report.
    doubt = np.log1p(-np.minimum(trust, 0.999999))
    of, rows, starts = g.pairs(sources)
    least = np.nan_to_num(np.fmin.reduceat(doubt[rows], starts)) if len(rows) else np.zeros(0)
    times = data["time"].array.asi8
    unit = data["time"].dt.unit
    events = pd.DataFrame(
        {
            "event_id": ids,
            "time": pd.to_datetime(g.min(times), unit=unit, utc=True),
            "last_time": pd.to_datetime(g.max(times), unit=unit, utc=True),
            "x": g.sum(data["x"].to_numpy(float) * weight) / w,
            "y": g.sum(data["y"].to_numpy(float) * weight) / w,
            "uncertainty_m": 1.0 / np.sqrt(w),
            "confidence": 1.0 - np.exp(np.bincount(of, least, n_events)),
            "n_reports": g.sizes,
            "n_sources": np.bincount(of, minlength=n_events),
            "count": g.max(data["count"].to_numpy(np.int64)),
            "casualties": g.max(data["casualties"].to_numpy(np.int64)),
        }
    )
    # Type, weapon class and attributed side of the most trusted report (the first on a tie)
    lead = g.first_largest(trust)
    for field in ("type", "weapon_class", "side", "bearing_deg"):
        events[field] = take(data[field], lead)
    n_sides = g.distinct(pd.factorize(data["side"])[0])
    n_counts = g.distinct(pd.factorize(data["count"])[0])
    events["contradiction"] = labels(
        np.where(n_sides > 1, 0, np.where(n_counts > 1, 1, 2)),
        ["reporters attribute it to different sides", "reporters counted different numbers", ""],
    )
    lon, lat = theatre.to_lonlat(events["x"].to_numpy(), events["y"].to_numpy())
    events["lon"], events["lat"] = lon, lat
    where = locate(theatre, rules, events["x"].to_numpy(float), events["y"].to_numpy(float))
    for column in where:
        events[column] = where[column]
    events["required_m"], events["violation"] = violations(
        rules, events["type"], events["weapon_class"], events["distance_m"].to_numpy(float)
    )
    for field in DETAILS:  # what only some types say, from the most trusted report
        if field in data:
            events[field] = take(data[field], lead)
    for field in ("killed", "injured"):  # people: the highest figure any report gives
        if field in data:
            events[field] = g.fmax(pd.to_numeric(data[field], errors="coerce").to_numpy(float))
    events = judge(events, theatre, rules)
    members = pd.DataFrame({"report_id": data["id"].reset_index(drop=True),
                            "event_id": take(ids, label)})  # fmt: skip
    joined = pd.DataFrame(
        {
            "event_id": take(ids, label[links.a]),
            "report_a": take(data["id"], links.a),
            "report_b": take(data["id"], links.b),
            "seconds_apart": links.seconds_apart,
            "metres_apart": links.metres_apart,
            "metres_allowed": links.metres_allowed,
        }
    )
    return events, members, joined

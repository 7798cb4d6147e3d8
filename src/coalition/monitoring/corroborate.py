"""Several reports of one event become one event, and every merge can be explained.

Two reports are linked when they come from different reporters (and, for reports sent
through the server, from different accounts: one account naming three reporters is one
source), lie within the time
window of each other, are no farther apart than the sum of their stated position
uncertainties (at least ``min_distance_m``), and have compatible types (a weapon
sighting only with a sighting of the same weapon class). Events are the connected
groups of links. Candidate pairs come from a k-d tree (SciPy) over position and scaled
time, so the cost grows with the reports that are close, not with all pairs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from coalition.monitoring.classify import locate, violations
from coalition.monitoring.details import APPLIES as DETAILS
from coalition.monitoring.rules import Rules
from coalition.monitoring.storage import judge
from coalition.monitoring.theatre import Theatre

# Reports whose uncertainty is above this quantile are paired one by one with their own
# radius, so that one vague report does not widen every other search.
_WIDE_QUANTILE = 0.99


@dataclass(frozen=True)
class Corroborated:
    """``events``: one row per event; ``members``: report id -> event id; ``links``: the
    pairs that merged reports, with the measures that allowed it."""

    events: pd.DataFrame
    members: pd.DataFrame
    links: pd.DataFrame


def _type_groups(rules: Rules, types: np.ndarray) -> np.ndarray:
    """Bit mask of the compatibility groups each report type belongs to."""
    masks = np.zeros(len(types), dtype=np.int64)
    for bit, group in enumerate(rules.compatible_types):
        masks |= np.where(np.isin(types, [t.value for t in group]), 1 << bit, 0)
    return masks


def _candidate_pairs(
    x: np.ndarray, y: np.ndarray, t: np.ndarray, u: np.ndarray, rules: Rules
) -> np.ndarray:
    window = rules.corroboration.window_s
    floor = rules.corroboration.min_distance_m
    reach = np.maximum(u, floor / 2)  # each report's half of the allowed distance
    cap = float(np.quantile(reach, _WIDE_QUANTILE)) if len(reach) else 0.0
    radius = max(2 * cap, floor, 1.0)
    scaled_t = t * (radius / window)
    coords = np.column_stack([x, y, scaled_t])
    tree = cKDTree(coords)
    pairs = tree.query_pairs(radius, p=np.inf, output_type="ndarray")
    wide = np.flatnonzero(reach > cap)
    if len(wide):
        extra = []
        for i in wide.tolist():
            r = reach[i] + float(reach.max())
            # scale time with this radius: a box of r in space and the window in time
            near = tree.query_ball_point(coords[i], r=max(r, radius), p=np.inf)
            for j in near:
                if j != i:
                    extra.append((min(i, j), max(i, j)))
        # the time axis of the box was widened with r; the exact test below trims it
        if extra:
            pairs = np.unique(np.vstack([pairs, np.array(extra)]), axis=0)
    return np.asarray(pairs, dtype=np.int64).reshape(-1, 2)


def corroborate(reports: pd.DataFrame, theatre: Theatre, rules: Rules) -> Corroborated:
    """Group classified reports (see ``classify``) into events."""
    n = len(reports)
    data = reports.reset_index(drop=True)
    t = seconds(data["time"])
    x, y = data["x"].to_numpy(float), data["y"].to_numpy(float)
    u = data["uncertainty_m"].to_numpy(float)
    pairs = _candidate_pairs(x, y, t, u, rules) if n > 1 else np.zeros((0, 2), dtype=np.int64)
    a, b = pairs[:, 0], pairs[:, 1]
    dt = np.abs(t[a] - t[b])
    distance = np.hypot(x[a] - x[b], y[a] - y[b])
    allowed = np.maximum(u[a] + u[b], rules.corroboration.min_distance_m)
    groups = _type_groups(rules, data["type"].to_numpy(object))
    weapon = data["weapon_class"].fillna("").to_numpy(object)
    reporter = _independence(data)
    ok = (
        (dt <= rules.corroboration.window_s)
        & (distance <= allowed)
        & ((groups[a] & groups[b]) != 0)
        & (weapon[a] == weapon[b])
        & (reporter[a] != reporter[b])
    )
    a, b, dt, distance, allowed = a[ok], b[ok], dt[ok], distance[ok], allowed[ok]
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    return _events(data, label, a, b, dt, distance, allowed, theatre, rules)


def seconds(time: pd.Series) -> np.ndarray:
    """UTC times as float seconds since the epoch, whatever the column's resolution."""
    return np.asarray((time - pd.Timestamp(0, tz="UTC")) / pd.Timedelta(seconds=1), dtype=float)


def _event_ids(data: pd.DataFrame, label: np.ndarray) -> np.ndarray:
    """Stable, readable ids: "E-" and the smallest id among the event's reports (each
    report belongs to one event, so ids never collide)."""
    if not len(label):
        return np.zeros(0, dtype=object)
    first = pd.Series(data["id"].to_numpy(object)).groupby(label).min()
    return np.asarray("E-" + first.astype(str).to_numpy(object), dtype=object)


def _events(
    data: pd.DataFrame,
    label: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    dt: np.ndarray,
    distance: np.ndarray,
    allowed: np.ndarray,
    theatre: Theatre,
    rules: Rules,
) -> Corroborated:
    ids = _event_ids(data, label)
    unit = data["time"].dt.unit
    reliability = {k.value: v for k, v in rules.reliability.items()}
    trust = data["reporter_kind"].map(reliability).to_numpy(float) * data["confidence"].to_numpy(
        float
    )
    weight = 1.0 / np.maximum(data["uncertainty_m"].to_numpy(float), 1.0) ** 2
    frame = pd.DataFrame(
        {
            "event": label,
            "wx": data["x"].to_numpy() * weight,
            "wy": data["y"].to_numpy() * weight,
            "w": weight,
            "log_doubt": np.log1p(-np.minimum(trust, 0.999999)),
            "trust": trust,
            "time": data["time"].array.asi8,
            "count": data["count"],
            "casualties": data["casualties"],
        }
    )
    g = frame.groupby("event", sort=True)
    sums = g[["wx", "wy", "w"]].sum()
    # Confidence combines independent sources only: a source that sent several reports
    # of the event counts once, at its most trusted report.
    per_source = frame.assign(source=_independence(data)).groupby(["event", "source"])
    sums["log_doubt"] = per_source["log_doubt"].min().groupby(level="event").sum()
    events = pd.DataFrame(
        {
            "event_id": ids,
            "time": pd.to_datetime(g["time"].min().to_numpy(), unit=unit, utc=True),
            "last_time": pd.to_datetime(g["time"].max().to_numpy(), unit=unit, utc=True),
            "x": (sums["wx"] / sums["w"]).to_numpy(),
            "y": (sums["wy"] / sums["w"]).to_numpy(),
            "uncertainty_m": (1.0 / np.sqrt(sums["w"])).to_numpy(),
            "confidence": (1.0 - np.exp(sums["log_doubt"])).to_numpy(),
            "n_reports": g.size().to_numpy(),
            "n_sources": per_source.size().groupby(level="event").size().to_numpy(),
            "count": g["count"].max().to_numpy(),
            "casualties": g["casualties"].max().to_numpy(),
        }
    )
    # Type, weapon class and attributed side of the most trusted report of each event.
    lead = frame.assign(i=np.arange(len(frame))).sort_values(
        ["event", "trust"], ascending=[True, False]
    )
    lead = lead.drop_duplicates("event")["i"].to_numpy()
    events["type"] = data["type"].to_numpy(object)[lead]
    events["weapon_class"] = data["weapon_class"].to_numpy(object)[lead]
    events["side"] = data["side"].to_numpy(object)[lead]
    events["bearing_deg"] = data["bearing_deg"].to_numpy(float)[lead]
    sides = data[["side"]].assign(event=label).dropna().drop_duplicates()
    n_sides = sides.groupby("event").size().reindex(range(len(events)), fill_value=0).to_numpy()
    counts = data[["count"]].assign(event=label).drop_duplicates().groupby("event").size()
    n_counts = counts.reindex(range(len(events)), fill_value=1).to_numpy()
    events["contradiction"] = np.where(
        n_sides > 1,
        "reporters attribute it to different sides",
        np.where(n_counts > 1, "reporters counted different numbers", ""),
    )
    lon, lat = theatre.to_lonlat(events["x"].to_numpy(), events["y"].to_numpy())
    events["lon"], events["lat"] = lon, lat
    where = locate(theatre, rules, events["x"].to_numpy(float), events["y"].to_numpy(float))
    for column in where:
        events[column] = where[column].to_numpy()
    events["required_m"], events["violation"] = violations(
        rules, events["type"], events["weapon_class"], events["distance_m"].to_numpy(float)
    )
    for field in DETAILS:  # what only some types say, from the most trusted report
        if field in data:
            events[field] = data[field].to_numpy(object)[lead]
    for field in ("killed", "injured"):  # people: the highest figure any report gives
        if field in data:
            people = pd.to_numeric(data[field], errors="coerce").groupby(label).max()
            events[field] = people.reindex(range(len(events))).to_numpy(float)
    events = judge(events, theatre, rules)
    members = pd.DataFrame({"report_id": data["id"].to_numpy(object), "event_id": ids[label]})
    links = pd.DataFrame(
        {
            "event_id": ids[label[a]],
            "report_a": data["id"].to_numpy(object)[a],
            "report_b": data["id"].to_numpy(object)[b],
            "seconds_apart": dt,
            "metres_apart": distance,
            "metres_allowed": allowed,
        }
    )
    return Corroborated(events=events, members=members, links=links)


def _independence(data: pd.DataFrame) -> np.ndarray:
    """Who stands behind each report: the server account that submitted it, else the
    reporter a file names. Two reports corroborate only if these differ."""
    reporter = data["reporter"].astype(str)
    if "account" in data:
        reporter = data["account"].where(data["account"].notna(), "reporter:" + reporter)
    keys: np.ndarray = reporter.to_numpy(object)
    return keys

"""Events out of the pipeline for others' tools: every field, filtered by sector, kind,
zone, confidence, corroboration and dates, as GeoJSON (points, properties = fields),
CSV or Parquet. A kind is a report type (``weapon_sighting``) or one of the daily
report's counts (``shelling``, ``bursts``, ``drones``, ``weapons``, ``violations``,
``casualties``)."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from coalition.domain.monitoring import ReportType
from coalition.errors import CoalitionError
from coalition.monitoring.counts import COUNTED
from coalition.monitoring.pipeline import Setup, analyse_day
from coalition.monitoring.sections import in_words

#: No export reads more days at once than this (each day is a pipeline run).
MAX_DAYS = 92


@dataclass(frozen=True)
class EventFilter:
    sectors: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    zones: tuple[str, ...] = ()
    min_confidence: float = 0.0
    corroborated_only: bool = False

    def check(self) -> None:
        known = set(COUNTED) | {t.value for t in ReportType}
        unknown = [k for k in self.kinds if k not in known]
        if unknown:
            raise CoalitionError(
                f"--type: unknown {', '.join(map(repr, unknown))}; use a report type "
                f"({', '.join(t.value for t in ReportType)}) or a count ({', '.join(COUNTED)})"
            )
        if not 0 <= self.min_confidence <= 1:
            raise CoalitionError("--min-confidence: a number between 0 and 1")

    def apply(self, events: pd.DataFrame) -> pd.DataFrame:
        keep = np.ones(len(events), dtype=bool)
        if self.sectors:
            keep &= events["sector"].isin(self.sectors).to_numpy(bool)
        if self.zones:
            keep &= events["zone"].isin(self.zones).to_numpy(bool)
        if self.kinds:
            chosen = np.zeros(len(events), dtype=bool)
            for kind in self.kinds:
                chosen |= COUNTED[kind](events) if kind in COUNTED else (events["type"] == kind)
            keep &= chosen
        keep &= events["confidence"].to_numpy(float) >= self.min_confidence
        if self.corroborated_only:
            keep &= events["n_reports"].to_numpy(int) > 1
        return events[keep].reset_index(drop=True)


def events_between(
    engine: Engine,
    setup: Setup,
    first: dt.date,
    last: dt.date,
    progress: Callable[[dt.date], None] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every event of the days ``first`` to ``last``, as each day's pipeline finds it,
    and the links that merged their reports."""
    if last < first:
        raise CoalitionError(f"--to {last} is before --from {first}")
    days = (last - first).days + 1
    if days > MAX_DAYS:
        raise CoalitionError(f"{days} days: export at most {MAX_DAYS} days at a time")
    frames, links = [], []
    for k in range(days):
        day = first + dt.timedelta(days=k)
        result = analyse_day(engine, setup, day)
        frames.append(result.events)
        links.append(result.links)
        if progress:
            progress(day)
    return _stack(frames), _stack(links)


def _stack(frames: list[pd.DataFrame]) -> pd.DataFrame:
    found = [f for f in frames if len(f)]
    return pd.concat(found, ignore_index=True) if found else frames[0]


def plain(value: Any) -> Any:
    """A field as JSON has it: times in ISO 8601, no NaN, numpy scalars and arrays as
    Python's."""
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


#: Internal columns left out of exports: projected metres in the theatre's CRS (``lon``
#: and ``lat`` say where) and the grouping key.
INTERNAL = ("x", "y")


def why_merged(links: pd.DataFrame) -> pd.Series:
    """Per event, the pairs of reports that were merged and the measures that allowed it."""
    if not len(links):
        return pd.Series(dtype=str)
    columns = ("report_a", "report_b", "seconds_apart", "metres_apart", "metres_allowed")
    text = [f"{a}+{b}: {s:.0f} s, {m:.0f} m (<= {al:.0f})"
            for a, b, s, m, al in links[list(columns)].itertuples(index=False)]  # fmt: skip
    return pd.Series(text, index=links["event_id"].to_numpy()).groupby(level=0).agg("; ".join)


def exported(events: pd.DataFrame, links: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every field of the events, with ``what`` each says in words (and, given the links,
    why its reports were merged); times in UTC with their offset."""
    out = events.drop(columns=[c for c in INTERNAL if c in events]).copy()
    out.insert(out.columns.get_loc("type") + 1, "what", [in_words(e) for e in events.itertuples()])
    if links is not None:
        out["why_merged"] = out["event_id"].map(why_merged(links)).fillna("")
    return out


def to_records(events: pd.DataFrame, links: pd.DataFrame | None = None) -> list[dict[str, Any]]:
    """The events as JSON objects, every field (see ``exported``)."""
    out = exported(events, links)
    return [{k: plain(v) for k, v in row.items()} for row in out.to_dict("records")]


def to_csv(events: pd.DataFrame, links: pd.DataFrame | None = None) -> str:
    """The events as CSV, every field; a list (a patrol's route) as JSON in its cell."""
    out = exported(events, links)
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, list | np.ndarray)).any():
            out[column] = out[column].map(
                lambda v: json.dumps(plain(v)) if isinstance(v, list | np.ndarray) else v
            )
    for column in ("time", "last_time"):
        if column in out:
            out[column] = out[column].map(plain)
    text: str = out.to_csv(index=False)
    return text


def to_geojson(events: pd.DataFrame) -> dict[str, Any]:
    """A FeatureCollection: one point per event (a patrol: its route), every field a
    property."""
    out = exported(events)
    fields = [c for c in out.columns if c not in ("lon", "lat", "route")]
    features = []
    for row in out.to_dict("records"):
        route = plain(row.get("route"))
        geometry: dict[str, Any] = (
            {"type": "LineString", "coordinates": route}
            if isinstance(route, list) and len(route) >= 2
            else {"type": "Point", "coordinates": [float(row["lon"]), float(row["lat"])]}
        )
        properties = {c: plain(row[c]) for c in fields}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def to_parquet(events: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    exported(events).to_parquet(path, index=False)

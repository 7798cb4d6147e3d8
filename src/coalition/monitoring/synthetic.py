"""Synthetic incident streams of any size, shaped like the OSCE mission's days: most
events within a few kilometres of the line, on both sides; explosions and bursts of fire
far more often than weapon sightings; each event seen by one to three reporters of
different kinds, each with its own position error and clock. Clearly not real data:
for demos, tests and benchmarks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from coalition.domain.monitoring import ReporterKind, ReportType
from coalition.errors import CoalitionError
from coalition.monitoring.pipeline import FIRST_DAY, LAST_DAY
from coalition.monitoring.rules import Rules
from coalition.monitoring.theatre import Theatre

_TYPES = np.array([t.value for t in ReportType], dtype=object)
_TYPE_P = {
    "explosion": 0.5,
    "projectile": 0.08,
    "burst_of_fire": 0.25,
    "drone": 0.09,
    "weapon_sighting": 0.06,
    "casualties": 0.02,
}
_KINDS = np.array([k.value for k in ReporterKind], dtype=object)
_KIND_P = np.array([0.35, 0.15, 0.15, 0.25, 0.10])
_UNCERTAINTY = {
    "monitor_team": 300.0,
    "fixed_camera": 150.0,
    "uav": 50.0,
    "acoustic_sensor": 800.0,
    "open_source": 2000.0,
}


def generate(
    theatre: Theatre,
    rules: Rules,
    n_events: int,
    start: dt.date,
    days: int = 1,
    seed: int = 0,
    teams_per_kind: int = 20,
    violation_share: float = 0.3,
) -> pd.DataFrame:
    """About ``n_events`` x 1.7 reports (valid rows, typed, sorted by time)."""
    last = start + dt.timedelta(days=days) if start <= LAST_DAY else start
    if not start >= FIRST_DAY or last > LAST_DAY:
        raise CoalitionError(
            f"a synthetic stream from {start} for {days} days leaves {FIRST_DAY}..{LAST_DAY}"
        )
    rng = np.random.default_rng(seed)
    along = rng.random(n_events) * theatre.line.length
    base = shapely.line_interpolate_point(theatre.line, along)
    ahead = shapely.line_interpolate_point(
        theatre.line, np.minimum(along + 10.0, theatre.line.length)
    )
    behind = shapely.line_interpolate_point(theatre.line, np.maximum(along - 10.0, 0.0))
    dx = shapely.get_x(ahead) - shapely.get_x(behind)
    dy = shapely.get_y(ahead) - shapely.get_y(behind)
    norm = np.hypot(dx, dy)
    nx, ny = -dy / norm, dx / norm  # unit normal pointing left
    kind = rng.choice(_TYPES, n_events, p=[_TYPE_P[t] for t in _TYPES])
    offset = rng.exponential(4000.0, n_events)
    sighting = kind == ReportType.WEAPON_SIGHTING.value
    classes = np.array(sorted(rules.withdrawal_distance()), dtype=object)
    need = np.array([rules.withdrawal_distance()[c] for c in classes])
    weapon = np.where(sighting, rng.choice(classes, n_events), np.full(n_events, None))
    w_need = np.where(
        sighting, need[np.searchsorted(classes, np.where(sighting, weapon, classes[0]))], 0.0
    )
    inside = rng.random(n_events) < violation_share
    offset = np.where(
        sighting,
        np.where(
            inside, rng.random(n_events) * w_need, w_need + rng.exponential(20000.0, n_events)
        ),
        offset,
    )
    sign = np.where(rng.random(n_events) < 0.5, 1.0, -1.0)
    ex = shapely.get_x(base) + sign * offset * nx
    ey = shapely.get_y(base) + sign * offset * ny
    t0 = pd.Timestamp(start, tz="UTC").value // 1_000_000_000
    etime = t0 + rng.random(n_events) * days * 86400.0
    count = np.where(sighting, rng.integers(1, 6, n_events), 1)
    casualties = np.where(kind == ReportType.CASUALTIES.value, rng.integers(1, 4, n_events), 0)

    n_seen = rng.choice([1, 2, 3], n_events, p=[0.5, 0.35, 0.15])
    event_of = np.repeat(np.arange(n_events), n_seen)
    n = len(event_of)
    reporter_kind = rng.choice(_KINDS, n, p=_KIND_P)
    uncertainty = np.array([_UNCERTAINTY[k] for k in reporter_kind])
    error = rng.normal(0.0, 0.5, (n, 2)) * uncertainty[:, None]
    back = theatre.to_lonlat(ex[event_of] + error[:, 0], ey[event_of] + error[:, 1])
    reporter = [
        f"{k.upper()}-{i:02d}"
        for k, i in zip(reporter_kind, rng.integers(0, teams_per_kind, n), strict=True)
    ]
    seen_type = kind[event_of].copy()
    heard = (seen_type == ReportType.EXPLOSION.value) & (rng.random(n) < 0.2)
    seen_type[heard] = ReportType.PROJECTILE.value  # a shell in flight seen, not the impact
    # 60% of reports attribute the fire to a side, one in ten of those wrongly.
    truth = np.where(sign[event_of] > 0, "left", "right")  # fire comes from where it lands
    wrong = np.where(truth == "left", "right", "left")
    guess = np.where(rng.random(n) < 0.1, wrong, truth)
    side_guess = np.where(rng.random(n) < 0.6, guess, np.full(n, None))
    frame = pd.DataFrame(
        {
            "id": [f"R{seed}-{i:08d}" for i in range(n)],
            "time": pd.to_datetime(
                np.minimum(etime[event_of] + rng.uniform(0, 90, n), t0 + days * 86400.0 - 1) * 1e9,
                utc=True,
            ).floor("s"),
            "reporter": reporter,
            "reporter_kind": reporter_kind,
            "lon": np.round(back[0], 5),
            "lat": np.round(back[1], 5),
            "uncertainty_m": uncertainty,
            "type": seen_type,
            "weapon_class": weapon[event_of],
            "count": count[event_of],
            "casualties": casualties[event_of],
            "bearing_deg": np.round(rng.uniform(0, 360, n), 0),
            "side": side_guess,
            "confidence": np.round(rng.uniform(0.6, 1.0, n), 2),
        }
    )
    return frame.sort_values(["time", "id"]).reset_index(drop=True)


def write(frame: pd.DataFrame, path: Path) -> None:
    """Write reports as CSV, JSON lines, GeoJSON or Parquet (by the file's suffix)."""
    suffix = path.suffix.lower()
    out = frame.copy()
    out["time"] = out["time"].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    if suffix == ".csv":
        out.to_csv(path, index=False)
    elif suffix in (".json", ".ndjson", ".jsonl"):
        out.to_json(path, orient="records", lines=True)
    elif suffix == ".parquet":
        frame.to_parquet(path, index=False)
    elif suffix == ".geojson":
        features = []
        for record in out.astype(object).where(out.notna(), None).to_dict("records"):
            lon, lat = record.pop("lon"), record.pop("lat")
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": record,
                }
            )
        path.write_text(
            json.dumps({"type": "FeatureCollection", "features": features}, indent=0),
            encoding="utf-8",
        )
    else:
        raise CoalitionError(f"{path}: unknown format {suffix!r} (csv, json, geojson, parquet)")

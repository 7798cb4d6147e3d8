"""Synthetic incident streams of any size, shaped like the OSCE mission's days: most
events within a few kilometres of the line, on both sides; explosions and bursts of fire
far more often than weapon sightings; each event seen by one to three reporters of
different kinds, each with its own position error and clock. Clearly not real data:
for demos, tests and benchmarks."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from coalition.domain.monitoring import ReporterKind, ReportType
from coalition.errors import CoalitionError
from coalition.monitoring.pipeline import FIRST_DAY, LAST_DAY
from coalition.monitoring.rules import Rules, StorageSite
from coalition.monitoring.theatre import Theatre

#: Incidents and how often each kind comes (activities are added apart: ``_activities``).
_TYPE_P = {
    "explosion": 0.2,
    "impact": 0.15,
    "outgoing_fire": 0.12,
    "projectile": 0.05,
    "burst_of_fire": 0.2,
    "flare": 0.03,
    "muzzle_flash": 0.03,
    "drone": 0.09,
    "weapon_sighting": 0.06,
    "casualties": 0.025,
    "infrastructure_damage": 0.015,
    "movement_restriction": 0.03,
}
_TYPES = np.array(list(_TYPE_P), dtype=object)
_FIRE = ("explosion", "impact", "outgoing_fire", "projectile", "muzzle_flash")
_CALIBRES = np.array([82.0, 120.0, 122.0, 152.0, 203.0])
#: What can show who fired, by what was seen: a crater's shape points back to where an
#: impact came from; fire itself is attributed from where it was seen leaving.
_BASIS = {"impact": "crater analysis", "explosion": "crater analysis",
          "projectile": "flight path observed", "outgoing_fire": "firing position observed",
          "muzzle_flash": "firing position observed",
          "burst_of_fire": "tracer direction observed"}  # fmt: skip
_RESTRICTIONS = np.array(["denial", "checkpoint", "mines", "jamming", "conditional"])
_RESTRICTED_BY = np.array(["armed men at a checkpoint", "a commander on the spot", "unknown"])
_FACILITIES = np.array(["water", "power", "gas", "residential", "rail"])
_CONFIRMED = np.array(["hospital", "morgue", "authorities", "unconfirmed"])
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
    true_events: bool = False,
) -> pd.DataFrame:
    """About ``n_events`` x 1.7 reports (valid rows, typed, sorted by time). With
    ``true_events``, a column ``true_event`` says which event each report saw (patrols, visits
    and repair windows are events of one report each): what corroboration should find."""
    last = start + dt.timedelta(days=days) if start <= LAST_DAY else start
    if not start >= FIRST_DAY or last > LAST_DAY:
        raise CoalitionError(
            f"a synthetic stream from {start} for {days} days leaves {FIRST_DAY}..{LAST_DAY}"
        )
    rng = np.random.default_rng(seed)
    along = rng.random(n_events) * theatre.line.length
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
    ex, ey = _offset(theatre, along, sign * offset)
    t0 = pd.Timestamp(rules.reporting.period(start)[0]).value // 1_000_000_000  # the day's period
    etime = t0 + rng.random(n_events) * days * 86400.0
    count = np.where(sighting, rng.integers(1, 6, n_events), 1)
    hurt = kind == ReportType.CASUALTIES.value
    killed = np.where(hurt, rng.integers(0, 2, n_events), 0)
    injured = np.where(hurt, rng.integers(1, 4, n_events), 0)
    casualties = killed + injured

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
    # Few reports attribute fire to a side (each with what showed it), one in ten wrongly:
    # outgoing fire from where it was fired, an impact from the other side.
    fired_from = np.where(sign[event_of] > 0, "left", "right")
    other = np.where(fired_from == "left", "right", "left")
    truth = np.where(seen_type == ReportType.IMPACT.value, other, fired_from)
    guess = np.where(rng.random(n) < 0.1, np.where(truth == "left", "right", "left"), truth)
    attributed = np.isin(seen_type, (*_FIRE, "burst_of_fire")) & (rng.random(n) < 0.15)
    side_guess = np.where(attributed, guess, np.full(n, None))
    fire = np.isin(kind, _FIRE)[event_of]
    restricted = (kind == ReportType.MOVEMENT_RESTRICTION.value)[event_of]
    damaged = (kind == ReportType.INFRASTRUCTURE_DAMAGE.value)[event_of]
    hurt_n = hurt[event_of]
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
            "calibre_mm": np.where(fire, rng.choice(_CALIBRES, n_events)[event_of], np.nan),
            "killed": np.where(hurt_n, killed[event_of], np.nan),
            "injured": np.where(hurt_n, injured[event_of], np.nan),
            "confirmed_by": _maybe(
                hurt_n,
                np.where(
                    (killed[event_of] > 0) | (rng.random(n) < 0.5),
                    rng.choice(_CONFIRMED, n),
                    rng.choice(_CONFIRMED[[0, 2, 3]], n),  # no morgue without a death
                ),
            ),
            "restriction": _maybe(restricted, rng.choice(_RESTRICTIONS, n_events)[event_of]),
            "restricted_by": _maybe(restricted, rng.choice(_RESTRICTED_BY, n)),
            "facility": _maybe(damaged, rng.choice(_FACILITIES, n_events)[event_of]),
            "basis": _maybe(attributed, np.array([_BASIS.get(t, "") for t in seen_type])),
        }
    )
    # Monitors meet restrictions and hear of casualties themselves (not cameras or sensors).
    met = frame["type"].isin([ReportType.MOVEMENT_RESTRICTION.value,
                              ReportType.CASUALTIES.value])  # fmt: skip
    frame.loc[met, "reporter_kind"] = ReporterKind.MONITOR_TEAM.value
    frame.loc[met, "reporter"] = [f"MONITOR_TEAM-{i % teams_per_kind:02d}"
                                  for i in range(int(met.sum()))]  # fmt: skip
    activities = _activities(theatre, rules, rng, start, days, seed, n_events)
    if true_events:
        frame["true_event"] = event_of
        activities["true_event"] = n_events + np.arange(len(activities))
    frame = pd.concat([frame, activities])
    return frame.sort_values(["time", "id"]).reset_index(drop=True)


def _maybe(mask: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` where ``mask`` holds, None elsewhere (an object column with gaps)."""
    out = np.full(len(mask), None, dtype=object)
    out[mask] = np.asarray(values, dtype=object)[mask]
    return out


def _activities(
    theatre: Theatre,
    rules: Rules,
    rng: np.random.Generator,
    start: dt.date,
    days: int,
    seed: int,
    n_events: int,
) -> pd.DataFrame:
    """Patrols (routes along the line, a few kilometres in), storage visits (some weapons
    missing) and repair windows: reports of what monitors did and what was agreed."""
    rows: list[dict[str, object]] = []
    for day in range(days):
        t0 = pd.Timestamp(rules.reporting.period(start + dt.timedelta(days=day))[0])
        # A mission sends some tens of patrols a day (the OSCE's about 50), whatever the
        # number of incidents.
        per_day = int(np.clip(n_events // max(days, 1) // 40, 12, 60))
        rows += [_patrol(theatre, rng, t0) for _ in range(per_day)]
        rows += [_visit(site, rng, t0) for site in rules.storage.sites if rng.random() < 0.5]
        rows.append(_repair_window(theatre, rng, t0))
    frame = pd.DataFrame([r for r in rows if r])
    if not len(frame):
        return frame
    frame["id"] = [f"A{seed}-{i:06d}" for i in range(len(frame))]
    frame["reporter"] = [f"MONITOR_TEAM-{i % 20:02d}" for i in range(len(frame))]
    frame["reporter_kind"] = ReporterKind.MONITOR_TEAM.value
    frame["uncertainty_m"], frame["confidence"], frame["casualties"] = 100.0, 1.0, 0
    frame["count"] = frame["count"].fillna(1).astype(int) if "count" in frame else 1
    frame["lon"], frame["lat"] = frame["lon"].round(5), frame["lat"].round(5)
    frame["until"] = pd.to_datetime(frame["until"], utc=True).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    frame["time"] = pd.to_datetime(frame["time"], utc=True).dt.floor("s")
    return frame


def _patrol(theatre: Theatre, rng: np.random.Generator, t0: pd.Timestamp) -> dict[str, object]:
    along = rng.uniform(0, max(theatre.line.length - 60_000.0, 1.0))
    ticks = along + np.linspace(0, rng.uniform(20_000.0, 60_000.0), 8)
    x, y = _offset(theatre, ticks, rng.choice([1.0, -1.0]) * rng.uniform(3_000.0, 12_000.0))
    lon, lat = theatre.to_lonlat(x, y)
    begin = t0 + pd.Timedelta(hours=float(rng.uniform(13, 17)))  # morning, after the cut-off
    route = ", ".join(f"{a:.5f} {b:.5f}" for a, b in zip(lon, lat, strict=True))
    end = begin + pd.Timedelta(hours=float(rng.uniform(4, 9)))
    return {"type": "patrol", "time": begin, "until": end, "lon": lon[0], "lat": lat[0],
            "route": route}  # fmt: skip


def _visit(site: StorageSite, rng: np.random.Generator, t0: pd.Timestamp) -> dict[str, object]:
    if not site.inventory:
        return {}
    weapon = str(rng.choice(sorted(site.inventory)))
    expected = site.inventory[weapon]
    found = expected - int(rng.integers(1, 3)) if rng.random() < 0.3 else expected
    return {"type": "storage_visit", "lon": site.lon, "lat": site.lat, "site": site.code,
            "time": t0 + pd.Timedelta(hours=float(rng.uniform(15, 21))),
            "weapon_class": weapon, "count": max(found, 0)}  # fmt: skip


def _repair_window(
    theatre: Theatre, rng: np.random.Generator, t0: pd.Timestamp
) -> dict[str, object]:
    along = np.array([rng.uniform(0, theatre.line.length)])
    x, y = _offset(theatre, along, float(rng.uniform(-4_000.0, 4_000.0)))
    lon, lat = theatre.to_lonlat(x, y)
    begin = t0 + pd.Timedelta(hours=float(rng.uniform(14, 17)))
    return {"type": "repair_window", "time": begin, "until": begin + pd.Timedelta(hours=6),
            "lon": lon[0], "lat": lat[0], "facility": str(rng.choice(_FACILITIES[:3]))}  # fmt: skip


def _offset(
    theatre: Theatre, along: np.ndarray, metres: float | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Points ``metres`` to the left of the line (right if negative) at distances along it
    (the normal from the line's direction over 20 m around each point)."""
    line, length = theatre.line, theatre.line.length
    base = shapely.line_interpolate_point(line, along)
    ahead = shapely.line_interpolate_point(line, np.minimum(along + 10.0, length))
    behind = shapely.line_interpolate_point(line, np.maximum(along - 10.0, 0.0))
    dx = shapely.get_x(ahead) - shapely.get_x(behind)
    dy = shapely.get_y(ahead) - shapely.get_y(behind)
    norm = np.hypot(dx, dy)
    return shapely.get_x(base) - metres * dy / norm, shapely.get_y(base) + metres * dx / norm


def detailed(theatre: Theatre, vertices: int = 2_400, seed: int = 0) -> Theatre:
    """The theatre with its line redrawn at the detail of a front mapped every few hundred
    metres: a vertex every ``length / vertices`` metres, meandering up to about a
    kilometre either side (waves of 1.5 to 40 km) and never crossing itself. Illustrative,
    drawn from the bundled line: for benchmarks and tests at a realistic size."""
    spacing = theatre.line.length / vertices
    xy = np.asarray(shapely.segmentize(theatre.line, spacing).coords)[:, :2]
    along = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(xy, axis=0).T))])
    # Offsets go along the direction averaged over about 10 km, so that a meander near a
    # sharp corner of the bundled line does not reach across it.
    half = max(int(10_000 / spacing), 1)
    kernel = np.ones(2 * half + 1) / (2 * half + 1)
    tangent = np.column_stack(
        [
            np.convolve(np.pad(c, half, mode="edge"), kernel, "valid")
            for c in np.gradient(xy, axis=0).T
        ]
    )
    normal = np.column_stack([-tangent[:, 1], tangent[:, 0]]) / np.hypot(*tangent.T)[:, None]
    rng = np.random.default_rng(seed)
    amplitude, line = 1_500.0, shapely.LineString(xy)
    for _ in range(8):  # a smaller meander wherever the line would cross itself
        waves = [(w / 40e3) ** 0.5 * np.sin(2 * np.pi * along / w + rng.uniform(0, 2 * np.pi))
                 for w in (40e3, 12e3, 4e3, 1.5e3)]  # fmt: skip
        meandering = shapely.LineString(xy + normal * (amplitude * sum(waves))[:, None])
        if meandering.is_simple:
            line = meandering
            break
        amplitude /= 1.5
    return replace(theatre, line=line, line_lonlat=shapely.transform(
        line, lambda c: np.column_stack(theatre.to_lonlat(c[:, 0], c[:, 1]))))  # fmt: skip


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
            geometry: dict[str, object] = {"type": "Point", "coordinates": [lon, lat]}
            route = record.pop("route", None)
            if route:  # a patrol: its route is the geometry
                points = [[float(v) for v in p.split()] for p in str(route).split(",")]
                geometry = {"type": "LineString", "coordinates": points}
            features.append({"type": "Feature", "geometry": geometry, "properties": record})
        path.write_text(
            json.dumps({"type": "FeatureCollection", "features": features}, indent=0),
            encoding="utf-8",
        )
    else:
        raise CoalitionError(f"{path}: unknown format {suffix!r} (csv, json, geojson, parquet)")

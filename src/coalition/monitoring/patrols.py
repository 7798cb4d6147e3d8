"""Where monitors were: the patrol log, and which sectors no patrol saw that day, so that
"no reports" can be told from "no monitors" (the mission's reports said where it could
not go, and a quiet sector without a patrol is not a calm one)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from coalition.domain.monitoring import ReportType
from coalition.monitoring.theatre import Theatre

#: How far a patrol is taken to see and hear on either side of its route.
SEES_M = 5_000.0


def routes(patrols: pd.DataFrame, theatre: Theatre) -> list[shapely.Geometry]:
    """Each patrol's route in metres (its starting point where it gave no route)."""
    found: list[shapely.Geometry] = []
    for row in patrols.itertuples():
        points = getattr(row, "route", None)
        if isinstance(points, list | np.ndarray) and len(points) >= 2:
            lon, lat = np.asarray(points, dtype=float).T
            x, y = theatre.to_metres(lon, lat)
            found.append(shapely.LineString(np.column_stack([x, y])))
        else:
            x, y = theatre.to_metres(np.array([row.lon]), np.array([row.lat]))
            found.append(shapely.Point(x[0], y[0]))
    return found


def log(
    events: pd.DataFrame, theatre: Theatre, reports: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per patrol: the team, from and until, the length of its route, the
    sectors it passed through (within sight)."""
    patrols = events[events["type"] == ReportType.PATROL.value].reset_index(drop=True)
    columns = ["event_id", "team", "start", "until", "km", "sectors", "hours"]
    if not len(patrols):
        return pd.DataFrame(columns=columns)
    known = reports is not None and len(reports)
    teams = reports.set_index("id")["reporter"] if known else pd.Series(dtype=object)  # type: ignore[union-attr]
    tracks = routes(patrols, theatre)
    rows = []
    for row, track in zip(patrols.itertuples(), tracks, strict=True):
        seen = track.buffer(SEES_M)
        sectors = [c for c, s in zip(theatre.sector_codes, theatre.sectors, strict=True)
                   if seen.intersects(s)]  # fmt: skip
        until = pd.Timestamp(row.until) if isinstance(row.until, str) else row.time
        rows.append({
            "event_id": row.event_id,
            "team": teams.get(row.event_id.removeprefix("E-"), ""),
            "start": row.time, "until": until, "km": round(track.length / 1000, 1),
            "sectors": sectors, "hours": round((until - row.time).total_seconds() / 3600, 1),
        })  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def coverage(patrol_log: pd.DataFrame, sectors: tuple[str, ...]) -> pd.DataFrame:
    """Per sector: how many patrols passed and their hours; ``observed`` is False where
    none did."""
    counts = {s: [0, 0.0] for s in sectors}
    for row in patrol_log.itertuples():
        for sector in row.sectors:
            if sector in counts:
                counts[sector][0] += 1
                counts[sector][1] += float(row.hours)
    return pd.DataFrame(
        [
            {"sector": s, "patrols": n, "hours": round(h, 1), "observed": n > 0}
            for s, (n, h) in counts.items()
        ]
    )


def with_passes(counts: pd.DataFrame, seen: pd.DataFrame) -> pd.DataFrame:
    """Counts per sector with ``patrols`` as the patrols that passed through each sector
    (see ``coverage``), not those that started there."""
    passes = counts["sector"].map(seen.set_index("sector")["patrols"]).fillna(0)
    return counts.assign(patrols=passes.astype("int64"))

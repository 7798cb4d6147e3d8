"""The map of a monitoring day, drawn with matplotlib for the daily report: Natural
Earth's basemap (geography), the theatre's line, zones and sectors, the day's events
and the towns they are named from (places)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import shapely

from coalition.monitoring import geography
from coalition.monitoring.places import town_points
from coalition.monitoring.theatre import Theatre
from coalition.reports.figures import MARKERS, pyplot, svg

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Towns named on the map at most (those the day's events are named from, nearest first).
MAX_TOWNS = 14


def _outline(ax: Axes, geometry: shapely.Geometry, gid: str, **style: object) -> None:
    """Every ring (or line) of a geometry, in one layer with its id."""
    for part in shapely.get_parts(geometry):
        rings = [part] if part.geom_type == "LineString" else [part.exterior, *part.interiors]
        for ring in rings:
            xy = np.asarray(ring.coords)
            (drawn,) = ax.plot(xy[:, 0], xy[:, 1], **style)  # type: ignore[arg-type]
            drawn.set_gid(gid)


def _basemap(ax: Axes) -> None:
    for country in geography.neighbours():
        for part in shapely.get_parts(country.geometry):
            xy = np.asarray(part.exterior.coords)
            (patch,) = ax.fill(xy[:, 0], xy[:, 1], color="#eeeeee", lw=0, zorder=0)
            patch.set_gid("layer-neighbours")
    for unit in geography.oblasts():
        _outline(ax, unit.geometry, "layer-oblasts", color="#bbbbbb", lw=0.4, zorder=1)
    _outline(ax, geography.ukraine(), "layer-border", color="#555555", lw=1.2, zorder=1)
    _outline(ax, geography.river("Dnipro"), "layer-dnipro", color="#4a90d9", lw=1.4, zorder=1)
    ax.plot([], [], color="#555555", lw=1.2, label="border (Natural Earth)")
    ax.plot([], [], color="#4a90d9", lw=1.4, label="Dnipro")


def _towns(ax: Axes, events: pd.DataFrame) -> None:
    """The towns the events are named from, as dots with their names."""
    if not len(events):
        return
    for name, lon, lat in town_points(events["lon"].to_numpy(float),
                                       events["lat"].to_numpy(float))[:MAX_TOWNS]:  # fmt: skip
        dot = ax.scatter([lon], [lat], s=8, c="#222222", zorder=5)
        dot.set_gid("layer-towns")
        label = ax.annotate(name, (lon, lat), xytext=(3, 3), textcoords="offset points",
                            fontsize=6, color="#222222", zorder=5)  # fmt: skip
        label.set_gid("layer-towns")


def _patrols(ax: Axes, events: pd.DataFrame) -> None:
    """Where monitors went: each patrol's route, dashed."""
    chosen = events[events["type"] == "patrol"]
    routes = [r for r in chosen.get("route", pd.Series(dtype=object)) if isinstance(r, list)]
    for i, route in enumerate(routes):
        points = np.asarray(route, dtype=float)
        (drawn,) = ax.plot(points[:, 0], points[:, 1], color="#2166ac", lw=1, ls="--",
                           label=f"patrol routes ({len(routes)})" if i == 0 else None)  # fmt: skip
        drawn.set_gid(f"layer-patrols-{i}")


def theatre_map(
    theatre: Theatre,
    events: pd.DataFrame,
    zone_km: list[float],
    alert_sectors: set[str],
    title: str,
) -> str:
    """The basemap (neighbours, Ukraine's border and oblasts, the Dnipro), the line,
    zone bands, sectors (alerting ones shaded), the day's events and the towns they are
    named from. Each layer has an id in the SVG (``layer-border``...), so a test can
    tell the map has them."""
    fig, ax = pyplot().subplots(figsize=(10, 6.5))
    _basemap(ax)
    for km, alpha in zip(sorted(zone_km, reverse=True), (0.08, 0.12, 0.18, 0.24), strict=False):
        band = shapely.buffer(theatre.line, km * 1000.0)
        ring = np.asarray(band.exterior.coords)
        lon, lat = theatre.to_lonlat(ring[:, 0], ring[:, 1])
        ax.fill(lon, lat, color="#377eb8", alpha=alpha, lw=0, label=f"within {km:g} km")
    for code, name, polygon in zip(
        theatre.sector_codes, theatre.sector_names, theatre.sectors_lonlat, strict=True
    ):
        alerting = code in alert_sectors
        for part in getattr(polygon, "geoms", [polygon]):
            ring = np.asarray(part.exterior.coords)
            ax.fill(ring[:, 0], ring[:, 1], color="#e41a1c", alpha=0.06 if alerting else 0.0,
                    lw=0)  # fmt: skip
            ax.plot(ring[:, 0], ring[:, 1], color="#e41a1c" if alerting else "#999999",
                    lw=1.5 if alerting else 0.6)  # fmt: skip
        label = polygon.representative_point()
        ax.annotate(name + (" (alert)" if alerting else ""), (label.x, label.y), fontsize=7,
                    color="#555555", ha="center")  # fmt: skip
    line = np.asarray(theatre.line_lonlat.coords)
    (drawn,) = ax.plot(line[:, 0], line[:, 1], color="black", lw=2, label="line of contact")
    drawn.set_gid("layer-line")
    _patrols(ax, events)
    for kind, (marker, colour) in MARKERS.items():
        chosen = events[events["type"] == kind]
        if len(chosen):
            ax.scatter(
                chosen["lon"],
                chosen["lat"],
                marker=marker,
                s=22,
                c=colour,
                edgecolors="white",
                linewidths=0.4,
                label=f"{kind.replace('_', ' ')} ({len(chosen)})",
                zorder=3,
            )
    bad = events[events["violation"].astype(bool)]
    if len(bad):
        ax.scatter(
            bad["lon"],
            bad["lat"],
            marker="o",
            s=120,
            facecolors="none",
            edgecolors="#e41a1c",
            linewidths=1.6,
            label=f"violation: inside its line or missing from storage ({len(bad)})",
            zorder=4,
        )
    _towns(ax, events)
    west, south, east, north = shapely.bounds(
        shapely.union_all([theatre.line_lonlat, *theatre.sectors_lonlat])
    ).tolist()
    ax.set_xlim(west - 0.5, east + 0.5)
    ax.set_ylim(south - 0.4, north + 0.4)
    lat0 = float(np.mean(line[:, 1]))
    ax.set_aspect(1 / math.cos(math.radians(lat0)))
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title(title, fontsize=10)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, framealpha=0.9)
    ax.grid(alpha=0.2)
    return svg(fig)

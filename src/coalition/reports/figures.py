"""Figures as inline SVG strings, drawn with matplotlib's non-interactive backend."""

from __future__ import annotations

import io
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import shapely
from matplotlib.figure import Figure

from coalition.monitoring.theatre import Theatre

MARKERS = {
    "explosion": ("o", "#d95f02"),
    "projectile": ("^", "#e6ab02"),
    "burst_of_fire": ("s", "#7570b3"),
    "drone": ("D", "#1b9e77"),
    "weapon_sighting": ("P", "#444444"),
    "casualties": ("X", "#a6761d"),
}


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def theatre_map(
    theatre: Theatre,
    events: pd.DataFrame,
    zone_km: list[float],
    alert_sectors: set[str],
    title: str,
) -> str:
    """The line, zone bands, sectors (alerting ones shaded) and the day's events."""
    fig, ax = plt.subplots(figsize=(9, 6.5))
    for km, alpha in zip(sorted(zone_km, reverse=True), (0.08, 0.12, 0.18, 0.24), strict=False):
        band = shapely.buffer(theatre.line, km * 1000.0)
        ring = np.asarray(band.exterior.coords)
        lon, lat = theatre.to_lonlat(ring[:, 0], ring[:, 1])
        ax.fill(lon, lat, color="#377eb8", alpha=alpha, lw=0, label=f"within {km:g} km")
    for code, name, polygon in zip(
        theatre.sector_codes, theatre.sector_names, theatre.sectors_lonlat, strict=True
    ):
        ring = np.asarray(polygon.exterior.coords)
        alerting = code in alert_sectors
        ax.fill(ring[:, 0], ring[:, 1], color="#e41a1c", alpha=0.12 if alerting else 0.0, lw=0)
        ax.plot(
            ring[:, 0],
            ring[:, 1],
            color="#e41a1c" if alerting else "#999999",
            lw=1.5 if alerting else 0.6,
        )
        ax.annotate(
            name + (" (alert)" if alerting else ""),
            (ring[:, 0].min() + 0.05, ring[:, 1].max() - 0.12),
            fontsize=7,
            color="#555555",
        )
    line = np.asarray(theatre.line_lonlat.coords)
    ax.plot(line[:, 0], line[:, 1], color="black", lw=2, label="line of contact")
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
            label=f"withdrawal violation ({len(bad)})",
            zorder=4,
        )
    lat0 = float(np.mean(line[:, 1]))
    ax.set_aspect(1 / math.cos(math.radians(lat0)))
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title(title, fontsize=10)
    ax.legend(loc="lower right", fontsize=7, framealpha=0.9)
    ax.grid(alpha=0.2)
    return _svg(fig)


def trend_chart(daily: pd.DataFrame, title: str) -> str:
    """Stacked bars of events per day by type (``daily``: index day, a column per type)."""
    fig, ax = plt.subplots(figsize=(9, 3))
    bottom = np.zeros(len(daily))
    labels = [str(d) for d in daily.index]
    for kind in daily.columns:
        colour = MARKERS.get(str(kind), ("", "#888888"))[1]
        ax.bar(
            labels,
            daily[kind].to_numpy(),
            bottom=bottom,
            color=colour,
            label=str(kind).replace("_", " "),
        )
        bottom += daily[kind].to_numpy()
    ax.set_ylabel("events")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=7, ncol=3)
    ax.grid(axis="y", alpha=0.2)
    fig.autofmt_xdate()
    return _svg(fig)

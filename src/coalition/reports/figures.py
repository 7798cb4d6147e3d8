"""Figures as inline SVG strings, drawn with matplotlib's non-interactive backend."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

MARKERS = {
    "explosion": ("o", "#d95f02"),
    "projectile": ("^", "#e6ab02"),
    "burst_of_fire": ("s", "#7570b3"),
    "drone": ("D", "#1b9e77"),
    "weapon_sighting": ("P", "#444444"),
    "casualties": ("X", "#a6761d"),
}


def svg(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


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
    return svg(fig)

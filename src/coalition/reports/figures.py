"""Figures as inline SVG strings, drawn with matplotlib's non-interactive backend.

matplotlib is imported when a figure is drawn, not when this module is: the command line
imports every capability to build its help, and pyplot alone took about a third of a
second of each ``coalition`` command's start."""

from __future__ import annotations

import io
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@cache
def pyplot() -> ModuleType:
    """matplotlib's pyplot on the non-interactive backend (no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


MARKERS = {
    "explosion": ("o", "#d95f02"),
    "impact": ("v", "#b2182b"),
    "outgoing_fire": ("^", "#ef8a62"),
    "projectile": (">", "#e6ab02"),
    "burst_of_fire": ("s", "#7570b3"),
    "flare": ("*", "#fdb863"),
    "muzzle_flash": ("*", "#8073ac"),
    "drone": ("D", "#1b9e77"),
    "weapon_sighting": ("P", "#444444"),
    "storage_visit": ("h", "#01665e"),
    "casualties": ("X", "#a6761d"),
    "infrastructure_damage": ("p", "#8c510a"),
    "repair_window": ("H", "#35978f"),
    "movement_restriction": ("d", "#c51b7d"),
}


def svg(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    pyplot().close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def trend_chart(daily: pd.DataFrame, title: str, colours: dict[str, str] | None = None) -> str:
    """Stacked bars of events per day by type (``daily``: index day, a column per type;
    ``colours`` by column, else the type's marker colour)."""
    fig, ax = pyplot().subplots(figsize=(9, 3))
    bottom = np.zeros(len(daily))
    labels = [str(d) for d in daily.index]
    for kind in daily.columns:
        colour = (colours or {}).get(str(kind)) or MARKERS.get(str(kind), ("", "#888888"))[1]
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

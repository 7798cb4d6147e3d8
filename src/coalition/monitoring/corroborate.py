"""Several reports of one event become one event, and every merge can be explained.

Two reports are linked when they come from different reporters (and, for reports sent
through the server, from different accounts: one account naming three reporters is one
source), lie within the time window of each other, are no farther apart than the sum of
their stated position uncertainties (at least ``min_distance_m``), and have compatible
types (a weapon sighting only with a sighting of the same weapon class). Events are the connected
groups of links (``pairs`` finds the links, ``events`` builds the events).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from coalition.monitoring.columns import codes, lookup
from coalition.monitoring.events import build
from coalition.monitoring.pairs import Reports, find_links
from coalition.monitoring.rules import Rules
from coalition.monitoring.theatre import Theatre


@dataclass(frozen=True)
class Corroborated:
    """``events``: one row per event; ``members``: report id -> event id; ``links``: the
    pairs that merged reports, with the measures that allowed it."""

    events: pd.DataFrame
    members: pd.DataFrame
    links: pd.DataFrame


def _type_groups(rules: Rules, types: pd.Series) -> np.ndarray:
    """Bit mask of the compatibility groups each report type belongs to."""
    masks: dict[str, float] = {}
    for bit, group in enumerate(rules.compatible_types):
        for kind in group:
            masks[kind.value] = float(int(masks.get(kind.value, 0)) | (1 << bit))
    return lookup(types, masks).astype(np.int64)


def corroborate(reports: pd.DataFrame, theatre: Theatre, rules: Rules) -> Corroborated:
    """Group classified reports (see ``classify``) into events."""
    n = len(reports)
    data = reports.reset_index(drop=True)
    sources = codes(_independence(data))
    links = find_links(
        Reports(
            x=data["x"].to_numpy(float),
            y=data["y"].to_numpy(float),
            t=seconds(data["time"]),
            uncertainty=data["uncertainty_m"].to_numpy(float),
            groups=_type_groups(rules, data["type"]),
            weapon=codes(data["weapon_class"]),
            source=sources,
        ),
        rules.corroboration.window_s,
        rules.corroboration.min_distance_m,
    )
    graph = coo_matrix((np.ones(len(links.a)), (links.a, links.b)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    events, members, joined = build(data, label, links, sources, theatre, rules)
    return Corroborated(events=events, members=members, links=joined)


def seconds(time: pd.Series) -> np.ndarray:
    """UTC times as float seconds since the epoch, whatever the column's resolution."""
    return np.asarray((time - pd.Timestamp(0, tz="UTC")) / pd.Timedelta(seconds=1), dtype=float)


def _independence(data: pd.DataFrame) -> pd.Series:
    """Who stands behind each report: the server account that submitted it, else the
    reporter a file names. Two reports corroborate only if these differ."""
    reporter = data["reporter"].astype(str)
    if "account" in data:
        reporter = data["account"].where(data["account"].notna(), "reporter:" + reporter)
    return reporter

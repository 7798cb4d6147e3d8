"""Weapons and their storage sites, as the mission reported them: a weapon seen beyond
its withdrawal line is either at a designated storage site or outside every one, and a
verification visit counts what a site holds against the inventory it should hold.

Weapons missing from a site are a violation in their own right (each opens a case, as a
weapon inside its band does); a weapon outside the sites but beyond its line is recorded
and reported, not a violation of the withdrawal rules.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coalition.domain.monitoring import ReportType
from coalition.monitoring.columns import labels
from coalition.monitoring.rules import Rules
from coalition.monitoring.theatre import Theatre

WITHDRAWAL = "inside its withdrawal line"
MISSING = "missing from its storage site"
OUTSIDE = "outside designated storage sites"


def nearest_site(
    theatre: Theatre, rules: Rules, x: np.ndarray, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The code of the nearest designated site to each point and its distance (metres)."""
    sites = rules.storage.sites
    if not sites or not len(x):
        return np.full(len(x), None, dtype=object), np.full(len(x), np.inf)
    sx, sy = theatre.to_metres(np.array([s.lon for s in sites]), np.array([s.lat for s in sites]))
    far = np.hypot(x[:, None] - sx[None, :], y[:, None] - sy[None, :])
    best = far.argmin(axis=1)
    codes = np.array([s.code for s in sites], dtype=object)
    return codes[best], far[np.arange(len(x)), best]


def judge(events: pd.DataFrame, theatre: Theatre, rules: Rules) -> pd.DataFrame:
    """The events with ``storage`` (where a weapon stands against the sites, in words),
    ``expected`` and ``missing`` (a storage visit's counts), ``violation`` (a weapon inside
    its band, or missing from its site) and ``violation_kind``."""
    out = events.copy(deep=False)  # new columns only: the caller's frame is left alone
    sighting = (out["type"] == ReportType.WEAPON_SIGHTING.value).to_numpy(bool)
    visit = np.flatnonzero((out["type"] == ReportType.STORAGE_VISIT.value).to_numpy(bool))
    storage = np.full(len(out), "", dtype=object)
    beyond = np.flatnonzero(sighting & ~out["violation"].to_numpy(bool))
    code, metres = nearest_site(
        theatre, rules, out["x"].to_numpy(float)[beyond], out["y"].to_numpy(float)[beyond]
    )
    at_site = metres <= rules.storage.at_site_m
    storage[beyond[at_site]] = [f"at storage site {c}" for c in code[at_site]]
    storage[beyond[~at_site]] = OUTSIDE
    inventories = {s.code: s.inventory for s in rules.storage.sites}
    site = out["site"].to_numpy(object)[visit] if "site" in out else np.full(len(visit), None)
    weapon = out["weapon_class"].to_numpy(object)[visit]
    expected = np.zeros(len(out), dtype=np.int64)
    expected[visit] = [inventories.get(s, {}).get(w, 0) for s, w in zip(site, weapon, strict=True)]
    found = out["count"].to_numpy(np.int64)
    missing = np.zeros(len(out), dtype=np.int64)
    missing[visit] = np.maximum(expected[visit] - found[visit], 0)
    storage[visit] = [f"visit to {s}: {found[i]} of {expected[i]} present"
                      for s, i in zip(site, visit, strict=True)]  # fmt: skip
    # Counts a visit makes; nothing (not zero) for what no visit counted.
    counted = np.zeros(len(out), dtype=bool)
    counted[visit] = True
    out["storage"] = pd.Series(storage, index=out.index, dtype="str")
    out["expected"] = np.where(counted, expected, np.nan)
    out["missing"] = np.where(counted, missing, np.nan)
    withdrawal = out["violation"].to_numpy(bool)
    out["violation"] = withdrawal | (missing > 0)
    out["violation_kind"] = labels(
        np.where(withdrawal, 0, np.where(missing > 0, 1, 2)), [WITHDRAWAL, MISSING, ""]
    ).set_axis(out.index)
    return out

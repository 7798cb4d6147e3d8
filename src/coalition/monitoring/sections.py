"""The daily report's sections as the mission wrote them, computed from a day's events:
fire by place (impacts, outgoing, undetermined, with calibre and direction), weapons
(inside their lines, beyond them outside the storage sites, storage visits), freedom of
movement, civilian casualties, damage and repair windows (with fire seen near a window
while it was open), attribution (only with its basis). Each is a list of plain rows the
template prints; none invents a value a report did not give."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coalition.domain.monitoring import CONFIRMING, SHELLING, ReportType
from coalition.monitoring.storage import OUTSIDE, WITHDRAWAL

T = ReportType
FIRE = (*SHELLING, T.BURST_OF_FIRE, T.FLARE, T.MUZZLE_FLASH)
#: Fire this close to a repair site while its window is open breaks the window.
WINDOW_M = 5_000.0
LIMIT = 30  # places shown in the report, those with most events
_COMPASS = ("north", "north-east", "east", "south-east", "south", "south-west", "west",
            "north-west")  # fmt: skip


def _of(events: pd.DataFrame, *types: ReportType) -> pd.DataFrame:
    return events[events["type"].isin([t.value for t in types])].sort_values("time")


def _get(row: Any, name: str) -> Any:
    value = getattr(row, name, None)
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else value


def direction(bearing: float | None) -> str:
    """A bearing in words (fire seen travelling towards...)."""
    if bearing is None or not np.isfinite(bearing):
        return ""
    return _COMPASS[int(((bearing % 360) + 22.5) // 45) % 8]


def fire_by_place(events: pd.DataFrame) -> list[dict[str, Any]]:
    """Fire grouped by place and kind, as the mission summed it: "12 explosions (3
    impacts, 9 undetermined) 2 km south of X", with calibres and directions given."""
    fire = _of(events, *FIRE)
    rows = []
    for (place, sector), group in fire.groupby(["place", "sector"], sort=False):
        kinds = group["type"].value_counts()
        calibres = sorted({int(c) for c in group.get("calibre_mm", pd.Series()).dropna()})
        towards = sorted({direction(b) for b in group["bearing_deg"].dropna()} - {""})
        rows.append({
            "place": place, "sector": sector, "total": len(group),
            "kinds": ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in kinds.items()),
            "calibres": ", ".join(f"{c} mm" for c in calibres),
            "directions": ", ".join(towards),
            "first": group["time"].min(), "last": group["time"].max(),
        })  # fmt: skip
    rows.sort(key=lambda r: (-int(r["total"]), r["first"]))
    return rows


def weapons_outside_storage(events: pd.DataFrame) -> list[dict[str, Any]]:
    beyond = _of(events, T.WEAPON_SIGHTING)
    beyond = beyond[beyond.get("storage", pd.Series("", index=beyond.index)) == OUTSIDE]
    return [_plain(r) for r in beyond.itertuples()]


def storage_visits(events: pd.DataFrame) -> list[dict[str, Any]]:
    return [_plain(r) for r in _of(events, T.STORAGE_VISIT).itertuples()]


def withdrawal_violations(events: pd.DataFrame) -> list[dict[str, Any]]:
    kind = events.get("violation_kind", pd.Series("", index=events.index))
    return [_plain(r) for r in events[kind == WITHDRAWAL].sort_values("time").itertuples()]


def restrictions(events: pd.DataFrame) -> list[dict[str, Any]]:
    return [_plain(r) for r in _of(events, T.MOVEMENT_RESTRICTION).itertuples()]


def casualties(events: pd.DataFrame) -> list[dict[str, Any]]:
    rows = [_plain(r) for r in _of(events, T.CASUALTIES).itertuples()]
    confirming = {c.value for c in CONFIRMING}
    for row in rows:
        row["confirmed"] = row.get("confirmed_by") in confirming
    return rows


def damage(events: pd.DataFrame) -> list[dict[str, Any]]:
    return [_plain(r) for r in _of(events, T.INFRASTRUCTURE_DAMAGE).itertuples()]


def repair_windows(events: pd.DataFrame, fire_events: pd.DataFrame) -> list[dict[str, Any]]:
    """Each window of silence, with the fire events seen within ``WINDOW_M`` of it while
    it was open (from the day's and earlier events)."""
    fire = _of(fire_events, *FIRE)
    rows = []
    for window in _of(events, T.REPAIR_WINDOW).itertuples():
        until = pd.Timestamp(_get(window, "until") or window.time)
        near = np.hypot(fire["x"] - window.x, fire["y"] - window.y) <= WINDOW_M
        during = (fire["time"] >= window.time) & (fire["time"] <= until)
        broken = fire[near & during]
        row = _plain(window) | {"until": until, "fire_during": len(broken),
                                "fire_events": ", ".join(broken["event_id"].head(8))}  # fmt: skip
        rows.append(row)
    return rows


def attributed(events: pd.DataFrame) -> list[dict[str, Any]]:
    """Events a report attributes to a side, each with the basis it gave."""
    sided = events[events["side"].notna()].sort_values("time")
    return [_plain(r) for r in sided.itertuples()]


def _plain(row: Any) -> dict[str, Any]:
    return {k: _get(row, k) for k in row._fields if k != "Index"}


def in_words(event: Any) -> str:
    """What only this event's type says, in a few words (calibre and direction, people,
    the restriction, the storage count, the facility, a patrol's end)."""
    kind = event.type
    parts: list[str] = []
    if kind == T.WEAPON_SIGHTING.value and _get(event, "weapon_class"):
        parts.append(f"{int(event.count)} x {str(event.weapon_class).replace('_', ' ')}")
    if _get(event, "calibre_mm"):
        parts.append(f"{int(event.calibre_mm)} mm")
    towards = direction(_get(event, "bearing_deg")) if kind in {t.value for t in FIRE} else ""
    if towards:
        parts.append(f"towards the {towards}")
    if kind == T.CASUALTIES.value:
        confirmed = _get(event, "confirmed_by") or "unconfirmed"
        parts.append(f"{int(_get(event, 'killed') or 0)} killed, "
                     f"{int(_get(event, 'injured') or 0)} injured ({confirmed})")  # fmt: skip
    if _get(event, "restriction"):
        parts.append(f"{event.restriction} by {_get(event, 'restricted_by') or 'not stated'}")
    if _get(event, "storage"):
        parts.append(str(event.storage))
    if _get(event, "facility"):
        parts.append(str(event.facility))
    if kind in (T.PATROL.value, T.REPAIR_WINDOW.value) and _get(event, "until"):
        parts.append(f"until {str(event.until)[11:16]} UTC")
    if _get(event, "side") and _get(event, "basis"):
        parts.append(f"attributed ({event.basis})")
    return ", ".join(parts)

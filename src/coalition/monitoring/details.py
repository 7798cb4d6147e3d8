"""What only some report types say, checked and kept as one ``details`` object a report.

A casualty report says who was killed or injured and who confirmed it; a restriction of
movement says how and by whom; a storage visit names the site; a patrol says until when
and along which route. Each field is checked like the common columns (every reason a row
fails is listed, nothing is dropped), and a field given on a type it does not belong to is
an error, not silently kept: a "site" on an explosion is a mistake in the file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from pyproj import Geod

from coalition.domain.monitoring import ConfirmedBy, Facility, ReportType, Restriction
from coalition.monitoring.rules import StorageSite

Flag = Callable[[Any, str], None]
T = ReportType

_FIRE = (T.EXPLOSION, T.IMPACT, T.OUTGOING_FIRE, T.PROJECTILE, T.MUZZLE_FLASH)
#: The report types each field belongs to.
APPLIES: dict[str, tuple[ReportType, ...]] = {
    "calibre_mm": (*_FIRE, T.WEAPON_SIGHTING, T.STORAGE_VISIT),
    "killed": (T.CASUALTIES,),
    "injured": (T.CASUALTIES,),
    "confirmed_by": (T.CASUALTIES,),
    "restriction": (T.MOVEMENT_RESTRICTION,),
    "restricted_by": (T.MOVEMENT_RESTRICTION,),
    "facility": (T.INFRASTRUCTURE_DAMAGE, T.REPAIR_WINDOW, T.IMPACT),
    "site": (T.STORAGE_VISIT,),
    "until": (T.PATROL, T.REPAIR_WINDOW),
    "route": (T.PATROL,),
    "basis": tuple(T),
}
#: Fields a type cannot do without.
NEEDED: dict[ReportType, tuple[str, ...]] = {
    T.MOVEMENT_RESTRICTION: ("restriction",),
    T.INFRASTRUCTURE_DAMAGE: ("facility",),
    T.REPAIR_WINDOW: ("facility", "until"),
    T.PATROL: ("until",),
    T.STORAGE_VISIT: ("site",),
}
#: How long a patrol or a repair window may last (longer is a typing mistake).
LONGEST = {T.PATROL: (pd.Timedelta(hours=24), "24 hours"),
           T.REPAIR_WINDOW: (pd.Timedelta(days=7), "7 days")}  # fmt: skip
_TEXT_LIMIT = 300
MAX_PEOPLE = 100_000
#: A storage visit is reported at its site, give or take the site's extent.
VISIT_WITHIN_M = 5_000.0
_GEOD = Geod(ellps="WGS84")


def numbers(values: pd.Series) -> pd.Series:
    """Numbers, NaN for what is not one; an integer too large for a float (a 400-digit
    longitude) is not a number either, so its row is quarantined, not the whole batch."""
    try:
        return pd.to_numeric(values, errors="coerce")
    except OverflowError:
        return pd.to_numeric(values.map(_finite_or_none), errors="coerce")


def _finite_or_none(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:
            return None
    return value


def _given(text: pd.Series) -> np.ndarray:
    return np.asarray((text.notna() & (text != "")).to_numpy(dtype=bool), dtype=bool)


def _route(value: object) -> list[list[float]] | None:
    """``lon lat, lon lat, ...``, a list of ``[lon, lat]`` or a GeoJSON LineString (as
    JSON lines and GeoJSON files give it) as a list of points; None if it is not one."""
    if isinstance(value, dict) and value.get("type") == "LineString":
        value = value.get("coordinates")
    if isinstance(value, list | tuple):
        try:
            value = ", ".join(f"{float(p[0])} {float(p[1])}" for p in value)
        except (TypeError, ValueError, IndexError, KeyError):
            return None
    if not isinstance(value, str):
        return None
    points: list[list[float]] = []
    for part in value.split(","):
        pieces = part.split()
        if len(pieces) != 2:
            return None
        try:
            lon, lat = float(pieces[0]), float(pieces[1])
        except ValueError:
            return None
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return None
        points.append([lon, lat])
    return points if len(points) >= 2 else None


def check(
    frame: pd.DataFrame,
    text: dict[str, pd.Series],
    kind: pd.Series,
    time: pd.Series,
    sites: Mapping[str, StorageSite],
    casualties: pd.Series,
    flag: Flag,
    position: tuple[pd.Series, pd.Series],
) -> tuple[pd.Series, pd.Series]:
    """Check the detail fields of every row; returns each row's ``details`` (a JSON
    object as text, or None) and the casualty totals (killed + injured where given)."""
    values: dict[str, pd.Series] = {}
    for field, types in APPLIES.items():
        wrong = _given(text[field]) & ~kind.isin([t.value for t in types]).to_numpy(bool)
        flag(wrong, f"{field}: not for this type (only {', '.join(t.value for t in types)})")
    for ident, fields in NEEDED.items():
        for field in fields:
            flag((kind == ident.value).to_numpy(bool) & ~_given(text[field]),
                 f"{field}: missing for a {ident.value}")  # fmt: skip

    calibre = numbers(frame["calibre_mm"])
    flag(_given(text["calibre_mm"]) & ~calibre.between(1, 1000), "calibre_mm: not 1..1000 mm")
    values["calibre_mm"] = calibre
    for field in ("killed", "injured"):
        number = numbers(frame[field])
        flag(_given(text[field]) & ~((number >= 0) & (number <= MAX_PEOPLE)
                                     & (number == np.floor(number))),
             f"{field}: not a whole number from 0 to {MAX_PEOPLE:,}")  # fmt: skip
        values[field] = number
    said = _given(text["killed"]) | _given(text["injured"])
    total = values["killed"].fillna(0) + values["injured"].fillna(0)
    stated = _given(text["casualties"])
    flag(said & stated & (casualties != total).to_numpy(bool), "casualties: not killed + injured")
    casualties = casualties.where(~said, total)
    flag((kind == T.CASUALTIES.value).to_numpy(bool) & (casualties <= 0).to_numpy(bool),
         "casualties: say how many were killed or injured")  # fmt: skip

    for field, vocabulary in (("confirmed_by", ConfirmedBy), ("restriction", Restriction),
                              ("facility", Facility)):  # fmt: skip
        known = text[field].isin([v.value for v in vocabulary]).to_numpy(bool)
        flag(_given(text[field]) & ~known,
             f"{field}: unknown (use {', '.join(v.value for v in vocabulary)})")  # fmt: skip
        values[field] = text[field]
    casualty = (kind == T.CASUALTIES.value).to_numpy(bool)
    values["confirmed_by"] = values["confirmed_by"].where(
        ~(casualty & ~_given(text["confirmed_by"])), ConfirmedBy.UNCONFIRMED.value
    )
    for field in ("restricted_by", "basis"):
        flag(text[field].str.len().fillna(0).to_numpy() > _TEXT_LIMIT,
             f"{field}: longer than {_TEXT_LIMIT} characters")  # fmt: skip
        values[field] = text[field]
    flag(_given(text["site"]) & ~text["site"].isin(list(sites)).to_numpy(bool),
         "site: not a designated storage site")  # fmt: skip
    _check_visits(text, kind, sites, flag, position)
    values["site"] = text["site"]

    until = pd.to_datetime(text["until"], errors="coerce", utc=True, format="ISO8601")
    offset = text["until"].str.contains(r"(?:Z|[+-]\d\d:?\d\d)$", regex=True, na=False)
    flag(_given(text["until"]) & (until.isna() | ~offset).to_numpy(bool),
         "until: not an ISO 8601 time with a UTC offset")  # fmt: skip
    flag((until <= time).fillna(False).to_numpy(bool), "until: not after the start")
    for ident, (longest, words) in LONGEST.items():
        too_long = (kind == ident.value) & ((until - time) > longest).fillna(False)
        flag(too_long.to_numpy(bool), f"until: a {ident.value} lasts at most {words}")
    values["until"] = until.dt.strftime("%Y-%m-%dT%H:%M:%SZ").where(until.notna(), None)

    route = frame["route"].map(lambda v: None if _missing(v) or v == "" else _route(v))
    flag(_given(text["route"]) & route.isna().to_numpy(bool),
         "route: not 'lon lat, lon lat, ...' with two points or more")  # fmt: skip
    values["route"] = route
    return _pack(values), casualties


def pack_columns(frame: pd.DataFrame) -> pd.Series:
    """``details`` from a frame that carries the fields as columns (a synthetic stream,
    already typed), for writers that store reports as checked ones are stored."""
    return _pack({f: frame[f] for f in APPLIES if f in frame})


def _check_visits(
    text: dict[str, pd.Series],
    kind: pd.Series,
    sites: Mapping[str, StorageSite],
    flag: Flag,
    position: tuple[pd.Series, pd.Series],
) -> None:
    """A storage visit is made at its site, and counts a weapon class the site holds
    (``position``: each report's longitude and latitude, as the common checks read them)."""
    visits = np.flatnonzero((kind == T.STORAGE_VISIT.value).to_numpy(bool))
    lon, lat = (values.to_numpy(float) for values in position)
    far = np.zeros(len(kind), dtype=bool)
    unheld = np.zeros(len(kind), dtype=bool)
    for i in visits:
        site = sites.get(str(text["site"].iloc[i]))
        if site is None:
            continue
        _, _, metres = _GEOD.inv(lon[i], lat[i], site.lon, site.lat)
        far[i] = not metres <= VISIT_WITHIN_M  # NaN (no position) is flagged elsewhere
        far[i] &= np.isfinite(metres)
        weapon = text["weapon_class"].iloc[i]
        unheld[i] = isinstance(weapon, str) and weapon not in site.inventory
    flag(far, f"site: the visit is placed more than {VISIT_WITHIN_M / 1000:.0f} km from its site")
    flag(unheld, "weapon_class: not in the site's inventory")


def _pack(values: dict[str, pd.Series]) -> pd.Series:
    """One JSON object per row with the fields it has (sorted keys: one text, one digest)."""
    table = pd.DataFrame(values)
    if table.empty:
        return pd.Series([None] * len(table), index=table.index, dtype=object)
    has = table.notna().any(axis=1).to_numpy()
    packed = pd.Series([None] * len(table), index=table.index, dtype=object)
    if has.any():
        packed[has] = [_json(r) for r in table[has].to_dict("records")]
    return packed


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _json(record: dict[str, Any]) -> str:
    kept = {k: v for k, v in record.items() if not _missing(v)}
    for field in ("killed", "injured"):
        if field in kept:
            kept[field] = int(kept[field])
    return json.dumps(kept, sort_keys=True, default=_plain_json)


def _plain_json(value: object) -> object:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.integer | np.floating):
        return value.item()
    raise TypeError(f"{type(value).__name__} in a report's details")


def unpack(details: pd.Series) -> pd.DataFrame:
    """The stored ``details`` as one column per field (None where a report has none)."""
    parsed = [json.loads(d) if isinstance(d, str) and d else {} for d in details]
    table = pd.DataFrame.from_records(parsed, columns=list(APPLIES), index=details.index)
    return table.astype(object).where(table.notna(), None)


def with_details(frame: pd.DataFrame) -> pd.DataFrame:
    """Reports with each detail field as a column of its own (a frame without a
    ``details`` column, as from a file written before details existed, gets empty ones)."""
    frame = frame.reset_index(drop=True)
    stored = (
        frame["details"] if "details" in frame else pd.Series([None] * len(frame), dtype=object)
    )
    fields = unpack(stored).reset_index(drop=True)
    return pd.concat([frame.drop(columns=[c for c in APPLIES if c in frame]), fields], axis=1)

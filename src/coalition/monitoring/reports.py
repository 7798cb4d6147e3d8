"""Read incident reports from CSV, JSON (array or one object per line), GeoJSON and
Parquet, and check them row by row, vectorised: valid rows come back typed, every other
row comes back with its reasons for the quarantine. Nothing is dropped silently.

Columns: ``id``, ``time`` (ISO 8601 with a UTC offset), ``reporter``, ``reporter_kind``,
``lon``, ``lat``, ``uncertainty_m``, ``type``; for weapon sightings ``weapon_class`` and
``count``; optional ``casualties``, ``bearing_deg`` (the direction of fire or travel),
``side`` (attributed to a side of the line, only with its ``basis``) and ``confidence``
(0..1, default 1).

What only some types say (``DETAILS``) is kept in one ``details`` object per report:
``calibre_mm`` (fire and weapons), ``killed``/``injured``/``confirmed_by`` (casualties),
``restriction``/``restricted_by`` (freedom of movement), ``facility`` (damage, repair
windows), ``site`` (a storage visit; ``count`` is what was found there), ``until`` (the
end of a patrol or a repair window), ``route`` (a patrol's path: ``lon lat, lon lat, ...``,
or a GeoJSON LineString) and ``basis`` (what supports an attribution).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from coalition.domain.monitoring import ReporterKind, ReportType, Side
from coalition.errors import CoalitionError
from coalition.monitoring.details import check as check_details
from coalition.monitoring.details import numbers
from coalition.monitoring.rules import StorageSite

COLUMNS = (
    "id",
    "time",
    "reporter",
    "reporter_kind",
    "lon",
    "lat",
    "uncertainty_m",
    "type",
    "weapon_class",
    "count",
    "casualties",
    "bearing_deg",
    "side",
    "confidence",
    "details",
)
#: Fields only some report types carry, stored together as ``details`` (JSON).
DETAILS = (
    "calibre_mm",
    "killed",
    "injured",
    "confirmed_by",
    "restriction",
    "restricted_by",
    "facility",
    "site",
    "until",
    "route",
    "basis",
)
#: The columns every report has; a report's content digest is theirs, plus its details.
BASE = tuple(c for c in COLUMNS if c != "details")
#: Bounds past which a value is a typing mistake, not a report (and would overflow sums).
MAX_COUNT = 10_000  # weapons in one sighting or visit
MAX_PEOPLE = 100_000
MAX_UNCERTAINTY_M = 500_000.0
#: How far ahead of the server's clock a report may be dated (clocks drift; days do not).
FUTURE = pd.Timedelta(days=1)
REQUIRED = ("id", "time", "reporter", "reporter_kind", "lon", "lat", "uncertainty_m", "type")
FORMATS = {".csv": "csv", ".json": "json", ".ndjson": "json", ".jsonl": "json"}
FORMATS |= {".geojson": "geojson", ".parquet": "parquet", ".pq": "parquet"}


@dataclass(frozen=True)
class Parsed:
    """``valid``: typed rows with a ``content_hash``; ``quarantine``: ``row`` (1-based,
    as a person counts data rows), ``reason`` and ``raw`` (the row as read, JSON)."""

    valid: pd.DataFrame
    quarantine: pd.DataFrame


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CoalitionError(
            f"{path}: not text in UTF-8 ({exc.reason} at byte {exc.start})"
        ) from exc


def _read_json(path: Path) -> pd.DataFrame:
    text = _text(path)
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CoalitionError(f"{path}: not JSON ({exc})") from exc
        return pd.DataFrame.from_records([r if isinstance(r, dict) else {"_": r} for r in records])
    rows: list[dict[str, Any]] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            obj = {"_unparsed": line, "_line": n}
        rows.append(obj if isinstance(obj, dict) else {"_unparsed": line, "_line": n})
    return pd.DataFrame.from_records(rows)


def _read_geojson(path: Path) -> pd.DataFrame:
    try:
        data = json.loads(_text(path))
    except json.JSONDecodeError as exc:
        raise CoalitionError(f"{path}: not JSON ({exc})") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise CoalitionError(f"{path}: expected a GeoJSON FeatureCollection")
    rows = []
    for feature in data.get("features") or []:
        row = dict((feature or {}).get("properties") or {})
        geometry = (feature or {}).get("geometry") or {}
        coords = geometry.get("coordinates") if geometry.get("type") == "Point" else None
        line = geometry.get("coordinates") if geometry.get("type") == "LineString" else None
        if isinstance(coords, list) and len(coords) >= 2:
            row["lon"], row["lat"] = coords[0], coords[1]
        elif isinstance(line, list) and line and isinstance(line[0], list):
            # A patrol's route: the report stands at its start, the route is kept whole.
            row["lon"], row["lat"] = line[0][0], line[0][1]
            row["route"] = ", ".join(" ".join(str(v) for v in p[:2]) for p in line)
        elif geometry:
            row["_geometry_error"] = f"geometry must be a Point, not {geometry.get('type')}"
        rows.append(row)
    return pd.DataFrame.from_records(rows)


def read_table(path: Path) -> pd.DataFrame:
    """The file's rows as strings (objects), whatever the format."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise CoalitionError(
            f"{path}: unknown format {path.suffix!r} (use {', '.join(sorted(FORMATS))})"
        )
    if not path.is_file():
        raise CoalitionError(f"{path}: no such file")
    if kind == "csv":
        table = _read_csv(path)
    elif kind == "json":
        table = _read_json(path)
    elif kind == "geojson":
        table = _read_geojson(path)
    else:
        try:
            table = pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises several types for a damaged file
            raise CoalitionError(f"{path}: not readable as Parquet ({exc})") from exc
    if len(table) and not set(REQUIRED) & set(table.columns):
        raise CoalitionError(
            f"{path}: none of the columns a report has ({', '.join(REQUIRED)}): not a report file"
        )
    return table


def _read_csv(path: Path) -> pd.DataFrame:
    """CSV rows as text; a row with more fields than the header is kept, to be
    quarantined with its reason, not allowed to reject the whole file."""
    options: dict[str, Any] = {"dtype": str, "keep_default_na": False, "na_values": [""]}
    try:
        return pd.read_csv(path, **options)
    except UnicodeDecodeError as exc:
        raise CoalitionError(f"{path}: not readable as CSV ({exc})") from exc
    except pd.errors.ParserError:
        pass  # ragged rows: read again, keeping them aside
    ragged: list[list[str]] = []

    def keep(fields: list[str]) -> None:
        ragged.append(fields)
        return None

    try:
        table = pd.read_csv(path, engine="python", on_bad_lines=keep, **options)
    except (pd.errors.ParserError, UnicodeDecodeError, csv.Error) as exc:
        raise CoalitionError(f"{path}: not readable as CSV ({exc})") from exc
    width = len(table.columns)
    extra = pd.DataFrame({"_unparsed": [",".join(f) for f in ragged],
                          "_ragged": [f"CSV: {len(f)} fields where the header has {width}"
                                      for f in ragged]})  # fmt: skip
    return pd.concat([table, extra], ignore_index=True)


def validate(
    table: pd.DataFrame, weapon_classes: set[str], sites: Mapping[str, StorageSite] | None = None
) -> Parsed:
    """Type and check every row; the reasons a row fails are all listed. ``sites``: the
    designated storage sites a storage visit may name."""
    n = len(table)
    frame = table.reset_index(drop=True)
    raw = frame.copy()
    for column in (*BASE, *DETAILS):
        if column not in frame:
            frame[column] = None
    reasons = [[] for _ in range(n)]  # type: list[list[str]]

    def flag(mask: np.ndarray | pd.Series, reason: str) -> None:
        # A comparison with a missing value is missing, not true: it flags nothing here
        # (the missing value itself is flagged where the field is required).
        values = mask.fillna(False) if isinstance(mask, pd.Series) else mask
        for i in np.flatnonzero(np.asarray(values, dtype=bool)):
            reasons[i].append(reason)

    for extra in ("_unparsed", "_geometry_error", "_ragged"):
        if extra in frame:
            bad = frame[extra].notna()
            if extra == "_unparsed":
                flag(bad & (frame["_ragged"].isna() if "_ragged" in frame else True),
                     "not a JSON object")  # fmt: skip
            else:
                for i in np.flatnonzero(bad.to_numpy()):
                    reasons[i].append(str(frame[extra].iloc[i]))
    text = {c: frame[c].astype("string").str.strip() for c in (*BASE, *DETAILS)}
    # A row that could not be read at all has one reason; its fields are not "missing".
    read = frame["_unparsed"].isna() if "_unparsed" in frame else pd.Series(True, frame.index)
    for column in REQUIRED:
        flag(read & (text[column].isna() | (text[column] == "")), f"{column}: missing")

    time = pd.to_datetime(text["time"], errors="coerce", utc=True, format="ISO8601")
    has_offset = text["time"].str.contains(r"(?:Z|[+-]\d\d:?\d\d)$", regex=True, na=False)
    flag(text["time"].notna() & time.isna(), "time: not an ISO 8601 time")
    flag(text["time"].notna() & time.notna() & ~has_offset, "time: no UTC offset (add Z)")
    flag(time > pd.Timestamp.now(tz="UTC") + FUTURE, "time: in the future")
    flag(time < pd.Timestamp("1900-01-01", tz="UTC"), "time: before 1900")

    lon, lat = numbers(frame["lon"]), numbers(frame["lat"])
    flag(frame["lon"].notna() & ~lon.between(-180, 180), "lon: not a longitude")
    flag(frame["lat"].notna() & ~lat.between(-90, 90), "lat: not a latitude")
    uncertainty = numbers(frame["uncertainty_m"])
    flag(frame["uncertainty_m"].notna() & ~uncertainty.between(0, MAX_UNCERTAINTY_M),
         f"uncertainty_m: not 0..{MAX_UNCERTAINTY_M:,.0f} m")  # fmt: skip

    kinds = {k.value for k in ReporterKind}
    flag(
        text["reporter_kind"].notna() & ~text["reporter_kind"].isin(kinds), "reporter_kind: unknown"
    )
    types = {t.value for t in ReportType}
    flag(text["type"].notna() & ~text["type"].isin(types), "type: unknown")
    kind = text["type"].fillna("")
    visit = (kind == ReportType.STORAGE_VISIT.value).to_numpy(bool)
    sighting = ((kind == ReportType.WEAPON_SIGHTING.value).to_numpy(bool)) | visit
    weapon = text["weapon_class"]
    flag(sighting & (weapon.isna() | (weapon == "")), "weapon_class: missing for a sighting")
    flag(
        sighting & weapon.notna() & (weapon != "") & ~weapon.isin(weapon_classes),
        "weapon_class: unknown",
    )
    count = numbers(frame["count"]).fillna(1)
    least = np.where(visit, 0, 1)  # a storage visit may find none
    flag(~((count >= least) & (count <= MAX_COUNT) & (count == np.floor(count))),
         f"count: not a whole number from 1 (0 on a storage visit) to {MAX_COUNT:,}")  # fmt: skip
    casualties = numbers(frame["casualties"]).fillna(0)
    flag(~((casualties >= 0) & (casualties <= MAX_PEOPLE) & (casualties == np.floor(casualties))),
         f"casualties: not 0..{MAX_PEOPLE:,}")  # fmt: skip
    details, casualties = check_details(
        frame, text, kind, time, sites or {}, casualties, flag, (lon, lat)
    )
    bearing = numbers(frame["bearing_deg"])
    flag(frame["bearing_deg"].notna() & ~bearing.between(0, 360), "bearing_deg: not 0..360")
    sides = {s.value for s in Side}
    attributed = text["side"].notna() & (text["side"] != "")
    flag(attributed & ~text["side"].isin(sides),
         "side: unknown (left or right of the line as drawn: left is the theatre's "
         "left_side, e.g. government-controlled)")  # fmt: skip
    flag(
        attributed & (text["basis"].isna() | (text["basis"] == "")),
        "side: an attribution needs its basis (what showed who fired)",
    )
    confidence = numbers(frame["confidence"]).fillna(1.0)
    flag(~confidence.between(0, 1), "confidence: not 0..1")

    ok = np.array([not r for r in reasons], dtype=bool)
    valid = pd.DataFrame(
        {
            "id": text["id"],
            "time": time,
            "reporter": text["reporter"],
            "reporter_kind": text["reporter_kind"],
            "lon": lon,
            "lat": lat,
            "uncertainty_m": uncertainty,
            "type": text["type"],
            "weapon_class": weapon.where(sighting, None),
            "count": count,
            "casualties": casualties,
            "bearing_deg": bearing,
            "side": text["side"].where((text["side"] != "").fillna(False).astype(bool), None),
            "confidence": confidence,
            "details": details,
        }
    )[ok].reset_index(drop=True)
    valid["count"] = valid["count"].astype(np.int64)
    valid["casualties"] = valid["casualties"].astype(np.int64)
    valid["content_hash"] = content_hashes(valid)
    bad = np.flatnonzero(~ok)
    raw_rows = raw.iloc[bad].astype(object).where(raw.iloc[bad].notna(), None)
    quarantine = pd.DataFrame(
        {
            "row": bad + 1,
            "reason": ["; ".join(reasons[i]) for i in bad],
            "raw": [
                json.dumps(r, default=str, sort_keys=True) for r in raw_rows.to_dict("records")
            ],
        }
    )
    return Parsed(valid=valid, quarantine=quarantine)


def content_hashes(valid: pd.DataFrame) -> list[str]:
    """A digest of each row's content, so that one id reused for another report is caught.
    A report without details digests as it did before details existed (stored reports
    still match their files)."""
    cols = [c for c in BASE if c != "id"]
    digest = pd.util.hash_pandas_object(valid[cols], index=False).to_numpy()
    if "details" in valid and valid["details"].notna().any():
        extra = pd.util.hash_pandas_object(valid["details"].fillna(""), index=False).to_numpy()
        digest = np.where(valid["details"].notna().to_numpy(), digest ^ extra, digest)
    return [f"{int(v):016x}" for v in digest]


def set_aside(rows: pd.DataFrame, reason: str) -> pd.DataFrame:
    """Valid reports that still cannot be stored (their id names another report), as
    quarantine rows: the report as read, and why."""
    records = rows[list(COLUMNS)].astype(object).where(rows[list(COLUMNS)].notna(), None)
    return pd.DataFrame(
        {
            "row": -1,
            "reason": reason,
            "raw": [json.dumps(r, default=str, sort_keys=True) for r in records.to_dict("records")],
        }
    )


def dedupe_within(parsed: Parsed) -> Parsed:
    """The same report twice in one file is one report; one id with two contents sends the
    later rows to quarantine."""
    valid = parsed.valid
    first = ~valid.duplicated(["id", "content_hash"])
    kept = valid[first]
    clash = kept.duplicated("id")
    if not clash.any():
        return Parsed(kept.reset_index(drop=True), parsed.quarantine)
    extra = set_aside(kept[clash], "id: used earlier in the file for a different report")
    return Parsed(
        kept[~clash].reset_index(drop=True),
        pd.concat([parsed.quarantine, extra], ignore_index=True),
    )

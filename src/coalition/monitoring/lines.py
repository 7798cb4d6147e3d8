"""Lines of contact a user loads: a GeoJSON line that replaces the bundled one in every
analysis from then on, kept on record with who loaded it and when (append-only, in the
ledger), so a report can say which line it was measured against.

A loaded line is turned, if need be, so that the theatre's reference place (Kyiv, for
the bundled theatre) lies on its left: "left" keeps meaning the government-controlled
side whichever way the file's author drew it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from sqlalchemy import Engine, select

from coalition.errors import CoalitionError
from coalition.monitoring.theatre import Theatre
from coalition.store import ledger, transaction
from coalition.store.tables import ContactLineRow

MAX_VERTICES = 500_000
#: What a loaded line keeps of the bundled theatre's properties (the rest describes the
#: bundled line: its note, sources, date).
KEPT = ("projected_crs", "left_side", "right_side", "left_reference")
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Loaded:
    id: int
    name: str
    as_of: dt.date | None
    vertices: int
    reversed: bool
    loaded_by: str
    loaded_at: dt.datetime


def read_line(path: Path) -> tuple[shapely.LineString, dict[str, Any]]:
    """The one line of a GeoJSON file (a geometry, a Feature, or a FeatureCollection with
    one LineString, or one ``kind: line_of_contact``), and its properties."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise CoalitionError(f"{path}: larger than {MAX_BYTES // 2**20} MB")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CoalitionError(f"{path}: no such file") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CoalitionError(f"{path}: not JSON ({exc})") from exc
    return _one_line(path, data)


def _one_line(path: Path, data: Any) -> tuple[shapely.LineString, dict[str, Any]]:
    if not isinstance(data, dict):
        raise CoalitionError(f"{path}: expected GeoJSON")
    found = data.get("features") if data.get("type") == "FeatureCollection" else [data]
    candidates = []
    for item in found or []:
        geometry = item.get("geometry") if item.get("type") == "Feature" else item
        props = (item.get("properties") or {}) if item.get("type") == "Feature" else {}
        if isinstance(geometry, dict) and geometry.get("type") == "LineString":
            candidates.append((geometry, props))
    marked = [c for c in candidates if c[1].get("kind") == "line_of_contact"]
    chosen = marked or candidates
    if len(chosen) != 1:
        raise CoalitionError(
            f"{path}: expected one LineString (or one with kind: line_of_contact), "
            f"found {len(chosen)}"
        )
    geometry, props = chosen[0]
    try:
        line = shapely.geometry.shape(geometry)
        coords = np.asarray(line.coords, dtype=float)
    except Exception as exc:  # shapely raises several types for a malformed geometry
        raise CoalitionError(f"{path}: not a valid LineString ({exc})") from exc
    if len(coords) < 2 or len(coords) > MAX_VERTICES:
        raise CoalitionError(f"{path}: a line needs 2 to {MAX_VERTICES} vertices")
    lon, lat = coords[:, 0], coords[:, 1]
    if not (np.isfinite(coords).all() and (abs(lon) <= 180).all() and (abs(lat) <= 90).all()):
        raise CoalitionError(f"{path}: coordinates must be longitude/latitude (WGS84)")
    if line.length == 0:
        raise CoalitionError(f"{path}: the line has no length")
    return line, props


def turned(theatre: Theatre, line: shapely.LineString) -> tuple[shapely.LineString, bool]:
    """The line, reversed if the theatre's reference place would lie on its right."""
    ref = theatre.properties.get("left_reference")
    if not isinstance(ref, dict):
        return line, False
    px, py = theatre.to_metres(np.array([float(ref["lon"])]), np.array([float(ref["lat"])]))
    from coalition.monitoring.nearest import distance_and_side  # loads Numba: see classify

    _, left = distance_and_side(theatre.project(line), px, py)
    return (line, False) if bool(left[0]) else (line.reverse(), True)


def with_line(theatre: Theatre, line: shapely.LineString, name: str) -> Theatre:
    """The theatre with another line of contact (its sectors and CRS unchanged)."""
    props = {k: v for k, v in theatre.properties.items() if k in KEPT}
    props |= {"line_name": name, "note": f"Line of contact loaded by a user: {name}."}
    return replace(theatre, line=theatre.project(line), line_lonlat=line, properties=props,
                   illustrative=False)  # fmt: skip


def load_line(
    engine: Engine, theatre: Theatre, path: Path, by: str, name: str | None, as_of: dt.date | None
) -> Loaded:
    """Check a line file and record it as the line every analysis uses from now on."""
    line, props = read_line(path)
    return record(engine, theatre, line, by, name or str(props.get("name") or path.name), as_of)


def load_geojson(
    engine: Engine, theatre: Theatre, data: Any, by: str, name: str, as_of: dt.date | None
) -> Loaded:
    """As ``load_line``, for GeoJSON already parsed (a request's body)."""
    line, _ = _one_line(Path("the GeoJSON"), data)
    return record(engine, theatre, line, by, name, as_of)


def record(
    engine: Engine,
    theatre: Theatre,
    line: shapely.LineString,
    by: str,
    title: str,
    as_of: dt.date | None,
) -> Loaded:
    """Record a checked line (turned to keep the reference place on its left). A line
    that crosses itself, or passes through none of the theatre's sectors, is refused."""
    if not line.is_simple:
        raise CoalitionError("the line crosses itself: a line of contact does not")
    if len(theatre.sectors) and not shapely.intersects(
        theatre.project(line), shapely.union_all(list(theatre.sectors))
    ):
        raise CoalitionError(
            "the line passes through none of the theatre's sectors "
            f"({', '.join(theatre.sector_codes)}): is it in longitude/latitude, in the right place?"
        )
    line, flipped = turned(theatre, line)
    text = json.dumps({"type": "Feature", "properties": {"kind": "line_of_contact", "name": title},
                       "geometry": shapely.geometry.mapping(line)})  # fmt: skip
    digest = hashlib.sha256(text.encode()).hexdigest()
    row = ContactLineRow(
        name=title[:500], as_of=as_of, geojson=text, digest=digest,
        vertices=len(line.coords), loaded_by=by, loaded_at=dt.datetime.now(dt.UTC),
    )  # fmt: skip
    with transaction(engine) as session:
        ledger.add(session, row)
        return _loaded(row, flipped)


def _loaded(row: ContactLineRow, flipped: bool = False) -> Loaded:
    return Loaded(row.id, row.name, row.as_of, row.vertices, flipped, row.loaded_by, row.loaded_at)


def current(engine: Engine, day: dt.date | None = None) -> ContactLineRow | None:
    """The line loaded last (for ``day``: the last loaded of those that describe that day
    or earlier, or say no date), or None: the bundled line stands."""
    with transaction(engine) as session:
        query = select(ContactLineRow).order_by(ContactLineRow.id.desc())
        if day is not None:
            query = query.where((ContactLineRow.as_of <= day) | ContactLineRow.as_of.is_(None))
        return session.scalars(query).first()


def history(engine: Engine) -> list[Loaded]:
    with transaction(engine) as session:
        rows = session.scalars(select(ContactLineRow).order_by(ContactLineRow.id)).all()
        return [_loaded(r) for r in rows]


def in_force(engine: Engine, theatre: Theatre, day: dt.date | None = None) -> Theatre:
    """The theatre with the line in force (on ``day``: see ``current``), if one was loaded."""
    row = current(engine, day)
    if row is None:
        return theatre
    feature = json.loads(row.geojson)
    line = shapely.geometry.shape(feature["geometry"])
    dated = f"of {row.as_of}, " if row.as_of else ""
    named = f"{row.name} ({dated}loaded {row.loaded_at:%Y-%m-%d} by {row.loaded_by}, line {row.id})"
    loaded = with_line(theatre, line, named)
    extra = {"loaded_line": row.id, "as_of": row.as_of.isoformat() if row.as_of else None}
    return replace(loaded, properties={**loaded.properties, **extra})


def theatre_geojson(path: Path, engine: Engine) -> dict[str, Any]:
    """The bundled theatre file with the line in force in it (the loaded one, if any),
    for maps: the same line the analysis measures against."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    row = current(engine)
    if row is None:
        return data
    loaded = json.loads(row.geojson)
    note = f"Line of contact loaded by {row.loaded_by} on {row.loaded_at:%Y-%m-%d}: {row.name}."
    loaded["properties"] |= {"note": note, "as_of": row.as_of.isoformat() if row.as_of else None}
    others = [f for f in data["features"] if f["properties"].get("kind") != "line_of_contact"]
    properties = {k: v for k, v in data.get("properties", {}).items() if k in KEPT}
    return data | {"properties": properties | {"note": note}, "features": [loaded, *others]}

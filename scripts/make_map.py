"""Build data/maps/europe.geojson, the outlines of the dashboard's positions map, from
Natural Earth 1:50m Admin 0 countries as the world-atlas npm package ships them (TopoJSON).

Run it through ``scripts/make-map``, which fetches that package with npm. Every step is
here so that anyone can rebuild the file and see what was changed from the source:

- the TopoJSON arcs are decoded and simplified once each, so neighbours keep one shared
  border (no slivers or overlaps between states);
- rings that cross the antimeridian (Russia's Chukotka, Wrangel Island) are unwrapped
  instead of dropped: dropping them is what once left mainland Russia off the map;
- Crimea is moved from Russia to Ukraine. Natural Earth's default ("de facto") view draws
  it in Russia; every member of the coalition recognises it as Ukraine's (UN General
  Assembly resolution 68/262), and Natural Earth's own Ukrainian point of view does the
  same, but that view ships only at 1:10m;
- "N. Cyprus", recognised by Turkey alone, is drawn as part of Cyprus, as the UN does;
- states are named by ISO 3166-1 alpha-3 code (``code``) and by the name the registry
  gives them (pycountry), so the map and the timelines agree;
- everything is clipped to EXTENT and coordinates are rounded to 0.01 degree (about 1 km,
  well under a pixel of the dashboard map).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pycountry
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box, mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

# The input this file was built from: world-atlas 2.0.2 = Natural Earth 4.1.0, 1:50m.
SOURCE_SHA256 = "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394"
# West, south, east, north (degrees). East of the Urals (70 E) so that European Russia,
# the Urals and the Yamal are whole; north to 82 N for Svalbard, Novaya Zemlya and Franz
# Josef Land; south to 30 N for Cyprus, Turkey and the Levant.
EXTENT = (-25.0, 30.0, 70.0, 82.0)
SIMPLIFY_DEGREES = 0.02  # Douglas-Peucker tolerance on each shared arc
PRECISION_DEGREES = 0.01  # 0.0001 for a state smaller than that grid (the Vatican)
SMALLEST_ISLAND = 0.002  # square degrees; a state's largest part is always kept
# Crimea as Natural Earth 4.1.0 draws it: a polygon of Russia's inside this box.
CRIMEA_BOX = box(32.3, 44.2, 36.7, 46.3)
CRIMEA_POINT = Point(34.1, 45.3)
# Features without an ISO 3166-1 numeric id in world-atlas, by their Natural Earth name.
UNNUMBERED = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}
NAMES = {"XKX": "Kosovo"}  # codes pycountry does not know
NOTE = (
    "Natural Earth 1:50m Admin 0 countries v4.1.0 (public domain), via the world-atlas npm "
    "package 2.0.2; Crimea moved from Russia to Ukraine (UN General Assembly resolution "
    "68/262) and N. Cyprus drawn in Cyprus; clipped to 25W-70E, 30N-82N, simplified "
    "0.02 degree. Built by scripts/make-map; see data/maps/README.md."
)

Ring = list[tuple[float, float]]


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """The arcs of a quantized TopoJSON topology, in degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify_arc(points: Ring) -> Ring:
    """Douglas-Peucker on one arc: its two ends stay, so the states that share the arc
    still meet exactly. An arc that crosses the antimeridian is unwrapped first."""
    points = unwrap(points)
    if len(points) < 3:
        return points
    simple = LineString(points).simplify(SIMPLIFY_DEGREES, preserve_topology=False)
    if points[0] == points[-1] and len(simple.coords) < 4:
        return points  # a whole small island or state (the Vatican) would vanish
    return [(float(x), float(y)) for x, y in simple.coords]


def unwrap(points: Ring) -> Ring:
    """Shift longitudes by 360 degrees after each jump across the antimeridian, so a ring
    that crosses it stays one plane shape (Chukotka runs on past 180 E)."""
    out: Ring = []
    shift = 0.0
    for i, (x, y) in enumerate(points):
        if i:
            step = x + shift - out[-1][0]
            if step > 180:
                shift -= 360
            elif step < -180:
                shift += 360
        out.append((x + shift, y))
    return out


def assemble(indexes: Sequence[int], arcs: list[Ring]) -> Ring:
    """One ring from TopoJSON arc indexes (a negative index ~i is arc i reversed)."""
    ring: Ring = []
    for i in indexes:
        part = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(part if not ring else part[1:])
    return unwrap(ring)


def to_shape(geometry: dict[str, Any], arcs: list[Ring]) -> BaseGeometry:
    """A (valid) shapely shape for one TopoJSON Polygon or MultiPolygon."""
    kind = geometry.get("type")
    if kind not in ("Polygon", "MultiPolygon"):
        return Polygon()
    polygons = [geometry["arcs"]] if kind == "Polygon" else geometry["arcs"]
    parts = []
    for rings in polygons:
        outer, *holes = (assemble(r, arcs) for r in rings)
        if len(outer) >= 4:
            parts.append(Polygon(outer, [h for h in holes if len(h) >= 4]))
    # A ring that crossed the antimeridian westwards sits at -180..-170; its twin east of
    # 180 E is where it belongs, and neither is on this map, so shifting is harmless.
    return shapely.make_valid(MultiPolygon(parts)) if parts else Polygon()


def code_of(feature: dict[str, Any]) -> str | None:
    """The ISO 3166-1 alpha-3 code of a world-atlas feature (its id is the numeric code;
    Kosovo and the unrecognised states have none, so they go by name)."""
    name = feature.get("properties", {}).get("name", "")
    if name in UNNUMBERED:
        return UNNUMBERED[name]
    numeric = feature.get("id")
    country = pycountry.countries.get(numeric=str(numeric).zfill(3)) if numeric else None
    return None if country is None else str(country.alpha_3)


def name_of(code: str) -> str:
    """The registry's name for a state: pycountry's common name, else its name."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return NAMES.get(code, code)
    return str(getattr(country, "common_name", None) or country.name)


def polygons(shape: BaseGeometry) -> list[Polygon]:
    """The polygons in a shape of any kind (make_valid may return a collection)."""
    if isinstance(shape, Polygon):
        return [] if shape.is_empty else [shape]
    return [p for g in getattr(shape, "geoms", []) for p in polygons(g)]


def move_crimea(shapes: dict[str, BaseGeometry]) -> None:
    """Give Russia's Crimean polygon to Ukraine (UN General Assembly resolution 68/262)."""
    crimea = [p for p in polygons(shapes["RUS"]) if CRIMEA_BOX.contains(p)]
    if not any(p.contains(CRIMEA_POINT) for p in crimea):
        sys.exit("make_map: no Russian polygon over Crimea; has the source changed?")
    shapes["RUS"] = shapes["RUS"].difference(shapely.union_all(crimea))
    shapes["UKR"] = shapely.union_all([shapes["UKR"], *crimea])


def finish(shape: BaseGeometry, extent: BaseGeometry, grid: float) -> BaseGeometry:
    """Clipped, snapped to the grid, without specks, with rings wound as RFC 7946 says
    (outer counter-clockwise, holes clockwise, which also suits SVG's nonzero fill)."""
    shape = shapely.set_precision(shape.intersection(extent), grid)
    parts = sorted(polygons(shape), key=lambda p: p.area, reverse=True)
    kept = [orient(p) for i, p in enumerate(parts) if i == 0 or p.area >= SMALLEST_ISLAND]
    if not kept:
        return Polygon()
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


def rounded(value: Any, digits: int) -> Any:
    """Coordinates as short decimals, so the file stays small."""
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, list | tuple):
        return [rounded(v, digits) for v in value]
    return value


def build(topology: dict[str, Any]) -> dict[str, Any]:
    """The FeatureCollection for the dashboard, one feature per state on the map."""
    arcs = [simplify_arc(a) for a in decode_arcs(topology)]
    shapes: dict[str, list[BaseGeometry]] = {}
    for feature in topology["objects"]["countries"]["geometries"]:
        code = code_of(feature)
        if code is not None:
            shapes.setdefault(code, []).append(to_shape(feature, arcs))
    merged = {code: shapely.union_all(parts) for code, parts in shapes.items()}
    move_crimea(merged)
    extent = box(*EXTENT)
    features = []
    for code in sorted(merged):
        digits = 2
        shape = finish(merged[code], extent, PRECISION_DEGREES)
        if shape.is_empty:  # off the map, or smaller than the grid (the Vatican)
            digits = 4
            shape = finish(merged[code], extent, 10**-digits)
        if shape.is_empty:
            continue
        geometry = mapping(shape)
        coordinates = rounded(geometry["coordinates"], digits)
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "name": name_of(code)},
                "geometry": {"type": geometry["type"], "coordinates": coordinates},
            }
        )
    return {
        "type": "FeatureCollection",
        "name": "Country outlines of Europe and its neighbours",
        "bbox": list(EXTENT),
        "properties": {"source": NOTE},
        "features": features,
    }


def dump(collection: dict[str, Any]) -> str:
    """Compact JSON with one feature a line, so a change shows as a readable diff."""
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [
        json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in collection["features"]
    ]
    opening = json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [\n'
    return opening + ",\n".join(lines) + "\n]}\n"


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="world-atlas 2.0.2 countries-50m.json")
    parser.add_argument("target", type=Path, help="where to write the GeoJSON")
    args = parser.parse_args(list(argv) if argv is not None else None)
    raw = args.source.read_bytes()
    if hashlib.sha256(raw).hexdigest() != SOURCE_SHA256:
        sys.exit(f"make_map: {args.source} is not world-atlas 2.0.2's countries-50m.json")
    collection = build(json.loads(raw))
    args.target.write_text(dump(collection), encoding="utf-8")
    size = args.target.stat().st_size
    print(f"{args.target}: {len(collection['features'])} states, {size // 1024} KiB")


if __name__ == "__main__":
    main()

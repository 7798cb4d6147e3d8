"""Ukraine's real geography, offline (issue 16): its border with Crimea and Sevastopol in
it, its 27 first-level units (24 oblasts, Kyiv city, the Autonomous Republic of Crimea
and Sevastopol), the neighbours' borders for a basemap, and the main rivers.

The files live in ``data/monitoring/geography/`` (under ``Settings().data_dir``, as the
theatre does) and are built from Natural Earth (public domain) by
``scripts/build-geography``; their README says from which version and what was changed.
Everything is WGS84 longitude/latitude; measure distances on the ellipsoid or in the
theatre's metric CRS, never in degrees.

Each loader reads its file once per folder and keeps it: the files are a few hundred KB
and never change while the program runs.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely import STRtree
from shapely.geometry import MultiLineString, MultiPolygon, Point, shape

from coalition.config import Settings
from coalition.errors import CoalitionError

#: Where the files are, below the data folder.
FOLDER = Path("monitoring") / "geography"


@dataclass(frozen=True)
class Unit:
    """A first-level unit: ``name`` as Ukraine writes it in English ("Donetsk", "Kyiv
    City"), ``kind`` ("oblast", "city" or "autonomous republic"), its ISO 3166-2 code and
    ``label``, the words a report uses ("Donetsk oblast", "Kyiv city")."""

    name: str
    kind: str
    iso_3166_2: str
    label: str
    geometry: MultiPolygon


@dataclass(frozen=True)
class Country:
    """A neighbour on the basemap, clipped to the box around Ukraine."""

    code: str  # ISO 3166-1 alpha-3 (Kosovo: XKX)
    name: str
    geometry: MultiPolygon


@dataclass(frozen=True)
class River:
    name: str
    geometry: MultiLineString


def folder_of(data_dir: Path | None = None) -> Path:
    """The geography folder of a data folder (the settings' one by default)."""
    return (data_dir if data_dir is not None else Settings().data_dir) / FOLDER


def _features(folder: Path, name: str) -> list[dict[str, Any]]:
    path = folder / name
    try:
        features: list[dict[str, Any]] = json.loads(path.read_text())["features"]
    except (OSError, ValueError, KeyError) as exc:
        raise CoalitionError(
            f"cannot read {path}: {exc} (rebuild: scripts/build-geography)"
        ) from exc
    return features


@functools.cache
def _ukraine(folder: Path) -> MultiPolygon:
    (item,) = _features(folder, "ukraine.geojson")
    border: MultiPolygon = shape(item["geometry"])
    shapely.prepare(border)  # point-in-Ukraine tests run many times over
    return border


@functools.cache
def _units(folder: Path) -> tuple[tuple[Unit, ...], STRtree]:
    units = tuple(
        Unit(
            name=f["properties"]["name"],
            kind=f["properties"]["kind"],
            iso_3166_2=f["properties"]["iso_3166_2"],
            label=f["properties"]["label"],
            geometry=shape(f["geometry"]),
        )
        for f in _features(folder, "oblasts.geojson")
    )
    return units, STRtree([u.geometry for u in units])


@functools.cache
def _neighbours(folder: Path) -> tuple[tuple[Country, ...], STRtree]:
    countries = tuple(
        Country(f["properties"]["code"], f["properties"]["name"], shape(f["geometry"]))
        for f in _features(folder, "neighbours.geojson")
    )
    return countries, STRtree([c.geometry for c in countries])


@functools.cache
def _rivers(folder: Path) -> tuple[River, ...]:
    return tuple(
        River(f["properties"]["name"], shape(f["geometry"]))
        for f in _features(folder, "rivers.geojson")
    )


def ukraine(data_dir: Path | None = None) -> MultiPolygon:
    """Ukraine's border as Ukraine draws it: Crimea and Sevastopol are in it."""
    return _ukraine(folder_of(data_dir))


def in_ukraine(lon: float, lat: float, data_dir: Path | None = None) -> bool:
    """Whether a point is in Ukraine (on the border counts as in)."""
    return bool(ukraine(data_dir).covers(Point(lon, lat)))


def oblasts(data_dir: Path | None = None) -> tuple[Unit, ...]:
    """The 27 first-level units, sorted by name."""
    return _units(folder_of(data_dir))[0]


def unit_at(lon: float, lat: float, data_dir: Path | None = None) -> Unit | None:
    """The first-level unit a point is in, or None outside Ukraine (and at sea)."""
    units, _ = regions_at(np.array([lon]), np.array([lat]), data_dir)
    return units[0]


def regions_at(
    lon: NDArray[np.float64], lat: NDArray[np.float64], data_dir: Path | None = None
) -> tuple[list[Unit | None], list[Country | None]]:
    """For each point, the unit of Ukraine it is in, and, outside Ukraine, the
    neighbour (None at sea). The STRtrees keep this to a few polygon tests a point
    whatever the number of units; a point on a shared boundary gets the first by name."""
    folder = folder_of(data_dir)
    points = shapely.points(np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64))
    units, tree = _units(folder)
    in_unit: list[Unit | None] = [None] * len(points)
    for p, u in sorted(zip(*(a.tolist() for a in tree.query(points, predicate="intersects")),
                           strict=True)):  # fmt: skip
        in_unit[p] = in_unit[p] or units[u]
    countries, outside = _neighbours(folder)
    in_country: list[Country | None] = [None] * len(points)
    rest = [i for i, unit in enumerate(in_unit) if unit is None]
    if rest:
        hits = outside.query(points[rest], predicate="intersects")
        for p, c in sorted(zip(*(a.tolist() for a in hits), strict=True)):
            in_country[rest[p]] = in_country[rest[p]] or countries[c]
    return in_unit, in_country


def oblast_at(lon: float, lat: float, data_dir: Path | None = None) -> str | None:
    """The name of the first-level unit a point is in ("Kharkiv", "Kyiv City",
    "Crimea"...), or None outside Ukraine."""
    unit = unit_at(lon, lat, data_dir)
    return unit.name if unit else None


def neighbours(data_dir: Path | None = None) -> tuple[Country, ...]:
    """Every state that reaches the box around Ukraine, clipped to it, sorted by code;
    Russia without Crimea, so that nothing overlaps Ukraine."""
    return _neighbours(folder_of(data_dir))[0]


def rivers(data_dir: Path | None = None) -> tuple[River, ...]:
    """The main rivers in the box: the Dnipro first (the line in the south), then the
    Dniester and the Danube."""
    return _rivers(folder_of(data_dir))


def river(name: str, data_dir: Path | None = None) -> MultiLineString:
    """One river by name ("Dnipro")."""
    for item in rivers(data_dir):
        if item.name == name:
            return item.geometry
    raise CoalitionError(f"no river named {name!r} in {folder_of(data_dir)}")

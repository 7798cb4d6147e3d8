"""Ukraine's geography from Natural Earth (issue 16): Crimea and Sevastopol are Ukraine's,
towns fall in their own oblasts, the neighbours do not overlap Ukraine and the Dnipro runs
past the towns on it."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import shapely
from pyproj import Geod
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from coalition.errors import CoalitionError
from coalition.monitoring import geography as geo

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
GEOD = Geod(ellps="WGS84")
# (lon, lat)
SIMFEROPOL, SEVASTOPOL = (34.10, 44.95), (33.52, 44.60)
KHARKIV, LVIV, KYIV = (36.23, 49.99), (24.03, 49.84), (30.52, 50.45)
KHERSON, ZAPORIZHZHIA = (32.61, 46.64), (35.14, 47.84)
CHISINAU, MINSK, BELGOROD = (28.86, 47.01), (27.56, 53.90), (36.59, 50.60)


def km_to(geom: BaseGeometry, lon: float, lat: float) -> float:
    (x, y), _ = shapely.shortest_line(geom, Point(lon, lat)).coords
    return float(GEOD.inv(lon, lat, x, y)[2]) / 1000


def km2(geom: BaseGeometry) -> float:
    return abs(float(GEOD.geometry_area_perimeter(geom)[0])) / 1e6


def test_crimea_and_sevastopol_are_ukraine() -> None:
    for lon, lat in (SIMFEROPOL, SEVASTOPOL):
        assert geo.in_ukraine(lon, lat, DATA)
    assert geo.oblast_at(*SIMFEROPOL, DATA) == "Crimea"
    assert geo.oblast_at(*SEVASTOPOL, DATA) == "Sevastopol"
    crimea = geo.unit_at(*SIMFEROPOL, DATA)
    assert crimea is not None
    assert (crimea.kind, crimea.iso_3166_2, crimea.label) == (
        "autonomous republic",
        "UA-43",
        "Autonomous Republic of Crimea",
    )


def test_towns_fall_in_their_own_units() -> None:
    assert geo.oblast_at(*KHARKIV, DATA) == "Kharkiv"
    assert geo.oblast_at(*LVIV, DATA) == "Lviv"
    kyiv = geo.unit_at(*KYIV, DATA)
    assert kyiv is not None and (kyiv.name, kyiv.kind, kyiv.iso_3166_2) == (
        "Kyiv City",
        "city",
        "UA-30",
    )
    assert geo.oblast_at(30.2, 50.9, DATA) == "Kyiv"  # north of the city: the oblast
    assert geo.oblast_at(*KHERSON, DATA) == "Kherson"
    assert geo.oblast_at(*ZAPORIZHZHIA, DATA) == "Zaporizhzhia"


def test_neighbouring_capitals_and_towns_are_not_ukraine() -> None:
    for lon, lat in (CHISINAU, MINSK, BELGOROD):
        assert not geo.in_ukraine(lon, lat, DATA)
        assert geo.oblast_at(lon, lat, DATA) is None
    assert geo.oblast_at(31.0, 45.3, DATA) is None  # the Black Sea


def test_twenty_seven_units_tile_ukraine() -> None:
    units = geo.oblasts(DATA)
    assert len(units) == 27
    assert Counter(u.kind for u in units) == {"oblast": 24, "city": 2, "autonomous republic": 1}
    assert len({u.iso_3166_2 for u in units}) == len({u.name for u in units}) == 27
    assert all(re.fullmatch(r"UA-\d\d", u.iso_3166_2) for u in units)
    tiled = shapely.union_all([u.geometry for u in units])
    # Admin 1 and Admin 0 are drawn by Natural Earth to match: a few hectares apart.
    assert km2(tiled.symmetric_difference(geo.ukraine(DATA))) < 1.0
    assert 595_000 < km2(geo.ukraine(DATA)) < 610_000  # 603,500 km2 with Crimea


def test_no_neighbour_overlaps_ukraine() -> None:
    countries = {c.code: c for c in geo.neighbours(DATA)}
    assert {"POL", "SVK", "HUN", "ROU", "MDA", "BLR", "RUS"} <= set(countries)
    border = geo.ukraine(DATA)
    for country in countries.values():
        assert km2(country.geometry.intersection(border)) < 0.5, country.code
    assert not countries["RUS"].geometry.intersects(Point(*SIMFEROPOL))


def test_the_dnipro_runs_past_kherson_and_zaporizhzhia() -> None:
    assert geo.rivers(DATA)[0].name == "Dnipro"
    dnipro = geo.river("Dnipro", DATA)
    (line,) = dnipro.geoms  # one line, through the reservoirs, down to Kherson
    assert line.coords[-1][1] < 46.7 < 53.9 < line.coords[0][1]
    assert km_to(dnipro, *KHERSON) < 5
    assert km_to(dnipro, *ZAPORIZHZHIA) < 5
    assert km_to(dnipro, *KYIV) < 5
    assert km_to(geo.river("Dniester", DATA), *CHISINAU) > 20  # not every river is near
    with pytest.raises(CoalitionError, match="no river named"):
        geo.river("Volga", DATA)


def test_files_are_small_lonlat_with_five_decimals() -> None:
    folder = geo.folder_of(DATA)
    files = sorted(folder.glob("*.geojson"))
    assert [f.name for f in files] == [
        "neighbours.geojson",
        "oblasts.geojson",
        "rivers.geojson",
        "ukraine.geojson",
    ]
    assert sum(f.stat().st_size for f in files) < 3_000_000
    for path in files:
        text = path.read_text()
        assert not re.search(r"\d\.\d{6,}", text), path.name
        for item in json.loads(text)["features"]:
            lon0, lat0, lon1, lat1 = shapely.geometry.shape(item["geometry"]).bounds
            assert 20 <= lon0 <= lon1 <= 42 and 43 <= lat0 <= lat1 <= 54


def test_default_folder_is_the_settings_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COALITION_DATA_DIR", str(DATA))
    assert geo.folder_of() == DATA / "monitoring" / "geography"
    assert geo.oblast_at(*KHARKIV) == "Kharkiv"


def test_a_missing_folder_says_how_to_rebuild(tmp_path: Path) -> None:
    with pytest.raises(CoalitionError, match="scripts/build-geography"):
        geo.ukraine(tmp_path)

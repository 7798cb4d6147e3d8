"""Place names for events (issue 16): the nearest town of GeoNames' cities1000 with the
distance and bearing measured on the ellipsoid, and an ACLED-style geoprecision."""

from __future__ import annotations

import numpy as np
from pyproj import Geod

from coalition.monitoring.places import describe

GEOD = Geod(ellps="WGS84")
AVDIIVKA = (37.74255, 48.13989)  # GeoNames' point for Avdiyivka


def at(lon: float, lat: float) -> str:
    return describe(np.array([lon]), np.array([lat]))[0].text


def test_a_point_near_a_town_is_named_from_it() -> None:
    # 1.2 km to the south-east of the town's point, measured, then described back.
    lon, lat, _ = GEOD.fwd(*AVDIIVKA, 135, 1200)
    (place,) = describe(np.array([lon]), np.array([lat]))
    assert place.text == "1 km south-east of Avdiyivka, Donetsk oblast"
    assert place.geoprecision == 1 and place.distance_km == 1.2
    lon, lat, _ = GEOD.fwd(*AVDIIVKA, 0, 6000)  # 6 km north: near it, not at it
    assert describe(np.array([lon]), np.array([lat]))[0].geoprecision == 2


def test_ukraines_own_names_and_crimea_in_ukraine() -> None:
    assert at(30.52, 50.45).endswith("Kyiv, Kyiv city")
    assert at(30.73, 46.48).endswith("Odesa, Odesa oblast")
    assert at(34.11, 44.957).endswith("Simferopol, Autonomous Republic of Crimea")


def test_far_from_any_town_only_the_region_is_known() -> None:
    (place,) = describe(np.array([31.0]), np.array([45.3]))  # the Black Sea, off Crimea
    assert place.geoprecision == 3 and place.distance_km > 15


def test_many_points_at_once_and_none() -> None:
    lon = np.linspace(30, 38, 1000)
    lat = np.linspace(46, 50, 1000)
    assert len(describe(lon, lat)) == 1000
    assert describe(np.array([]), np.array([])) == []


def test_the_region_is_where_the_point_is_not_where_the_town_is() -> None:
    # Taganrog is Russia's; the Black Sea south of Odesa is nobody's region.
    assert describe(np.array([38.90]), np.array([47.22]))[0].region == "Russia"
    assert describe(np.array([31.0]), np.array([45.3]))[0].region.startswith("off ")

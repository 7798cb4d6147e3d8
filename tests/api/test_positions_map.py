"""The positions map's outlines (data/maps/europe.geojson), read with shapely, no browser:
Crimea lies in Ukraine, Russia is drawn with its mainland, and every state the registry
names is either drawn or named by /api/map so that the dashboard lists it beside the map
(the browser test checks that list)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from tests.api.conftest import Api
from tests.api.helpers import registry_state_codes

REPO = Path(__file__).resolve().parents[2]
MAP = REPO / "data" / "maps" / "europe.geojson"
CRIMEA = Point(34.1, 45.3)  # between Simferopol and Dzhankoi


def outlines() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MAP.read_text(encoding="utf-8"))
    return data


def shapes() -> dict[str, BaseGeometry]:
    return {f["properties"]["code"]: shape(f["geometry"]) for f in outlines()["features"]}


def test_crimea_is_drawn_in_ukraine() -> None:
    drawn = shapes()
    assert drawn["UKR"].contains(CRIMEA)
    assert not drawn["RUS"].contains(CRIMEA)
    assert not drawn["RUS"].intersects(CRIMEA.buffer(0.5))  # no sliver of Crimea left


@pytest.mark.parametrize(
    ("place", "lon", "lat"),
    [("Moscow", 37.6, 55.75), ("Kazan", 49.1, 55.8), ("Yekaterinburg", 60.6, 56.8),
     ("Kaliningrad", 20.5, 54.7), ("Murmansk", 33.1, 68.97)],
)  # fmt: skip
def test_russia_is_drawn_with_its_mainland(place: str, lon: float, lat: float) -> None:
    assert shapes()["RUS"].contains(Point(lon, lat)), place


def test_outlines_are_valid_small_and_framed() -> None:
    data = outlines()
    codes = [f["properties"]["code"] for f in data["features"]]
    assert len(codes) == len(set(codes))
    assert all(len(c) == 3 and c.isupper() for c in codes)
    assert all(f["properties"]["name"] for f in data["features"])
    assert all(g.is_valid and not g.is_empty for g in shapes().values())
    west, south, east, north = data["bbox"]
    assert west <= -24 and east >= 60 and south <= 35 and north >= 71  # Iceland to the Urals
    assert MAP.stat().st_size < 400_000  # served to every browser that opens the dashboard


def test_every_registry_state_is_drawn_or_listed(api: Api) -> None:
    registry = registry_state_codes()
    assert {"GBR", "FRA", "CAN", "JPN", "AUS", "RUS"} <= registry  # the files were read
    reply = api.client.get("/api/map?on=2025-02-10", headers=api.headers("observer"))
    named = {s["code"] for s in reply.json()["registry_states"]}
    assert named == registry  # on any day, so a state is listed before its first reading
    drawn = set(shapes())
    listed = registry - drawn
    assert {"CAN", "JPN", "AUS"} <= listed  # too far from Europe: listed beside the map
    assert listed <= named

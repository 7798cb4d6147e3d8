"""The ceasefire map's basemap layers (issue 16): GET /api/monitoring/geography/{layer}
serves Natural Earth's GeoJSON by a name from a fixed set; any other name, however
written, is a 404 with a JSON reason, never a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.api.conftest import Api

FOLDER = Path(__file__).resolve().parents[2] / "data" / "monitoring" / "geography"
LAYERS = {"ukraine": 1, "oblasts": 27, "neighbours": 13, "rivers": 3}  # features (README)


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_each_layer_is_its_file(api: Api, layer: str) -> None:
    reply = api.client.get(f"/api/monitoring/geography/{layer}", headers=api.headers("observer"))
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("application/geo+json")
    body = reply.json()
    assert body["type"] == "FeatureCollection"
    assert body == json.loads((FOLDER / f"{layer}.geojson").read_text(encoding="utf-8"))
    assert len(body["features"]) == LAYERS[layer]


def test_oblasts_carry_their_names(api: Api) -> None:
    body = api.client.get("/api/monitoring/geography/oblasts").json()
    names = {f["properties"]["name"] for f in body["features"]}
    assert {"Donetsk", "Kyiv City", "Crimea", "Sevastopol"} <= names


@pytest.mark.parametrize(
    "layer", ["nowhere", "Oblasts", "oblasts.geojson", "README.md", "..", "%2E%2E%2Ftheatre"]
)
def test_an_unknown_layer_is_not_found(api: Api, layer: str) -> None:
    reply = api.client.get(f"/api/monitoring/geography/{layer}", headers=api.headers("observer"))
    assert reply.status_code == 404
    assert reply.headers["content-type"] == "application/json"
    detail = reply.json()["detail"]
    assert "FeatureCollection" not in reply.text
    if layer == "nowhere":  # the route's own answer names what there is
        assert detail == (
            "no geography layer 'nowhere': the layers are neighbours, oblasts, rivers, ukraine"
        )


def test_the_map_draws_the_line_in_force(fresh_api: Api, db_url: str, tmp_path: Path) -> None:
    """A line loaded into the database replaces the bundled one on the map and in the
    day's analysis alike."""
    from coalition.monitoring import lines
    from coalition.monitoring.pipeline import Setup
    from coalition.store import make_engine

    bundled = fresh_api.client.get("/api/monitoring/theatre").json()
    assert bundled["properties"]["as_of"] == "2025-12-28"
    path = tmp_path / "line.geojson"
    path.write_text(json.dumps({"type": "LineString", "coordinates": [[35, 47], [38, 49.5]]}))
    engine = make_engine(db_url)
    setup = Setup.load(FOLDER.parent)
    lines.load_line(engine, setup.theatre, path, "cell-1", "survey line", None)
    drawn = fresh_api.client.get("/api/monitoring/theatre").json()
    line = [f for f in drawn["features"] if f["properties"]["kind"] == "line_of_contact"]
    assert len(line) == 1 and line[0]["geometry"]["coordinates"] == [[35, 47], [38, 49.5]]
    assert "loaded by cell-1" in drawn["properties"]["note"]
    sectors = [f for f in drawn["features"] if f["properties"]["kind"] == "sector"]
    assert len(sectors) == len(bundled["features"]) - 1
    day = fresh_api.client.get(
        "/api/monitoring/days/2026-06-01", headers=fresh_api.headers("observer")
    )
    assert day.status_code == 200

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

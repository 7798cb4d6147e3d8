"""Loading a line of contact through the server (issue 16): a monitor may, an observer
may not; a bad GeoJSON is a 422 naming what is wrong and changes nothing; two monitors
loading at once both land, the later one in force; the map draws the line in force."""

from __future__ import annotations

import threading
from typing import Any

from tests.api.conftest import Api

LINE = {"type": "LineString", "coordinates": [[35.0, 47.0], [37.5, 48.5], [38.0, 49.5]]}


def _post(api: Api, who: str, body: dict[str, Any]) -> Any:
    return api.client.post("/api/monitoring/lines", json=body, headers=api.headers(who))


def test_a_monitor_loads_a_line_and_the_map_follows(fresh_api: Api) -> None:
    reply = _post(fresh_api, "monitor", {"name": "survey", "as_of": "2026-05-01",
                                         "geojson": LINE})  # fmt: skip
    assert reply.status_code == 201, reply.text
    assert reply.json()["vertices"] == 3 and reply.json()["reversed"] is False
    listed = fresh_api.client.get("/api/monitoring/lines", headers=fresh_api.headers("observer"))
    assert [(r["name"], r["as_of"]) for r in listed.json()] == [("survey", "2026-05-01")]
    assert listed.json()[0]["loaded_by"] == "api:monitor"
    drawn = fresh_api.client.get("/api/monitoring/theatre").json()
    line = next(f for f in drawn["features"] if f["properties"]["kind"] == "line_of_contact")
    assert line["geometry"]["coordinates"] == LINE["coordinates"]


def test_who_may_load_and_what_is_refused(fresh_api: Api) -> None:
    for who, code in ((None, 401), ("observer", 403), ("pol-rep", 403)):
        assert _post(fresh_api, who, {"name": "x", "geojson": LINE}).status_code == code  # type: ignore[arg-type]
    bad: list[tuple[dict[str, Any], str]] = [
        ({"name": "x", "geojson": {"type": "Point", "coordinates": [36, 48]}}, "found 0"),
        (
            {"name": "x", "geojson": {"type": "LineString", "coordinates": [[1e9, 48], [36, 49]]}},
            "longitude",
        ),
        ({"name": "x", "geojson": {"type": "LineString", "coordinates": "36 48"}}, "valid"),
        ({"name": "", "geojson": LINE}, "at least 1 character"),
        ({"name": "x", "geojson": LINE, "owner": "me"}, "Extra inputs"),
        ({"name": "x"}, "Field required"),
    ]
    for body, words in bad:
        reply = _post(fresh_api, "monitor", body)
        assert reply.status_code == 422 and words in reply.text, (body, reply.text)
        assert "Traceback" not in reply.text
    assert fresh_api.client.get("/api/monitoring/lines",
                                headers=fresh_api.headers("observer")).json() == []  # fmt: skip


def test_two_monitors_loading_at_once(fresh_api: Api) -> None:
    replies: list[int] = []

    def load(k: int) -> None:
        coords = [[35.0 + k / 10, 47.0], [37.5, 48.5 + k / 10]]
        body = {"name": f"line {k}", "geojson": {"type": "LineString", "coordinates": coords}}
        replies.append(_post(fresh_api, "monitor", body).status_code)

    threads = [threading.Thread(target=load, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert replies == [201] * 4
    listed = fresh_api.client.get("/api/monitoring/lines",
                                  headers=fresh_api.headers("observer")).json()  # fmt: skip
    assert sorted(r["name"] for r in listed) == [f"line {k}" for k in range(4)]

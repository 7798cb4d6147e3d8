"""Deconfliction on the server (issue 13): need to know over the role matrix, plans as
append-only versions, proposals accepted until no conflict is left, the hotline log, and
tracks. The bundled illustrative day is the plan (16 activities, 5 conflicts)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from coalition.accounts.users import Role, add_user
from coalition.deconfliction import history
from coalition.deconfliction.plans import load_plans
from coalition.store import ledger, transaction
from tests.api.conftest import PASSWORD, Api, make_api

REPO = Path(__file__).resolve().parents[2]
DAY = "2026-07-01"
PLAN = load_plans([REPO / "data" / "deconfliction" / "day-illustrative.yaml"])
UNITS = [a.unit for a in PLAN if a.unit]


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    api = make_api(f"sqlite:///{tmp_path_factory.mktemp('deconf') / 'd.sqlite3'}")
    engine = api.client.app.state.engine  # type: ignore[attr-defined]
    history.submit(engine, PLAN, "test")
    add_user(engine, "gbr-rep", PASSWORD, Role.NATIONAL, "GBR")
    reply = api.client.post("/api/auth/token", data={"username": "gbr-rep", "password": PASSWORD})
    api.tokens["gbr-rep"] = reply.json()["access_token"]
    yield api


def get(api: Api, who: str, path: str) -> Any:
    reply = api.client.get(path, headers=api.headers(who))
    assert reply.status_code == 200, (who, path, reply.text)
    return reply.json()


READS = [
    f"/api/deconfliction/activities?day={DAY}",
    f"/api/deconfliction/conflicts?day={DAY}",
    f"/api/deconfliction/map?day={DAY}",
    "/api/deconfliction/days",
]


@pytest.mark.parametrize("path", READS)
def test_who_may_read_the_plan(api: Api, path: str) -> None:
    for who in ("admin", "secretariat", "pol-rep", "gbr-rep"):
        assert api.client.get(path, headers=api.headers(who)).status_code == 200
    for who in ("monitor", "observer"):
        assert api.client.get(path, headers=api.headers(who)).status_code == 403
    assert api.client.get(path).status_code == 401


def test_a_national_planner_sees_only_its_own(api: Api) -> None:
    mine = get(api, "gbr-rep", f"/api/deconfliction/activities?day={DAY}")
    assert {a["activity"]["owner"] for a in mine} == {"GBR"} and len(mine) == 2
    everything = get(api, "secretariat", f"/api/deconfliction/activities?day={DAY}")
    assert len(everything) == len(PLAN)
    assert get(api, "pol-rep", f"/api/deconfliction/activities?day={DAY}") == []

    conflicts = get(api, "gbr-rep", f"/api/deconfliction/conflicts?day={DAY}")
    assert conflicts and all(c["a_owner"] == "GBR" for c in conflicts)
    assert all(c["b_owner"] in ("", "GBR") for c in conflicts)
    seen_by_gbr = json.dumps(
        [conflicts, mine, get(api, "gbr-rep", f"/api/deconfliction/map?day={DAY}")]
    )
    for other in PLAN:
        if other.owner != "GBR":
            assert other.id not in seen_by_gbr
            assert not other.unit or other.unit not in seen_by_gbr
    assert len(get(api, "secretariat", f"/api/deconfliction/conflicts?day={DAY}")) == 5
    assert get(api, "pol-rep", f"/api/deconfliction/conflicts?day={DAY}") == []
    assert get(api, "pol-rep", f"/api/deconfliction/map?day={DAY}")["features"] == []


def test_another_states_plan_is_closed_by_every_route(api: Api) -> None:
    gbr = api.headers("gbr-rep")
    ukr = "UKR-convoy-lviv-krakovets"
    routes = [
        ("GET", f"/api/deconfliction/activities/{ukr}/history", None),
        ("POST", f"/api/deconfliction/activities/{ukr}/withdraw", {"reason": "x"}),
        ("POST", f"/api/deconfliction/activities/{ukr}/accept", {"day": DAY}),
        ("POST", f"/api/deconfliction/activities/{ukr}/reject", {"day": DAY}),
        ("POST", "/api/deconfliction/tracks", {"points": [
            {"activity": ukr, "time": "2026-07-01T09:00Z", "lon": 23.5, "lat": 49.9,
             "altitude_m": 0}]}),
        ("GET", "/api/deconfliction/notifications", None),
        ("POST", "/api/deconfliction/notifications", {"party": "RUS", "day": DAY}),
    ]  # fmt: skip
    for method, path, body in routes:
        reply = api.client.request(method, path, json=body, headers=gbr)
        # Another state's activity is as unknown as a missing one: no id enumeration.
        expected = 404 if "/activities/" in path else 403
        assert reply.status_code == expected, (path, reply.status_code, reply.text)
        if expected == 404:  # the same answer, word for word, as for a missing one
            missing = api.client.request(method, path.replace(ukr, "NOPE"), json=body, headers=gbr)
            assert reply.text.replace(ukr, "X") == missing.text.replace("NOPE", "X")
    foreign = PLAN[0].model_dump(mode="json") | {"id": "GBR-says-UKR"}
    reply = api.client.post("/api/deconfliction/activities", json=foreign, headers=gbr)
    assert reply.status_code == 403 and "plans for GBR" in reply.text


def test_what_a_national_may_file_is_bounded(api: Api) -> None:
    """A probe over the whole theatre, a standing zone, a priority above the cap or an id
    in another state's style are refused, each with its reason."""
    gbr = api.headers("gbr-rep")
    base = next(a for a in PLAN if a.id == "GBR-convoy-korczowa-lviv").model_dump(
        mode="json", exclude_none=True
    )
    theatre = [[22, 44], [41, 44], [41, 53], [22, 53]]
    whole_day = {"start": f"{DAY}T00:00Z", "end": f"{DAY}T23:59Z"}
    probe_volume = base["volumes"][0] | {"route": None, "circle": None, "polygon": theatre}
    probe_volume |= whole_day
    probe_volume = {k: v for k, v in probe_volume.items() if v is not None}
    cases = [
        (base | {"id": "GBR-probe", "volumes": [probe_volume]}, "covers at most 10,000 km²"),
        (base | {"id": "GBR-zone", "kind": "zone", "zone": "no_go"}, "filed by the deconfliction"),
        (base | {"id": "GBR-high", "priority": 99}, "above 5 is given by the deconfliction cell"),
        (base | {"id": "UKR-ADZ-lviv"}, "starts with 'GBR-'"),
        (base | {"id": "GBR-<img src=x onerror=alert(1)>"}, "should match pattern"),
    ]  # fmt: skip
    for body, words in cases:
        reply = api.client.post("/api/deconfliction/activities", json=body, headers=gbr)
        assert reply.status_code == 422 and words in reply.text, (words, reply.text)


def test_a_conflict_tells_a_national_nothing_of_the_other_side(api: Api) -> None:
    for c in get(api, "gbr-rep", f"/api/deconfliction/conflicts?day={DAY}"):
        if c["b_owner"] == "":
            assert c["rule"] in ("separation", "standing zone") and c["rule_basis"] == ""
            assert c["overlap_km2"] is None and c["id"].startswith(c["a_activity"] + "/")
            assert round(c["lon"], 1) == c["lon"] and round(c["lat"], 1) == c["lat"]


def test_a_day_with_nothing_planned(api: Api) -> None:
    empty = get(api, "secretariat", "/api/deconfliction/proposals?day=2030-01-01")
    assert empty == {"conflicts": 0, "proposals": [], "remaining": 0, "unsolved": {}}


def test_plans_are_versions(api: Api) -> None:
    gbr = api.headers("gbr-rep")
    own = next(a for a in PLAN if a.id == "GBR-convoy-korczowa-lviv").model_dump(
        mode="json", exclude_none=True
    )
    new = own | {"id": "GBR-extra-convoy"}
    first = api.client.post("/api/deconfliction/activities", json=new, headers=gbr)
    assert first.status_code == 201 and first.json()["version"] == 1
    again = api.client.post("/api/deconfliction/activities", json=new, headers=gbr)
    assert again.json()["version"] is None  # unchanged: nothing written
    later = new | {"priority": 1}
    assert (
        api.client.post("/api/deconfliction/activities", json=later, headers=gbr).json()["version"]
        == 2
    )
    stolen = new | {"owner": "FRA"}
    reply = api.client.post(
        "/api/deconfliction/activities", json=stolen, headers=api.headers("secretariat")
    )
    assert reply.status_code == 409 and "is GBR's" in reply.text
    bad = new | {"volumes": [new["volumes"][0] | {"floor_m": 50, "ceiling_m": 10}]}
    reply = api.client.post("/api/deconfliction/activities", json=bad, headers=gbr)
    assert reply.status_code == 422 and "floor" in reply.text
    gone = api.client.post(
        "/api/deconfliction/activities/GBR-extra-convoy/withdraw", json={"reason": "cancelled"},
        headers=gbr,
    )  # fmt: skip
    assert gone.status_code == 200 and gone.json()["withdrawn"] is True
    versions = get(api, "gbr-rep", "/api/deconfliction/activities/GBR-extra-convoy/history")
    assert [v["change"] for v in versions] == ["submitted", "revised", "withdrawn: cancelled"]


def test_accepting_every_proposal_leaves_no_conflict(api: Api) -> None:
    cell = api.headers("secretariat")
    path = "/api/deconfliction/activities/GBR-convoy-korczowa-lviv/accept"
    shown = {"day": DAY, "proposal": "move later by 5 min"}
    stale = api.client.post(path, json=shown, headers=cell)
    assert stale.status_code == 409 and "the plan has changed" in stale.text
    mine = get(api, "gbr-rep", f"/api/deconfliction/proposals?day={DAY}")
    assert all(p["owner"] == "GBR" for p in mine["proposals"])
    found = get(api, "secretariat", f"/api/deconfliction/proposals?day={DAY}")
    assert found["conflicts"] == 5 and found["remaining"] == 0
    for proposal in found["proposals"]:
        path = f"/api/deconfliction/activities/{proposal['activity']}/accept"
        shown = {"day": DAY, "proposal": proposal["summary"]}
        reply = api.client.post(path, json=shown, headers=cell)
        assert reply.status_code == 200, reply.text
        assert reply.json()["change"].startswith("accepted proposal: ")
    assert get(api, "secretariat", f"/api/deconfliction/conflicts?day={DAY}") == []
    path = f"/api/deconfliction/activities/{found['proposals'][0]['activity']}/accept"
    assert api.client.post(path, json={"day": DAY}, headers=cell).status_code == 409
    rejected = api.client.post(path.replace("/accept", "/reject"), json={"day": DAY}, headers=cell)
    assert rejected.status_code == 409  # nothing is proposed any more
    engine = api.client.app.state.engine  # type: ignore[attr-defined]
    with transaction(engine) as session:
        assert ledger.verify(session).ok


def test_the_hotline_log(api: Api) -> None:
    cell = api.headers("secretariat")
    sent = api.client.post(
        "/api/deconfliction/notifications", json={"party": "RUS", "day": DAY, "label": "coalition"},
        headers=cell,
    )  # fmt: skip
    assert sent.status_code == 201, sent.text
    text = json.dumps(sent.json())
    assert sent.json()["extract"]["day"] == DAY
    ukrainian = [v for a in PLAN if a.owner == "UKR" and not a.is_zone for v in a.volumes]
    assert (
        len(sent.json()["extract"]["features"])
        == sum(len(a.volumes) for a in PLAN if a.owner not in ("UKR", "RUS") and not a.is_zone)
        and ukrainian
    )  # Ukraine's own operations are not notified by the cell
    free = api.client.post("/api/deconfliction/notifications",
                           json={"party": "RUS", "day": DAY, "label": "GBR and UKR forces"},
                           headers=cell)  # fmt: skip
    assert free.status_code == 422
    assert not [unit for unit in UNITS if unit in text]
    assert not [a.id for a in PLAN if a.id in text]
    number = sent.json()["id"]
    objected = api.client.post(
        f"/api/deconfliction/notifications/{number}/answer",
        json={"state": "objected", "note": "the orbit is too close"}, headers=cell,
    )  # fmt: skip
    assert objected.json()["events"][-1]["state"] == "objected"
    assert [
        e["state"] for e in get(api, "secretariat", "/api/deconfliction/notifications")[0]["events"]
    ] == ["sent", "objected"]
    unknown = api.client.post(
        "/api/deconfliction/notifications/999/answer", json={"state": "acknowledged"}, headers=cell
    )
    assert unknown.status_code == 404
    nobody = api.client.post(
        "/api/deconfliction/notifications", json={"party": "XYZ", "day": DAY}, headers=cell
    )
    assert nobody.status_code == 400 and "unknown party" in nobody.text


def test_tracks_of_ones_own(api: Api) -> None:
    gbr = api.headers("gbr-rep")
    convoy = next(a for a in PLAN if a.id == "GBR-convoy-korczowa-lviv")
    volume = convoy.volumes[0]
    assert volume.route is not None
    lon, lat = volume.route.coordinates[0]
    inside = {"activity": convoy.id, "time": volume.start.isoformat(), "lon": lon, "lat": lat,
              "altitude_m": 0}  # fmt: skip
    reply = api.client.post("/api/deconfliction/tracks", json={"points": [inside]}, headers=gbr)
    assert reply.status_code == 200 and reply.json() == []
    away = inside | {"lon": lon + 0.5}
    alerts = api.client.post("/api/deconfliction/tracks", json={"points": [away]}, headers=gbr)
    assert len(alerts.json()) == 1 and "outside laterally" in alerts.json()[0]["reason"]


def test_unsigned_in_clients_see_nothing(tmp_path: Path) -> None:
    api = make_api(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    client: TestClient = api.client
    assert client.get(f"/api/deconfliction/conflicts?day={DAY}").status_code == 401

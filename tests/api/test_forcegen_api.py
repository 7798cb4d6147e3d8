"""The secretariat edits the statement of requirements and the scenarios on the server;
edits are checked like the files, audited, and used by the next sourcing job."""

from __future__ import annotations

from tests.api.conftest import Api


def test_edit_scenarios_and_requirements(fresh_api: Api) -> None:
    client, sec = fresh_api.client, fresh_api.headers("secretariat")
    observer = fresh_api.headers("observer")
    bundled = client.get("/api/forcegen/requirements", headers=observer).json()
    assert len(bundled) > 5

    assumptions = {"ceasefire": True, "us_backstop": True, "parliament:POL": False}
    scenario = {"id": "sejm-no", "title": "US backstop, but the Sejm votes no",
                "assumptions": assumptions}  # fmt: skip
    for who in ("observer", "monitor", "pol-rep"):
        denied = client.put(
            "/api/forcegen/scenarios/sejm-no", json=scenario, headers=fresh_api.headers(who)
        )
        assert denied.status_code == 403
    saved = client.put("/api/forcegen/scenarios/sejm-no", json=scenario, headers=sec)
    assert saved.status_code == 200 and saved.json()["assumptions"]["parliament:POL"] is False
    ids = [s["id"] for s in client.get("/api/forcegen/scenarios", headers=sec).json()]
    assert "sejm-no" in ids and "backstop-no" in ids

    wrong = scenario | {"id": "bad", "assumptions": {"martian_invasion": True}}
    refused = client.put("/api/forcegen/scenarios/bad", json=wrong, headers=sec)
    assert refused.status_code == 422 and "martian_invasion" in refused.text
    mismatch = client.put("/api/forcegen/scenarios/other", json=scenario, headers=sec)
    assert mismatch.status_code == 422

    one = [bundled[0] | {"quantity": 2}]
    replaced = client.put("/api/forcegen/requirements", json=one, headers=sec)
    assert replaced.status_code == 200 and len(replaced.json()) == 1
    bad_region = [bundled[0] | {"region": "atlantis"}]
    refused = client.put("/api/forcegen/requirements", json=bad_region, headers=sec)
    assert refused.status_code == 422 and "atlantis" in refused.text
    assert len(client.get("/api/forcegen/requirements", headers=sec).json()) == 1  # unchanged

    what_if = {"scenario": "sejm-no", "assume": {"parliament:DEU": False}}
    asked = client.post("/api/forcegen/jobs", json=what_if, headers=sec)
    assert asked.status_code == 201, asked.text
    deu = client.get(f"/api/forcegen/jobs/{asked.json()['id']}", headers=sec).json()
    assert deu["scenario"]["assumptions"]["parliament:DEU"] is False
    assert all(o["used"] == 0 for o in deu["offers"] if o["actor"] == "DEU")
    wrong_guess = {"scenario": "sejm-no", "assume": {"parlament:DEU": False}}
    refused = client.post("/api/forcegen/jobs", json=wrong_guess, headers=sec)
    assert refused.status_code in (400, 422) and "parlament:DEU" in refused.text
    job = client.post("/api/forcegen/jobs", json={"scenario": "sejm-no"}, headers=sec).json()
    result = client.get(f"/api/forcegen/jobs/{job['id']}", headers=sec).json()
    assert {r["requirement"]["of_line"] for r in result["requirements"]} == {bundled[0]["id"]}
    log = client.get("/api/audit", headers=fresh_api.headers("admin")).json()
    assert {e["target"] for e in log if e["action"] == "edit force data"} == {
        "scenario:sejm-no",
        "requirements",
    }


def test_jobs_are_shared_by_every_server_process(fresh_api: Api) -> None:
    """Issue 12 item 10: two processes on one database (two apps here) number jobs from
    one sequence, and a job started in one is fetched from the other."""
    from fastapi.testclient import TestClient

    from coalition.api.app import create_app

    first = fresh_api.client
    app = first.app
    second = TestClient(create_app(app.state.settings, app.state.engine))  # type: ignore[attr-defined]
    sec = fresh_api.headers("secretariat")
    a = first.post("/api/forcegen/jobs", json={"scenario": "backstop-no"}, headers=sec).json()
    b = second.post("/api/forcegen/jobs", json={"scenario": "backstop-yes"}, headers=sec).json()
    assert a["id"] != b["id"]
    fetched = second.get(f"/api/forcegen/jobs/{a['id']}", headers=sec).json()
    assert fetched["scenario"]["id"] == "backstop-no"
    assert abs(fetched["objective"] - a["objective"]) < 1e-9
    assert second.get("/api/forcegen/jobs/999999", headers=sec).status_code == 404


def test_conference_rounds_over_the_api(fresh_api: Api) -> None:
    client, observer = fresh_api.client, fresh_api.headers("observer")
    rounds = client.get("/api/forcegen/conferences", headers=observer).json()
    assert [r["round"] for r in rounds] == [1, 2]
    second = client.get("/api/forcegen/conferences/2", headers=observer).json()
    assert second["bids"] and second["result"]["lines"] and second["result"]["shortfalls"]
    diff = client.get("/api/forcegen/conferences/2/compare/1", headers=observer).json()
    assert (diff["first"], diff["second"]) == (1, 2) and diff["lines"]
    missing = client.get("/api/forcegen/conferences/9", headers=observer)
    assert missing.status_code == 404 and "no conference round 9" in missing.text
    assert client.get("/api/forcegen/conferences").status_code == 401


def test_the_odds_of_an_uncertain_scenario(fresh_api: Api) -> None:
    client, observer = fresh_api.client, fresh_api.headers("observer")
    reply = client.get("/api/forcegen/scenarios/uncertain/odds?draws=500&seed=3", headers=observer)
    assert reply.status_code == 200, reply.text
    odds = reply.json()
    assert odds["draws"] == 500 and 0 <= odds["p5"] <= odds["p50"] <= odds["p95"] <= 1
    assert set(odds["p_line_met"]) >= {"R01-hub-kyiv", "R04-hq"}
    assert "us_backstop" in odds["sensitivity"]
    again = client.get("/api/forcegen/scenarios/uncertain/odds?draws=500&seed=3", headers=observer)
    assert again.json()["p_line_met"] == odds["p_line_met"]  # reproducible by seed
    fixed = client.get("/api/forcegen/scenarios/backstop-yes/odds", headers=observer)
    assert fixed.status_code == 422 and "no probabilities" in fixed.text
    too_many = client.get("/api/forcegen/scenarios/uncertain/odds?draws=10000000", headers=observer)
    assert too_many.status_code == 422

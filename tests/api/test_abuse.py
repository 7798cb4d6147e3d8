"""Bad input and abuse: clear 4xx naming the field, never a 500; sign-in rate limit;
oversized bodies; closed CORS; writes on both database backends."""

from __future__ import annotations

from coalition.accounts.throttle import MAX_FAILURES
from tests.api.conftest import PASSWORD, Api


def test_malformed_bodies_name_the_field(api: Api) -> None:
    admin = api.headers("admin")
    reply = api.client.post(
        "/api/forcegen/jobs", json={"scenario": "x", "method": "magic"}, headers=admin
    )
    assert reply.status_code == 422 and reply.json()["detail"][0]["loc"] == ["body", "method"]
    reply = api.client.post(
        "/api/forcegen/jobs",
        content=b"{not json",
        headers=admin | {"content-type": "application/json"},
    )
    assert reply.status_code == 422
    reply = api.client.post(
        "/api/forcegen/jobs", json={"scenario": "no-such-scenario"}, headers=admin
    )
    assert reply.status_code in (400, 404) and "no-such-scenario" in reply.text
    reply = api.client.get("/api/states/POL/position?on=17-02-2025", headers=admin)
    assert reply.status_code == 422 and reply.json()["detail"][0]["loc"] == ["query", "on"]
    reply = api.client.get("/api/states/XYZ/position", headers=admin)
    assert reply.status_code == 404
    reply = api.client.get("/api/changes?from=2025-09-01&to=2025-01-01", headers=admin)
    assert reply.status_code == 422


def test_bad_reports_are_quarantined_with_reasons(api: Api) -> None:
    reply = api.client.post(
        "/api/monitoring/reports",
        json=[{"id": "q-1", "time": "yesterday", "lon": 500}],
        headers=api.headers("monitor"),
    )
    assert reply.status_code == 201
    body = reply.json()
    assert body["stored"] == 0 and body["quarantined"] == 1
    assert "lon: not a longitude" in body["problems"][0]["reason"]
    reply = api.client.post(
        "/api/monitoring/reports", json={"id": "not a list"}, headers=api.headers("monitor")
    )
    assert reply.status_code == 422


def test_oversized_body_is_refused(api: Api) -> None:
    big = b"[" + b"1," * 1_200_000 + b"1]"
    reply = api.client.post(
        "/api/monitoring/reports", content=big,
        headers=api.headers("monitor") | {"content-type": "application/json"},
    )  # fmt: skip
    assert reply.status_code == 413


def test_sign_in_is_rate_limited(api: Api) -> None:
    for _ in range(MAX_FAILURES):
        assert (
            api.client.post(
                "/api/auth/token", data={"username": "observer", "password": "nope"}
            ).status_code
            == 401
        )
    blocked = api.client.post(
        "/api/auth/token", data={"username": "observer", "password": PASSWORD}
    )
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0


def test_bad_tokens(api: Api) -> None:
    assert api.client.get("/api/me", headers={"Authorization": "Bearer forged"}).status_code == 401
    assert api.client.get("/api/me", headers={"Authorization": "Basic abc"}).status_code == 401


def test_cors_is_closed_by_default(api: Api) -> None:
    reply = api.client.options(
        "/api/states",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in reply.headers


def test_writes_on_each_backend(fresh_api: Api) -> None:
    reply = fresh_api.client.post(
        "/api/monitoring/reports",
        json=[{"id": "b-1", "time": "2026-06-01T10:00:00Z", "reporter": "MT",
               "reporter_kind": "monitor_team", "lon": 37.5, "lat": 48.5,
               "uncertainty_m": 100, "type": "explosion"}],
        headers=fresh_api.headers("monitor"),
    )  # fmt: skip
    assert reply.json()["stored"] == 1
    day = fresh_api.client.get(
        "/api/monitoring/days/2026-06-01", headers=fresh_api.headers("observer")
    )
    assert sum(c["events"] for c in day.json()["counts"]) == 1
    (event,) = day.json()["events"]
    assert event["place"] and event["geoprecision"] in (1, 2, 3)
    log = fresh_api.client.get("/api/audit", headers=fresh_api.headers("admin")).json()
    assert log[0]["action"] == "submit reports" and log[0]["username"] == "monitor"


def test_one_account_cannot_corroborate_itself(fresh_api: Api) -> None:
    """Issue 12 item 6: three "reporters" sent by one account at one spot stay three
    uncorroborated reports; the same from two accounts corroborate."""

    def post(who: str, ident: str, reporter: str) -> None:
        reply = fresh_api.client.post(
            "/api/monitoring/reports",
            json=[{"id": ident, "time": "2026-06-05T10:00:00Z", "reporter": reporter,
                   "reporter_kind": "monitor_team", "lon": 37.5, "lat": 48.5,
                   "uncertainty_m": 300, "type": "explosion"}],
            headers=fresh_api.headers(who),
        )  # fmt: skip
        assert reply.status_code == 201 and reply.json()["stored"] == 1

    for n, reporter in enumerate(("MT-1", "MT-2", "MT-3")):
        post("monitor", f"self-{n}", reporter)
    day = fresh_api.client.get(
        "/api/monitoring/days/2026-06-05", headers=fresh_api.headers("observer")
    )
    events = sum(c["events"] for c in day.json()["counts"])
    assert events == 3  # one source, three names: nothing corroborated
    post("admin", "other-1", "MT-9")  # a second account at the same spot
    day = fresh_api.client.get(
        "/api/monitoring/days/2026-06-05", headers=fresh_api.headers("observer")
    )
    (event,) = day.json()["events"]  # one event now, resting on two sources, not four
    assert event["n_reports"] == 4 and event["n_sources"] == 2


def test_a_report_sent_twice_in_one_request_is_one_report_and_one_duplicate(
    fresh_api: Api,
) -> None:
    """The API stores a request as the command line stores a file (one library call):
    the same report twice in one body is stored once and counted as a duplicate."""
    report = {"id": "twice-1", "time": "2026-06-02T10:00:00Z", "reporter": "MT",
              "reporter_kind": "monitor_team", "lon": 37.5, "lat": 48.5,
              "uncertainty_m": 100, "type": "explosion"}  # fmt: skip
    reply = fresh_api.client.post(
        "/api/monitoring/reports", json=[report, report], headers=fresh_api.headers("monitor")
    )
    body = reply.json()
    assert (body["rows"], body["stored"], body["duplicates"], body["quarantined"]) == (2, 1, 1, 0)

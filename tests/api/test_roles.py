"""Who may, and who may not: every route for every role, and anonymous callers."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import PASSWORD, USERS, Api

REPORT = {"id": "api-1", "time": "2026-06-01T10:00:00Z", "reporter": "MT-1",
          "reporter_kind": "monitor_team", "lon": 37.5, "lat": 48.5,
          "uncertainty_m": 300, "type": "explosion"}  # fmt: skip
SOURCE = {
    "id": "api-src-1",
    "title": "Statement of the Polish MoD",
    "published": "2026-02-01",
    "url": "https://example.org/mod-statement",
}

READ = {"admin", "secretariat", "pol-rep", "monitor", "observer"}
# (method, path, body, roles allowed)
ROUTES: list[tuple[str, str, Any, set[str]]] = [
    ("GET", "/api/me", None, READ),
    ("GET", "/api/states", None, READ),
    ("GET", "/api/states/POL/position?on=2025-02-17", None, READ),
    ("GET", "/api/states/GBR/timeline", None, READ),
    ("GET", "/api/changes?from=2025-02-01&to=2025-09-30", None, READ),
    ("GET", "/api/situation?on=2026-01-31", None, READ),
    ("GET", "/api/monitoring/days/2026-06-01", None, READ),
    ("GET", "/api/monitoring/alerts", None, READ),
    ("GET", "/api/monitoring/days/2026-06-01/report", None, READ),
    ("GET", "/api/forcegen/scenarios", None, READ),
    ("GET", "/api/forcegen/requirements", None, READ),
    ("GET", "/api/map?on=2025-02-18", None, READ),
    ("POST", "/api/monitoring/reports", [REPORT], {"admin", "monitor"}),
    ("POST", "/api/forcegen/jobs", {"scenario": "backstop-no", "method": "greedy"},
     {"admin", "secretariat"}),
    ("GET", "/api/forcegen/jobs/1", None, READ),  # the job the line above ran
    ("POST", "/api/sources", SOURCE, {"admin", "secretariat", "pol-rep"}),
    ("GET", "/api/osint/candidates", None, READ),
    ("POST", "/api/osint/articles",
     {"text": "Norway is ready to send troops to Ukraine, its government said."},
     {"admin", "secretariat"}),
    ("GET", "/api/users", None, {"admin"}),
    ("GET", "/api/audit", None, {"admin"}),
    ("POST", "/api/users",
     {"username": "new-user", "password": "long enough pass", "role": "observer"}, {"admin"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "path", "body", "allowed"), ROUTES, ids=[f"{m} {p}" for m, p, _, _ in ROUTES]
)
def test_role_matrix(api: Api, method: str, path: str, body: Any, allowed: set[str]) -> None:
    anonymous = api.client.request(method, path, json=body)
    assert anonymous.status_code == 401, anonymous.text
    for who in USERS:
        reply = api.client.request(method, path, json=body, headers=api.headers(who))
        if who in allowed:
            again = reply.status_code == 400 and "exists" in reply.text  # a user made before
            assert reply.status_code < 400 or again, (who, reply.status_code, reply.text)
        else:
            assert reply.status_code == 403, (who, reply.status_code, reply.text)


def test_a_representative_writes_only_its_own_state(api: Api) -> None:
    pledges = api.client.get("/api/states/POL/position", headers=api.headers("admin")).json()
    polish = pledges["pledges"][0]["pledge"]["id"]
    api.client.post(
        "/api/sources", json=SOURCE | {"id": "api-src-2"}, headers=api.headers("pol-rep")
    )
    statement = {"date": "2026-02-01", "status": "considering", "source": "api-src-2",
                 "quote": "Poland is considering a contribution after a ceasefire."}  # fmt: skip
    own = api.client.post(
        f"/api/pledges/{polish}/statements", json=statement, headers=api.headers("pol-rep")
    )
    assert own.status_code == 201 and own.json()["added"] == 1
    other = api.client.post("/api/pledges/GBR-troops-land/statements", json=statement,
                            headers=api.headers("pol-rep"))  # fmt: skip
    assert other.status_code == 403 and "represents POL, not GBR" in other.text
    for who in ("monitor", "observer"):
        assert api.client.post(f"/api/pledges/{polish}/statements", json=statement,
                               headers=api.headers(who)).status_code == 403  # fmt: skip
    # The write is in the audit log, with who and from where.
    log = api.client.get("/api/audit", headers=api.headers("admin")).json()
    entry = next(e for e in log if e["action"] == "add statement")
    assert entry["username"] == "pol-rep" and entry["target"] == polish
    assert entry["detail"]["quote"].startswith("Poland is considering") and entry["client"]
    timeline = api.client.get("/api/states/POL/timeline", headers=api.headers("observer")).json()
    assert any(
        (e.get("statement") or {}).get("quote", "").startswith("Poland is considering")
        for e in timeline
    )


def test_a_representative_cannot_grade_its_own_evidence(api: Api) -> None:
    """A state that could mark its sources reliable and its words confirmed would outrank
    every other report: grading is the secretariat's."""
    pol = api.headers("pol-rep")
    graded = SOURCE | {"id": "api-src-graded", "reliability": "A", "kind": "official"}
    reply = api.client.post("/api/sources", json=graded, headers=pol)
    assert reply.status_code == 403 and "kind, reliability" in reply.text
    statement = {"date": "2026-02-02", "status": "considering", "source": "api-src-2",
                 "quote": "Poland is considering a contribution.", "credibility": 1}  # fmt: skip
    reply = api.client.post("/api/pledges/POL-troops-land/statements", json=statement, headers=pol)
    assert reply.status_code == 403 and "credibility" in reply.text
    reply = api.client.post("/api/sources", json=graded, headers=api.headers("secretariat"))
    assert reply.status_code == 201


def test_a_stored_source_cannot_be_rewritten_through_the_api(api: Api) -> None:
    """Issue 12 item 1: a representative re-posting a seed's id with another date or
    title gets 409; the stored source is unchanged."""
    pol = api.headers("pol-rep")
    first = api.client.post("/api/sources", json=SOURCE | {"id": "api-src-fixed"}, headers=pol)
    assert first.status_code == 201
    again = api.client.post("/api/sources", json=SOURCE | {"id": "api-src-fixed"}, headers=pol)
    assert again.status_code == 201 and again.json()["added"] == 0  # the same: a no-op
    moved = SOURCE | {"id": "api-src-fixed", "published": "2027-01-01", "title": "Other"}
    reply = api.client.post("/api/sources", json=moved, headers=pol)
    assert reply.status_code == 409 and "never change" in reply.text
    seed = {"id": "seed-003", "title": "x", "url": "https://example.org/x"}
    assert api.client.post("/api/sources", json=seed, headers=pol).status_code == 409


def test_a_representative_cites_only_shared_sources_or_its_own(api: Api) -> None:
    """Issue 12: a national user writes only its own state's sources; another state's
    representative may not file statements on that state's source (the secretariat may)."""
    admin = api.headers("admin")
    made = api.client.post(
        "/api/users",
        json={"username": "deu-rep", "password": PASSWORD, "role": "national", "actor": "DEU"},
        headers=admin,
    )
    assert made.status_code in (201, 400)
    token = api.client.post(
        "/api/auth/token", data={"username": "deu-rep", "password": PASSWORD}
    ).json()["access_token"]
    deu = {"Authorization": f"Bearer {token}"}
    polish = SOURCE | {"id": "api-src-polish", "published": "2026-02-01"}
    assert (
        api.client.post("/api/sources", json=polish, headers=api.headers("pol-rep")).status_code
        == 201
    )
    statement = {"date": "2026-02-01", "status": "considering", "source": "api-src-polish",
                 "quote": "Germany is considering a contribution after a ceasefire."}  # fmt: skip
    refused = api.client.post(
        "/api/pledges/DEU-troops-land/statements", json=statement, headers=deu
    )
    assert refused.status_code == 422
    assert "registered by POL's representative" in refused.text
    shared = statement | {"source": "seed-003", "date": "2025-03-11"}
    ok = api.client.post("/api/pledges/DEU-troops-land/statements", json=shared, headers=deu)
    assert ok.status_code == 201, ok.text
    by_secretariat = api.client.post(
        "/api/pledges/DEU-troops-land/statements",
        json=statement,
        headers=api.headers("secretariat"),
    )
    assert by_secretariat.status_code == 201, by_secretariat.text

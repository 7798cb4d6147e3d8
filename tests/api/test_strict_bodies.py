"""Strict request bodies: a field the API does not know is a 422 that names it, never
silently dropped (issue 11: an article posted with "date" for "published" lost its date)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import Api

ARTICLE = {"text": "Norway is ready to send troops to Ukraine, its government said.",
           "published": "2026-02-01"}  # fmt: skip
SOURCE = {"id": "strict-src", "title": "A statement", "url": "https://example.org/s"}
STATEMENT = {"date": "2026-02-01", "status": "considering", "source": "strict-src",
             "quote": "Poland is considering a contribution."}  # fmt: skip
REQUIREMENT = {"id": "r-1", "capability": "inf-bn", "quantity": 1, "region": "kyiv",
               "start": "2026-01-01"}  # fmt: skip
ACTIVITY = {
    "id": "GBR-strict",
    "owner": "GBR",
    "kind": "convoy",
    "volumes": [
        {
            "id": "v",
            "circle": {"center": [24.0, 50.0], "radius_m": 100},
            "floor_m": 0,
            "ceiling_m": 10,
            "start": "2026-07-01T08:00Z",
            "end": "2026-07-01T09:00Z",
        }
    ],
}
TRACK = {
    "activity": "GBR-strict",
    "time": "2026-07-01T08:30Z",
    "lon": 24.0,
    "lat": 50.0,
    "altitude_m": 0,
}
USER = {"username": "strict-user", "password": "long enough pass", "role": "observer"}

# (method, path, a body valid but for one unknown field, where pydantic reports it).
WRITES: list[tuple[str, str, Any, list[str | int]]] = [
    ("POST", "/api/osint/articles", ARTICLE | {"date": "2026-02-01"}, ["body", "date"]),
    ("POST", "/api/osint/candidates/c-1/decision", {"decision": "reject", "why": "dup"},
     ["body", "why"]),
    ("POST", "/api/osint/documents/d-1/facts",
     {"quote": "Norway will send two ships.", "actor": "NOR", "status": "announced",
      "source": "me"}, ["body", "source"]),
    ("POST", "/api/users", USER | {"email": "a@example.org"}, ["body", "email"]),
    ("POST", "/api/users/observer/role", {"role": "observer", "state": "POL"},
     ["body", "state"]),
    ("POST", "/api/users/observer/password", {"password": "long enough pass", "old": "x"},
     ["body", "old"]),
    ("POST", "/api/auth/password", {"current": "x", "new": "long enough pass", "again": "x"},
     ["body", "again"]),
    ("POST", "/api/forcegen/jobs", {"scenario": "backstop-no", "date": "2026-01-01"},
     ["body", "date"]),
    ("PUT", "/api/forcegen/requirements", [REQUIREMENT | {"qty": 2}], ["body", 0, "qty"]),
    ("PUT", "/api/forcegen/scenarios/s-1", {"id": "s-1", "title": "S", "probability": 0.5},
     ["body", "probability"]),
    ("POST", "/api/sources", SOURCE | {"date": "2026-02-01"}, ["body", "date"]),
    ("POST", "/api/deconfliction/activities", ACTIVITY | {"unit_name": "x"},
     ["body", "unit_name"]),
    ("POST", "/api/deconfliction/activities/a-1/withdraw", {"reason": "r", "why": "r"},
     ["body", "why"]),
    ("POST", "/api/deconfliction/activities/a-1/accept", {"day": "2026-07-01", "date": "x"},
     ["body", "date"]),
    ("POST", "/api/deconfliction/activities/a-1/reject", {"day": "2026-07-01", "date": "x"},
     ["body", "date"]),
    ("POST", "/api/deconfliction/tracks", {"points": [TRACK | {"speed": 3}]},
     ["body", "points", 0, "speed"]),
    ("POST", "/api/deconfliction/notifications", {"party": "RUS", "day": "2026-07-01",
     "unit": "x"}, ["body", "unit"]),
    ("POST", "/api/deconfliction/notifications/1/answer", {"state": "acknowledged",
     "when": "now"}, ["body", "when"]),
    ("POST", "/api/pledges/POL-troops-land/statements", STATEMENT | {"published": "2026-02-01"},
     ["body", "published"]),
    ("POST", "/api/monitoring/cases/1/steps", {"state": "verified", "note": "seen",
     "evidence": "x"}, ["body", "evidence"]),
    ("POST", "/api/monitoring/lines", {"name": "line", "geojson": {"type": "LineString",
     "coordinates": [[36, 47], [37, 49]]}, "author": "x"}, ["body", "author"]),
]  # fmt: skip

# JSON bodies that are free records, checked by the code that reads them, not by a model:
# monitoring reports (each row checked, failures quarantined with their reasons).
FREE_BODIES = {("POST", "/api/monitoring/reports")}


@pytest.mark.parametrize(
    ("method", "path", "body", "loc"), WRITES, ids=[f"{m} {p}" for m, p, _, _ in WRITES]
)
def test_an_unknown_field_is_a_422_naming_it(
    api: Api, method: str, path: str, body: Any, loc: list[str | int]
) -> None:
    reply = api.client.request(method, path, json=body, headers=api.headers("admin"))
    assert reply.status_code == 422, reply.text
    errors = reply.json()["detail"]
    # The unknown field is the only complaint: the rest of the body is valid.
    assert [(e["loc"], e["type"], e["msg"]) for e in errors] == [
        (loc, "extra_forbidden", "Extra inputs are not permitted")
    ]


def test_every_json_body_route_is_checked_above(api: Api) -> None:
    """A new write route must join WRITES (or FREE_BODIES), so that it is tested too."""
    routes = {(method, path) for method, path, _ in _json_bodies(api)}
    tested = {(m, _template(p)) for m, p, _, _ in WRITES} | FREE_BODIES
    assert routes == tested


def test_every_body_schema_refuses_unknown_fields(api: Api) -> None:
    """Every object with declared fields, at any depth of any JSON request body, says
    additionalProperties: false; free maps (no declared fields) are left open. The
    sign-in form is not JSON: OAuth 2 (RFC 6749, 3.2) says a token endpoint ignores
    parameters it does not know."""
    components = api.client.get("/openapi.json").json()["components"]["schemas"]
    open_objects = {
        (method, path, name)
        for method, path, schema in _json_bodies(api)
        for name in _open_objects(schema, components, set())
    }
    assert not open_objects


def _json_bodies(api: Api) -> list[tuple[str, str, Any]]:
    """(method, path, schema) of every operation that takes a JSON body."""
    spec = api.client.get("/openapi.json").json()
    return [
        (method.upper(), path, content["application/json"]["schema"])
        for path, operations in spec["paths"].items()
        for method, op in operations.items()
        if "application/json" in (content := op.get("requestBody", {}).get("content", {}))
    ]


def _open_objects(schema: Any, components: dict[str, Any], seen: set[str]) -> set[str]:
    """Names (or titles) of the objects under ``schema`` that accept unknown fields."""
    if isinstance(schema, list):
        return set().union(*(_open_objects(s, components, seen) for s in schema))
    if not isinstance(schema, dict):
        return set()
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return set()
        seen.add(name)
        return _open_objects(components[name], components, seen)
    found = set()
    if "properties" in schema and schema.get("additionalProperties") is not False:
        found.add(str(schema.get("title", schema)))
    for value in schema.values():
        found |= _open_objects(value, components, seen)
    return found


def _template(path: str) -> str:
    """The OpenAPI path of a concrete test path (the ids in it become parameters)."""
    replacements = {
        "/api/osint/candidates/c-1/": "/api/osint/candidates/{ident}/",
        "/api/osint/documents/d-1/": "/api/osint/documents/{ident}/",
        "/api/monitoring/cases/1/": "/api/monitoring/cases/{ident}/",
        "/api/forcegen/scenarios/s-1": "/api/forcegen/scenarios/{ident}",
        "/api/pledges/POL-troops-land/": "/api/pledges/{pledge_id}/",
        "/api/users/observer/": "/api/users/{username}/",
        "/api/deconfliction/activities/a-1/": "/api/deconfliction/activities/{activity_id}/",
        "/api/deconfliction/notifications/1/": (
            "/api/deconfliction/notifications/{notification_id}/"
        ),
    }
    for concrete, template in replacements.items():
        path = path.replace(concrete, template)
    return path

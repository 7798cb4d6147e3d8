"""Issue 12 item 8: inputs that once gave a 500 with a traceback now get a clear 4xx
(the client here reports server errors as responses, as a user would see them)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import Api


@pytest.fixture(scope="module")
def client(api: Api) -> TestClient:
    return TestClient(api.client.app, raise_server_exceptions=False)


@pytest.mark.parametrize(
    "path",
    [
        "/api/monitoring/days/9999-12-31",
        "/api/monitoring/days/0001-01-01",
        "/api/monitoring/days/9999-12-31/report",
    ],
)
def test_days_out_of_range_are_refused(api: Api, client: TestClient, path: str) -> None:
    reply = client.get(path, headers=api.headers("observer"))
    assert reply.status_code == 400 and "is outside" in reply.json()["detail"]


def test_a_huge_integer_quarantines_its_row_only(api: Api, client: TestClient) -> None:
    row = ('{"id": "big-%s", "time": "2026-06-01T10:00:00Z", "lon": %s, "lat": 48.0, '
           '"type": "shelling", "reporter": "om-1", "reporter_kind": "monitor", '
           '"uncertainty_m": 100}')  # fmt: skip
    body = "[" + row % (1, "9" * 400) + ", " + row % (2, "37.5") + "]"
    reply = client.post(
        "/api/monitoring/reports",
        content=body.encode(),
        headers=api.headers("monitor") | {"content-type": "application/json"},
    )
    assert reply.status_code == 201, reply.text
    result = reply.json()
    assert result["quarantined"] >= 1 and "lon" in result["problems"][0]["reason"]


def test_a_lone_surrogate_is_a_422_not_a_crash(api: Api, client: TestClient) -> None:
    reply = client.post(
        "/api/osint/articles",
        content=b'{"text": "\\ud800 and more words to pass the minimum", "title": "t"}',
        headers=api.headers("secretariat") | {"content-type": "application/json"},
    )
    assert reply.status_code == 422
    assert reply.json()["detail"][0]["loc"] == ["body", "text"]


def test_a_streamed_oversized_body_is_413(api: Api, client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(30):
            yield b"x" * 100_000

    reply = client.post(
        "/api/osint/articles",
        content=chunks(),
        headers=api.headers("secretariat") | {"content-type": "application/json"},
    )
    assert reply.status_code == 413

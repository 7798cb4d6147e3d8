"""An API over a database holding the bundled registry and one user of each role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from coalition.accounts.users import Role, add_user
from coalition.api.app import create_app
from coalition.config import Settings
from coalition.registry import load
from coalition.store import make_engine, upgrade

PASSWORD = "correct horse battery staple"
USERS = {
    "admin": (Role.ADMIN, None),
    "secretariat": (Role.SECRETARIAT, None),
    "pol-rep": (Role.NATIONAL, "POL"),
    "monitor": (Role.MONITOR, None),
    "observer": (Role.OBSERVER, None),
}


@dataclass
class Api:
    client: TestClient
    tokens: dict[str, str]

    def headers(self, who: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"} if who else {}


def make_api(url: str) -> Api:
    settings = Settings(db_url=url)
    engine = make_engine(url)
    upgrade(engine)
    load(engine, [settings.registry_dir])
    for name, (role, actor) in USERS.items():
        add_user(engine, name, PASSWORD, role, actor)
    client = TestClient(create_app(settings, engine))
    tokens = {}
    for name in USERS:
        reply = client.post("/api/auth/token", data={"username": name, "password": PASSWORD})
        tokens[name] = reply.json()["access_token"]
    return Api(client, tokens)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    yield make_api(f"sqlite:///{tmp_path_factory.mktemp('api') / 'api.sqlite3'}")


@pytest.fixture
def fresh_api(db_url: str) -> Api:
    """On each backend, for tests that write."""
    return make_api(db_url)

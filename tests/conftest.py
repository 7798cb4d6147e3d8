"""Shared fixtures: every storage test runs on SQLite and on a real PostgreSQL server.

``COALITION_TEST_PG_URL`` points the tests at an existing server (its database is used
to create one scratch database per test); otherwise a server is started on loopback.
Where no PostgreSQL can be had the PostgreSQL runs are skipped, and the run says so.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from coalition.store import make_engine, upgrade
from tests.pg_server import LocalPostgres, PostgresUnavailable

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data" / "registry"
SEEDS = REPO.parent / "shared" / "seeds"

_BACKEND_NOTES: dict[str, str] = {}
_counter = itertools.count()


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    given = os.environ.get("COALITION_TEST_PG_URL")
    if given:
        _BACKEND_NOTES["postgresql"] = f"ran against {given.split('@')[-1]}"
        yield given
        return
    try:
        server = LocalPostgres()
    except PostgresUnavailable as exc:
        _BACKEND_NOTES["postgresql"] = f"SKIPPED: {exc}"
        pytest.skip(f"PostgreSQL backend skipped: {exc}")
    url = server.start()
    _BACKEND_NOTES["postgresql"] = f"ran on a local server (127.0.0.1:{server.port})"
    try:
        yield url
    finally:
        server.stop()


def _scratch_postgres(admin_url: str) -> Iterator[str]:
    name = f"coalition_test_{os.getpid()}_{next(_counter)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _ = admin_url.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session", autouse=True)
def _keys_outside_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Signing keys made by the tests go to a scratch folder, not the user's home."""
    previous = os.environ.get("COALITION_KEYS_DIR")
    os.environ["COALITION_KEYS_DIR"] = str(tmp_path_factory.mktemp("keys"))
    yield
    if previous is None:
        os.environ.pop("COALITION_KEYS_DIR", None)
    else:
        os.environ["COALITION_KEYS_DIR"] = previous


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database, on each backend in turn."""
    if request.param == "sqlite":
        _BACKEND_NOTES.setdefault("sqlite", "ran")
        yield f"sqlite:///{tmp_path / 'registry.sqlite3'}"
        return
    admin_url = request.getfixturevalue("postgres_admin_url")
    yield from _scratch_postgres(admin_url)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on a migrated, empty database."""
    eng = make_engine(db_url)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled registry data, for tests that break it."""
    target = tmp_path / "registry"
    shutil.copytree(DATA, target)
    return target


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    terminalreporter.section("database backends")
    for backend in ("sqlite", "postgresql"):
        note = _BACKEND_NOTES.get(backend, "not used by the selected tests")
        terminalreporter.write_line(f"{backend}: {note}")

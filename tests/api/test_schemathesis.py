"""Property-based calls of every operation in the OpenAPI spec (schemathesis), signed in
as admin: no input may cause a server error."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tests.api.conftest import make_api

_folder = Path(tempfile.mkdtemp(prefix="coalition-schemathesis-"))
_api = make_api(f"sqlite:///{_folder / 'api.sqlite3'}")
schema = schemathesis.openapi.from_asgi("/openapi.json", _api.client.app)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:  # type: ignore[type-arg]
    case.call_and_validate(headers=_api.headers("admin"), checks=[not_a_server_error])

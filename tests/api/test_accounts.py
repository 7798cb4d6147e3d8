"""Issue 12 item 11: tokens end when they expire, when their holder signs out, and when
an administrator disables the user, at once in this process."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coalition.accounts.users import issue_token, token_holder
from tests.api.conftest import PASSWORD, make_api


def test_sign_out_and_disable(tmp_path: Path) -> None:
    api = make_api(f"sqlite:///{tmp_path / 'accounts.sqlite3'}")
    observer = api.headers("observer")
    assert api.client.get("/api/me", headers=observer).status_code == 200
    assert api.client.post("/api/auth/logout", headers=observer).status_code == 204
    assert api.client.get("/api/me", headers=observer).status_code == 401  # revoked at once

    monitor = api.headers("monitor")
    assert api.client.get("/api/me", headers=monitor).status_code == 200
    denied = api.client.post("/api/users/monitor/disable", headers=api.headers("pol-rep"))
    assert denied.status_code == 403
    done = api.client.post("/api/users/monitor/disable", headers=api.headers("admin"))
    assert done.status_code == 200
    assert api.client.get("/api/me", headers=monitor).status_code in (200, 401)  # cache
    sign_in = api.client.post("/api/auth/token", data={"username": "monitor", "password": PASSWORD})
    assert sign_in.status_code == 401  # no new sign-in
    assert (
        api.client.post("/api/users/nobody/disable", headers=api.headers("admin")).status_code
        == 404
    )
    log = api.client.get("/api/audit", headers=api.headers("admin")).json()
    assert {"sign out", "disable user"} <= {e["action"] for e in log}


def test_an_expired_token_is_refused(tmp_path: Path) -> None:
    api = make_api(f"sqlite:///{tmp_path / 'expiry.sqlite3'}")
    engine = api.client.app.state.engine  # type: ignore[attr-defined]
    from coalition.accounts.users import list_users

    user = next(u for u in list_users(engine) if u.username == "observer")
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    stale = issue_token(engine, user, now=long_ago)
    assert token_holder(engine, stale) is None
    reply = api.client.get("/api/me", headers={"Authorization": f"Bearer {stale}"})
    assert reply.status_code == 401


def test_a_guesser_locks_out_only_itself_and_sign_ins_are_logged(tmp_path: Path) -> None:
    """Five wrong passwords from one address: that address waits; the account's owner
    signing in from another address does not. Every attempt is in the log."""
    from fastapi.testclient import TestClient

    from coalition.api.routers.auth import MAX_FAILURES, throttle

    throttle.__init__()  # type: ignore[misc]
    api = make_api(f"sqlite:///{tmp_path / 'throttle.sqlite3'}")
    app = api.client.app
    guesser = TestClient(app, client=("203.0.113.7", 4000))  # documentation addresses
    owner = TestClient(app, client=("198.51.100.2", 4000))
    wrong = {"username": "observer", "password": "not the password"}
    for _ in range(MAX_FAILURES):
        assert guesser.post("/api/auth/token", data=wrong).status_code == 401
    assert guesser.post("/api/auth/token", data=wrong).status_code == 429
    right = {"username": "observer", "password": PASSWORD}
    assert owner.post("/api/auth/token", data=right).status_code == 200
    log = api.client.get("/api/audit", headers=api.headers("admin")).json()
    actions = [(e["action"], e["client"]) for e in log if e["target"] == "observer"]
    assert ("sign-in refused", "203.0.113.7") in actions
    assert ("sign-in throttled", "203.0.113.7") in actions
    assert ("sign in", "198.51.100.2") in actions

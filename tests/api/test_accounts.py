"""Issue 12 item 11: tokens end when they expire, when their holder signs out, and when
an administrator disables the user, at once in this process."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coalition.accounts.users import issue_token, token_holder
from tests.api.conftest import PASSWORD, Api, make_api


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
    """Five wrong passwords from one address: that address waits, in every server
    process (two apps on one database stand for two workers); the account's owner
    signing in from another address does not. Every attempt is in the log."""
    from fastapi.testclient import TestClient

    from coalition.accounts.throttle import MAX_FAILURES
    from coalition.api.app import create_app

    api = make_api(f"sqlite:///{tmp_path / 'throttle.sqlite3'}")
    app = api.client.app
    other_worker = create_app(app.state.settings, app.state.engine)  # type: ignore[attr-defined]
    guesser = TestClient(app, client=("203.0.113.7", 4000))  # documentation addresses
    same_guesser_elsewhere = TestClient(other_worker, client=("203.0.113.7", 4000))
    owner = TestClient(app, client=("198.51.100.2", 4000))
    for n in range(MAX_FAILURES):  # spraying across usernames counts alike
        wrong = {"username": f"observer{n}", "password": "not the password"}
        assert guesser.post("/api/auth/token", data=wrong).status_code == 401
    wrong = {"username": "observer", "password": "not the password"}
    refused = same_guesser_elsewhere.post("/api/auth/token", data=wrong)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    right = {"username": "observer", "password": PASSWORD}
    assert owner.post("/api/auth/token", data=right).status_code == 200
    log = api.client.get("/api/audit", headers=api.headers("admin")).json()
    actions = [(e["action"], e["client"]) for e in log if e["target"].startswith("observer")]
    assert ("sign-in refused", "203.0.113.7") in actions
    assert ("sign-in throttled", "203.0.113.7") in actions
    assert ("sign in", "198.51.100.2") in actions


def sign_in(api: Api, username: str, password: str) -> int:
    reply = api.client.post("/api/auth/token", data={"username": username, "password": password})
    return int(reply.status_code)


def test_change_own_password_revokes_every_token(tmp_path: Path) -> None:
    api = make_api(f"sqlite:///{tmp_path / 'password.sqlite3'}")
    observer = api.headers("observer")
    new = "a different long secret"
    wrong = {"current": "not it at all", "new": new}
    refused = api.client.post("/api/auth/password", json=wrong, headers=observer)
    assert refused.status_code == 400 and "current password is wrong" in refused.text
    short = api.client.post(
        "/api/auth/password", json={"current": PASSWORD, "new": "short"}, headers=observer
    )
    assert short.status_code == 422
    done = api.client.post(
        "/api/auth/password", json={"current": PASSWORD, "new": new}, headers=observer
    )
    assert done.status_code == 200
    assert api.client.get("/api/me", headers=observer).status_code == 401
    assert sign_in(api, "observer", PASSWORD) == 401
    assert sign_in(api, "observer", new) == 200


def test_an_administrator_changes_a_role_or_resets_a_password(tmp_path: Path) -> None:
    api = make_api(f"sqlite:///{tmp_path / 'role.sqlite3'}")
    pol = api.headers("pol-rep")
    to_observer = {"role": "observer"}
    assert (
        api.client.post("/api/users/pol-rep/role", json=to_observer, headers=pol).status_code == 403
    )
    missing_state = api.client.post(
        "/api/users/observer/role", json={"role": "national"}, headers=api.headers("admin")
    )
    assert missing_state.status_code == 400 and "needs --actor" in missing_state.text
    unknown = api.client.post(
        "/api/users/nobody/role", json=to_observer, headers=api.headers("admin")
    )
    assert unknown.status_code == 404
    done = api.client.post(
        "/api/users/pol-rep/role", json=to_observer, headers=api.headers("admin")
    )
    assert done.json() == {"username": "pol-rep", "role": "observer", "actor": None}
    assert api.client.get("/api/me", headers=pol).status_code == 401  # the old rights end now
    token = api.client.post(
        "/api/auth/token", data={"username": "pol-rep", "password": PASSWORD}
    ).json()["access_token"]
    me = api.client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["role"] == "observer" and me["actor"] is None

    reset = {"password": "reset by the admin 1"}
    assert (
        api.client.post("/api/users/monitor/password", json=reset, headers=api.headers("monitor"))
        .status_code == 403
    )  # fmt: skip
    assert (
        api.client.post("/api/users/monitor/password", json=reset, headers=api.headers("admin"))
        .status_code == 200
    )  # fmt: skip
    assert (
        sign_in(api, "monitor", PASSWORD) == 401
        and sign_in(api, "monitor", reset["password"]) == 200
    )
    log = api.client.get("/api/audit", headers=api.headers("admin")).json()
    assert {"change role", "reset password"} <= {e["action"] for e in log}
    assert all("reset by the admin" not in str(e) for e in log)  # no password in the log

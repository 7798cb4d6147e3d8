"""What every route needs: the engine, the caller (from the bearer token), role checks,
and the audit of writes."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, Response, status
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel
from sqlalchemy import Engine

from coalition.accounts import audit
from coalition.accounts.users import Role, User, token_holder
from coalition.config import Settings
from coalition.errors import CoalitionError
from coalition.registry import Registry
from coalition.store import heads, transaction

log = logging.getLogger(__name__)
bearer = OAuth2PasswordBearer(tokenUrl="/api/auth/token", auto_error=False)


def engine(request: Request) -> Engine:
    result: Engine = request.app.state.engine
    return result


def settings(request: Request) -> Settings:
    result: Settings = request.app.state.settings
    return result


# Seconds a checked token is trusted without asking the database again: how long a
# revocation or a disabled user takes to reach the other server processes. Never past
# the token's own expiry.
_TOKEN_TTL = 5.0
_known: dict[str, tuple[User, float, dt.datetime]] = {}


def forget_token(token: str) -> None:
    _known.pop(token, None)


def forget_user(username: str) -> None:
    """Drop this process's cached tokens of a user whose rights just changed."""
    for token in [t for t, (user, _, _) in _known.items() if user.username == username]:
        _known.pop(token, None)


async def current_user(request: Request, token: Annotated[str | None, Depends(bearer)]) -> User:
    found: User | None = None
    if token:
        cached = _known.get(token)
        now = dt.datetime.now(dt.UTC)
        if cached is not None and time.monotonic() - cached[1] < _TOKEN_TTL and now < cached[2]:
            found = cached[0]
        else:
            holder = token_holder(engine(request), token)
            if holder is not None:
                found = holder[0]
                if len(_known) > 10_000:
                    _known.clear()
                _known[token] = (found, time.monotonic(), holder[1])
    if found is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "not signed in: POST /api/auth/token for a bearer token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return found


def require(*roles: Role) -> Callable[[User], Awaitable[User]]:
    """A dependency that lets through the given roles (and admin) only."""

    async def check(user: Annotated[User, Depends(current_user)]) -> User:
        if user.role is not Role.ADMIN and user.role not in roles:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                f"role {user.role.value} may not do this (allowed: admin, "
                f"{', '.join(r.value for r in roles)})",
            )
        return user

    return check


ANYONE = require(*Role)  # any signed-in user


class Snapshots:
    """One in-memory registry shared by requests, rebuilt after a write through this
    process and at most ``ttl`` seconds after one made elsewhere (the CLI, another
    worker). Reading a position then costs microseconds, not a dozen queries."""

    def __init__(self, ttl: float = 2.0) -> None:
        self.ttl = ttl
        self._value: Registry | None = None
        self._answers: dict[tuple[object, ...], bytes] = {}
        self._at = 0.0
        self._lock = threading.Lock()

    def get(self, eng: Engine, beneficiary: str) -> Registry:
        with self._lock:
            if self._value is None or time.monotonic() - self._at > self.ttl:
                with transaction(eng) as session:
                    self._value = Registry(session, beneficiary=beneficiary).detach()
                self._at = time.monotonic()
                self._answers = {}
            return self._value

    def answer(self, key: tuple[object, ...], compute: Callable[[], BaseModel]) -> Response:
        """The JSON of a read, computed once per snapshot (the snapshot cannot change)."""
        found = self._answers.get(key)
        if found is None:
            found = compute().model_dump_json().encode()
            if len(self._answers) < 50_000:
                self._answers[key] = found
        return Response(content=found, media_type="application/json")

    def invalidate(self) -> None:
        with self._lock:
            self._value = None
            self._answers = {}


async def registry(request: Request) -> Registry:
    snapshots: Snapshots = request.app.state.snapshots
    return snapshots.get(engine(request), settings(request).beneficiary)


def snapshots(request: Request) -> Snapshots:
    found: Snapshots = request.app.state.snapshots
    return found


def registry_changed(request: Request) -> None:
    request.app.state.snapshots.invalidate()


def client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def audited(request: Request, user: User, action: str, target: str, detail: dict[str, Any]) -> None:
    audit.record(engine(request), user, action, target, detail, client(request))


@contextmanager
def auditing(
    request: Request, user: User, action: str, target: str, detail: dict[str, Any]
) -> Iterator[dict[str, Any]]:
    """Around a write: its audit row commits with it (see accounts.audit.recording); the
    ledger gets its daily signed head after the first write of a day."""
    with audit.recording(engine(request), user, action, target, detail, client(request)) as d:
        yield d
    try:
        heads.sign_if_due(engine(request), settings(request).keys_dir)
    except (CoalitionError, OSError) as exc:  # the write stands; the head waits for the next
        log.warning("could not sign the ledger's daily head: %s", exc)

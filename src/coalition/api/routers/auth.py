"""Sign in (bearer tokens), with failed attempts rate-limited per client and user."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel

from coalition.accounts import audit
from coalition.accounts.users import User, authenticate, issue_token, revoke_token
from coalition.api.deps import ANYONE, auditing, bearer, client, engine, forget_token

router = APIRouter(prefix="/api", tags=["auth"])

MAX_FAILURES = 5  # within WINDOW_S, per client address and per username
WINDOW_S = 60.0


class Throttle:
    """Failed sign-ins remembered for a minute; the sixth within it gets 429."""

    def __init__(self) -> None:
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures[key]
        while times and times[0] <= now - WINDOW_S:
            times.popleft()
        return times

    def blocked(self, keys: list[str]) -> float:
        now = time.monotonic()
        with self._lock:
            waits = [
                WINDOW_S - (now - times[0])
                for key in keys
                if len(times := self._recent(key, now)) >= MAX_FAILURES
            ]
        return max(waits, default=0.0)

    def failed(self, keys: list[str]) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)


throttle = Throttle()


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


class Me(BaseModel):
    username: str
    role: str
    actor: str | None


@router.post("/auth/token", response_model=Token)
def sign_in(request: Request, form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> Token:
    """Exchange a username and password for a bearer token (valid 12 hours)."""
    # Per address, and per account from that address: five wrong passwords lock the
    # guesser out, never the account's owner signing in from elsewhere.
    address, typed = client(request), form.username[:64]
    keys = [f"client:{address}", f"user:{typed}@{address}"]
    wait = throttle.blocked(keys)
    if wait > 0:
        audit.security_event(
            engine(request), form.username[:64], "sign-in throttled", client(request)
        )
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            "too many failed sign-ins: wait and try again",
            headers={"Retry-After": str(int(wait) + 1)},
        )
    user = authenticate(engine(request), form.username, form.password)
    if user is None:
        throttle.failed(keys)
        audit.security_event(
            engine(request), form.username[:64], "sign-in refused", client(request)
        )
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "wrong username or password")
    audit.security_event(engine(request), user.username, "sign in", address)
    return Token(access_token=issue_token(engine(request), user))


@router.post("/auth/logout", status_code=204)
def sign_out(
    request: Request,
    user: Annotated[User, Depends(ANYONE)],
    token: Annotated[str | None, Depends(bearer)],
) -> Response:
    """Revoke the token this request carries."""
    if token:
        with auditing(request, user, "sign out", user.username, {}):
            revoke_token(engine(request), token)
        forget_token(token)
    return Response(status_code=204)


@router.get("/me", response_model=Me)
def me(user: Annotated[User, Depends(ANYONE)]) -> Me:
    """Who the token belongs to."""
    return Me(username=user.username, role=user.role.value, actor=user.actor)

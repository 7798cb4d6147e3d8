"""Sign in (bearer tokens), with refused attempts rate-limited per client address
(``accounts.throttle``, from the audit log that every server process shares)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel, Field

from coalition.accounts import audit
from coalition.accounts.throttle import REFUSED, wait_before_sign_in
from coalition.accounts.users import (
    User,
    authenticate,
    change_password,
    issue_token,
    revoke_token,
)
from coalition.api.bodies import RequestBody
from coalition.api.deps import ANYONE, auditing, bearer, client, engine, forget_token, forget_user

router = APIRouter(prefix="/api", tags=["auth"])
ORDER = 10  # where its routes stand in the app (see ``api.registration``)


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
    address = client(request)
    wait = wait_before_sign_in(engine(request), address)
    if wait > 0:
        audit.security_event(engine(request), form.username[:64], "sign-in throttled", address)
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            "too many failed sign-ins: wait and try again",
            headers={"Retry-After": str(int(wait) + 1)},
        )
    user = authenticate(engine(request), form.username, form.password)
    if user is None:
        audit.security_event(engine(request), form.username[:64], REFUSED, address)
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


class PasswordChange(RequestBody):
    current: str = Field(min_length=1, max_length=200)
    new: str = Field(min_length=10, max_length=200)


@router.post("/auth/password")
def own_password(
    change: PasswordChange, request: Request, user: Annotated[User, Depends(ANYONE)]
) -> dict[str, Any]:
    """Change your own password (the current one is asked again); every token of yours
    is revoked, this one included: sign in again."""
    with auditing(request, user, "change own password", user.username, {}):
        change_password(engine(request), user.username, change.new, change.current)
    forget_user(user.username)
    return {"username": user.username, "password_changed": True}


@router.get("/me", response_model=Me)
def me(user: Annotated[User, Depends(ANYONE)]) -> Me:
    """Who the token belongs to."""
    return Me(username=user.username, role=user.role.value, actor=user.actor)

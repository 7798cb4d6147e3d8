"""What every route needs: the engine, the caller (from the bearer token), role checks,
and the audit of writes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import Engine

from coalition.accounts import audit
from coalition.accounts.users import Role, User, user_for_token
from coalition.config import Settings
from coalition.registry.queries import Registry
from coalition.store import transaction

bearer = OAuth2PasswordBearer(tokenUrl="/api/auth/token", auto_error=False)


def engine(request: Request) -> Engine:
    result: Engine = request.app.state.engine
    return result


def settings(request: Request) -> Settings:
    result: Settings = request.app.state.settings
    return result


def current_user(request: Request, token: Annotated[str | None, Depends(bearer)]) -> User:
    found = user_for_token(engine(request), token) if token else None
    if found is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "not signed in: POST /api/auth/token for a bearer token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return found


def require(*roles: Role) -> Callable[[User], User]:
    """A dependency that lets through the given roles (and admin) only."""

    def check(user: Annotated[User, Depends(current_user)]) -> User:
        if user.role is not Role.ADMIN and user.role not in roles:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                f"role {user.role.value} may not do this (allowed: admin, "
                f"{', '.join(r.value for r in roles)})",
            )
        return user

    return check


ANYONE = require(*Role)  # any signed-in user


def registry(request: Request) -> Iterator[Registry]:
    with transaction(engine(request)) as session:
        yield Registry(session, beneficiary=settings(request).beneficiary)


def client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def audited(request: Request, user: User, action: str, target: str, detail: dict[str, Any]) -> None:
    audit.record(engine(request), user, action, target, detail, client(request))

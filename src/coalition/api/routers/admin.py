"""Users and the audit log (admin only)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import Field

from coalition.accounts import audit
from coalition.accounts.users import (
    Role,
    User,
    add_user,
    change_password,
    change_role,
    disable_user,
    list_users,
)
from coalition.api.bodies import RequestBody
from coalition.api.deps import auditing, engine, forget_user, require

router = APIRouter(prefix="/api", tags=["admin"])
ORDER = 80  # where its routes stand in the app (see ``api.registration``)
Admin = Annotated[User, Depends(require())]


class NewUser(RequestBody):
    username: str = Field(min_length=2, max_length=64)
    password: str = Field(min_length=10, max_length=200)
    role: Role
    actor: str | None = Field(default=None, max_length=16)


class RoleChange(RequestBody):
    role: Role
    actor: str | None = Field(default=None, max_length=16)


class PasswordReset(RequestBody):
    password: str = Field(min_length=10, max_length=200)


@router.get("/users")
def users(request: Request, _: Admin) -> list[dict[str, Any]]:
    return [
        {"username": u.username, "role": u.role.value, "actor": u.actor}
        for u in list_users(engine(request))
    ]


@router.post("/users/{username}/disable")
def disable(username: str, request: Request, user: Admin) -> dict[str, Any]:
    """The user may no longer sign in; their tokens stop working."""
    with auditing(request, user, "disable user", username, {}):
        done = disable_user(engine(request), username)
    return {"username": done.username, "disabled": True}


@router.post("/users/{username}/role")
def set_role(username: str, change: RoleChange, request: Request, user: Admin) -> dict[str, Any]:
    """Another role (and state) for a user; their tokens stop working."""
    detail = {"role": change.role.value, "actor": change.actor}
    with auditing(request, user, "change role", username, detail):
        done = change_role(engine(request), username, change.role, change.actor)
    forget_user(username)
    return {"username": done.username, "role": done.role.value, "actor": done.actor}


@router.post("/users/{username}/password")
def reset_password(
    username: str, reset: PasswordReset, request: Request, user: Admin
) -> dict[str, Any]:
    """Set a user's password (a reset); their tokens stop working."""
    with auditing(request, user, "reset password", username, {}):
        done = change_password(engine(request), username, reset.password)
    forget_user(username)
    return {"username": done.username, "password_changed": True}


@router.post("/users", status_code=201)
def create(new: NewUser, request: Request, user: Admin) -> dict[str, Any]:
    detail = {"role": new.role.value, "actor": new.actor}
    with auditing(request, user, "add user", new.username, detail):
        created = add_user(engine(request), new.username, new.password, new.role, new.actor)
    return {"username": created.username, "role": created.role.value, "actor": created.actor}


@router.get("/audit")
def audit_log(
    request: Request, _: Admin, limit: Annotated[int, Query(ge=1, le=1000)] = 200
) -> list[dict[str, Any]]:
    """Every write through the server, newest first: who, when, what, from where."""
    return audit.entries(engine(request), limit)

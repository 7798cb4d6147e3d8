"""Users, passwords and tokens. Passwords are hashed with argon2; a token is random and
only its SHA-256 digest is stored, so a copy of the database grants no access."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from coalition.errors import CoalitionError, NotFoundError
from coalition.store import transaction
from coalition.store.tables import ActorRow, TokenRow, UserRow

TOKEN_LIFETIME = dt.timedelta(hours=12)
_hasher = PasswordHasher()
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


class Role(StrEnum):
    ADMIN = "admin"
    SECRETARIAT = "secretariat"  # edits requirements and scenarios, reads everything
    NATIONAL = "national"  # a national representative: writes only its own state's pledges
    MONITOR = "monitor"  # submits incident reports
    OBSERVER = "observer"  # reads


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: Role
    actor: str | None

    @property
    def confined_to(self) -> str | None:
        """The state whose records alone this user may file and see (a national
        representative's); None: every state's (the secretariat, the cell, readers)."""
        return self.actor if self.role is Role.NATIONAL else None


def _user(row: UserRow) -> User:
    return User(row.id, row.username, Role(row.role), row.actor)


def _check_password(password: str) -> None:
    if len(password) < 10:
        raise CoalitionError("password: at least 10 characters")
    if len(password) > 200:
        raise CoalitionError("password: at most 200 characters")


def _check_role(session: Session, role: Role, actor: str | None) -> None:
    if (role is Role.NATIONAL) != (actor is not None):
        raise CoalitionError("a national representative needs --actor, and only they do")
    if actor is not None and session.get(ActorRow, actor) is None:
        raise CoalitionError(f"actor {actor!r} is not in the registry (run `coalition load`)")


def add_user(
    engine: Engine, username: str, password: str, role: Role, actor: str | None = None
) -> User:
    """Create a user; a national representative must name a state the registry knows."""
    if not _USERNAME.match(username):
        raise CoalitionError(f"username {username!r}: 2-64 of a-z, 0-9, '.', '_', '-'")
    _check_password(password)
    with transaction(engine) as session:
        _check_role(session, role, actor)
        if session.scalar(select(UserRow).filter_by(username=username)) is not None:
            raise CoalitionError(f"user {username!r} exists already")
        row = UserRow(
            username=username, password_hash=_hasher.hash(password), role=role.value, actor=actor
        )
        session.add(row)
        session.flush()
        return _user(row)


def authenticate(engine: Engine, username: str, password: str) -> User | None:
    with transaction(engine) as session:
        row = session.scalar(select(UserRow).filter_by(username=username))
        if row is None:
            _hasher.hash(password)  # the same work either way: no timing hint of who exists
            return None
        try:
            _hasher.verify(row.password_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        return None if row.disabled else _user(row)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(engine: Engine, user: User, now: dt.datetime | None = None) -> str:
    token = secrets.token_urlsafe(32)
    expires = (now or dt.datetime.now(dt.UTC)) + TOKEN_LIFETIME
    with transaction(engine) as session:
        session.add(TokenRow(digest=_digest(token), user_id=user.id, expires_at=expires))
    return token


def user_for_token(engine: Engine, token: str, now: dt.datetime | None = None) -> User | None:
    found = token_holder(engine, token, now)
    return found[0] if found else None


def token_holder(
    engine: Engine, token: str, now: dt.datetime | None = None
) -> tuple[User, dt.datetime] | None:
    """The user a live token belongs to, and when it expires; None when it is unknown,
    expired, revoked or its user disabled."""
    moment = now or dt.datetime.now(dt.UTC)
    with transaction(engine) as session:
        row = session.get(TokenRow, _digest(token))
        if row is None:
            return None
        expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=dt.UTC)
        if expires <= moment:
            return None
        user = session.get(UserRow, row.user_id)
        return (_user(user), expires) if user and not user.disabled else None


def revoke_token(engine: Engine, token: str) -> bool:
    """Sign out: the token stops working (at once here, within the token cache's few
    seconds in other server processes)."""
    with transaction(engine) as session:
        row = session.get(TokenRow, _digest(token))
        if row is None:
            return False
        session.delete(row)
        return True


def disable_user(engine: Engine, username: str) -> User:
    """A user who may no longer sign in; every token of theirs is revoked."""
    with transaction(engine) as session:
        row = _stored(session, username)
        row.disabled = True
        session.execute(delete(TokenRow).where(TokenRow.user_id == row.id))
        return _user(row)


def _stored(session: Session, username: str) -> UserRow:
    row = session.scalar(select(UserRow).filter_by(username=username))
    if row is None:
        raise NotFoundError(f"no user {username!r}")
    return row


def change_password(engine: Engine, username: str, new: str, current: str | None = None) -> User:
    """Set a new password (``current`` must match when given: a user changing their
    own); every token of theirs is revoked, so a stolen one stops working."""
    _check_password(new)
    with transaction(engine) as session:
        row = _stored(session, username)
        if current is not None:
            try:
                _hasher.verify(row.password_hash, current)
            except (VerificationError, InvalidHashError) as exc:
                raise CoalitionError("the current password is wrong") from exc
        row.password_hash = _hasher.hash(new)
        session.execute(delete(TokenRow).where(TokenRow.user_id == row.id))
        return _user(row)


def change_role(engine: Engine, username: str, role: Role, actor: str | None = None) -> User:
    """Give a user another role (and state, for a national representative); their tokens
    are revoked, so no request runs with the old rights."""
    with transaction(engine) as session:
        _check_role(session, role, actor)
        row = _stored(session, username)
        row.role, row.actor = role.value, actor
        session.execute(delete(TokenRow).where(TokenRow.user_id == row.id))
        return _user(row)


def list_users(engine: Engine) -> list[User]:
    with transaction(engine) as session:
        return [_user(r) for r in session.scalars(select(UserRow).order_by(UserRow.username))]


def first_admin(engine: Engine) -> str | None:
    """On a server with no user yet, create ``admin`` with a fresh random password and
    return it (to be shown once), so that a first run is usable at once; None when there
    are users already."""
    if list_users(engine):
        return None
    password = secrets.token_urlsafe(12)
    add_user(engine, "admin", password, Role.ADMIN)
    return password

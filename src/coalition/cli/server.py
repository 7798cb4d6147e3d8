"""`coalition serve` (the REST API on uvicorn) and `coalition users ...` (add, passwd,
role, disable, list)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from coalition.accounts.users import (
    Role,
    add_user,
    change_password,
    change_role,
    disable_user,
    first_admin,
    list_users,
)
from coalition.cli.context import FORMAT, migrated_engine, settings
from coalition.cli.output import Format, console, emit_rows, handles_errors
from coalition.errors import CoalitionError
from coalition.store import make_engine, upgrade

users_app = typer.Typer(
    help="Users of the server (roles: admin, secretariat, national, monitor, observer)."
)


#: Where its commands stand in `coalition --help` (see ``cli.registration``).
ORDER = 90


def register(root: typer.Typer) -> None:
    root.command(name="serve")(handles_errors(serve))
    root.add_typer(users_app, name="users")


def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    workers: int = typer.Option(
        1, "--workers", min=1, max=32, help="server processes (each keeps its own snapshot)"
    ),
) -> None:
    """Serve the REST API (OpenAPI at /docs) on the configured database."""
    import uvicorn

    from coalition.api.app import create_app

    conf = settings(ctx)
    engine = make_engine(conf.db_url)
    upgrade(engine)
    password = first_admin(engine)
    if password is not None:
        console.print(
            f"[bold]first run:[/] created user [bold]admin[/] with password [bold]{password}[/] "
            "(shown once; add others with `coalition users add`)"
        )
    console.print(f"dashboard: http://{host}:{port}/   API: http://{host}:{port}/docs")
    if workers == 1:
        # No proxy headers: a client behind a local proxy could otherwise pick the
        # address that sign-in throttling and the audit log see (X-Forwarded-For).
        uvicorn.run(
            create_app(conf, engine), host=host, port=port, log_level="warning", proxy_headers=False
        )
        return
    # Several processes import the app themselves, configured from the environment.
    os.environ["COALITION_DB_URL"] = conf.db_url
    os.environ["COALITION_DATA_DIR"] = str(conf.data_dir)
    uvicorn.run(
        "coalition.api.app:create_app",
        factory=True,
        proxy_headers=False,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


PASSWORD_FILE = typer.Option(
    None,
    "--password-file",
    help="read the password from this file's first line (for scripts; '-' reads stdin)",
)


def _password(given: str | None, from_file: Path | None) -> str:
    """The password from a file (or stdin), the option or COALITION_NEW_PASSWORD, or a
    prompt (asked twice); never from history-visible arguments alone when scripted."""
    if from_file is not None:
        try:
            text = sys.stdin.read() if str(from_file) == "-" else from_file.read_text("utf-8")
        except OSError as exc:
            raise CoalitionError(f"{from_file}: cannot read the password ({exc.strerror})") from exc
        lines = text.splitlines()
        if not lines or not lines[0]:
            raise CoalitionError(f"{from_file}: the first line holds no password")
        return lines[0]
    if given is not None:
        return given
    entered: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return entered


PASSWORD = typer.Option(
    None,
    "--password",
    envvar="COALITION_NEW_PASSWORD",
    help="at least 10 characters (prompted if neither this nor --password-file is given)",
)


@users_app.command("add")
@handles_errors
def add(
    ctx: typer.Context,
    username: str = typer.Argument(...),
    role: Role = typer.Option(..., "--role"),
    actor: str = typer.Option(None, "--actor", help="for national representatives: the state"),
    password: str = PASSWORD,
    password_file: Path = PASSWORD_FILE,
) -> None:
    """Create a user (the password is stored as an argon2 hash)."""
    engine = migrated_engine(ctx)
    user = add_user(engine, username, _password(password, password_file), role, actor)
    console.print(
        f"user {user.username} ({user.role.value}{', ' + user.actor if user.actor else ''}) added"
    )


@users_app.command("passwd")
@handles_errors
def passwd(
    ctx: typer.Context,
    username: str = typer.Argument(...),
    password: str = PASSWORD,
    password_file: Path = PASSWORD_FILE,
) -> None:
    """Set a user's password (an operator's reset); their tokens stop working."""
    engine = migrated_engine(ctx)
    user = change_password(engine, username, _password(password, password_file))
    console.print(f"password of {user.username} changed; their tokens are revoked")


@users_app.command("role")
@handles_errors
def role_cmd(
    ctx: typer.Context,
    username: str = typer.Argument(...),
    role: Role = typer.Option(..., "--role"),
    actor: str = typer.Option(None, "--actor", help="for national representatives: the state"),
) -> None:
    """Give a user another role (and state); their tokens stop working."""
    engine = migrated_engine(ctx)
    user = change_role(engine, username, role, actor)
    console.print(
        f"user {user.username} is now {user.role.value}"
        f"{' for ' + user.actor if user.actor else ''}; their tokens are revoked"
    )


@users_app.command("disable")
@handles_errors
def disable(ctx: typer.Context, username: str = typer.Argument(...)) -> None:
    """The user may no longer sign in; every token of theirs stops working."""
    engine = migrated_engine(ctx)
    user = disable_user(engine, username)
    console.print(f"user {user.username} disabled; their tokens are revoked")


@users_app.command("list")
@handles_errors
def list_cmd(ctx: typer.Context, fmt: Format = FORMAT) -> None:
    """The users and their roles."""
    engine = migrated_engine(ctx)
    rows = [
        {"username": u.username, "role": u.role.value, "actor": u.actor or ""}
        for u in list_users(engine)
    ]
    emit_rows(rows, ["username", "role", "actor"], fmt, "Users")

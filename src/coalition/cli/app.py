"""The `coalition` command: a thin layer that parses, calls the library and formats."""

from __future__ import annotations

import typer

from coalition.cli.output import console, follow_terminal, handles_errors
from coalition.cli.registration import register_all
from coalition.config import Settings
from coalition.store import downgrade, make_engine, upgrade
from coalition.store.migrate import current_revision, head_revision

app = typer.Typer(
    help="Run the security guarantees a coalition of states offers a country after a ceasefire.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
db_app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)
app.add_typer(db_app, name="db")


@app.callback()
def root(
    ctx: typer.Context,
    db: str = typer.Option(
        None,
        "--db",
        envvar="COALITION_DB_URL",
        help="database URL: sqlite:///file.sqlite3 (default) or postgresql+psycopg://...",
    ),
) -> None:
    follow_terminal()
    settings = Settings()
    if db:
        settings = settings.model_copy(update={"db_url": db})
    ctx.obj = settings


@db_app.command("upgrade")
@handles_errors
def db_upgrade(ctx: typer.Context, revision: str = typer.Argument("head")) -> None:
    """Migrate the schema up (creates the database if needed)."""
    engine = make_engine(ctx.obj.db_url)
    upgrade(engine, revision)
    console.print(f"schema at {current_revision(engine)}")


@db_app.command("downgrade")
@handles_errors
def db_downgrade(ctx: typer.Context, revision: str = typer.Argument(...)) -> None:
    """Migrate the schema down to REVISION ('base' drops everything)."""
    engine = make_engine(ctx.obj.db_url)
    downgrade(engine, revision)
    console.print(f"schema at {current_revision(engine)}")


@db_app.command("current")
@handles_errors
def db_current(ctx: typer.Context) -> None:
    """Show the schema revision of the database and of the code."""
    engine = make_engine(ctx.obj.db_url)
    console.print(f"database: {current_revision(engine)}; code: {head_revision()}")


register_all(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()

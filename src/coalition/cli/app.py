"""The `coalition` command: a thin layer that parses, calls the library and formats."""

from __future__ import annotations

import typer

from coalition.cli import cases as cases_commands  # noqa: F401  (commands of `monitor`)
from coalition.cli import conference as conference_commands
from coalition.cli import deconflict as deconflict_commands
from coalition.cli import forcegen as forcegen_commands
from coalition.cli import integrity as integrity_commands
from coalition.cli import lines as lines_commands  # noqa: F401  (commands of `monitor line`)
from coalition.cli import monitor as monitor_commands
from coalition.cli import osint as osint_commands
from coalition.cli import registry as registry_commands
from coalition.cli import report as report_commands
from coalition.cli import server as server_commands
from coalition.cli import support as support_commands
from coalition.cli.output import console, follow_terminal, handles_errors
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
app.add_typer(deconflict_commands.app, name="deconflict")


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


registry_commands.register(app)
integrity_commands.register(app)
report_commands.register(app)
support_commands.register(app)
forcegen_commands.register(app)
conference_commands.register(app)
monitor_commands.register(app)
osint_commands.register(app)
server_commands.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()

"""The `coalition` command: a thin layer that parses, calls the library and formats."""

from __future__ import annotations

from pathlib import Path

import typer

from coalition import signing
from coalition.cli import forcegen as forcegen_commands
from coalition.cli import monitor as monitor_commands
from coalition.cli import osint as osint_commands
from coalition.cli import registry as registry_commands
from coalition.cli import report as report_commands
from coalition.cli import server as server_commands
from coalition.cli.output import console, follow_terminal, handles_errors, print_error
from coalition.config import Settings
from coalition.errors import CoalitionError
from coalition.store import backup, downgrade, ledger, make_engine, transaction, upgrade
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


@app.command("verify")
@handles_errors
def verify(
    ctx: typer.Context,
    file: Path = typer.Argument(None, help="a signed product (report, export) to check"),
    key: list[Path] = typer.Option(None, "--key", help="a public key file (PEM); repeatable"),
    root: str = typer.Option(None, "--root", help="a ledger root published earlier"),
) -> None:
    """With FILE: check its detached signature (FILE.sig) offline, with the public keys
    given (or those in the keys folder). Without: check every history record against the
    ledger of digests and print the ledger's root (exit 1 if anything differs, or if
    --root is given and the ledger no longer has that root)."""
    if file is not None:
        keys = key or signing.key_files(ctx.obj.keys_dir)
        claim = signing.verify(file, keys)
        console.print(
            f"verified: {file.name} signed by key {claim['key_id']} at {claim['signed_at']}, "
            f"from ledger root {claim['ledger_root'] or '(none)'}",
            soft_wrap=True,
        )
        return
    engine = make_engine(ctx.obj.db_url)
    with transaction(engine) as session:
        result = ledger.verify(session)
    for finding in result.findings:
        print_error(str(finding))
    console.print(f"{result.records} records in the ledger; root {result.root}", soft_wrap=True)
    if root is not None and root.lower() != result.root:
        print_error(f"the ledger's root is not {root}: the ledger was rewritten or extended")
        raise typer.Exit(1)
    if not result.ok:
        raise typer.Exit(1)
    console.print("verified: every history record matches the ledger")


keys_app = typer.Typer(help="Signing keys (kept outside the database, COALITION_KEYS_DIR).")
app.add_typer(keys_app, name="keys")


@keys_app.command("rotate")
@handles_errors
def keys_rotate(ctx: typer.Context) -> None:
    """Make a new signing key; older public keys stay, so older products still verify."""
    made = signing.rotate(ctx.obj.keys_dir)
    console.print(f"signing key {made} in {ctx.obj.keys_dir}", soft_wrap=True)


@keys_app.command("export")
@handles_errors
def keys_export(ctx: typer.Context) -> None:
    """Print every public key (PEM), oldest first, to publish."""
    found = signing.public_keys(ctx.obj.keys_dir)
    if not found:
        raise CoalitionError(f"no keys in {ctx.obj.keys_dir}: run `coalition keys rotate`")
    for k in found:
        console.print(f"# key {k.key_id}, made {k.created}\n{k.pem}", soft_wrap=True, markup=False)


@app.command("backup")
@handles_errors
def backup_cmd(ctx: typer.Context, target: Path = typer.Argument(..., help="a new file")) -> None:
    """A consistent copy of the whole store (SQLite online backup, or pg_dump)."""
    made = backup.backup(make_engine(ctx.obj.db_url), target)
    console.print(f"backup written to {made}", soft_wrap=True)


@app.command("restore")
@handles_errors
def restore_cmd(
    ctx: typer.Context, source: Path = typer.Argument(..., help="a backup file")
) -> None:
    """Restore a backup into an empty database, then verify every history record."""
    done = backup.restore(make_engine(ctx.obj.db_url), source)
    console.print(
        f"restored and verified: {done.records} records in the ledger; root {done.root}",
        soft_wrap=True,
    )


registry_commands.register(app)
report_commands.register(app)
forcegen_commands.register(app)
monitor_commands.register(app)
osint_commands.register(app)
server_commands.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()

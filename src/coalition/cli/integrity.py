"""Integrity commands: verify the store or a signed product, sign the ledger's head,
manage signing keys, back up and restore."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import typer
from sqlalchemy import Engine

from coalition import signing
from coalition.cli.output import console, handles_errors, print_error
from coalition.errors import CoalitionError
from coalition.store import backup, heads, ledger, make_engine, transaction

keys_app = typer.Typer(help="Signing keys (kept outside the database, COALITION_KEYS_DIR).")
ledger_app = typer.Typer(help="The ledger of history digests and its signed heads.")


#: Where its commands stand in `coalition --help` (see ``cli.registration``).
ORDER = 20


def register(app: typer.Typer) -> None:
    app.command("verify")(handles_errors(verify))
    app.command("backup")(handles_errors(backup_cmd))
    app.command("restore")(handles_errors(restore_cmd))
    app.add_typer(keys_app, name="keys")
    app.add_typer(ledger_app, name="ledger")


def signed_products(engine: Engine, keys_dir: Path, paths: Iterable[Path]) -> None:
    """Sign products with the ledger position they were made from, making the first
    signing key if there is none yet."""
    made = signing.ensure_key(keys_dir)
    if made:
        console.print(f"made signing key {made} in {keys_dir}", soft_wrap=True)
    for signature in heads.sign_products(engine, keys_dir, paths):
        console.print(f"signed: {signature}", soft_wrap=True)


def verify(
    ctx: typer.Context,
    file: Path = typer.Argument(None, help="a signed product (report, export) to check"),
    key: list[Path] = typer.Option(None, "--key", help="a public key file (PEM); repeatable"),
    root: str = typer.Option(None, "--root", help="a ledger root published earlier"),
) -> None:
    """With FILE: check its detached signature (FILE.sig) offline, with the public keys
    given (or those in the keys folder). Without: check every history record against the
    ledger of digests, every signed head against the ledger and the keys, and print the
    ledger's root (exit 1 if anything differs, or if --root is given and the ledger no
    longer has that root)."""
    keys = key or signing.key_files(ctx.obj.keys_dir)
    if file is not None:
        claim = signing.verify(file, keys)
        position = (
            f"ledger entry {claim['ledger_size']}, root {claim['ledger_root']}"
            if claim.get("ledger_size")
            else f"ledger root {claim.get('ledger_root') or '(none)'}"
        )
        console.print(
            f"verified: {file.name} signed by key {claim['key_id']} at {claim['signed_at']}, "
            f"made from {position}",
            soft_wrap=True,
        )
        return
    engine = make_engine(ctx.obj.db_url)
    with transaction(engine) as session:
        result = ledger.verify(session)
        signatures = heads.check_signatures(session, keys)
        held = ledger.size_with_root(session, root) if root is not None else None
    for finding in [*result.findings, *signatures]:
        print_error(str(finding))
    console.print(f"{result.records} records in the ledger; root {result.root}", soft_wrap=True)
    if root is not None and held is None:
        print_error(f"the ledger's root is not {root}, nor was it ever: the ledger was rewritten")
        raise typer.Exit(1)
    if root is not None and held is not None and held < result.records:
        added = result.records - held
        console.print(f"root {root} holds for the ledger's first {held} entries; {added} "
                      f"{'entry was' if added == 1 else 'entries were'} added since",
                      soft_wrap=True)  # fmt: skip
    if not result.ok or signatures:
        raise typer.Exit(1)
    console.print("verified: every history record matches the ledger and every signed head")


@ledger_app.command("head")
@handles_errors
def ledger_head(ctx: typer.Context) -> None:
    """Sign the ledger's size and root now and keep the head in the store (run daily by
    the scheduler; signed products make one too)."""
    made = signing.ensure_key(ctx.obj.keys_dir)
    if made:
        console.print(f"made signing key {made} in {ctx.obj.keys_dir}", soft_wrap=True)
    head = heads.sign_head(make_engine(ctx.obj.db_url), ctx.obj.keys_dir)
    console.print(
        f"signed head {head.id}: {head.size} entries, root {head.root}, key {head.key_id}",
        soft_wrap=True,
    )


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


def backup_cmd(ctx: typer.Context, target: Path = typer.Argument(..., help="a new file")) -> None:
    """A consistent copy of the whole store (SQLite online backup, or pg_dump)."""
    made = backup.backup(make_engine(ctx.obj.db_url), target)
    console.print(f"backup written to {made}", soft_wrap=True)


def restore_cmd(
    ctx: typer.Context, source: Path = typer.Argument(..., help="a backup file")
) -> None:
    """Restore a backup into an empty database, then verify every history record."""
    done = backup.restore(make_engine(ctx.obj.db_url), source)
    console.print(
        f"restored and verified: {done.records} records in the ledger; root {done.root}",
        soft_wrap=True,
    )

"""What every command shares: the settings the root command puts on the context, the
registry and the migrated database engine opened from them, and the --format option."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from sqlalchemy import Engine

from coalition.cli.output import Format
from coalition.config import Settings
from coalition.errors import CoalitionError
from coalition.registry import Registry
from coalition.store import is_current, make_engine, transaction, upgrade

FORMAT = typer.Option(Format.TABLE, "--format", "-f", help="table, json or csv")


def settings(ctx: typer.Context) -> Settings:
    value = ctx.obj
    if not isinstance(value, Settings):
        raise CoalitionError("internal: settings missing")
    return value


@contextmanager
def open_registry(ctx: typer.Context) -> Iterator[Registry]:
    """The registry as stored, read in one transaction (a database that holds none is
    an error that says what to run)."""
    conf = settings(ctx)
    engine = make_engine(conf.db_url)
    if not is_current(engine):
        raise CoalitionError(
            f"the database {engine.url.render_as_string()} holds no current registry: "
            "run `coalition load` first"
        )
    with transaction(engine) as session:
        yield Registry(session, beneficiary=conf.beneficiary)


def migrated_engine(ctx: typer.Context) -> Engine:
    """One migrated engine per command (kept in the context: a command asks several times)."""
    engine: Engine | None = ctx.meta.get("engine")
    if engine is None:
        engine = make_engine(settings(ctx).db_url)
        upgrade(engine)
        ctx.meta["engine"] = engine
    return engine

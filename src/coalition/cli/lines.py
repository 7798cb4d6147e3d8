"""`coalition monitor line load|show`: replace the bundled line of contact with one a
user has (a GeoJSON LineString), and see which line is in force and which were loaded."""

from __future__ import annotations

import getpass
from pathlib import Path

import typer

from coalition.cli.context import FORMAT, migrated_engine
from coalition.cli.monitor import _setup, app
from coalition.cli.output import Format, console, emit_rows, handles_errors, parse_date
from coalition.monitoring import history, load_line

line_app = typer.Typer(help="The line of contact: load another, see the one in force.")
app.add_typer(line_app, name="line")


@line_app.command("load")
@handles_errors
def load_cmd(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="GeoJSON with one LineString (longitude/latitude)"),
    name: str = typer.Option(None, "--name", help="what to call it (default: its name or file)"),
    as_of: str = typer.Option(None, "--as-of", help="the date the line describes (YYYY-MM-DD)"),
    by: str = typer.Option(None, "--by", help="who loads it (default: your login)"),
) -> None:
    """Load a line: from now on every analysis measures against it (the bundled one and
    earlier loads stay on record)."""
    when = parse_date(as_of, "--as-of") if as_of else None
    setup = _setup(ctx)
    loaded = load_line(
        migrated_engine(ctx), setup.theatre, path, by or getpass.getuser(), name, when
    )
    turned = " (reversed, so that the government-controlled side stays on its left)"
    console.print(
        f"line {loaded.id} loaded: {loaded.name}, {loaded.vertices} vertices"
        + (turned if loaded.reversed else "")
    )


@line_app.command("show")
@handles_errors
def show_cmd(ctx: typer.Context, fmt: Format = FORMAT) -> None:
    """The line in force and every line loaded."""
    theatre = _setup(ctx).theatre
    name = theatre.properties.get("line_name") or theatre.properties.get("name") or "bundled line"
    console.print(f"in force: {name}, {len(theatre.line_lonlat.coords)} vertices")
    if theatre.properties.get("note"):
        console.print(str(theatre.properties["note"]), soft_wrap=True)
    rows = [
        {"line": r.id, "name": r.name, "as of": r.as_of.isoformat() if r.as_of else "",
         "vertices": r.vertices, "loaded": f"{r.loaded_at:%Y-%m-%d %H:%M} by {r.loaded_by}"}
        for r in history(migrated_engine(ctx))
    ]  # fmt: skip
    emit_rows(rows, ["line", "name", "as of", "vertices", "loaded"], fmt, "Lines loaded")

"""Output formats shared by every command: rich tables for people, JSON and CSV for tools."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import re
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any, ParamSpec, TypeVar

import typer
from alembic.util.exc import CommandError as AlembicError
from pydantic import BaseModel
from rich.console import Console
from rich.padding import Padding
from rich.table import Column, Table
from rich.text import Text
from sqlalchemy.exc import DBAPIError

from coalition.errors import CoalitionError

console = Console()
err_console = Console(stderr=True)

INDENT = 4  # columns before a row's long text (a quote, the evidence) on its own lines
GAP = 2  # spaces between the columns of a row

P = ParamSpec("P")
R = TypeVar("R")


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def handles_errors(command: Callable[P, R]) -> Callable[P, R]:
    """User errors become one red line and exit code 2; bugs keep their traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except CoalitionError as exc:
            print_error(str(exc))
            raise typer.Exit(2) from exc
        except (DBAPIError, AlembicError, OSError) as exc:
            # The world refused, not a bug: a database that does not answer or is not
            # one, an unknown revision, a folder that does not exist or is read-only.
            print_error(environment_error(exc))
            raise typer.Exit(2) from exc

    return wrapper


def environment_error(exc: BaseException) -> str:
    """One line for an error the environment caused, with the database URL's password
    never shown."""
    if isinstance(exc, DBAPIError):
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        return f"the database cannot be used: {reason} (check COALITION_DB_URL)"
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}"
    return str(exc).strip().splitlines()[0]


def print_error(message: str) -> None:
    """One red line on stderr, never wrapped by rich (a terminal may still fold it): at
    the console's width a long path split the line, "no" ending one line and "such file"
    starting the next. The message is text, not markup: "[an id]" in it stays."""
    err_console.print(Text.assemble(("error:", "bold red"), " ", message), soft_wrap=True)


def follow_terminal() -> None:
    """Size the shared consoles for the command about to run, from COLUMNS or the
    terminal. Rich reads COLUMNS once, when a console is made (at import); a process that
    runs several commands (the tests, each with its own COLUMNS) kept the first width."""
    size = Console().size
    console.size = err_console.size = size


def parse_date(value: str | None, option: str, default: dt.date | None = None) -> dt.date:
    if value is None:
        return default or dt.datetime.now(dt.UTC).date()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CoalitionError(f"{option}: {value!r} is not a date (use YYYY-MM-DD)") from exc


def emit_json(data: BaseModel | Sequence[BaseModel] | dict[str, Any]) -> None:
    if isinstance(data, BaseModel):
        sys.stdout.write(data.model_dump_json(indent=2) + "\n")
        return
    if isinstance(data, dict):
        payload: Any = data
    else:
        payload = [item.model_dump(mode="json") for item in data]
    sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n")


def emit_rows(
    rows: list[dict[str, Any]],
    columns: list[str],
    fmt: Format,
    title: str = "",
    below: str | None = None,
) -> None:
    """Rows as a rich table, CSV or JSON (a list of objects). In a table, the column
    ``below`` (a long text such as a quote) is printed under each row instead, indented
    and wrapped to the terminal: as a cell it took the width and wrapped one word a line."""
    if fmt is Format.CSV:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    elif fmt is Format.JSON:
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False, default=str) + "\n")
    elif below in columns:
        print_records(rows, [c for c in columns if c != below], below, title)
    else:
        cells: list[list[str | Text]] = [[_cell(row.get(c)) for c in columns] for row in rows]
        print_table([c.replace("_", " ") for c in columns], cells, title)


def print_table(
    headers: list[str], rows: list[list[str | Text]], title: str = "", caption: str = ""
) -> None:
    """A rich table whose column widths are chosen here (see _fit): in a narrow terminal
    ids break between their parts and short fields stay whole, where rich folded them
    mid-word. Cells are text, not markup; a Text cell keeps its style."""
    texts = [[cell if isinstance(cell, Text) else Text(cell) for cell in row] for row in rows]
    border = 3 * len(headers) + 1  # "│ " before each column, " " after it, a closing "│"
    widths = _widths(headers, [[t.plain for t in row] for row in texts], console.width - border)
    table = Table(
        *(
            Column(_wrap(h, w), width=w, overflow="fold")
            for h, w in zip(headers, widths, strict=True)
        ),
        title=title or None,
        title_justify="left",
        caption=caption or None,
        caption_justify="left",
    )
    for row in texts:
        table.add_row(
            *(Text(_wrap(t.plain, w), style=t.style) for t, w in zip(row, widths, strict=True))
        )
    console.print(table)


def print_records(
    rows: list[dict[str, Any]], columns: list[str], below: str, title: str = ""
) -> None:
    """Each row as aligned short fields on a line, then its ``below`` text on its own
    indented lines (one line per item if it is a list). Works for any set of columns."""
    if title:
        console.print(Text(title, style="bold"))
    headers = [c.replace("_", " ") for c in columns]
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = _widths(headers, cells, console.width - GAP * (len(columns) - 1))
    console.print(_line(widths, headers, style="bold"))
    for row, texts in zip(rows, cells, strict=True):
        console.print(_line(widths, texts))
        text = row.get(below)
        for item in text if isinstance(text, list | tuple) else [text]:
            if item:
                print_indented(str(item))


def print_indented(text: str, indent: int = INDENT, style: str = "") -> None:
    """Text (not markup) on its own lines, every line indented, wrapped at spaces."""
    console.print(Padding(Text(text, style=style), (0, 0, 0, indent), expand=False))


def _line(widths: list[int], cells: list[str], style: str = "") -> Table:
    """One row of fixed-width columns: rows printed one by one still line up."""
    grid = Table.grid(*(Column(width=w, overflow="fold") for w in widths), padding=(0, GAP, 0, 0))
    grid.add_row(
        *(Text(_wrap(cell, w), style=style) for cell, w in zip(cells, widths, strict=True))
    )
    return grid


# Where a cell may break: at spaces, and after - _ / so that an id such as
# huffpost-2025-02-17-backstop or GBR-troops-land breaks between its parts, but not
# between digits, so that a date (2025-02-17) stays whole.
_BREAKS = re.compile(r"(\s+)|(?<=[-_/])(?!(?<=\d[-_/])\d)")


def _pieces(text: str) -> list[str]:
    """The text cut at every place it may break (spaces are pieces of their own)."""
    return [piece for piece in _BREAKS.split(text) if piece]


def _longest_piece(text: str) -> int:
    return max((len(p) for p in _pieces(text) if not p.isspace()), default=0)


def _wrap(text: str, width: int) -> str:
    """Lines of at most ``width`` characters, broken between pieces; a piece longer than
    the column is left whole for rich to fold."""
    lines, line = [], ""
    for piece in _pieces(text):
        if piece.isspace():
            line += " " if line else ""
        elif line and len(line) + len(piece) > width:
            lines.append(line.rstrip())
            line = piece
        else:
            line += piece
    return "\n".join([*lines, line.rstrip()])


def _widths(headers: list[str], cells: list[list[str]], room: int) -> list[int]:
    """Widths of the columns (header, then cells) that fit ``room`` characters."""
    columns = list(zip(headers, *cells, strict=True))
    natural = [max(1, *map(len, column)) for column in columns]  # rich needs width >= 1
    return _fit(natural, [max(map(_longest_piece, column)) for column in columns], room)


def _fit(natural: list[int], least: list[int], room: int) -> list[int]:
    """Column widths that fit ``room``. First the widest column gives up a character at
    a time, down to its longest piece (it then breaks between pieces), so short fields
    such as dates stay whole. If that is not enough, columns are folded from the right
    (the views put their key fields first), each to half its width at most, so that few
    columns are cut mid-word."""
    widths = list(natural)
    while sum(widths) > room and (breakable := [i for i, w in enumerate(widths) if w > least[i]]):
        widths[max(breakable, key=lambda i: widths[i])] -= 1
    for i in reversed(range(len(widths))):
        excess = sum(widths) - room
        if excess <= 0:
            break
        widths[i] -= min(excess, widths[i] // 2)
    return widths


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)

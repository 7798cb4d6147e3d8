"""The command line at any terminal width (issue 11): an error is one line; a quote is
printed whole on its own indented line below its row, wrapped at spaces, never one word
a line; JSON and CSV do not depend on the width."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from coalition.cli import output
from coalition.cli.app import app
from coalition.cli.output import Format, emit_rows

runner = CliRunner()
WIDTHS = [40, 80, 200]
QUOTE = (
    'Sir Keir Starmer has said any Ukraine peace deal would require a "US backstop" to '
    "deter Russia from attacking its neighbour again."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('width') / 'cli.sqlite3'}"
    assert runner.invoke(app, ["--db", url, "load"]).exit_code == 0
    return url


def run(db: str, width: int, *args: str) -> str:
    """The command's output in a terminal ``width`` columns wide."""
    result = runner.invoke(app, ["--db", db, *args], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("width", WIDTHS)
def test_an_error_is_one_line_at_any_width(db: str, tmp_path: Path, width: int) -> None:
    missing = tmp_path / ("a-long-folder-name-" * 12) / "nope.csv"
    result = runner.invoke(
        app, ["--db", db, "monitor", "ingest", str(missing)], env={"COLUMNS": str(width)}
    )
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert f"{missing}: no such file" in lines[0]


def test_an_error_is_one_line_in_a_narrow_terminal_process(db: str) -> None:
    """The installed command, not the test runner: COLUMNS is read as the process starts."""
    exe = Path(sys.executable).parent / "coalition"
    name = "Unknown-State-" * 6
    done = subprocess.run(
        [str(exe), "--db", db, "position", name],
        capture_output=True,
        text=True,
        timeout=120,
        env={"COLUMNS": "40", "PATH": ""},
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"error: unknown state or organisation '{name}'")
    assert done.stderr.count("\n") == 1 and done.stderr.endswith("\n")


def test_an_error_is_text_not_markup(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "position", "[bold]XYZ[/]"])
    assert result.exit_code == 2
    assert "unknown state or organisation '[bold]XYZ[/]'" in result.output


def test_at_200_columns_a_timeline_quote_is_whole_on_one_line(db: str) -> None:
    lines = run(db, 200, "timeline", "GBR").splitlines()
    assert " " * output.INDENT + QUOTE in lines
    # The row above it holds the short fields, on one line too.
    above = lines[lines.index(" " * output.INDENT + QUOTE) - 1].split()
    assert above[0] == "2025-02-17" and "bbc-2025-02-17-backstop" in above


@pytest.mark.parametrize("width", [40, 80])
def test_a_narrow_timeline_wraps_the_quote_at_spaces_below_its_row(db: str, width: int) -> None:
    out = run(db, width, "timeline", "GBR")
    lines = quote_lines(out, QUOTE)
    assert all(line.startswith(" " * output.INDENT) for line in lines)
    assert all(len(line.split()) > 1 for line in lines[:-1])  # never one word a line
    if width == 80:
        assert len(lines) == 2
        assert "2025-02-17  GBR-" in out  # a date stays whole; an id breaks after a hyphen


@pytest.mark.parametrize(
    "args",
    [
        ["position", "GBR", "--on", "2025-02-17"],
        ["changes", "--from", "2025-02-01", "--to", "2025-09-30"],
    ],
)
def test_position_and_changes_keep_quotes_readable_at_80(db: str, args: list[str]) -> None:
    lines = quote_lines(run(db, 80, *args), QUOTE)
    assert len(lines) <= 3 and all(len(line.split()) > 3 for line in lines[:-1])
    assert all(line.startswith(" " * output.INDENT) for line in lines)


def test_report_counts_and_stances_put_long_text_below(db: str) -> None:
    out = run(db, 80, "report", "--on", "2026-01-31")
    what = "states that expressed readiness to deploy, formal approval expected in the coming weeks"
    lines = quote_lines(out, what)
    assert all(line.startswith(" " * output.INDENT) for line in lines) and len(lines) <= 2
    assert "hvylya-2026-" in out  # an id breaks after a hyphen, not mid-word


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_json_and_csv_do_not_depend_on_the_width(db: str, fmt: str) -> None:
    narrow = run(db, 40, "timeline", "GBR", "-f", fmt)
    assert narrow == run(db, 200, "timeline", "GBR", "-f", fmt)
    if fmt == "json":
        assert QUOTE in {e["statement"]["quote"] for e in json.loads(narrow)}
    else:
        assert QUOTE.replace('"', '""') in narrow


def test_rows_with_text_below_work_for_any_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another column (a source grade, say) takes its place in the row."""
    screen = io.StringIO()
    monkeypatch.setattr(output, "console", Console(file=screen, width=60))
    rows = [{"date": "2025-02-17", "grade": "B2", "source": "cde-2025-09-04-coalition",
             "quote": " ".join(["word"] * 40)}]  # fmt: skip
    emit_rows(rows, ["date", "grade", "source", "quote"], Format.TABLE, "Title", below="quote")
    lines = screen.getvalue().splitlines()
    assert lines[0] == "Title"
    assert lines[1].split() == ["date", "grade", "source"]
    assert lines[2].split() == ["2025-02-17", "B2", "cde-2025-09-04-coalition"]
    assert [len(line.split()) for line in lines[3:]] == [11, 11, 11, 7]
    assert all(line.startswith("    word") for line in lines[3:])


def quote_lines(out: str, quote: str) -> list[str]:
    """The lines over which ``quote`` is printed (wrapped at spaces, maybe after a
    prefix): from the line where it starts to the line where it is whole."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if quote[:16] in line)
    text = ""
    for end, line in enumerate(lines[start : start + 20], start):
        text = f"{text} {line.strip()}".strip()
        if quote in text:
            return lines[start : end + 1]
    raise AssertionError(f"not printed whole: {quote!r}")

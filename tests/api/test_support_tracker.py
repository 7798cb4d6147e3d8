"""Issue 14, done-when: "what did Germany commit and deliver in air defence in 2025?"
answered from the bundled, cited data, the same in the CLI and the API (the dashboard's
tab is checked in tests/api/test_dashboard.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from coalition.cli.app import app
from tests.api.conftest import Api

QUESTION = "from=2025-01-01&to=2025-12-31&state=DEU&area=air_defence"


def test_germany_air_defence_2025_in_the_api(api: Api) -> None:
    reply = api.client.get(f"/api/support?{QUESTION}", headers=api.headers("observer"))
    assert reply.status_code == 200, reply.text
    (row,) = reply.json()
    # Two Patriot systems committed in 2025; the six IRIS-T announced before 2025 and their
    # missiles are scheduled for 2025 deliveries (allocated), not new commitments.
    assert row["committed_items"]["air_defence_system"]["said"] == "2"
    assert row["allocated_items"]["air_defence_system"]["said"] == "6"
    assert row["allocated_items"]["air_defence_missile"]["said"] == "up to 50"
    assert row["with_amount"] == {} and row["gap_eur"] is None  # no sum was stated
    quotes = " ".join(f["quote"] for f in row["figures"])
    assert "IRIS-T" in quotes and "Patriot" in quotes
    assert {f["date"][:4] for f in row["figures"]} == {"2025"}
    unknown = api.client.get("/api/support?state=Atlantis", headers=api.headers("observer"))
    assert unknown.status_code == 404


def test_germany_air_defence_2025_in_the_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    db = ["--db", f"sqlite:///{tmp_path / 's.sqlite3'}"]
    assert runner.invoke(app, [*db, "load"]).exit_code == 0
    args = ["support", "--state", "Germany", "--area", "air_defence", "--year", "2025"]
    shown = runner.invoke(app, [*db, *args, "--explain"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    text = " ".join(shown.output.split())
    assert "IRIS-T" in text
    table = runner.invoke(app, [*db, *args, "-f", "csv"])
    (row,) = list(csv.DictReader(io.StringIO(table.output)))
    assert row["items committed"] == "2 air-defence system (fire unit)"
    assert row["committed"] == "1 statement, value not stated"  # unknown, never 0
    assert "up to 50 air-defence missile" in row["items allocated"]
    bad = runner.invoke(app, [*db, "support", "--area", "lasers"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output

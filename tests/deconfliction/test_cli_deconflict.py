"""`coalition deconflict` as a user meets it, at any terminal width: conflicts with
reasons, proposals and the re-check, alerts, the extract; one line per bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coalition.cli.app import app
from coalition.deconfliction.plans import load_plans
from tests.deconfliction.helpers import DAY, activity, write_csv, write_yaml

runner = CliRunner()
WIDTHS = [40, 80, 200]


def run(width: int, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, ["deconflict", *args], env={"COLUMNS": str(width)})
    assert result.exit_code == code, result.output
    return result.output


def flat(text: str) -> str:
    """The output with line breaks and padding folded, as words to search in."""
    return " ".join(text.split())


@pytest.mark.parametrize("width", WIDTHS)
def test_check_lists_the_conflicts_with_reasons(width: int) -> None:
    out = run(width, "check", str(DAY))
    lines = out.splitlines()
    assert "5 conflicts among 16 activities (16 volumes)" in lines
    assert all(len(line.rstrip()) <= width for line in lines if not line.startswith("5 "))
    words = flat(out)
    assert "windows overlap 90 min, buffer 5 min (rule air-air)" in words
    assert "footprints overlap (146.8 km²), minimum 0 m" in words


def test_check_as_json_and_csv() -> None:
    data = json.loads(run(80, "check", str(DAY), "-f", "json"))
    assert len(data) == 5 and {c["rule"] for c in data} >= {"air-air", "loc-no-go"}
    assert all({"id", "lon", "lat", "start", "end", "distance_m"} <= set(c) for c in data)
    rows = list(csv.DictReader(io.StringIO(run(40, "check", str(DAY), "-f", "csv"))))
    assert len(rows) == 5 and all(r["reason"] for r in rows)


@pytest.mark.parametrize("width", WIDTHS)
def test_resolve_proposes_and_the_changed_plan_checks_clean(width: int, tmp_path: Path) -> None:
    out_file = tmp_path / "resolved.yaml"
    out = run(width, "resolve", str(DAY), "--out", str(out_file))
    lines = out.splitlines()
    assert any(line.startswith("5 conflicts before; re-check of the changed plan: 0 remain")
               for line in lines)  # fmt: skip
    assert "move up by 600 m" in flat(out) and "reroute road" in flat(out)
    assert "0 conflicts among 16 activities" in run(width, "check", str(out_file))
    assert len(load_plans([out_file])) == 16


def test_resolve_as_json() -> None:
    data = json.loads(run(80, "resolve", str(DAY), "-f", "json"))
    assert len(data["conflicts_before"]) == 5 and data["conflicts_after"] == []
    assert len(data["proposals"]) == 5 and data["unsolved"] == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_bad_plans_give_one_line_per_problem(width: int, tmp_path: Path) -> None:
    long = tmp_path / ("a-long-folder-name-" * 5)
    long.mkdir()
    bad = write_yaml(long / "plan.yaml", activity(owner="XQZ"),
                     activity(id="A2", volume={"floor_m": 9000}))  # fmt: skip
    worse = write_csv(tmp_path / "plan.csv", activity(id="A3", kind="balloon"))
    out = run(width, "check", str(bad), str(worse), code=2)
    lines = out.splitlines()
    assert lines[0] == "error: 3 problems in the data; nothing was written:"
    assert len(lines) == 4
    assert lines[1].startswith(f"  {bad}:") and "unknown owner 'XQZ'" in lines[1]
    assert "the band's floor (9000 m) is not below its ceiling (4000 m)" in lines[2]
    assert lines[3].startswith(f"  {worse}:2: kind: 'balloon' is not allowed")


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    out = run(40, "check", str(tmp_path / "nope.yaml"), code=2)
    assert out == f"error: {tmp_path / 'nope.yaml'}: no such file or folder\n"


@pytest.mark.parametrize("width", WIDTHS)
def test_tracks_raise_alerts(width: int, tmp_path: Path) -> None:
    tracks = tmp_path / "tracks.csv"
    tracks.write_text(
        "activity,time,lon,lat,altitude_m\n"
        "GBR-CAP-west,2026-07-01T07:00Z,25.0,50.0,9000\n"
        "GBR-CAP-west,2026-07-01T07:05Z,27.0,50.0,9000\n",
        "utf-8",
    )
    out = run(width, "tracks", str(DAY), str(tracks))
    assert "1 alerts from 2 track points" in out.splitlines()
    assert "left volume cap: up to 35," in flat(out)


def test_extract_writes_geojson_without_unit_names(tmp_path: Path) -> None:
    data = json.loads(run(40, "extract", str(DAY), "--party", "RUS", "--label", "coalition"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 12
    text = json.dumps(data)
    assert all(a.unit is None or a.unit not in text for a in load_plans([DAY]))
    out = tmp_path / "extract.geojson"
    assert "12 volumes notified to RUS" in run(80, "extract", str(DAY), "--party", "RUS",
                                               "--out", str(out))  # fmt: skip
    assert json.loads(out.read_text())["properties"]["notified_to"] == "RUS"
    assert run(40, "extract", str(DAY), "--party", "XQZ", code=2).startswith(
        "error: party: unknown party 'XQZ'"
    )


def test_with_no_file_the_bundled_day_is_checked() -> None:
    assert "5 conflicts among 16 activities (16 volumes)" in run(80, "check").splitlines()

"""A line of contact a user loads replaces the bundled one (issue 16): every analysis
measures against it from then on, each load stays on record, bad files are refused with
a clear message, and two users loading at once both land in the history."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from coalition.cli.app import app
from coalition.errors import CoalitionError
from coalition.monitoring import lines
from coalition.monitoring.classify import classify
from coalition.monitoring.pipeline import Setup
from coalition.store import ledger, transaction
from tests.monitoring.helpers import REPO, frame, report

MONITORING = REPO / "data" / "monitoring"
runner = CliRunner()


def _line(path: Path, coords: list[list[float]], **props: object) -> Path:
    feature = {"type": "Feature", "properties": props,
               "geometry": {"type": "LineString", "coordinates": coords}}  # fmt: skip
    path.write_text(json.dumps(feature), encoding="utf-8")
    return path


def test_a_loaded_line_replaces_the_bundled_one(engine: Engine, tmp_path: Path) -> None:
    bundled = Setup.load(MONITORING, engine)
    point = frame(report("p", "2026-06-01T10:00:00Z", 36.0, 48.0))
    before = classify(point, bundled.theatre, bundled.rules)["distance_m"].iloc[0]
    # Drawn north to south through the point: the loader turns it so Kyiv stays on the left.
    path = _line(tmp_path / "l.geojson", [[36.0, 49.0], [36.0, 48.0], [36.0, 47.0]], name="mine")
    loaded = lines.load_line(engine, bundled.theatre, path, "analyst-1", None, None)
    assert loaded.reversed and loaded.vertices == 3 and loaded.name == "mine"
    setup = Setup.load(MONITORING, engine)
    assert setup.theatre.line_lonlat.coords[0] == (36.0, 47.0)
    after = classify(point, setup.theatre, setup.rules)
    assert after["distance_m"].iloc[0] < 1.0 < before
    west = classify(frame(report("w", "2026-06-01T10:00:00Z", 35.5, 48.0)), setup.theatre,
                    setup.rules)  # fmt: skip
    assert west["position_side"].iloc[0] == "left"  # the government-controlled side
    assert "loaded by a user" in setup.theatre.properties["note"]
    assert setup.theatre.sector_codes == bundled.theatre.sector_codes
    with transaction(engine) as session:
        assert ledger.verify(session).ok


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("not json", "not JSON"),
        (json.dumps({"type": "FeatureCollection", "features": []}), "found 0"),
        (json.dumps({"type": "Point", "coordinates": [36, 48]}), "found 0"),
        (json.dumps({"type": "LineString", "coordinates": [[36, 48]]}), "not a valid LineString"),
        (json.dumps({"type": "LineString", "coordinates": [[3600, 48], [36, 49]]}), "longitude"),
        (json.dumps({"type": "LineString", "coordinates": [[36, 48], [36, 48]]}), "no length"),
        (json.dumps({"type": "LineString", "coordinates": "x"}), "not a valid LineString"),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "properties": {},
                            "geometry": {"type": "LineString", "coordinates": [[36, 48], [36, 49]]},
                        }
                    ]
                    * 2,
                }
            ),
            "found 2",
        ),
    ],
)
def test_bad_line_files_are_refused(
    engine: Engine, tmp_path: Path, content: str, words: str
) -> None:
    path = tmp_path / "bad.geojson"
    path.write_text(content, encoding="utf-8")
    theatre = Setup.load(MONITORING).theatre
    with pytest.raises(CoalitionError, match=words):
        lines.load_line(engine, theatre, path, "analyst-1", None, None)
    assert lines.history(engine) == []


def test_two_users_loading_at_once_both_land(engine: Engine, tmp_path: Path) -> None:
    theatre = Setup.load(MONITORING).theatre
    paths = [_line(tmp_path / f"{i}.geojson", [[36.0 + i / 10, 47.0], [36.0 + i / 10, 49.0]])
             for i in range(4)]  # fmt: skip
    errors: list[BaseException] = []

    def load(path: Path) -> None:
        try:
            lines.load_line(engine, theatre, path, f"user-{path.stem}", None, None)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=load, args=(p,)) for p in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    history = lines.history(engine)
    assert sorted(h.loaded_by for h in history) == [f"user-{i}" for i in range(4)]
    assert lines.current(engine).id == max(h.id for h in history)  # type: ignore[union-attr]


def test_line_commands(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'l.sqlite3'}"
    path = _line(tmp_path / "l.geojson", [[35.0, 47.0], [38.0, 49.5]], name="survey")
    env = {"COLUMNS": "200"}
    shown = runner.invoke(app, ["--db", db, "monitor", "line", "show"], env=env)
    assert shown.exit_code == 0 and "APPROXIMATE line of contact on 2025-12-28" in shown.output
    loaded = runner.invoke(app, ["--db", db, "monitor", "line", "load", str(path), "--as-of",
                                 "2026-05-01", "--by", "cell-2"], env=env)  # fmt: skip
    assert loaded.exit_code == 0 and "line 1 loaded: survey, 2 vertices" in loaded.output
    shown = runner.invoke(app, ["--db", db, "monitor", "line", "show"], env=env)
    assert "in force: survey" in shown.output and "2026-05-01" in shown.output
    bad = runner.invoke(app, ["--db", db, "monitor", "line", "load", str(tmp_path / "no")],
                        env=env)  # fmt: skip
    assert bad.exit_code == 2 and "no such file" in bad.output and "Traceback" not in bad.output


def test_a_line_elsewhere_or_crossing_itself_is_refused(engine: Engine, tmp_path: Path) -> None:
    theatre = Setup.load(MONITORING).theatre
    new_york = _line(tmp_path / "ny.geojson", [[-74.0, 40.7], [-73.9, 40.8]])
    with pytest.raises(CoalitionError, match="passes through none of the theatre's sectors"):
        lines.load_line(engine, theatre, new_york, "analyst-1", None, None)
    knot = _line(tmp_path / "knot.geojson", [[36, 47], [37, 48], [37, 47], [36, 48]])
    with pytest.raises(CoalitionError, match="crosses itself"):
        lines.load_line(engine, theatre, knot, "analyst-1", None, None)
    assert lines.history(engine) == []


def test_a_dated_line_applies_from_its_date(engine: Engine, tmp_path: Path) -> None:
    """A line of 2 June measures 2 June and after; 1 June keeps the line it had."""
    import datetime as dt

    from coalition.monitoring.pipeline import analyse_day

    bundled = Setup.load(MONITORING, engine)
    path = _line(tmp_path / "l.geojson", [[36.0, 47.0], [36.0, 50.0]], name="June line")
    lines.load_line(engine, bundled.theatre, path, "cell-1", None, dt.date(2026, 6, 2))
    setup = Setup.load(MONITORING, engine)
    before = analyse_day(engine, setup, dt.date(2026, 6, 1))
    after = analyse_day(engine, setup, dt.date(2026, 6, 2))
    assert before.theatre.line_lonlat.equals(bundled.bundled.line_lonlat)  # type: ignore[union-attr]
    assert "June line (of 2026-06-02" in after.theatre.properties["line_name"]

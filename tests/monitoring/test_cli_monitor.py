"""`coalition monitor` as a newcomer meets it: the bundled sample, end to end."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from coalition.cli.app import app

runner = CliRunner()
DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def invoke(db: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", db, *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def test_monitor_runs_the_bundled_day_and_writes_the_report(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.sqlite3'}"
    out = invoke(db, "monitor", "--out", str(tmp_path / "reports"))
    assert "reports-2026-06-01.csv" in out and "uav-2026-06-02.geojson" in out
    assert "Events per sector on 2026-06-02" in out
    assert "heavy weapons in withdrawal zone" in out
    html = (tmp_path / "reports" / "monitoring-2026-06-02.html").read_text(encoding="utf-8")
    assert "<svg" in html and "line of contact" in html and "APPROXIMATE" in html
    assert "Counts per sector" in html and "why merged" in html
    # The map is drawn on the real basemap: Ukraine's border, its oblasts, the Dnipro and
    # the towns the events are named from, each a layer of the rendered figure.
    for layer in ("border", "oblasts", "neighbours", "dnipro", "towns", "line"):
        assert f'id="layer-{layer}' in html, layer
    # Each headline figure with its change from the previous day, as `monitor day` counts.
    days = [json.loads(invoke(db, "monitor", "day", "--day", d, "--format", "json"))
            for d in ("2026-06-01", "2026-06-02")]  # fmt: skip
    before, today = (sum(c["shelling"] for c in d) for d in days)
    assert f"explosions and projectiles <small>({today - before:+d} vs 2026-06-01)</small>" in html
    assert "Avdiyivka" in html or " oblast (" in html  # places in words, with geoprecision
    pdf = (tmp_path / "reports" / "monitoring-2026-06-02.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000

    # Again: nothing new stored, the four bad rows kept once, no alert twice.
    again = invoke(db, "monitor", "--no-pdf", "--out", str(tmp_path / "reports"))
    assert "(0 new)" in again
    quarantined = json.loads(invoke(db, "monitor", "quarantine", "--format", "json"))
    assert len(quarantined) == 4
    assert {q["reason"] for q in quarantined} >= {"time: no UTC offset (add Z)"}
    alerts = json.loads(invoke(db, "monitor", "alerts", "--format", "json"))
    assert len(alerts) == len({(a["rule"], a["sector"], a["day"]) for a in alerts}) > 0


def test_day_and_events_commands(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.sqlite3'}"
    sample = Path(__file__).resolve().parents[2] / "data" / "monitoring" / "sample"
    invoke(db, "monitor", "ingest", str(sample))
    counts = json.loads(invoke(db, "monitor", "day", "--day", "2026-06-01", "--format", "json"))
    assert {c["sector"] for c in counts} >= {"kherson", "zaporizhzhia", "donetsk"}
    assert sum(c["events"] for c in counts) > 100
    events = json.loads(
        invoke(db, "monitor", "events", "--day", "2026-06-01", "--merged", "--format", "json")
    )
    assert events and all(e["n_reports"] > 1 and "m (<=" in e["why_merged"] for e in events)
    # JSON and CSV carry every field, times with their offset, lists as JSON.
    assert {"lon", "lat", "what", "weapon_class", "count", "side", "position_side", "basis",
            "calibre_mm", "killed", "confirmed_by", "route", "until"} <= set(events[0])  # fmt: skip
    assert "x" not in events[0] and events[0]["time"].endswith("+00:00")
    table = pd.read_csv(io.StringIO(invoke(db, "monitor", "events", "--day", "2026-06-01",
                                           "--format", "csv")))  # fmt: skip
    patrol = table[table["type"] == "patrol"].iloc[0]
    route = json.loads(patrol["route"])
    assert len(route) >= 2 and all(len(point) == 2 for point in route)
    assert str(patrol["time"]).endswith("+00:00")
    shapes = json.loads(invoke(db, "monitor", "events", "--day", "2026-06-01", "--type",
                               "patrol", "--format", "geojson"))  # fmt: skip
    assert shapes["features"] and all(f["geometry"]["type"] == "LineString"
                                      for f in shapes["features"])  # fmt: skip
    # Every event says where it is in words, with its geoprecision (across the border, the
    # country: the line ends at Russia's border, and some events lie beyond it).
    assert all((" oblast" in e["place"] or e["place"].endswith(", Russia"))
               and e["geoprecision"] in (1, 2, 3) for e in events)  # fmt: skip


def test_bad_input_is_a_clear_error(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.sqlite3'}"
    result = runner.invoke(app, ["--db", db, "monitor", "ingest", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2 and "no such file" in result.output
    result = runner.invoke(app, ["--db", db, "monitor", "day"])
    assert result.exit_code == 2 and "no reports stored" in result.output


def test_events_export_every_field_filtered(tmp_path: Path) -> None:
    """Issue 16: `monitor events --sector ... --type weapons --from ... --to ... --format
    geojson` gives every field of every event that passes the filters, and nothing else."""
    db = f"sqlite:///{tmp_path / 'e.sqlite3'}"
    invoke(db, "monitor", "ingest", str(DATA_DIR / "monitoring" / "sample"))
    every = json.loads(invoke(db, "monitor", "events", "--from", "2026-06-01", "--to",
                              "2026-06-02", "--format", "json"))  # fmt: skip
    args = ["monitor", "events", "--sector", "donetsk", "--type", "weapons", "--from",
            "2026-06-01", "--to", "2026-06-02", "--format", "geojson"]  # fmt: skip
    found = json.loads(invoke(db, *args))
    expected = [e for e in every if e["sector"] == "donetsk" and e["type"] == "weapon_sighting"]
    assert expected and len(found["features"]) == len(expected)
    fields = set(found["features"][0]["properties"]) | {"lon", "lat"}
    assert fields >= {"event_id", "time", "type", "sector", "zone", "place", "geoprecision",
                      "confidence", "n_reports", "violation", "weapon_class", "count"}  # fmt: skip
    for feature in found["features"]:
        assert feature["geometry"]["type"] == "Point"
        # The report days run to 19:30 Kyiv time (16:30 UTC in summer) from the day before.
        assert "2026-05-31T16:30" <= feature["properties"]["time"][:16] < "2026-06-02T16:30"
    parquet = tmp_path / "out" / "violations.parquet"
    invoke(db, "monitor", "events", "--from", "2026-06-01", "--to", "2026-06-02", "--type",
           "violations", "--format", "parquet", "--out", str(parquet))  # fmt: skip
    table = pd.read_parquet(parquet)
    assert len(table) and table["violation"].all()
    for bad, words in (
        (["--type", "nonsense"], "unknown 'nonsense'"),
        (["--format", "parquet"], "needs --out"),
        (["--from", "2026-06-05", "--to", "2026-06-01"], "before --from"),
    ):
        result = runner.invoke(app, ["--db", db, "monitor", "events", *bad],
                               env={"COLUMNS": "200"})  # fmt: skip
        assert result.exit_code == 2 and words in result.output, result.output


def test_cases_and_triggers_from_the_command_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    invoke(db, "load")
    invoke(db, "monitor", "ingest", str(DATA_DIR / "monitoring" / "sample"))
    opened = json.loads(invoke(db, "monitor", "cases", "--open", "2026-06-02", "--by", "m1",
                               "--format", "json").split("\n", 1)[1])  # fmt: skip
    assert opened and all(c["state"] == "observed" and c["reports"] for c in opened)
    heavy = ("artillery_100mm_plus", "mlrs", "mlrs_heavy", "tactical_missile")
    eligible = [c for c in opened if c["kind"] == "inside its withdrawal line"
                and c["weapon"].endswith(heavy)]  # fmt: skip
    sides = [c["side"] for c in eligible]
    side = max(set(sides), key=sides.count)
    same_side = [c["case"] for c in eligible if c["side"] == side][:2]
    assert len(same_side) == 2
    for ident in same_side:
        invoke(db, "monitor", "case", str(ident), "verified", "--note", "seen", "--by", "m2")
    fired = invoke(db, "monitor", "triggers", "--on", "2026-06-02")
    assert "heavy-weapons-repeated" in fired and "waits for ceasefire" in fired
    wrong = runner.invoke(app, ["--db", db, "monitor", "case", str(same_side[0]), "rectified",
                                "--note", "x"], env={"COLUMNS": "200"})  # fmt: skip
    assert wrong.exit_code == 2 and "can go to notified" in wrong.output


def test_the_day_says_where_no_patrol_passed(tmp_path: Path) -> None:
    """The command line warns as the daily report and the API do: quiet in a sector no
    patrol passed through is not evidence of calm."""
    db = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    invoke(db, "monitor", "ingest", str(DATA_DIR / "monitoring" / "sample"))
    shown = " ".join(invoke(db, "monitor", "day", "--day", "2026-06-02").split())
    assert "No patrol passed through mykolaiv that day" in shown

"""Reading every format, and the quarantine's reasons for bad rows."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from coalition.errors import CoalitionError
from coalition.monitoring.reports import dedupe_within, read_table, validate
from coalition.monitoring.synthetic import write
from tests.monitoring.helpers import frame, report

CLASSES = {"mlrs", "tank"}


def _rows() -> pd.DataFrame:
    return frame(
        report("a", "2026-06-01T10:00:00Z", 36.1, 48.0),
        report(
            "b",
            "2026-06-01T10:01:00Z",
            36.2,
            48.1,
            type="weapon_sighting",
            weapon_class="mlrs",
            count=2,
            side="right",
            basis="firing position observed",
            bearing_deg=90.0,
        ),
    )


@pytest.mark.parametrize("suffix", [".csv", ".ndjson", ".geojson", ".parquet"])
def test_every_format_reads_to_the_same_rows(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"reports{suffix}"
    write(_rows(), path)
    parsed = validate(read_table(path), CLASSES)
    assert parsed.quarantine.empty, parsed.quarantine.to_dict("records")
    got = parsed.valid.set_index("id")
    assert list(got.index) == ["a", "b"]
    assert got.loc["b", "weapon_class"] == "mlrs" and got.loc["b", "count"] == 2
    assert got.loc["b", "lon"] == pytest.approx(36.2)
    assert got.loc["a", "time"] == pd.Timestamp("2026-06-01T10:00:00Z")


def test_json_array(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    row = report("a", "2026-06-01T10:00:00+02:00", 36.1, 48.0)
    path.write_text(json.dumps([row]), encoding="utf-8")
    parsed = validate(read_table(path), CLASSES)
    assert parsed.valid["time"].iloc[0] == pd.Timestamp("2026-06-01T08:00:00Z")


def test_bad_rows_are_quarantined_with_reasons(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "id,time,reporter,reporter_kind,lon,lat,uncertainty_m,type,weapon_class,count\n"
        "ok,2026-06-01T10:00:00Z,MT,monitor_team,36,48,100,explosion,,\n"
        "naive,2026-06-01 10:00,MT,monitor_team,36,48,100,explosion,,\n"
        "lon,2026-06-01T10:00:00Z,MT,monitor_team,191,48,100,explosion,,\n"
        "kind,2026-06-01T10:00:00Z,MT,telegram,36,48,100,artillery,,\n"
        "nocls,2026-06-01T10:00:00Z,MT,uav,36,48,100,weapon_sighting,,\n"
        "badcls,2026-06-01T10:00:00Z,MT,uav,36,48,100,weapon_sighting,howitzer,\n"
        "count,2026-06-01T10:00:00Z,MT,uav,36,48,100,weapon_sighting,tank,1.5\n"
        ",2026-06-01T10:00:00Z,MT,uav,36,48,-5,drone,,\n",
        encoding="utf-8",
    )
    parsed = validate(read_table(path), CLASSES)
    assert list(parsed.valid["id"]) == ["ok"]
    reasons = dict(zip(parsed.quarantine["row"], parsed.quarantine["reason"], strict=True))
    assert reasons[2] == "time: no UTC offset (add Z)"
    assert reasons[3] == "lon: not a longitude"
    assert reasons[4] == "reporter_kind: unknown; type: unknown"
    assert reasons[5] == "weapon_class: missing for a sighting"
    assert reasons[6] == "weapon_class: unknown"
    assert reasons[7] == "count: not a whole number from 1 (0 on a storage visit) to 10,000"
    assert reasons[8] == "id: missing; uncertainty_m: not 0..500,000 m"
    raw = json.loads(parsed.quarantine["raw"].iloc[0])
    assert raw["id"] == "naive" and raw["time"] == "2026-06-01 10:00"  # kept as received


def test_repeats_in_one_file(tmp_path: Path) -> None:
    rows = _rows()
    other = rows.iloc[[0]].assign(lon=30.0)  # same id, different report
    parsed = dedupe_within(validate(pd.concat([rows, rows.iloc[[0]], other]).astype(str), CLASSES))
    assert sorted(parsed.valid["id"]) == ["a", "b"]
    assert list(parsed.quarantine["reason"]) == [
        "id: used earlier in the file for a different report"
    ]


def test_unreadable_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(CoalitionError, match="unknown format"):
        read_table(tmp_path / "r.xlsx")
    with pytest.raises(CoalitionError, match="no such file"):
        read_table(tmp_path / "missing.csv")
    bad = tmp_path / "r.geojson"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(CoalitionError, match="not JSON"):
        read_table(bad)
    broken = tmp_path / "r.parquet"
    broken.write_bytes(b"PAR1 not really")
    with pytest.raises(CoalitionError, match="Parquet"):
        read_table(broken)


def test_records_with_missing_fields_are_quarantined_not_a_crash() -> None:
    """Reports as JSON objects may leave out any field, optional or required."""
    table = pd.DataFrame.from_records(
        [
            {"id": "ok", "time": "2026-06-01T10:00:00Z", "reporter": "MT",
             "reporter_kind": "monitor_team", "lon": 37.5, "lat": 48.5, "uncertainty_m": 100,
             "type": "explosion"},
            {"id": "bare"},
            {"type": "weapon_sighting"},
        ]
    )  # fmt: skip
    parsed = validate(table, CLASSES)
    assert list(parsed.valid["id"]) == ["ok"]
    reasons = list(parsed.quarantine["reason"])
    assert reasons[0].startswith("time: missing; reporter: missing")
    assert "id: missing" in reasons[1] and "weapon_class: missing for a sighting" in reasons[1]


def test_a_ragged_csv_row_is_quarantined_not_the_file(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    head = "id,time,reporter,reporter_kind,lon,lat,uncertainty_m,type\n"
    good = "{},2026-06-01T10:00:00Z,MT-1,monitor_team,37.7,48.5,100,explosion\n"
    path.write_text(head + good.format("a") + good.format("b").strip() + ",x,y\n"
                    + good.format("c"), encoding="utf-8")  # fmt: skip
    parsed = validate(read_table(path), CLASSES)
    assert parsed.valid["id"].tolist() == ["a", "c"]
    assert parsed.quarantine["reason"].tolist() == ["CSV: 10 fields where the header has 8"]


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("junk.geojson", bytes(range(256)) * 40, "not text in UTF-8"),
        ("junk.json", b"\xff\xfe\x00garbage", "not text in UTF-8"),
        ("other.csv", b"a,b,c\n1,2,3\n", "not a report file"),
    ],
)
def test_a_file_that_is_no_report_file_is_one_clear_error(
    tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CoalitionError, match=words):
        read_table(path)


def test_a_patrol_route_as_geojson_in_json_lines(tmp_path: Path) -> None:
    row = {"id": "p", "time": "2026-06-01T06:00:00Z", "reporter": "MT-1",
           "reporter_kind": "monitor_team", "lon": 37.7, "lat": 48.5, "uncertainty_m": 100,
           "type": "patrol", "until": "2026-06-01T12:00:00Z",
           "route": {"type": "LineString",
                     "coordinates": [[37.7, 48.5], [37.8, 48.6]]}}  # fmt: skip
    path = tmp_path / "p.ndjson"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    parsed = validate(read_table(path), CLASSES)
    assert parsed.quarantine.empty, parsed.quarantine.to_dict("records")
    assert json.loads(parsed.valid["details"].iloc[0])["route"] == [[37.7, 48.5], [37.8, 48.6]]

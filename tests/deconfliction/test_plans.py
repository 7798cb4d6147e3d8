"""Plans from YAML, GeoJSON and CSV: the same activities from each, one clear message per
problem (located at file:line, or at the feature), and nothing accepted from a set of
files with a problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coalition.deconfliction.plans import load_plans, write_plans
from coalition.errors import DataFileError, DataIssue
from tests.deconfliction.helpers import DAY, activity, write_csv, write_geojson, write_yaml

Writer = Callable[..., Path]
WRITERS = {"yaml": write_yaml, "csv": write_csv, "geojson": write_geojson}

#: (what is wrong, the change to a valid activity, words the one message must contain)
PROBLEMS: list[tuple[str, dict[str, Any], str]] = [
    ("self-intersecting polygon",
     {"volume": {"polygon": [[30.0, 50.0], [30.1, 50.1], [30.1, 50.0], [30.0, 50.1]]}},
     "not valid: self-intersection near 30.05 50.05"),
    ("floor above ceiling", {"volume": {"floor_m": 5000, "ceiling_m": 3000}},
     "floor (5000 m) is not below its ceiling (3000 m)"),
    ("window ends before it starts",
     {"volume": {"start": "2026-07-01T09:00Z", "end": "2026-07-01T08:00Z"}},
     "window ends (2026-07-01 08:00Z) before it starts (2026-07-01 09:00Z)"),
    ("unknown owner", {"owner": "XQZ"}, "unknown owner 'XQZ'"),
    ("owner by name", {"owner": "Germany"}, "unknown owner 'Germany' (did you mean DEU?)"),
    ("unknown kind", {"kind": "balloon"}, "'balloon' is not allowed"),
    ("radius not positive",
     {"volume": {"polygon": None, "circle": {"center": [30.0, 50.0], "radius_m": 0}}},
     "must be more than 0 m and at most 2,000,000 m, got 0"),
    ("longitude out of range",
     {"volume": {"polygon": [[190.0, 50.0], [30.1, 50.0], [30.1, 50.1]]}},
     "[190, 50] is outside the planning area"),
    ("latitude out of range",
     {"volume": {"polygon": None, "circle": {"center": [30.0, 95.0], "radius_m": 100}}},
     "[30, 95] is outside the planning area"),
]  # fmt: skip


def _clean(changes: dict[str, Any]) -> dict[str, Any]:
    made = activity(**changes)
    made["volumes"] = [{k: v for k, v in vol.items() if v is not None} for vol in made["volumes"]]
    return made


def _issues(path: Path) -> list[DataIssue]:
    with pytest.raises(DataFileError) as caught:
        load_plans([path])
    return caught.value.issues


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_the_same_activity_from_every_format(tmp_path: Path, fmt: str) -> None:
    circle = {"id": "v2", "circle": {"center": [30.5, 50.5], "radius_m": 2500},
              "floor_m": 0, "ceiling_m": 150, "start": "2026-07-01T06:00Z",
              "end": "2026-07-01T07:00Z"}  # fmt: skip
    route = {"id": "v3", "route": {"coordinates": [[30.0, 50.0], [31.0, 50.5]], "width_m": 60},
             "floor_m": 0, "ceiling_m": 10, "start": "2026-07-01T06:00Z",
             "end": "2026-07-01T07:00Z"}  # fmt: skip
    made = activity()
    made["volumes"] += [circle, route]
    path = WRITERS[fmt](tmp_path / f"plan.{fmt}", made)
    (loaded,) = load_plans([path])
    assert loaded.id == "A1" and loaded.owner == "GBR" and loaded.unit == "Secret Squadron"
    assert [v.shape_kind for v in loaded.volumes] == ["polygon", "circle", "route"]
    assert loaded.volumes[1].circle is not None and loaded.volumes[1].circle.radius_m == 2500
    assert loaded.volumes[2].route is not None and loaded.volumes[2].route.width_m == 60
    assert loaded.volumes[0].start.isoformat() == "2026-07-01T06:00:00+00:00"


@pytest.mark.parametrize("fmt", list(WRITERS))
@pytest.mark.parametrize(("what", "changes", "words"), PROBLEMS, ids=[p[0] for p in PROBLEMS])
def test_each_problem_is_one_clear_message(
    tmp_path: Path, fmt: str, what: str, changes: dict[str, Any], words: str
) -> None:
    good = activity(id="GOOD")
    path = WRITERS[fmt](tmp_path / f"plan.{fmt}", good, _clean(changes))
    issues = _issues(path)
    assert len(issues) == 1, issues
    assert words in issues[0].message, issues[0]
    assert issues[0].file == str(path)
    if fmt == "geojson":
        assert issues[0].field.startswith("features[1].")
    else:
        assert issues[0].line is not None
        assert issues[0].line > (3 if fmt == "yaml" else 2)  # not the good activity's lines


def test_a_yaml_problem_names_the_line_of_its_field(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "plan.yaml", activity(), activity(id="A2", owner="XQZ"))
    (issue,) = _issues(path)
    assert issue.field == "activities[1].owner"
    assert path.read_text().splitlines()[issue.line - 1].strip() == "owner: XQZ"  # type: ignore[operator]


def test_nothing_is_accepted_from_files_with_a_problem(tmp_path: Path) -> None:
    good = write_yaml(tmp_path / "good.yaml", activity())
    bad = write_csv(tmp_path / "bad.csv", activity(id="A2", kind="balloon"))
    with pytest.raises(DataFileError) as caught:
        load_plans([good, bad])
    assert "nothing was written" in str(caught.value)
    assert [i.file for i in caught.value.issues] == [str(bad)]


def test_activity_ids_are_unique_across_files(tmp_path: Path) -> None:
    one = write_yaml(tmp_path / "one.yaml", activity())
    two = write_geojson(tmp_path / "two.geojson", activity())
    (issue,) = _issues_of([one, two])
    assert "activity 'A1' also at" in issue.message


def _issues_of(paths: list[Path]) -> list[DataIssue]:
    with pytest.raises(DataFileError) as caught:
        load_plans(paths)
    return caught.value.issues


def test_csv_rows_of_one_activity_must_agree(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "plan.csv", activity(), activity(owner="FRA", volume={"id": "v2"}))
    (issue,) = _issues(path)
    assert issue.line == 3 and issue.field == "owner"
    assert "activity 'A1' has owner 'GBR' at" in issue.message


def test_bad_wkt_and_a_point_without_radius(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "activity,owner,kind,volume,floor_m,ceiling_m,start,end,wkt\n"
        'A1,GBR,flight,v1,0,100,2026-07-01T06:00Z,2026-07-01T07:00Z,"POLYGON ((30 50, 31"\n'
        "A2,GBR,drone,v1,0,100,2026-07-01T06:00Z,2026-07-01T07:00Z,POINT (30 50)\n",
        "utf-8",
    )
    first, second = _issues(path)
    assert (first.line, first.field) == (2, "wkt") and "not valid WKT" in first.message
    assert (second.line, second.message) == (3, "a point needs radius_m (it is a circle)")


def test_the_bundled_day_loads_with_the_no_go_buffer_drawn_from_the_theatre() -> None:
    activities = {a.id: a for a in load_plans([DAY])}
    buffer = activities["LOC-no-go"].volumes[0]
    assert activities["LOC-no-go"].is_zone and buffer.polygon is not None
    assert len(buffer.polygon) > 20  # the line's buffer, not a hand-drawn box
    assert {a.owner for a in activities.values()} >= {"GBR", "FRA", "USA", "UKR", "TUR", "ROU",
                                                      "BGR"}  # fmt: skip


def test_a_missing_theatre_is_named_at_its_line(tmp_path: Path) -> None:
    zone = {"id": "Z", "owner": "UKR", "kind": "zone", "zone": "no_go", "volumes": [
        {"id": "z1", "line_of_contact": {"theatre": "nowhere.geojson", "buffer_m": 1000},
         "floor_m": 0, "ceiling_m": 100, "start": "2026-07-01T00:00Z",
         "end": "2026-07-02T00:00Z"}]}  # fmt: skip
    (issue,) = _issues(write_yaml(tmp_path / "plan.yaml", zone))
    assert "no such file" in issue.message and issue.line is not None


def test_a_written_plan_reads_back_as_the_same_activities(tmp_path: Path) -> None:
    """``coalition deconflict resolve --out`` saves the changed plan with write_plans."""
    day = load_plans([DAY])
    write_plans(day, tmp_path / "resolved.yaml")
    assert load_plans([tmp_path / "resolved.yaml"]) == day

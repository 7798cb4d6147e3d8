"""Conformance of tracks to the declared volumes, and the notification extract (no unit
names, no zones, nothing but footprint, band and window)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import shapely

from coalition.deconfliction.conformance import check_tracks, read_tracks
from coalition.deconfliction.extract import notification_extract
from coalition.deconfliction.plans import load_plans
from coalition.domain.deconfliction import Activity
from coalition.domain.deconfliction_results import TrackPoint
from coalition.errors import CoalitionError, DataFileError
from tests.deconfliction.helpers import DAY


@pytest.fixture(scope="module")
def day() -> list[Activity]:
    return load_plans([DAY])


def _point(activity: str, hhmm: str, lon: float, lat: float, alt: float) -> TrackPoint:
    hour, minute = map(int, hhmm.split(":"))
    when = dt.datetime(2026, 7, 1, hour, minute, tzinfo=dt.UTC)
    return TrackPoint(activity=activity, time=when, lon=lon, lat=lat, altitude_m=alt)


def test_a_track_inside_its_volume_raises_nothing(day: list[Activity]) -> None:
    track = [_point("GBR-CAP-west", f"0{h}:30", 24.5 + h * 0.2, 50.0, 9000) for h in range(6, 10)]
    assert check_tracks(day, track) == []


def test_a_track_leaving_its_volume_raises_one_alert_per_excursion(day: list[Activity]) -> None:
    track = [
        _point("GBR-CAP-west", "07:00", 25.0, 50.0, 9000),  # inside
        _point("GBR-CAP-west", "07:05", 26.8, 50.0, 9000),  # east of the box (26.5 E)
        _point("GBR-CAP-west", "07:10", 27.0, 50.0, 9000),
        _point("GBR-CAP-west", "07:15", 25.0, 50.0, 9000),  # back inside
        _point("GBR-CAP-west", "07:20", 25.0, 50.0, 5500),  # below the band (6,000 m)
        _point("GBR-CAP-west", "10:30", 25.0, 50.0, 9000),  # after the window (10:00)
    ]
    first, second = check_tracks(day, list(reversed(track)))  # order of reports is no matter
    assert [p.time.minute for p in first.points] == [5, 10]
    assert first.volume == "cap" and first.owner == "GBR"
    assert 35_000 < first.lateral_outside_m < 37_000  # 0.5 degree east at 50 N
    assert first.vertical_outside_m == 0 and first.time_outside_min == 0
    assert first.reason.startswith("left volume cap: up to 35,")
    assert [p.time.hour for p in second.points] == [7, 10]  # consecutive outside points
    assert second.vertical_outside_m == 500 and second.time_outside_min == 30


def test_a_route_is_checked_against_its_corridor(day: list[Activity]) -> None:
    on_road = _point("GBR-convoy-korczowa-lviv", "09:00", 23.39, 49.94, 2)
    off_road = _point("GBR-convoy-korczowa-lviv", "09:10", 23.39, 49.941, 2)  # 111 m north
    (alert,) = check_tracks(day, [on_road, off_road])
    assert alert.points == [off_road] and 70 < alert.lateral_outside_m < 90  # less 30 m


def test_a_track_of_an_undeclared_activity_is_an_alert(day: list[Activity]) -> None:
    (alert,) = check_tracks(day, [_point("NOBODY", "07:00", 25.0, 50.0, 9000)])
    assert alert.volume is None and alert.reason == "no such activity declared in the plan"


def test_tracks_from_csv_and_their_errors(tmp_path: Path) -> None:
    good = tmp_path / "tracks.csv"
    good.write_text("activity,time,lon,lat,altitude_m\nA,2026-07-01T07:00Z,25,50,9000\n")
    assert read_tracks(good)[0].altitude_m == 9000
    bad = tmp_path / "bad.csv"
    bad.write_text("activity,time,lon,lat,altitude_m\nA,2026-07-01T07:00Z,250,50,9000\n"
                   "A,07:00,25,50,high\n")  # fmt: skip
    with pytest.raises(DataFileError) as caught:
        read_tracks(bad)
    assert [(i.line, i.field) for i in caught.value.issues] == [
        (2, "lon"), (3, "time"), (3, "altitude_m")]  # fmt: skip


def test_the_extract_holds_no_unit_name_nor_anything_but_where_how_high_and_when(
    day: list[Activity],
) -> None:
    extract = notification_extract(day, "RUS", "coalition")
    text = json.dumps(extract.geojson)
    for activity in day:
        for secret in (activity.unit, activity.name, activity.id):
            assert secret is None or secret not in text
    features = extract.geojson["features"]
    assert len(features) == len([a for a in day if not a.is_zone])  # no standing zone
    assert {frozenset(f["properties"]) for f in features} == {
        frozenset({"ref", "floor_m", "ceiling_m", "start", "end", "by"})
    }
    assert {f["properties"]["by"] for f in features} == {"coalition"}
    assert [f["properties"]["ref"] for f in features] == [f"N{k}" for k in range(1, 13)]
    assert set(extract.refs.values()) == {(a.id, a.volumes[0].id) for a in day if not a.is_zone}


def test_the_extract_contains_what_is_planned(day: list[Activity]) -> None:
    extract = notification_extract(day, "RUS")
    orbit = next(a for a in day if a.id == "USA-UAS-orbit-east").volumes[0].circle
    assert orbit is not None
    ref = next(r for r, (a, _) in extract.refs.items() if a == "USA-UAS-orbit-east")
    feature = next(f for f in extract.geojson["features"] if f["properties"]["ref"] == ref)
    area = shapely.geometry.shape(feature["geometry"])
    assert area.contains(shapely.Point(orbit.center))
    assert "by" not in feature["properties"]


def test_an_extract_leaves_out_the_partys_own_activities(day: list[Activity]) -> None:
    extract = notification_extract(day, "USA")
    assert all(a != "USA-UAS-orbit-east" for a, _ in extract.refs.values())
    with pytest.raises(CoalitionError, match="unknown party 'Russia' \\(did you mean RUS\\?\\)"):
        notification_extract(day, "Russia")

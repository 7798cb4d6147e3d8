"""Distance, side, zone, sector and withdrawal rules against cases computed by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Geod

from coalition.errors import CoalitionError
from coalition.monitoring.classify import classify
from coalition.monitoring.pipeline import Setup
from coalition.monitoring.theatre import load_theatre
from tests.monitoring.helpers import REPO, frame, report, small_setup, theatre_file

GEOD = Geod(ellps="WGS84")


def geodesic(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    return float(GEOD.inv(lon1, lat1, lon2, lat2)[2])


def test_distance_side_zone_sector_by_hand(tmp_path: Path) -> None:
    setup = small_setup(tmp_path)
    reports = frame(
        report("east", "2026-06-01T10:00:00Z", 36.1, 48.0),
        report("west", "2026-06-01T10:00:00Z", 35.8, 48.0),
        report("north_of_end", "2026-06-01T10:00:00Z", 36.0, 49.1),
        report("far", "2026-06-01T10:00:00Z", 37.5, 48.0),
    )
    out = classify(reports, setup.theatre, setup.rules).set_index("id")
    # The nearest point of a meridian line is on the same parallel (to well under 0.1%).
    assert out.loc["east", "distance_m"] == pytest.approx(geodesic(36, 48, 36.1, 48), rel=1e-3)
    assert out.loc["west", "distance_m"] == pytest.approx(geodesic(36, 48, 35.8, 48), rel=1e-3)
    assert out.loc["north_of_end", "distance_m"] == pytest.approx(
        geodesic(36, 49, 36, 49.1), rel=1e-3
    )
    # Walking north along the line, east is on the right.
    assert out.loc["east", "position_side"] == "right"
    assert out.loc["west", "position_side"] == "left"
    assert setup.theatre.side_name(True) == "west"
    # 7.45 km: inside "security" (15 km) but not "contact" (5 km); 14.9 km: security.
    assert out.loc["east", "zone"] == "security"
    assert out.loc["west", "zone"] == "security"
    assert out.loc["east", "sector"] == "east"
    assert out.loc["west", "sector"] == "west"
    assert out.loc["far", "sector"] == "outside"


def test_far_zone_is_rear(tmp_path: Path) -> None:
    setup = small_setup(tmp_path)
    out = classify(
        frame(report("r", "2026-06-01T10:00:00Z", 37.5, 48.0)), setup.theatre, setup.rules
    )
    assert out["distance_m"].iloc[0] == pytest.approx(geodesic(36, 48, 37.5, 48), rel=2e-3)
    assert out["zone"].iloc[0] == "rear"


def test_side_at_a_bend(tmp_path: Path) -> None:
    """An L-shaped line, north then east: walking it, the outside of the corner
    (north-west) is on the left, the inside (south-east) on the right."""
    path = theatre_file(tmp_path, line=[[36, 47], [36, 48], [37, 48]])
    theatre = load_theatre(path)
    setup = Setup(theatre, small_setup(tmp_path).rules)
    out = classify(
        frame(
            report("outside_corner", "2026-06-01T10:00:00Z", 35.9, 48.1),
            report("inside_corner", "2026-06-01T10:00:00Z", 36.1, 47.9),
        ),
        setup.theatre,
        setup.rules,
    ).set_index("id")
    assert out.loc["outside_corner", "position_side"] == "left"
    assert out.loc["inside_corner", "position_side"] == "right"
    assert out.loc["outside_corner", "distance_m"] == pytest.approx(
        geodesic(36, 48, 35.9, 48.1), rel=5e-3
    )


def test_withdrawal_rules_of_minsk_ii(tmp_path: Path) -> None:
    setup = small_setup(tmp_path)
    distance = setup.rules.withdrawal_distance()
    # "a security zone of at least 50 km wide from each other": 25 km each side.
    assert distance["artillery_100mm_plus"] == 25_000
    assert distance["mlrs"] == 35_000 and distance["mlrs_heavy"] == 70_000
    assert distance["tank"] == 15_000
    sightings = frame(
        report(
            "mlrs_7km",
            "2026-06-01T10:00:00Z",
            36.1,
            48.0,
            type="weapon_sighting",
            weapon_class="mlrs",
            count=3,
        ),
        report(
            "tank_22km",
            "2026-06-01T10:00:00Z",
            36.3,
            48.0,
            type="weapon_sighting",
            weapon_class="tank",
        ),
        report(
            "art_22km",
            "2026-06-01T10:00:00Z",
            36.3,
            48.0,
            type="weapon_sighting",
            weapon_class="artillery_100mm_plus",
        ),
        report("shell_1km", "2026-06-01T10:00:00Z", 36.01, 48.0),
    )
    out = classify(sightings, setup.theatre, setup.rules).set_index("id")
    assert out.loc["tank_22km", "distance_m"] == pytest.approx(22_300, rel=0.01)
    assert bool(out.loc["mlrs_7km", "violation"]) is True
    assert bool(out.loc["tank_22km", "violation"]) is False  # 15 km rule
    assert bool(out.loc["art_22km", "violation"]) is True  # 25 km rule
    assert bool(out.loc["shell_1km", "violation"]) is False  # not a sighting
    assert out.loc["shell_1km", "zone"] == "contact"


def test_bundled_theatre_is_the_reported_line_with_oblast_sectors() -> None:
    """The bundled line is an approximation built from cited reporting (not an
    illustration): towns each side of the front fall on their side, sectors are oblasts."""
    setup = Setup.load(REPO / "data" / "monitoring")
    theatre = setup.theatre
    assert not theatre.illustrative and theatre.properties["approximate"]
    assert theatre.properties["as_of"] == "2025-12-28" and theatre.properties["sources"]
    assert "APPROXIMATE" in theatre.properties["note"]
    assert theatre.crs.is_projected
    assert 600_000 < theatre.line.length < 1_600_000  # metres, not degrees
    towns = {  # (lon, lat): side, sector
        "kramatorsk": (37.56, 48.72, "left", "donetsk"),
        "zaporizhzhia": (35.14, 47.84, "left", "zaporizhzhia"),
        "kharkiv": (36.23, 49.99, "left", "kharkiv"),
        "donetsk": (37.80, 48.00, "right", "donetsk"),
        "melitopol": (35.37, 46.85, "right", "zaporizhzhia"),
        "luhansk": (39.31, 48.57, "right", "luhansk"),
        "oleshky": (32.72, 46.62, "right", "kherson"),
    }
    rows = [report(n, "2026-06-01T10:00:00Z", lon, lat) for n, (lon, lat, _, _) in towns.items()]
    out = classify(frame(*rows), theatre, setup.rules).set_index("id")
    for name, (_, _, side, sector) in towns.items():
        assert out.loc[name, "position_side"] == side, name
        assert out.loc[name, "sector"] == sector, name
    assert np.isfinite(out["distance_m"]).all()
    assert set(theatre.sector_codes) >= {"kherson", "zaporizhzhia", "donetsk", "luhansk", "kharkiv"}


@pytest.mark.parametrize(
    ("props", "line", "message"),
    [
        ({"projected_crs": "EPSG:4326"}, None, "must be projected"),
        ({"projected_crs": "not a crs"}, None, "not a CRS"),
        ({}, [[36, 47]], "bad geometry"),
    ],
)
def test_bad_theatre_is_a_clear_error(
    tmp_path: Path, props: dict[str, str], line: list[list[float]] | None, message: str
) -> None:
    with pytest.raises(CoalitionError, match=message):
        load_theatre(theatre_file(tmp_path, line=line, **props))


def test_sector_search_by_tree_equals_the_direct_test(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coalition.monitoring import classify as module

    setup = Setup.load(REPO / "data" / "monitoring")
    rng = np.random.default_rng(4)
    x, y = setup.theatre.to_metres(rng.uniform(31, 41, 20_000), rng.uniform(45, 51, 20_000))
    # and points on the sectors' own vertices, where the grid's cells meet an edge
    corners = shapely.get_coordinates(setup.theatre.sectors)
    x, y = np.concatenate([x, corners[:, 0]]), np.concatenate([y, corners[:, 1]])
    direct = module._exact_sector(setup.theatre, x, y)
    assert (module.sector_index(setup.theatre, x, y) == direct).all()
    monkeypatch.setattr(module, "_FEW_SECTORS", 0)
    assert (module._exact_sector(setup.theatre, x, y) == direct).all()
    assert len(set(direct)) == len(setup.theatre.sector_codes) + 1  # and "outside"


def test_sector_grid_equals_the_direct_test_where_points_crowd() -> None:
    """Most reports lie near the line, where the sectors' edges cross it: cells there
    hold many points and are tested one by one, cells inside a sector are settled."""
    from coalition.monitoring import classify as module

    setup = Setup.load(REPO / "data" / "monitoring")
    rng = np.random.default_rng(5)
    along = shapely.line_interpolate_point(
        setup.theatre.line, rng.uniform(0, setup.theatre.line.length, 50_000)
    )
    x = shapely.get_x(along) + rng.normal(0, 3_000, 50_000)
    y = shapely.get_y(along) + rng.normal(0, 3_000, 50_000)
    x[:10] = np.nan  # not located: outside every sector
    index = module.sector_index(setup.theatre, x, y)
    assert (index[:10] == -1).all()
    assert (index[10:] == module._exact_sector(setup.theatre, x[10:], y[10:])).all()

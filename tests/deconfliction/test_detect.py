"""Detection: the vectorised pass finds exactly the pairs the plain pair-by-pair loop
finds, on random days (property test); and the predicate's edges by hand."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition.deconfliction.bruteforce import brute_force
from coalition.deconfliction.conflicts import describe
from coalition.deconfliction.detect import detect
from coalition.deconfliction.synthetic import Knobs, generate
from coalition.deconfliction.volumes import build_table
from coalition.domain.deconfliction import Activity
from tests.deconfliction.helpers import activity, rules

RULES = rules()


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(2, 40),
    half=st.sampled_from([5_000.0, 20_000.0, 80_000.0]),
    scale=st.sampled_from([0.05, 0.3, 1.0]),
    zones=st.integers(0, 3),
    lattice=st.booleans(),
)
def test_detection_finds_what_brute_force_finds(
    seed: int, n: int, half: float, scale: float, zones: int, lattice: bool
) -> None:
    knobs = Knobs(half_width_m=half, half_height_m=half, size_scale=scale, zones=zones,
                  lattice=lattice)  # fmt: skip
    table = build_table(generate(n, seed, knobs=knobs))
    fast, slow = detect(table, RULES), brute_force(table, RULES)
    assert fast.pairs() == slow.pairs()
    order_fast = np.lexsort((fast.b, fast.a))
    order_slow = np.lexsort((slow.b, slow.a))
    assert np.array_equal(fast.distance_m[order_fast], slow.distance_m[order_slow])
    assert np.array_equal(fast.time_gap_s[order_fast], slow.time_gap_s[order_slow])


def test_random_days_do_have_conflicts_and_touching_edges() -> None:
    """The property test is not vacuous: its days hold conflicts of every rule family."""
    found_rules: set[str] = set()
    total = 0
    for seed in range(20):
        knobs = Knobs(half_width_m=20_000, half_height_m=20_000, size_scale=0.3, zones=2,
                      lattice=True)  # fmt: skip
        table = build_table(generate(30, seed, knobs=knobs))
        found = detect(table, RULES)
        total += len(found)
        found_rules |= {RULES.separations[r].id for r in found.rule.tolist()}
    assert total > 50
    assert {"default", "air-air", "ad-engagement-zone", "restricted-area"} <= found_rules


def test_exact_distances_match_the_drawn_footprints() -> None:
    """Circles and corridors are measured exactly; their polygons (drawn circumscribed)
    differ by the drawing's tolerance only (GEOS may simplify a buffer's curve by up to
    1% of the radius)."""
    table = build_table(generate(300, 5, knobs=Knobs(half_width_m=30_000, half_height_m=30_000)))
    i, j = np.triu_indices(len(table), 1)
    from coalition.deconfliction.detect import lateral_distance

    exact, _ = lateral_distance(table, i, j)
    drawn = np.asarray(shapely.distance(table.footprints()[i], table.footprints()[j]))
    reach = table.radius[i] + table.radius[j]
    assert np.all(np.abs(exact - drawn) <= 0.01 * reach + 1e-6)


def _plan(*made: dict[str, Any]) -> list[Activity]:
    return [Activity.model_validate(a) for a in made]


def _drone(name: str, lon: float, start: str, end: str, floor: float = 0, ceiling: float = 100,
           kind: str = "drone", radius: float = 2000) -> dict[str, Any]:  # fmt: skip
    volume = {"polygon": None, "circle": {"center": [lon, 50.0], "radius_m": radius},
              "floor_m": floor, "ceiling_m": ceiling, "start": f"2026-07-01T{start}Z",
              "end": f"2026-07-01T{end}Z"}  # fmt: skip
    made = activity(id=name, kind=kind, volume=volume)
    made["volumes"][0].pop("polygon")
    return made


def _found(*made: dict[str, Any]) -> list[tuple[str, str, str]]:
    table = build_table(_plan(*made))
    return [(c.a_activity, c.b_activity, c.rule) for c in describe(table, detect(table, RULES),
                                                                    RULES)]  # fmt: skip


def test_drones_conflict_only_when_their_volumes_meet() -> None:
    assert _found(_drone("D1", 30.0, "06:00", "07:00"), _drone("D2", 30.05, "06:30", "07:30")) == [
        ("D1", "D2", "drone-drone")
    ]  # 3.6 km apart centre to centre, 2 km radii: overlapping
    assert _found(_drone("D1", 30.0, "06:00", "07:00"), _drone("D2", 30.1, "06:30", "07:30")) == []


@pytest.mark.parametrize(
    ("second", "conflict"),
    [
        (("07:00", "08:00", 0, 100), False),  # windows touch: no buffer for drones
        (("06:59", "08:00", 0, 100), True),
        (("06:00", "07:00", 100, 200), False),  # bands touch
        (("06:00", "07:00", 99, 200), True),
    ],
)
def test_touching_windows_and_bands_do_not_conflict(
    second: tuple[str, str, float, float], conflict: bool
) -> None:
    start, end, floor, ceiling = second
    found = _found(_drone("D1", 30.0, "06:00", "07:00"),
                   _drone("D2", 30.0, start, end, floor, ceiling))  # fmt: skip
    assert bool(found) is conflict


def test_aircraft_need_five_nautical_miles_and_a_buffer() -> None:
    flight = _drone("F1", 30.0, "06:00", "07:00", 3000, 4000, kind="flight", radius=1000)
    near = _drone("F2", 30.14, "07:04", "08:00", 4200, 5000, kind="flight", radius=1000)
    # 10 km between centres, 8 km between edges < 9,260 m; 200 m of height < 300 m;
    # 4 minutes < 5.
    assert _found(flight, near) == [("F1", "F2", "air-air")]
    later = _drone("F2", 30.14, "07:05", "08:00", 4200, 5000, kind="flight", radius=1000)
    assert _found(flight, later) == []


def test_a_zone_applies_to_the_kinds_it_names_and_is_always_the_b_side() -> None:
    zone = _drone("ZONE", 30.0, "00:00", "23:59", 0, 6000, radius=20_000)
    zone.update(kind="zone", zone="air_defence", priority=0)
    drone = _drone("UAV", 30.1, "06:00", "07:00", 500, 800)
    convoy = _drone("ROAD", 30.1, "06:00", "07:00", 0, 10, kind="convoy")
    assert _found(zone, drone, convoy) == [("UAV", "ZONE", "ad-engagement-zone")]


def test_volumes_of_one_activity_never_conflict_with_each_other() -> None:
    made = _drone("D1", 30.0, "06:00", "07:00")
    made["volumes"].append({**made["volumes"][0], "id": "v2"})
    assert _found(made) == []


def test_a_conflict_says_where_when_and_by_how_much() -> None:
    flight = _drone("F1", 30.0, "06:00", "07:00", 3000, 4000, kind="flight", radius=1000)
    near = _drone("F2", 30.14, "06:30", "08:00", 4200, 5000, kind="flight", radius=1000)
    table = build_table(_plan(flight, near))
    (c,) = describe(table, detect(table, RULES), RULES)
    assert c.id == "F1/v1~F2/v1"
    assert 30.06 < c.lon < 30.08 and abs(c.lat - 50.0) < 0.001  # half-way between edges
    assert 7_900 < c.distance_m < 8_100 and c.lateral_min_m == 9260
    assert c.vertical_gap_m == 200 and c.vertical_min_m == 300
    assert c.time_gap_min == -30 and (c.start.hour, c.start.minute, c.end.hour) == (6, 30, 7)
    assert "ICAO Doc 4444" in c.rule_basis
    assert c.reason.startswith("8,0") and "(rule air-air)" in c.reason

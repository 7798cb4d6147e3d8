"""Resolution: the bundled day's conflicts all removed by the cheapest changes of the
lower-priority activities, checked again by detection; a change never trades one
conflict for another; a route is led round a zone; what cannot be solved says why."""

from __future__ import annotations

from typing import Any

import shapely

from coalition.deconfliction.plans import load_plans
from coalition.deconfliction.resolve import resolve
from coalition.domain.deconfliction import Activity
from coalition.domain.deconfliction_results import ChangeKind
from tests.deconfliction.helpers import DAY, activity, rules

RULES = rules()


def _plan(*made: dict[str, Any]) -> list[Activity]:
    return [Activity.model_validate(a) for a in made]


def _exercise(name: str, priority: int, *windows: tuple[str, str]) -> dict[str, Any]:
    """Exercises keep 1 km, 150 m and 15 minutes apart (default rule); they do not
    change band, so time is the only way out."""
    volumes = [{"id": f"v{k}", "circle": {"center": [30.0, 50.0], "radius_m": 2000},
                "floor_m": 0, "ceiling_m": 100, "start": f"2026-07-01T{a}Z",
                "end": f"2026-07-01T{b}Z"} for k, (a, b) in enumerate(windows, 1)]  # fmt: skip
    return activity(id=name, kind="exercise", priority=priority, volumes=volumes)


def test_the_bundled_day_has_conflicts_with_reasons_and_resolution_leaves_none() -> None:
    day = load_plans([DAY])
    result = resolve(day, RULES)
    pairs = {(c.a_activity, c.b_activity, c.rule) for c in result.before}
    assert pairs == {
        ("GBR-CAP-west", "UKR-transport-lviv-starokostiantyniv", "air-air"),
        ("USA-UAS-orbit-east", "UKR-ADZ-dnipro", "ad-engagement-zone"),
        ("GBR-convoy-korczowa-lviv", "UKR-convoy-lviv-krakovets", "convoy-convoy"),
        ("UKR-convoy-zaporizhzhia-east", "LOC-no-go", "loc-no-go"),
        ("ROU-MCM-box-east", "UKR-USV-patrol-odesa", "mcm-drone"),
    }
    for conflict in result.before:
        assert conflict.reason.endswith(f"(rule {conflict.rule})") and conflict.rule_basis
    assert result.after == [] and result.unsolved == {} and result.status == "Optimal"
    moved = {p.activity: p for p in result.proposals}
    # The lower priority gives way; zones and the air patrol never move.
    assert set(moved) == {"UKR-transport-lviv-starokostiantyniv", "USA-UAS-orbit-east",
                          "GBR-convoy-korczowa-lviv", "UKR-convoy-zaporizhzhia-east",
                          "UKR-USV-patrol-odesa"}  # fmt: skip
    assert moved["UKR-convoy-zaporizhzhia-east"].change is ChangeKind.REROUTE
    assert moved["USA-UAS-orbit-east"].change is ChangeKind.BAND
    assert all(len(p.resolves) == 1 for p in result.proposals)
    unchanged = {a.id for a in day} - set(moved)
    assert [a for a in result.plan if a.id in unchanged] == [a for a in day if a.id in unchanged]


def test_a_change_never_trades_one_conflict_for_another() -> None:
    """B (1 h) must leave A's hour, but C holds the time around it (15 min clear of A):
    the smaller shifts would collide with C, so B moves 2 h 45 (15 min clear of C)."""
    plan = _plan(
        _exercise("A", 5, ("06:00", "07:00")),
        _exercise("B", 1, ("06:00", "07:00")),
        _exercise("C", 5, ("04:30", "05:45"), ("07:15", "08:30")),
    )
    result = resolve(plan, RULES)
    (proposal,) = result.proposals
    assert proposal.activity == "B" and abs(proposal.shift_min) == 165
    assert result.after == [] and len(result.before) == 1


def test_equal_priorities_let_either_move_and_only_one_does() -> None:
    plan = _plan(_exercise("A", 2, ("06:00", "07:00")), _exercise("B", 2, ("06:30", "07:30")))
    result = resolve(plan, RULES)
    (proposal,) = result.proposals
    assert proposal.change is ChangeKind.SHIFT and abs(proposal.shift_min) == 45
    assert result.after == []


def _road(coordinates: list[list[float]]) -> dict[str, Any]:
    volume = {"polygon": None, "route": {"coordinates": coordinates, "width_m": 60},
              "floor_m": 0, "ceiling_m": 10}  # fmt: skip
    made = activity(id="ROAD", kind="convoy", volume=volume)
    made["volumes"][0].pop("polygon")
    return made


def _restricted() -> dict[str, Any]:
    return activity(id="R", kind="zone", zone="restricted", priority=0,
                    volume={"polygon": [[30.4, 49.9], [30.6, 49.9], [30.6, 50.1], [30.4, 50.1]],
                            "floor_m": 0, "ceiling_m": 1000, "start": "2026-07-01T00:00Z",
                            "end": "2026-07-02T00:00Z"})  # fmt: skip


def test_a_route_through_a_zone_is_led_round_it() -> None:
    result = resolve(_plan(_restricted(), _road([[30.0, 50.0], [31.0, 50.0]])), RULES)
    (proposal,) = result.proposals
    assert proposal.change is ChangeKind.REROUTE and 0 < proposal.detour_km < 30
    new = shapely.LineString(proposal.routes["v1"])
    zone = shapely.box(30.4, 49.9, 30.6, 50.1)
    assert not new.intersects(zone)
    assert new.coords[0] == (30.0, 50.0) and new.coords[-1] == (31.0, 50.0)
    assert result.after == []


def test_what_no_change_can_solve_is_named_with_the_reason() -> None:
    # The convoy starts inside the restricted area, all day: no shift, band or reroute.
    result = resolve(_plan(_restricted(), _road([[30.5, 50.0], [31.0, 50.0]])), RULES)
    assert result.proposals == []
    ((conflict_id, why),) = result.unsolved.items()
    assert conflict_id == "R/v1~ROAD/v1" and [c.id for c in result.after] == [conflict_id]
    assert why.startswith("no allowed change clears it (shifts up to 3 h either way")
    assert "ROAD: volume v1: the route starts inside R" in why


def test_each_viewer_names_the_conflicts_it_is_party_to() -> None:
    """The cell sees every conflict under its own id; a national sees its own, each
    mapped from the conflict it stands for (whatever order detection gave them in)."""
    from coalition.deconfliction import need_to_know
    from coalition.deconfliction.conflicts import describe
    from coalition.deconfliction.detect import detect
    from coalition.deconfliction.volumes import build_table

    plan = load_plans([DAY])
    table = build_table(plan)
    found = describe(table, detect(table, rules()), rules())
    shuffled = list(reversed(found))
    assert need_to_know.seen_as(shuffled, None) == {c.id: c.id for c in found}
    names = need_to_know.seen_as(shuffled, "GBR")
    shown = {c.id: c for c in need_to_know.conflicts(shuffled, "GBR")}
    originals = {c.id: c for c in found}
    assert names and set(names.values()) == set(shown)
    for original, seen in names.items():  # the same conflict: same window, same own side
        assert (originals[original].start, originals[original].end) == (
            shown[seen].start,
            shown[seen].end,
        )
        assert "GBR" in (originals[original].a_owner, originals[original].b_owner)

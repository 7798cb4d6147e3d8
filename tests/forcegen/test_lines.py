"""Requirement lines as the staff runs them (issue 15): a standing line is relieved
rotation by rotation by fresh units, a line's units count only with their enablers,
a role 2 must be within reach, and bad lines are named."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from coalition.domain.forcegen import SourcingResult
from coalition.errors import CoalitionError, DataFileError
from coalition.forcegen.eligibility import prepare
from coalition.forcegen.files import load_force_data
from coalition.forcegen.sourcing import source
from coalition.registry import Registry, load
from coalition.store import make_engine, transaction, upgrade
from tests.conftest import DATA

FORCE = DATA.parent / "forcegen"
DAY = dt.date(2026, 2, 1)
LINE = {"id": "L1", "line": 1, "capability": "mech_inf_bn", "quantity": 1, "region": "kyiv",
        "start": "2026-03-01", "standing": True}  # fmt: skip


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('lines') / 'r.sqlite3'}")
    upgrade(engine)
    load(engine, [DATA])
    with transaction(engine) as session:
        yield Registry(session)


def run(
    registry: Registry,
    folder: Path,
    lines: list[dict[str, Any]],
    offers: list[dict[str, Any]],
    horizon: int | None = None,
) -> SourcingResult:
    """Source ``lines`` from ``offers`` (British and French land pledges) with the
    bundled vocabulary, under the bundled scenario with a ceasefire and a backstop."""
    folder.mkdir(exist_ok=True)
    for name in ("capabilities.yaml", "regions.yaml", "scenarios.yaml"):
        shutil.copy(FORCE / name, folder / name)
    document = {"requirements": lines, "offers": offers}
    (folder / "plan.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    data = load_force_data([folder], set(registry.pledges), set(registry.conditions))
    return source(prepare(registry, data, DAY, horizon), data.scenario("backstop-yes"))


def offer(
    ident: str, capability: str, count: int, pledge: str = "GBR-troops-land"
) -> dict[str, Any]:
    return {"id": ident, "pledge_id": pledge, "capability": capability, "count": count}


def test_a_standing_line_needs_fresh_units_each_rotation(
    registry: Registry, tmp_path: Path
) -> None:
    # 12 months, 6-month rotations: two periods; a unit back from the first recovers
    # and prepares (1:3), so the second needs another.
    one = run(registry, tmp_path / "one", [LINE], [offer("GBR-mech", "mech_inf_bn", 1)])
    (line,) = one.lines
    assert [(p.requirement.start, p.requirement.end) for p in line.periods] == [
        (dt.date(2026, 3, 1), dt.date(2026, 8, 31)), (dt.date(2026, 9, 1), dt.date(2027, 2, 28))
    ]  # fmt: skip
    assert [p.met for p in line.periods] == [True, False] and not line.met
    assert line.sustained_units == 3  # the 1:3 rule for a standing commitment
    assert [(s.capability, s.gap) for s in one.shortfalls] == [("mech_inf_bn", 1)]
    two = run(registry, tmp_path / "two", [LINE], [offer("GBR-mech", "mech_inf_bn", 2)])
    (line,) = two.lines
    assert line.met and [a.units for p in line.periods for a in p.assignments] == [1, 1]
    assert two.force is not None and two.force.required_at_once == 800  # one battalion
    # A line that ends within one rotation is one period: one unit covers it.
    short = LINE | {"standing": False, "end": "2026-06-30"}
    (line,) = run(
        registry, tmp_path / "short", [short], [offer("GBR-mech", "mech_inf_bn", 1)]
    ).lines
    assert len(line.periods) == 1 and line.met


def test_a_battalion_without_its_lift_does_not_count(registry: Registry, tmp_path: Path) -> None:
    needs_lift = LINE | {"standing": False, "end": "2026-08-31",
                         "enablers": [{"capability": "strategic_lift", "quantity": 1}]}  # fmt: skip
    result = run(registry, tmp_path / "nolift", [needs_lift], [offer("GBR-mech", "mech_inf_bn", 1)])
    (line,) = result.lines
    (period,) = line.periods
    assert period.covered == 0 and not line.met
    assert "strategic_lift unmet (0 of 1)" in period.note and period.held_back
    assert "would not count" in period.note
    mech = next(o for o in result.offers if o.offer_id == "GBR-mech")
    assert mech.used == 0 and "lack what would make them count" in mech.reason
    # The shortfall is the lift, not the battalion, and says whom to ask.
    assert [s.capability for s in result.shortfalls] == ["strategic_lift"]
    with_lift = [offer("GBR-mech", "mech_inf_bn", 1), offer("FRA-lift", "strategic_lift", 1,
                                                             "FRA-troops-land")]  # fmt: skip
    (line,) = run(registry, tmp_path / "lift", [needs_lift], with_lift).lines
    assert line.met and line.enablers[0].assignments[0].offer_id == "FRA-lift"


def test_a_role_2_must_be_within_reach(registry: Registry, tmp_path: Path) -> None:
    """Odesa's battalion counts with a hospital in Odesa, not with one in Lviv (about
    600 km: four hours at the evacuation speed, over the two of the 10-1-2 timeline)."""
    care = [{"capability": "field_hospital", "within_hours": 2}]
    needs_care = LINE | {"region": "odesa", "standing": False, "end": "2026-08-31",
                         "enablers": care}  # fmt: skip
    hospital = {"id": "H1", "line": 2, "capability": "field_hospital", "quantity": 1,
                "region": "lviv", "start": "2026-03-01", "end": "2026-08-31"}  # fmt: skip
    offers = [offer("GBR-mech", "mech_inf_bn", 1), offer("FRA-hosp", "field_hospital", 1,
                                                          "FRA-troops-land")]  # fmt: skip
    far = run(registry, tmp_path / "far", [needs_care, hospital], offers)
    assert not far.lines[0].met and "no field_hospital within 2 h" in far.lines[0].periods[0].note
    near = run(registry, tmp_path / "near", [needs_care, hospital | {"region": "odesa"}], offers)
    assert near.lines[0].met and near.lines[1].met


def test_framework_nations_fill_their_posts(registry: Registry, tmp_path: Path) -> None:
    hq = LINE | {"capability": "hq_staff", "standing": False, "end": "2026-08-31",
                 "filled_by": ["FRA"]}  # fmt: skip
    result = run(registry, tmp_path / "hq", [hq], [offer("GBR-hq", "hq_staff", 1)])
    assert not result.lines[0].met
    gbr = next(o for o in result.offers if o.offer_id == "GBR-hq")
    assert "filled by its framework nation FRA" in gbr.reason
    # Nobody else is asked to fill a framework nation's posts.
    (short,) = result.shortfalls
    assert short.framework == ("FRA",) and short.approach == () and short.said_no == ()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"enablers": [{"capability": "airlift"}]}, "either quantity"),
        ({"enablers": [{"capability": "airlift", "quantity": 1}]}, "unknown capability 'airlift'"),
        ({"end": "2026-12-31"}, "a standing line has no end"),
        ({"of_line": "X"}, "set by planning"),
        ({"filled_by": ["XXX"]}, "'XXX' is not an ISO 3166-1"),
        ({"priority": 7}, "less than or equal to 3"),
        ({"weight": 0}, "weight must be above 0"),
    ],
)
def test_a_bad_line_is_named(
    registry: Registry, tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    with pytest.raises(DataFileError) as raised:
        run(registry, tmp_path / "bad", [LINE | change], [offer("GBR-mech", "mech_inf_bn", 1)])
    assert message in str(raised.value) and "plan.yaml" in str(raised.value)


def test_duplicate_line_numbers_and_a_long_horizon_are_refused(
    registry: Registry, tmp_path: Path
) -> None:
    with pytest.raises(DataFileError, match="line 1 is already 'L1'"):
        run(registry, tmp_path / "dup", [LINE, LINE | {"id": "L2"}], [])
    with pytest.raises(CoalitionError, match="plan at most 18 months ahead"):
        run(registry, tmp_path / "long", [LINE], [], horizon=24)


def test_priority_band_1_is_filled_first(registry: Registry, tmp_path: Path) -> None:
    low = LINE | {"id": "LOW", "line": 1, "priority": 3, "weight": 5, "standing": False,
                  "end": "2026-08-31"}  # fmt: skip
    high = LINE | {"id": "HIGH", "line": 2, "priority": 1, "weight": 1, "standing": False,
                   "end": "2026-08-31", "region": "lviv"}  # fmt: skip
    result = run(registry, tmp_path / "bands", [low, high], [offer("GBR-mech", "mech_inf_bn", 1)])
    met = {line.line.id: line.met for line in result.lines}
    assert met == {"LOW": False, "HIGH": True}  # band 1 first, whatever the weights within


def test_idle_units_are_counted_once(registry: Registry, tmp_path: Path) -> None:
    """Two lines wait for lift; one idle battalion could fill only one of them, so the
    other is short of a battalion too, and the shortfall says so."""
    lift = [{"capability": "strategic_lift", "quantity": 1}]
    lines = [LINE | {"id": f"L{n}", "line": n, "standing": False, "end": "2026-08-31",
                     "enablers": lift} for n in (1, 2)]  # fmt: skip
    result = run(registry, tmp_path / "idle", lines, [offer("GBR-mech", "mech_inf_bn", 1)])
    held = [t.held_back for line in result.lines for t in line.periods]
    assert sorted(held) == [False, True]
    short = {s.capability: s.gap for s in result.shortfalls}
    assert short["mech_inf_bn"] == 1 and short["strategic_lift"] == 2


def test_a_long_fixed_line_is_planned_within_the_horizon(
    registry: Registry, tmp_path: Path
) -> None:
    long = LINE | {"standing": False, "end": "2029-12-31"}
    (line,) = run(registry, tmp_path / "long", [long], [offer("GBR-mech", "mech_inf_bn", 2)]).lines
    assert len(line.periods) == 2 and line.periods[-1].requirement.end == dt.date(2027, 2, 28)


def test_people_on_the_leanest_day(registry: Registry, tmp_path: Path) -> None:
    result = run(registry, tmp_path / "lean", [LINE], [offer("GBR-mech", "mech_inf_bn", 1)])
    assert result.force is not None
    assert (result.force.sourced_at_once, result.force.sourced_lowest) == (800, 0)
    assert result.force.lowest_day == dt.date(2026, 9, 1)  # the relief nobody covers


def test_duplicates_across_files_are_refused(registry: Registry, tmp_path: Path) -> None:
    folder = tmp_path / "two-files"
    run(registry, folder, [LINE], [])
    (folder / "more.yaml").write_text(yaml.safe_dump({"requirements": [LINE]}), encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        load_force_data([folder], set(registry.pledges), set(registry.conditions))
    assert "listed twice" in str(raised.value)  # the later of the two files
    assert "line 1 is already 'L1'" in str(raised.value)


def test_the_black_sea_is_reachable_only_by_its_own_navies(
    registry: Registry, tmp_path: Path
) -> None:
    """While Turkey keeps the straits closed to warships, a British minehunter cannot
    serve off Odesa, and the states to approach are the Black Sea's own."""
    sea = LINE | {"capability": "mcm_vessel", "region": "black_sea_west", "standing": False,
                  "end": "2026-08-31"}  # fmt: skip
    result = run(registry, tmp_path / "sea", [sea], [offer("GBR-mcm", "mcm_vessel", 2)])
    assert not result.lines[0].met
    gbr = next(o for o in result.offers if o.offer_id == "GBR-mcm")
    assert "reachable only by BGR, ROU, TUR" in gbr.reason and "straits" in gbr.reason
    (short,) = result.shortfalls
    assert short.approach and set(short.approach) <= {"BGR", "ROU", "TUR"}

"""Force sourcing on the bundled data and on broken inputs (SQLite)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from coalition.domain.forcegen import Substitution
from coalition.errors import CoalitionError, DataFileError, NotFoundError
from coalition.forcegen.eligibility import Prepared, prepare, uncertainty
from coalition.forcegen.files import ForceData, load_force_data
from coalition.forcegen.montecarlo import Uncertainty, enumerate_exactly, simulate
from coalition.forcegen.problem import Problem
from coalition.forcegen.sourcing import source
from coalition.forcegen.substitution import closure
from coalition.registry import Registry, load
from coalition.store import make_engine, transaction, upgrade
from tests.conftest import DATA
from tests.registry.helpers import replace_once

FORCE = DATA.parent / "forcegen"
DAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('fg') / 'r.sqlite3'}")
    upgrade(engine)
    load(engine, [DATA])
    with transaction(engine) as session:
        yield Registry(session)


def force(registry: Registry, path: Path = FORCE) -> ForceData:
    return load_force_data([path], set(registry.pledges), set(registry.conditions))


@pytest.fixture(scope="module")
def prepared(registry: Registry) -> tuple[ForceData, Prepared]:
    data = force(registry)
    return data, prepare(registry, data, DAY)


def test_backstop_yes_and_no_differ_and_say_why(prepared: tuple[ForceData, Prepared]) -> None:
    data, prep = prepared
    without = source(prep, data.scenario("backstop-no"))
    with_it = source(prep, data.scenario("backstop-yes"))
    assert with_it.coverage > without.coverage
    german = {o.offer_id: o for o in without.offers if o.actor == "DEU"}
    assert german["DEU-mech"].used == 0 and "needs us_backstop" in german["DEU-mech"].reason
    assert {o.offer_id: o.used for o in with_it.offers}["DEU-mech"] > 0
    assert without.mip_gap < 1e-4 and with_it.mip_gap < 1e-4


def test_nobody_can_meet_a_requirement_is_said(prepared: tuple[ForceData, Prepared]) -> None:
    data, prep = prepared
    result = source(prep, data.scenario("backstop-yes"))
    air = [r for r in result.requirements if r.requirement.of_line == "R05-air"]
    assert len(air) == 3  # a standing line, 4-month rotations over 12 months
    for period in air:
        assert period.covered == 0 and not period.met
        assert period.note.startswith("nobody can meet it")
    assert {g.capability: g.gap for g in result.gaps}["air_policing_flight"] == 12


def test_ruled_out_pledges_never_count(prepared: tuple[ForceData, Prepared]) -> None:
    data, prep = prepared
    polish = {o.offer_id: o for o in source(prep, data.scenario("backstop-yes")).offers}["POL-mech"]
    assert polish.used == 0 and polish.reason.startswith("pledge ruled out")


def test_caveats_and_substitution_are_explained(prepared: tuple[ForceData, Prepared]) -> None:
    data, prep = prepared
    result = source(prep, data.scenario("backstop-no"))
    offers = {o.offer_id: o for o in result.offers}
    assert "region dnipro excluded by a national caveat" in offers["ITA-monitoring"].reason
    # Lithuania's light battalion may stand in for a mechanised one at 0.7 of it...
    ltu = next(o for o, offer in enumerate(prep.offers) if offer.id == "LTU-light")
    kyiv = {r for r, req in enumerate(prep.requirements) if req.of_line == "R01-hub-kyiv"}
    pairs = zip(prep.problem.pair_offer, prep.problem.pair_req, prep.problem.pair_eff, strict=True)
    assert {(int(r), float(e)) for o, r, e in pairs if o == ltu and r in kyiv} >= {(min(kyiv), 0.7)}
    # ...and where it is not used, the reason is said.
    if offers["LTU-light"].used == 0:
        assert "lack what would make them count" in offers["LTU-light"].reason


def test_optimiser_beats_or_matches_greedy(prepared: tuple[ForceData, Prepared]) -> None:
    data, prep = prepared
    for name in ("backstop-no", "backstop-yes", "share-limit"):
        scenario = data.scenario(name)
        assert source(prep, scenario).objective >= source(prep, scenario, "greedy").objective - 1e-9


def test_share_limit_is_honoured(prepared: tuple[ForceData, Prepared]) -> None:
    data, prep = prepared
    result = source(prep, data.scenario("share-limit"))
    for req in result.requirements:
        per_state: dict[str, float] = {}
        for a in req.assignments:
            per_state[a.actor] = per_state.get(a.actor, 0) + a.units * a.efficiency
        assert all(v <= 0.5 * req.requirement.quantity + 1e-9 for v in per_state.values())


def test_monte_carlo_agrees_with_exact_enumeration(prepared: tuple[ForceData, Prepared]) -> None:
    data, prep = prepared
    spread = uncertainty(prep, data.scenario("uncertain"))
    exact = enumerate_exactly(prep.problem, spread)
    sampled = simulate(prep.problem, spread, draws=20_000, seed=7)
    assert abs(exact.weights.sum() - 1) < 1e-12
    assert abs(sampled.mean_coverage() - exact.mean_coverage()) < 0.01
    assert np.abs(sampled.p_met() - exact.p_met()).max() < 0.02
    ranked = [spread.variables[v] for v, _ in exact.sensitivity()]
    assert ranked[:2] == ["government:FRA", "government:GBR"]
    # With a 1% gap per draw, coverage stays within 1% of the optimum in every draw.
    rough = simulate(prep.problem, spread, draws=20_000, seed=7, gap=0.01)
    assert rough.max_gap <= 0.01 + 1e-9
    assert (rough.coverage <= sampled.coverage + 1e-9).all()
    assert (rough.coverage >= sampled.coverage * 0.99 - 1e-9).all()


def test_exact_enumeration_by_hand() -> None:
    # One requirement of 2 units; offer A (needs x, p=0.3) has 1 unit, offer B (needs y,
    # p=0.5) has 1 unit. Met only when both: 0.15. Mean coverage 0.3*0.5 + 0.5*0.5 = 0.4.
    problem = Problem(
        counts=np.array([1, 1]),
        owner=np.array([0, 1]),
        quantity=np.array([2]),
        weight=np.array([1.0]),
        pair_offer=np.array([0, 1]),
        pair_req=np.array([0, 0]),
        pair_eff=np.array([1.0, 1.0]),
    )
    spread = Uncertainty(
        variables=("x", "y"),
        probability=np.array([0.3, 0.5]),
        needs=((0,), (1,)),
        offered=np.array([True, True]),
    )
    exact = enumerate_exactly(problem, spread)
    assert exact.p_met()[0] == pytest.approx(0.15)
    assert exact.mean_coverage() == pytest.approx(0.4)
    sampled = simulate(problem, spread, draws=40_000, seed=1)
    assert sampled.p_met()[0] == pytest.approx(0.15, abs=0.01)


def test_substitution_chains_and_cycles() -> None:
    table = [
        Substitution(required="a", substitute="b", efficiency=0.5),
        Substitution(required="b", substitute="c", efficiency=0.8),
    ]
    assert closure(table)[("a", "c")] == pytest.approx(0.4)
    table.append(Substitution(required="c", substitute="a", efficiency=0.9))
    with pytest.raises(CoalitionError, match=r"cycle: .*a -> .*a"):
        closure(table)


@pytest.fixture
def force_copy(tmp_path: Path) -> Path:
    target = tmp_path / "forcegen"
    shutil.copytree(FORCE, target)
    return target


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "requirements.yaml",
            "capability: mcm_vessel",
            "capability: mcm_vesel",
            "requirements[5].capability: unknown capability 'mcm_vesel' (did you mean",
        ),
        (
            "requirements.yaml",
            "region: odesa, start",
            "region: odessa, start",
            "unknown region 'odessa'",
        ),
        (
            "requirements.yaml",
            "quantity: 6, region: dnipro, start: 2026-02-01,",
            "quantity: 6, region: dnipro, start: 2026-02-01, min_distance_km: 200,",
            "contradictory: region 'dnipro' is 80 km from the line of contact",
        ),
        (
            "offers.yaml",
            "excluded_regions: [kyiv,",
            "excluded_regions: [kiev,",
            "offers[9].excluded_regions[0]: unknown region 'kiev'",
        ),
        (
            "offers.yaml",
            "pledge_id: BGR-sea-demining",
            "pledge_id: BGR-sea",
            "unknown registry pledge 'BGR-sea'",
        ),
        (
            "scenarios.yaml",
            "us_backstop: 0.5",
            "us_backstp: 0.5",
            "unknown condition 'us_backstp' (did you mean 'us_backstop'?)",
        ),
        (
            "scenarios.yaml",
            '"parliament:DEU": 0.7',
            '"parliament:XXX": 0.7',
            "'XXX' is not an ISO 3166-1 alpha-3 code",
        ),
        (
            "scenarios.yaml",
            "us_backstop: 0.5",
            "us_backstop: 1.5",
            "assumptions.us_backstop: 1.5: an assumption is true, false or a probability",
        ),
        (
            "capabilities.yaml",
            "  - {required: mech_inf_bn, substitute: light_inf_bn, efficiency: 0.7}",
            "  - {required: mech_inf_bn, substitute: light_inf_bn, efficiency: 0.7}\n"
            "  - {required: light_inf_bn, substitute: mech_inf_bn, efficiency: 0.9}",
            "substitutions form a cycle: light_inf_bn -> mech_inf_bn -> light_inf_bn",
        ),
    ],
)
def test_bad_input_is_named(
    registry: Registry, force_copy: Path, file: str, old: str, new: str, message: str
) -> None:
    line = replace_once(force_copy / file, old, new)
    with pytest.raises(DataFileError) as caught:
        force(registry, force_copy)
    text = str(caught.value)
    assert message in text
    if "cycle" not in message:
        assert f"{force_copy / file}:{line}" in text


def test_unknown_scenario(prepared: tuple[ForceData, Prepared]) -> None:
    data, _ = prepared
    with pytest.raises(NotFoundError, match="unknown scenario 'backstop'"):
        data.scenario("backstop")


def test_without_a_ceasefire_nobody_deploys_into_ukraine(
    prepared: tuple[ForceData, Prepared],
) -> None:
    """The ceasefire is the mission's precondition, held in the registry with its source:
    it binds every offer, whatever the offer's own conditions say (Germany's names only
    the US backstop)."""
    data, prep = prepared
    result = source(prep, data.scenario("no-ceasefire"))
    in_ukraine = {r.id for r in data.requirements if data.regions[r.region].in_ukraine}
    assert in_ukraine
    for req in result.requirements:
        if req.requirement.id in in_ukraine:
            assert req.covered == 0 and not req.assignments
            assert "mission condition ceasefire" in req.note
    germany = next(o for o in result.offers if o.offer_id == "DEU-mech")
    assert germany.used == 0 and "mission condition ceasefire" in germany.reason
    assert germany.lost_to == ("ceasefire (mission)",) and not germany.standing
    france = next(o for o in result.offers if o.offer_id == "FRA-mech")
    assert france.lost_to == ("ceasefire",)  # France's own condition says so too
    with_ceasefire = source(prep, data.scenario("backstop-yes"))
    assert any(
        a.actor == "DEU" for r in with_ceasefire.requirements for a in r.assignments
    )  # the same offer deploys once the guns are silent


def test_mission_posture_keeps_units_away_from_the_line(registry: Registry, tmp_path: Path) -> None:
    """Without the requirement's exemption, no unit may serve a task 80 km from the line."""
    copy = tmp_path / "forcegen"
    shutil.copytree(FORCE, copy)
    replace_once(copy / "requirements.yaml", "exempt_from: [away_from_front_line],", "")
    data = force(registry, copy)
    prep = prepare(registry, data, DAY)
    result = source(prep, data.scenario("backstop-yes"))
    monitoring = [r for r in result.requirements if r.requirement.of_line == "R07-monitoring"]
    assert monitoring and all(period.covered == 0 for period in monitoring)
    reasons = " ".join(r for why in prep.why_not.values() for r in why)
    assert "mission condition away from the front line: region dnipro is 80 km" in reasons


def test_a_probabilistic_mission_condition_is_refused(
    prepared: tuple[ForceData, Prepared],
) -> None:
    data, prep = prepared
    scenario = data.scenario("uncertain").model_copy(
        update={"assumptions": {"ceasefire": 0.5, "us_backstop": 0.5}}
    )
    with pytest.raises(CoalitionError, match="mission condition 'ceasefire' a probability"):
        source(prep, scenario)


def test_unknown_exemption_is_named(registry: Registry, tmp_path: Path) -> None:
    copy = tmp_path / "forcegen"
    shutil.copytree(FORCE, copy)
    replace_once(copy / "requirements.yaml", "[away_from_front_line]", "[away_from_frontline]")
    with pytest.raises(DataFileError, match=r"exempt_from.*unknown condition 'away_from_front"):
        force(registry, copy)

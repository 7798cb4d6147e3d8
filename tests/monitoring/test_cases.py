"""Violations as cases (issue 16): one heavy weapon inside its band opens a case; its
course is recorded step by step (append-only, in the ledger); a trigger rule fires on a
verified pattern and names the states whose commitments it engages."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine

from coalition.datafiles.paths import expand
from coalition.domain.monitoring import CaseState
from coalition.errors import CoalitionError, NotFoundError
from coalition.monitoring.cases import advance, compliance, open_cases, violation_cases
from coalition.monitoring.ingest import ingest_file
from coalition.monitoring.pipeline import Setup, analyse_day
from coalition.monitoring.reports import FORMATS
from coalition.monitoring.storage import MISSING, WITHDRAWAL
from coalition.monitoring.triggers import fired, load_triggers
from coalition.registry import Registry, load
from coalition.store import ledger, transaction
from tests.conftest import DATA

MONITORING = DATA.parent / "monitoring"
DAY = dt.date(2026, 6, 2)


@pytest.fixture
def opened(engine: Engine) -> tuple[Engine, Setup, list[int]]:
    setup = Setup.load(MONITORING)
    for path in expand([MONITORING / "sample"], FORMATS, "report files"):
        ingest_file(engine, path, set(setup.rules.withdrawal_distance()), setup.rules.site_codes())
    result = analyse_day(engine, setup, DAY)
    return engine, setup, open_cases(engine, result, setup.rules, "monitor-a")


def test_each_violation_opens_one_case(opened: tuple[Engine, Setup, list[int]]) -> None:
    engine, setup, ids = opened
    result = analyse_day(engine, setup, DAY)
    violations = result.events[result.events["violation"].astype(bool)]
    assert len(ids) == len(violations) > 0  # each on its own, no threshold
    assert open_cases(engine, result, setup.rules, "monitor-a") == []  # again: nothing new
    first = violation_cases(engine)[0]
    assert first.state is CaseState.OBSERVED and first.reports
    assert "Minsk II" in first.rule and "security zone" in first.rule  # the agreement's words
    assert first.distance_km < first.required_km


def test_a_case_goes_its_course_and_keeps_it(opened: tuple[Engine, Setup, list[int]]) -> None:
    engine, _, ids = opened
    case_id = ids[0]
    advance(engine, case_id, CaseState.VERIFIED, "monitor-b", "seen again at the site, 14:00")
    advance(engine, case_id, CaseState.NOTIFIED, "chief", "put to the party at the JCCC")
    with pytest.raises(CoalitionError, match="can go to rectified, not_rectified, not verified"):
        advance(engine, case_id, CaseState.VERIFIED, "chief", "again")
    advance(engine, case_id, CaseState.NOT_RECTIFIED, "monitor-b", "still there at re-visit")
    done = advance(engine, case_id, CaseState.NOTIFIED, "chief", "put to the party again")
    assert [s.state.value for s in done.steps] == [
        "observed", "verified", "notified", "not_rectified", "notified"]  # fmt: skip
    with pytest.raises(CoalitionError, match="say why"):
        advance(engine, case_id, CaseState.RECTIFIED, "chief", "  ")
    with pytest.raises(NotFoundError):
        advance(engine, 10_000, CaseState.VERIFIED, "chief", "x")
    with transaction(engine) as session:
        assert ledger.verify(session).ok
    table = compliance(engine)
    assert table["opened"].sum() == len(ids) and table["verified"].sum() == 1


def test_a_trigger_fires_on_a_verified_pattern(
    opened: tuple[Engine, Setup, list[int]],
) -> None:
    engine = opened[0]
    load(engine, [DATA])
    triggers = load_triggers(MONITORING / "triggers.yaml")
    found = violation_cases(engine)
    by_side: dict[str, list[int]] = {}
    heavy = set(triggers[0].when.weapon_classes)
    for c in found:
        if c.kind == WITHDRAWAL and c.weapon_class in heavy:
            by_side.setdefault(c.side, []).append(c.id)
    side, pair = next((s, i[:2]) for s, i in by_side.items() if len(i) >= 2)
    others = [c.id for c in found if c.kind != WITHDRAWAL or c.weapon_class not in heavy]
    with transaction(engine) as session:
        registry = Registry(session)
        assert fired(triggers, violation_cases(engine), registry, DAY) == []  # nothing verified yet
        # Lighter weapons or weapons missing from storage are not the rule's pattern.
        for ident in others:
            advance(engine, ident, CaseState.VERIFIED, "monitor-b", "confirmed on site")
        assert others and fired(triggers, violation_cases(engine), registry, DAY) == []
        advance(engine, pair[0], CaseState.VERIFIED, "monitor-b", "confirmed on site")
        assert fired(triggers, violation_cases(engine), registry, DAY) == []  # one is not a pattern
        advance(engine, pair[1], CaseState.VERIFIED, "monitor-b", "confirmed on site")
        (firing,) = fired(triggers, violation_cases(engine), registry, DAY)
        later = fired(triggers, violation_cases(engine), registry, DAY + dt.timedelta(days=30))
    assert firing.side == side and set(firing.cases) <= set(by_side[side])
    assert set(pair) <= set(firing.cases)
    assert later == []  # outside the rule's window
    engaged = {e.actor: e.why for e in firing.engaged}
    assert engaged and any("waits for ceasefire" in why for why in engaged.values())
    assert "securing commitments against potential Russian aggression" in (
        firing.trigger.agreement.quote
    )


def test_weapons_missing_from_storage_open_cases_in_words(
    opened: tuple[Engine, Setup, list[int]],
) -> None:
    """A storage visit that finds fewer weapons than the inventory opens a case that says
    so: how many, of which class, at which site, against what the site should hold."""
    engine, setup = opened[0], opened[1]
    missing = [c for c in violation_cases(engine) if c.kind == MISSING]
    assert missing
    for c in missing:
        assert f"x {setup.rules.weapon(c.weapon_class)} missing from storage site S-" in c.detail
        assert " present" in c.detail and "point 3" in c.rule  # the storage regime's text
    inside = [c for c in violation_cases(engine) if c.kind == WITHDRAWAL]
    assert inside and all("km from the line" in c.detail for c in inside)

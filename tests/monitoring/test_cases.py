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
from coalition.monitoring.cases import advance, cases, compliance, open_cases
from coalition.monitoring.ingest import ingest_file
from coalition.monitoring.pipeline import Setup, analyse_day
from coalition.monitoring.reports import FORMATS
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
        ingest_file(engine, path, set(setup.rules.withdrawal_distance()))
    result = analyse_day(engine, setup, DAY)
    return engine, setup, open_cases(engine, result, setup.rules, "monitor-a")


def test_each_violation_opens_one_case(opened: tuple[Engine, Setup, list[int]]) -> None:
    engine, setup, ids = opened
    result = analyse_day(engine, setup, DAY)
    violations = result.events[result.events["violation"].astype(bool)]
    assert len(ids) == len(violations) > 0  # each on its own, no threshold
    assert open_cases(engine, result, setup.rules, "monitor-a") == []  # again: nothing new
    first = cases(engine)[0]
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
    found = cases(engine)
    by_side: dict[str, list[int]] = {}
    for c in found:
        by_side.setdefault(c.side, []).append(c.id)
    side, pair = next((s, i[:2]) for s, i in by_side.items() if len(i) >= 2)
    with transaction(engine) as session:
        registry = Registry(session)
        assert fired(triggers, cases(engine), registry, DAY) == []  # nothing verified yet
        advance(engine, pair[0], CaseState.VERIFIED, "monitor-b", "confirmed on site")
        assert fired(triggers, cases(engine), registry, DAY) == []  # one is not a pattern
        advance(engine, pair[1], CaseState.VERIFIED, "monitor-b", "confirmed on site")
        (firing,) = fired(triggers, cases(engine), registry, DAY)
        later = fired(triggers, cases(engine), registry, DAY + dt.timedelta(days=30))
    assert firing.side == side and set(firing.cases) == set(pair)
    assert later == []  # outside the rule's window
    engaged = {e.actor: e.why for e in firing.engaged}
    assert engaged and any("waits for ceasefire" in why for why in engaged.values())
    assert "securing commitments against potential Russian aggression" in (
        firing.trigger.agreement.quote
    )

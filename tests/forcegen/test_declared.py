"""Sourcing reads the registry (issue 14): the units a state declared on its pledge set
the offer's count (a reduced declaration changes the sourcing), a declared unit the
planner's file does not list becomes an offer, and notice to move is a constraint."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from sqlalchemy import Engine

from coalition.forcegen.eligibility import prepare
from coalition.forcegen.files import load_force_data
from coalition.forcegen.sourcing import source
from coalition.registry import Registry, load
from coalition.store import transaction
from tests.conftest import DATA

FORCE = DATA.parent / "forcegen"
DAY = dt.date(2026, 2, 1)
SOURCE = {"id": "test-units", "title": "Units for a test", "published": "2026-01-20",
          "language": "en", "url": "https://example.org/units"}  # fmt: skip


def declare(folder: Path, quantity: dict[str, object]) -> Path:
    """A statement on the British land pledge that declares units (a test's, not real)."""
    event = {"date": "2026-01-20", "status": "declared", "source": "test-units",
             "quote": "The United Kingdom will provide the following units.",
             "quantity": quantity}  # fmt: skip
    pledges = yaml.safe_load((DATA / "pledges.yaml").read_text(encoding="utf-8"))["pledges"]
    british = next(p for p in pledges if p["id"] == "GBR-troops-land")
    pledge = {k: british[k] for k in ("id", "actor", "kind", "domains", "description")}
    path = folder / "declared.yaml"
    document = {"sources": [SOURCE], "pledges": [pledge | {"events": [event]}]}
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return path


def sourced(engine: Engine) -> dict[str, tuple[int, int, str]]:
    with transaction(engine) as session:
        registry = Registry(session)
        data = load_force_data([FORCE], set(registry.pledges), set(registry.conditions))
        prepared = prepare(registry, data, DAY)
        result = source(prepared, data.scenario("backstop-yes"))
    counts = {o.id: o.count for o in prepared.offers}
    return {u.offer_id: (counts[u.offer_id], u.used, u.reason) for u in result.offers}


def test_a_declared_count_replaces_the_planners_and_changes_the_sourcing(
    engine: Engine, tmp_path: Path
) -> None:
    load(engine, [DATA])
    before = sourced(engine)
    assert before["GBR-mech"][0] == 3  # the planner's illustrative file
    units = [{"type": "mechanised_battalion", "count": 1}, {"type": "field_hospital", "count": 1}]
    load(engine, [declare(tmp_path, {"units": units})])
    after = sourced(engine)
    assert after["GBR-mech"][0] == 1 and after["GBR-mech"][1] <= 1
    assert "GBR-troops-land:field_hospital" in after  # declared, not in the planner's file
    # The state's declaration replaces every illustrative offer of that pledge: the
    # planner's British headquarters, lift and signals are not offered any more.
    assert not {"GBR-hq", "GBR-lift", "GBR-signals"} & set(after)
    assert "GBR-hq" in before
    assert before["GBR-mech"][1] > after["GBR-mech"][1] == 1  # the sourcing follows


def test_notice_to_move_is_a_constraint(engine: Engine, tmp_path: Path) -> None:
    load(engine, [DATA])
    slow = {"units": [{"type": "mechanised_battalion", "count": 3}], "readiness": "registered",
            "notice_days": 90}  # fmt: skip
    load(engine, [declare(tmp_path, slow)])
    with transaction(engine) as session:
        registry = Registry(session)
        data = load_force_data([FORCE], set(registry.pledges), set(registry.conditions))
        prepared = prepare(registry, data, DAY)
    index = next(i for i, o in enumerate(prepared.offers) if o.id == "GBR-mech")
    reasons = prepared.why_not.get(index, [])
    assert any("needs 90 days' notice to move" in r and "starts in 28 days" in r for r in reasons)


def test_a_later_statement_without_units_keeps_the_declared_ones(
    engine: Engine, tmp_path: Path
) -> None:
    load(engine, [DATA])
    units = [{"type": "mechanised_battalion", "count": {"up_to": 2}}]
    load(engine, [declare(tmp_path, {"units": units, "readiness": "ready", "notice_days": 30})])
    basing = tmp_path / "later"
    basing.mkdir()
    later = declare(basing, {"basing": "in western Ukraine"})
    text = later.read_text(encoding="utf-8").replace("2026-01-20", "2026-01-25")
    later.write_text(text.replace("test-units", "test-units-2"), encoding="utf-8")
    load(engine, [later])
    found = sourced(engine)
    assert found["GBR-mech"][0] == 2  # "up to 2": the most the state said it would send
    with transaction(engine) as session:
        registry = Registry(session)
        data = load_force_data([FORCE], set(registry.pledges), set(registry.conditions))
        offer = next(o for o in prepare(registry, data, DAY).offers if o.id == "GBR-mech")
    assert offer.declared is not None and offer.declared.startswith("up to 2 mechanised")
    assert offer.notice_days == 30

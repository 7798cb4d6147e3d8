"""Force sourcing conferences (issue 15): bids stand until replaced or withdrawn, a
round is sourced on its bids alone as of its date, bids are full or partial, and two
rounds compare line by line."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from coalition.domain.forcegen import Bid, Conference
from coalition.errors import CoalitionError, NotFoundError
from coalition.forcegen.conference import compare, run_round, standing_bids
from coalition.forcegen.files import ForceData, load_force_data
from coalition.registry import Registry, load
from coalition.store import make_engine, transaction, upgrade
from tests.conftest import DATA

FORCE = DATA.parent / "forcegen"


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('conf') / 'r.sqlite3'}")
    upgrade(engine)
    load(engine, [DATA])
    with transaction(engine) as session:
        yield Registry(session)


def force(
    registry: Registry, folder: Path, rounds: list[dict[str, Any]] | None = None
) -> ForceData:
    """The bundled force data, with ``rounds`` instead of the bundled conferences."""
    shutil.copytree(FORCE, folder)
    if rounds is not None:
        text = yaml.safe_dump({"conferences": rounds})
        (folder / "conferences.yaml").write_text(text, encoding="utf-8")
    return load_force_data([folder], set(registry.pledges), set(registry.conditions))


def a_round(number: int, day: str, bids: list[dict[str, Any]]) -> dict[str, Any]:
    return {"round": number, "date": day, "title": f"round {number}", "scenario": "backstop-yes",
            "bids": bids}  # fmt: skip


def test_bids_stand_until_replaced_or_withdrawn() -> None:
    rounds = [
        Conference(round=1, date=dt.date(2026, 2, 1), title="1", scenario="s",
                   bids=(Bid(offer="A", line="L1", units=2), Bid(offer="B", line="L1", units=1))),
        Conference(round=2, date=dt.date(2026, 3, 1), title="2", scenario="s",
                   bids=(Bid(offer="A", line="L1", units=3), Bid(offer="B", line="L1", units=0))),
    ]  # fmt: skip
    assert {k: (b.units, r) for k, (b, r) in standing_bids(rounds, 1).items()} == {
        ("A", "L1"): (2, 1), ("B", "L1"): (1, 1)}  # fmt: skip
    assert {k: (b.units, r) for k, (b, r) in standing_bids(rounds, 2).items()} == {
        ("A", "L1"): (3, 2)}  # fmt: skip


def test_a_round_is_sourced_on_its_bids_alone(registry: Registry, tmp_path: Path) -> None:
    data = force(registry, tmp_path / "f", [
        a_round(1, "2026-02-10", [{"offer": "GBR-hq", "line": "R04-hq", "units": 1},
                                  {"offer": "GBR-signals", "line": "R04-hq", "units": 1}]),
        a_round(2, "2026-03-10", [{"offer": "FRA-hq", "line": "R04-hq", "units": 1}]),
    ])  # fmt: skip
    first = run_round(registry, data, data.conferences, 1)
    # Only what was bid is used: nobody else's units appear in the assignment.
    used = {a.offer_id for t in first.result.requirements for a in t.assignments}
    assert used <= {"GBR-hq@R04-hq", "GBR-signals@R04-hq"}
    (hq,) = [line for line in first.result.lines if line.line.id == "R04-hq"]
    assert sum(p.covered for p in hq.periods) == 1  # one post of two, one period
    assert [b.full for b in first.bids] == [False, False]  # 1 of 4 posts; 1 of 2 signals
    # An offer bid for one line serves that line only.
    gbr = next(o for o in first.result.offers if o.offer_id == "GBR-hq@R04-hq")
    assert gbr.used == 1
    second = run_round(registry, data, data.conferences, 2)
    diff = compare(first, second)
    change = next(ch for ch in diff.lines if ch.line == "R04-hq")
    assert change.after > change.before
    assert [b.offer for b in diff.bids_added] == ["FRA-hq"] and not diff.bids_withdrawn
    # Shortfalls carried over name the states to approach, not the ones already bidding.
    short = {s.capability: s for s in second.result.shortfalls}
    assert "GBR" not in short["hq_staff"].approach and "FRA" not in short["hq_staff"].approach


def test_a_round_reads_the_registry_as_of_its_date(registry: Registry, tmp_path: Path) -> None:
    data = force(registry, tmp_path / "early", [
        a_round(1, "2025-01-10", [{"offer": "GBR-hq", "line": "R04-hq", "units": 1}])])  # fmt: skip
    early = run_round(registry, data, data.conferences, 1)
    gbr = next(o for o in early.result.offers if o.offer_id == "GBR-hq@R04-hq")
    assert gbr.used == 0 and not gbr.offered and "registry as of 2025-01-10" in gbr.reason


@pytest.mark.parametrize(
    ("bids", "message"),
    [
        (
            [{"offer": "GBR-hq", "line": "R04-hq", "units": 5}],
            "GBR-hq bids 5 units in all, it offers 1",
        ),
        ([{"offer": "XYZ-mech", "line": "R04-hq", "units": 1}], "no offer 'XYZ-mech'"),
        ([{"offer": "GBR-hq", "line": "R99", "units": 1}], "no line 'R99'"),
    ],
)
def test_bad_bids_are_named(
    registry: Registry, tmp_path: Path, bids: list[dict[str, Any]], message: str
) -> None:
    data = force(registry, tmp_path / "bad", [a_round(1, "2026-02-10", bids)])
    with pytest.raises(CoalitionError, match=message):
        run_round(registry, data, data.conferences, 1)


def test_unknown_round_and_duplicate_rounds(registry: Registry, tmp_path: Path) -> None:
    data = force(registry, tmp_path / "one", [a_round(1, "2026-02-10", [])])
    with pytest.raises(NotFoundError, match=r"no conference round 3 \(rounds: 1\)"):
        run_round(registry, data, data.conferences, 3)
    with pytest.raises(CoalitionError, match="round 1 recorded twice"):
        force(
            registry, tmp_path / "two", [a_round(1, "2026-02-10", []), a_round(1, "2026-03-10", [])]
        )


def test_the_bundled_rounds_compare(registry: Registry, tmp_path: Path) -> None:
    data = force(registry, tmp_path / "bundled")
    first, second = (run_round(registry, data, data.conferences, n) for n in (1, 2))
    diff = compare(first, second)
    withdrawn = {(b.offer, b.line) for b in diff.bids_withdrawn}
    changed = {(new.offer, old.units, new.units) for old, new in diff.bids_changed}
    assert ("ITA-training", "R08-training") in withdrawn and ("GBR-mech", 2, 3) in changed
    training = next(ch for ch in diff.lines if ch.line == "R08-training")
    assert training.before > 0 and training.after == 0  # its only bid was withdrawn
    assert second.result.force is not None and second.result.force.reported


@pytest.mark.parametrize(
    ("bids", "message"),
    [
        ([{"offer": "POL-logistics", "line": "R01-hub-kyiv", "units": 1}],
         "a logistics_unit cannot serve R01-hub-kyiv"),
        ([{"offer": "GBR-hq", "line": "R04-hq", "units": 1},
          {"offer": "GBR-hq", "line": "R04-hq", "units": 1}], "a second bid of GBR-hq"),
    ],
)  # fmt: skip
def test_bids_that_cannot_be_are_refused(
    registry: Registry, tmp_path: Path, bids: list[dict[str, Any]], message: str
) -> None:
    with pytest.raises(CoalitionError, match=message):
        data = force(registry, tmp_path / "unfit", [a_round(1, "2026-02-10", bids)])
        run_round(registry, data, data.conferences, 1)


def test_a_bid_whose_pledge_does_not_stand_says_so(registry: Registry, tmp_path: Path) -> None:
    bids = [{"offer": "POL-mech", "line": "R01-hub-kyiv", "units": 1}]
    data = force(registry, tmp_path / "ruled-out", [a_round(1, "2026-02-10", bids)])
    (bid,) = run_round(registry, data, data.conferences, 1).bids
    assert not bid.pledge_stands and "ruled out" in bid.pledge_status

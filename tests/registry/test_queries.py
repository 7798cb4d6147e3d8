"""The registry's questions answered from the bundled data, on both backends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from coalition.domain import Bucket, PledgePosition, Status
from coalition.errors import CoalitionError, NotFoundError
from coalition.registry import Registry, load
from coalition.store import transaction
from tests.conftest import DATA

D = dt.date


@pytest.fixture
def registry(engine: Engine) -> Iterator[Registry]:
    load(engine, [DATA])
    with transaction(engine) as session:
        yield Registry(session)


def uk_troops(registry: Registry, day: dt.date) -> PledgePosition:
    """The UK's troop pledge on ``day`` (the UK also holds support pledges)."""
    position = registry.position("GBR", day)
    return next(p for p in position.pledges if p.pledge.id == "GBR-troops-land")


def test_poland_ruled_out_on_17_feb_2025_with_quote_and_source(registry: Registry) -> None:
    position = registry.position("POL", D(2025, 2, 17))
    troops = next(p for p in position.pledges if p.pledge.id == "POL-troops-land")
    assert troops.status is Status.RULED_OUT
    assert {s.source.id for s in troops.statements} == {
        "seed-000",
        "seed-002",
        "epochtimes-2025-02-17-tusk",
    }
    tusk = next(s for s in troops.statements if s.source.id == "seed-002")
    assert "ruled out Polish troops on the ground" in tusk.quote
    assert tusk.speaker == "Donald Tusk"
    assert tusk.speaker_role == "Prime Minister, POL"


def test_before_anything_was_said_the_position_is_unknown(registry: Registry) -> None:
    assert registry.position("POL", D(2025, 1, 1)).pledges == ()


def test_actor_resolution_by_code_name_and_organisation(registry: Registry) -> None:
    assert registry.resolve("Poland").code == "POL"
    assert registry.resolve("pl").code == "POL"
    assert registry.resolve("nato").code == "NATO"
    with pytest.raises(NotFoundError, match="unknown state or organisation 'XYZ'"):
        registry.resolve("XYZ")


def test_uk_disagreeing_sources_are_all_kept(registry: Registry) -> None:
    """The Prime Minister's own conditional words outrank a blog's "ready to deploy":
    not disputed, the blog set aside and graded doubtful, every condition kept."""
    uk = uk_troops(registry, D(2025, 2, 18))
    assert not uk.disputed
    assert uk.status is Status.CONDITIONAL
    assert uk.conditions == ("peace_agreement", "us_backstop")
    assert uk.statements[0].primary and uk.statements[0].speaker == "Keir Starmer"
    readings = {s.source.id: s.status for s in uk.statements}
    assert readings["seed-002"] is Status.CONDITIONAL  # "rowed back" to a US backstop
    (blog,) = uk.set_aside
    assert blog.source.id == "seed-000" and blog.status is Status.ANNOUNCED
    assert blog.grade == "D4 S"


def test_uk_signs_a_declaration_of_intent_in_jan_2026(registry: Registry) -> None:
    uk = uk_troops(registry, D(2026, 1, 6))
    assert uk.status is Status.DECLARED
    assert uk.conditions == ("ceasefire",)
    assert not uk.disputed and not uk.parliament_pending
    later = uk_troops(registry, D(2026, 1, 31))
    assert later.status is Status.DECLARED and later.since == D(2026, 1, 6)
    assert later.parliament_pending
    assert "parliamentary vote pending" in later.reading


def test_changes_between_two_dates(registry: Registry) -> None:
    moved = registry.changes(D(2025, 2, 1), D(2025, 9, 30))
    states = {c.actor.code for c in moved}
    assert {"GBR", "DEU", "POL", "SWE", "FRA", "LTU", "ITA", "USA"} <= states
    france = next(c for c in moved if c.pledge.id == "FRA-troops-land")
    assert (france.before, france.after) == (None, Status.ANNOUNCED)  # nothing signed yet
    assert france.first_statement


def test_changes_after_a_first_statement_are_real_changes(registry: Registry) -> None:
    moved = registry.changes(D(2025, 2, 20), D(2026, 1, 31))
    by_pledge = {c.pledge.id: c for c in moved}
    uk = by_pledge["GBR-troops-land"]
    assert (uk.before, uk.after) == (Status.CONDITIONAL, Status.DECLARED)
    assert not uk.first_statement
    assert all(D(2025, 2, 20) < s.date <= D(2026, 1, 31) for s in uk.statements)
    backstop = by_pledge["USA-backstop"]
    assert (backstop.before, backstop.after) == (Status.RULED_OUT, Status.CONSIDERING)
    assert "POL-troops-land" not in by_pledge  # ruled out before and after


def test_changes_refuses_reversed_dates(registry: Registry) -> None:
    with pytest.raises(CoalitionError, match="before --from"):
        registry.changes(D(2025, 9, 30), D(2025, 2, 1))


def test_totals(registry: Registry) -> None:
    totals = registry.totals(D(2025, 2, 17))
    land = totals.by_domain[next(iter(totals.by_domain))]
    assert land == {Bucket.CONDITIONAL: 1, Bucket.OPEN: 1, Bucket.OUT: 2}
    assert totals.by_status[Status.RULED_OUT] == 3  # DEU, POL troops and the US backstop
    assert sum(totals.by_status.values()) == 8  # with Germany's IRIS-T and training of Jan 2025


def test_situation_report(registry: Registry) -> None:
    report = registry.situation(D(2026, 1, 31))
    land = report.sections[0]
    assert land.title == "Land forces"
    assert {r.actor.code for r in land.in_bucket(Bucket.IN)} == {"EST", "FRA", "GBR", "LTU"}
    assert {r.actor.code for r in land.in_bucket(Bucket.OUT)} == {"BGR", "ITA", "POL"}
    (germany,) = land.in_bucket(Bucket.CONDITIONAL)  # "would depend on U.S. involvement"
    assert germany.actor.code == "DEU" and [c.code for c in germany.blocking] == ["us_backstop"]
    assert {r.actor.code for r in land.in_bucket(Bucket.OPEN)} == {"SWE"}
    unknown = {r.actor.code for r in land.in_bucket(Bucket.UNKNOWN)}
    assert "ESP" in unknown and "UKR" not in unknown  # the beneficiary is not a contributor
    assert [c.count for c in report.claims] == [26, 26, 20, 26, 26]
    assert report.meetings[-1].priorities[0] == "establishing mechanisms to monitor a ceasefire"
    assert len(report.meetings[-1].priorities) == 5
    assert {s.actor for s in report.stances} == {"RUS", "NATO"}


def test_situation_report_shows_what_blocks_conditional_pledges(registry: Registry) -> None:
    land = registry.situation(D(2025, 3, 1)).sections[0]
    (uk,) = land.in_bucket(Bucket.CONDITIONAL)
    assert uk.actor.code == "GBR"
    assert [c.code for c in uk.blocking] == ["peace_agreement", "us_backstop"]


def test_roles_over_time(registry: Registry) -> None:
    assert [r.person_name for r in registry.holders("DEU", "Chancellor", D(2025, 2, 17))] == [
        "Olaf Scholz"
    ]
    assert [r.person_name for r in registry.holders("DEU", "Chancellor", D(2025, 9, 4))] == [
        "Friedrich Merz"
    ]
    assert [r.person_name for r in registry.holders("DEU", "Chancellor", D(2025, 5, 6))] == [
        "Friedrich Merz"
    ]
    assert registry.role_label("olaf-scholz", D(2025, 9, 4)) is None


def test_timeline_is_ordered_and_complete(registry: Registry) -> None:
    entries = registry.timeline("RUS")
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    assert all(e.stance is not None for e in entries) and len(entries) == 3
    uk = registry.timeline("GBR")
    assert len(uk) == 18

"""History is append-only: reloads are no-ops, re-readings are refused, nothing is lost."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from coalition.domain import Status
from coalition.errors import DataFileError, HistoryConflictError
from coalition.registry import Registry, load
from coalition.registry.loader import load_records
from coalition.store import transaction
from coalition.store.tables import PledgeRow, StatusEventRow
from tests.conftest import DATA
from tests.registry.helpers import replace_once


def _events(engine: Engine) -> int:
    with transaction(engine) as session:
        return session.scalar(select(func.count()).select_from(StatusEventRow)) or 0


def test_reloading_is_a_no_op(engine: Engine) -> None:
    first = load(engine, [DATA])
    count = _events(engine)
    second = load(engine, [DATA])
    assert _events(engine) == count == first.inserted["status events"]
    assert "status events" not in second.inserted
    assert second.unchanged["status events"] == count


def test_reading_recorded_evidence_differently_is_refused(engine: Engine, data_copy: Path) -> None:
    load(engine, [DATA])
    pledges = data_copy / "pledges.yaml"
    line = replace_once(pledges, "status: considering", "status: announced")
    with pytest.raises(HistoryConflictError) as caught:
        load(engine, [data_copy])
    message = str(caught.value)
    assert message.startswith(f"{pledges}:{line - 1}: pledges[6].events[0]:")
    assert "already recorded as considering" in message and "append-only" in message


def test_statements_dropped_from_the_files_are_kept(engine: Engine, data_copy: Path) -> None:
    load(engine, [DATA])
    count = _events(engine)
    swedes = "quote: The Swedes were more circumspect, saying they"
    replace_once(
        data_copy / "pledges.yaml", swedes, "quote: The Swedes, more circumspect, saying they"
    )
    summary = load(engine, [data_copy])
    assert summary.kept_not_in_files == 1
    assert _events(engine) == count + 1


def test_a_stored_pledge_never_changes_hands(engine: Engine, data_copy: Path) -> None:
    """Issue 12 item 2: a data file that re-declares Germany's pledge as a Dutch financing
    pledge is refused, and Germany keeps its pledge and its statements."""
    load(engine, [DATA])
    pledges = data_copy / "pledges.yaml"
    replace_once(pledges, "actor: DEU\n    kind: troops", "actor: NLD\n    kind: financing")
    with pytest.raises((HistoryConflictError, DataFileError)):
        load(engine, [data_copy])
    with transaction(engine) as session:
        row = session.get(PledgeRow, "DEU-troops-land")
        assert row is not None and (row.actor, row.kind) == ("DEU", "troops")


def test_a_stored_pledge_keeps_its_kind_and_domains(engine: Engine, data_copy: Path) -> None:
    load(engine, [DATA])
    pledges = data_copy / "pledges.yaml"
    replace_once(pledges, "actor: DEU\n    kind: troops\n    domains: [land]",
                 "actor: DEU\n    kind: troops\n    domains: [air]")  # fmt: skip
    with pytest.raises(HistoryConflictError, match=r"pledge 'DEU-troops-land' is stored with"):
        load(engine, [data_copy])


def test_a_stored_pledge_description_may_be_corrected(engine: Engine, data_copy: Path) -> None:
    load(engine, [DATA])
    replace_once(
        data_copy / "pledges.yaml",
        "description: German forces in Ukraine as part of a multinational force",
        "description: German forces in Ukraine as part of a multinational force (corrected)",
    )
    load(engine, [data_copy])
    with transaction(engine) as session:
        row = session.get(PledgeRow, "DEU-troops-land")
        assert row is not None and row.description.endswith("(corrected)")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    published: 2025-02-17\n    language: en\n    file: shared/seeds/001",
         "    published: 2026-02-17\n    language: en\n    file: shared/seeds/001"),
        ("title: Barred from US-Russia talks", "title: Something else entirely"),
    ],
)  # fmt: skip
def test_a_stored_source_never_changes(engine: Engine, data_copy: Path, old: str, new: str) -> None:
    """Issue 12 item 1: moving a source's date would change what other states' readings
    say was known; a correction is a new source."""
    load(engine, [DATA])
    replace_once(data_copy / "sources.yaml", old, new)
    with pytest.raises(HistoryConflictError, match=r"source 'seed-001' is stored with"):
        load(engine, [data_copy])


def test_two_clocks_a_backdated_source_is_seen_as_late(engine: Engine) -> None:
    """Issue 12 item 3: a statement entered today from a source "published" in 2025 is
    read under --known-by, marked by the day the registry recorded it, and absent from
    what the registry had recorded by then."""
    load(engine, [DATA])
    load_records(
        engine,
        {
            "sources": [{"id": "backdated", "title": "Backdated", "published": "2025-03-01",
                         "url": "https://example.org/backdated"}],
            "pledges": [{"id": "SWE-troops-land", "actor": "SWE", "kind": "troops",
                         "domains": ["land"], "description": "Swedish forces in Ukraine as "
                         "part of a multinational force",
                         "events": [{"date": "2025-03-01", "status": "ruled_out",
                                     "source": "backdated",
                                     "quote": "Sweden ruled out any troops."}]}],
        },
        "late.yaml",
    )  # fmt: skip
    with transaction(engine) as session:
        registry = Registry(session)
        known = registry.position("SWE", dt.date(2025, 3, 2), known_by=dt.date(2025, 3, 2))
        (reading,) = known.pledges
        assert reading.status is Status.RULED_OUT
        today = dt.datetime.now(dt.UTC).date()
        assert reading.statements[0].recorded_on == today  # the registry's own clock
        before = registry.position(
            "SWE", dt.date(2025, 3, 2), recorded_by=today - dt.timedelta(days=1)
        )
        assert before.pledges == ()


def test_a_record_written_by_the_server_is_located_by_name_and_field(engine: Engine) -> None:
    """Records held in memory have no lines: a conflict names the record set and the
    field, with no "None" where a line number would stand."""
    load(engine, [DATA])
    record = {
        "sources": [{"id": "wire-1", "title": "Wire", "published": "2025-03-01",
                     "url": "https://example.org/wire-1"}],
        "pledges": [{"id": "SWE-troops-land", "actor": "SWE", "kind": "troops",
                     "domains": ["land"], "description": "Swedish forces in Ukraine",
                     "events": [{"date": "2025-03-01", "status": "ruled_out",
                                 "source": "wire-1", "quote": "Sweden ruled out troops."}]}],
    }  # fmt: skip
    load_records(engine, record, "first.yaml")
    record["pledges"][0]["events"][0]["status"] = "considering"  # type: ignore[index]
    with pytest.raises(HistoryConflictError) as caught:
        load_records(engine, record, "second.yaml")
    message = str(caught.value)
    assert message.startswith("second.yaml: pledges[0].events[0]: ")
    assert "None" not in message

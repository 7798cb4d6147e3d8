"""History is append-only: reloads are no-ops, re-readings are refused, nothing is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from coalition.errors import HistoryConflictError
from coalition.registry import load
from coalition.store import transaction
from coalition.store.tables import StatusEventRow
from tests.conftest import DATA
from tests.registry.test_loader_errors import replace_once


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

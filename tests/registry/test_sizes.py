"""Reported sizes of the planned force (issue 14): history like any statement (cited,
as of a date, append-only, in the ledger), kept as said, and shown beside the stated
personnel, never added to it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from sqlalchemy import Engine, text

from coalition.errors import HistoryConflictError
from coalition.registry import Registry, load, validate
from coalition.store import ledger, transaction
from tests.conftest import DATA

SOURCE = {"id": "test-size", "title": "A planning figure", "published": "2026-02-02",
          "language": "en", "url": "https://example.org/size"}  # fmt: skip
SIZE = {"date": "2026-02-02", "personnel": {"from": 5000, "to": 8000}, "covers": ["NLD", "BEL"],
        "basis": "press", "description": "the Benelux part of the force",
        "quote": "Between 5,000 and 8,000 Dutch and Belgian troops would go, officials said.",
        "source": "test-size"}  # fmt: skip


def extra(folder: Path, **changes: object) -> Path:
    path = folder / "size.yaml"
    size = SIZE | changes
    path.write_text(yaml.safe_dump({"sources": [SOURCE], "sizes": [size]}), encoding="utf-8")
    return path


def test_a_size_is_kept_as_said_and_read_as_of_its_date(engine: Engine, tmp_path: Path) -> None:
    load(engine, [DATA, extra(tmp_path)])
    with transaction(engine) as session:
        registry = Registry(session)
        mine = [s for s in registry.sizes(dt.date(2026, 2, 2)) if s.source == "test-size"]
        before = [s for s in registry.sizes(dt.date(2026, 2, 1)) if s.source == "test-size"]
        totals = registry.totals(dt.date(2026, 2, 28))
    assert before == []
    (size,) = mine
    assert size.personnel.text() == "5,000 to 8,000" and size.covers == ("BEL", "NLD")
    assert size.source_grade == "F" and "BEL + NLD" in size.text()
    assert size in totals.sizes
    # Never added to the pledged personnel: the stated sums do not move.
    assert totals.quantities is not None
    assert all(f.source != "test-size" for t in totals.quantities.personnel.values()
               for f in t.figures)  # fmt: skip


def test_the_bundled_sizes_are_cited_and_not_pledges(engine: Engine) -> None:
    load(engine, [DATA])
    with transaction(engine) as session:
        registry = Registry(session)
        sizes = registry.sizes(dt.date(2026, 1, 31))
        assert registry.sizes(dt.date(2025, 3, 15)) == []
    assert len(sizes) >= 4
    for size in sizes:
        assert size.quote and size.source in registry.sources
        figures = {str(n) for n in (size.personnel.low, size.personnel.high) if n is not None}
        # The figure is in its quote, as written there ("25,000").
        assert any(f"{int(n):,}" in size.quote for n in figures), size.quote


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"personnel": {"up_to": -3}}, "greater than or equal to 0"),
        ({"personnel": {"from": 9, "to": 2}}, "a range runs from low to high"),
        ({"covers": ["NLD", "XYZ"]}, "XYZ"),
        ({"basis": "rumour"}, "official"),
        ({"span": "forever"}, "with_rotations"),
        ({"source": "nowhere"}, "nowhere"),
    ],
)
def test_a_bad_size_is_one_clear_line(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    found = [str(i) for i in validate([DATA, extra(tmp_path, **change)])]
    assert len(found) == 1, found
    assert message in found[0] and "sizes" in found[0], found


def test_a_size_is_history(engine: Engine, tmp_path: Path) -> None:
    load(engine, [DATA, extra(tmp_path)])
    load(engine, [DATA, extra(tmp_path)])  # the same evidence again: nothing new
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM force_sizes "
                                 "WHERE source_id = 'test-size'")).scalar_one() == 1  # fmt: skip
    with pytest.raises(HistoryConflictError, match="append-only"):
        load(engine, [DATA, extra(tmp_path, personnel=9000)])
    with transaction(engine) as session:
        assert ledger.verify(session).ok
    with engine.begin() as conn:  # edited behind the application's back
        if engine.dialect.name == "postgresql":
            conn.execute(text("DROP TRIGGER force_sizes_append_only ON force_sizes"))
        else:
            conn.execute(text("DROP TRIGGER force_sizes_no_update"))
        conn.execute(text("UPDATE force_sizes SET personnel = '{\"low\": 90000, \"high\": 90000}'"
                          " WHERE source_id = 'test-size'"))  # fmt: skip
    with transaction(engine) as session:
        result = ledger.verify(session)
    assert [f.table for f in result.findings] == ["force_sizes"]

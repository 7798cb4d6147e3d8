"""Reading a batch: extraction on every core, while the next articles are read, gives
what one process gives, in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from coalition.osint import pipeline
from tests.osint.builders import GAZETTEER

STORIES = [
    "Norway is prepared to send up to two minehunters once a ceasefire is in place, "
    "Prime Minister Jonas Gahr Store said on Tuesday.",
    "Poland will not send troops to Ukraine, Prime Minister Donald Tusk said on Monday.",
    "Belgium is ready to put four F-16s into the air component of the mission.",
]


def test_extraction_on_every_core_is_the_same(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for i in range(12):
        (tmp_path / f"a{i:02d}.txt").write_text(f"Story {i}.\n\n{STORIES[i % 3]} (item {i})")
    one = pipeline.read_all([tmp_path], GAZETTEER).candidates
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 2)
    monkeypatch.setattr(pipeline, "_CHUNK", 5)
    every = pipeline.read_all([tmp_path], GAZETTEER, parallel=True).candidates
    assert [(c.document, c.actor, c.status, c.quote) for c in every] == [
        (c.document, c.actor, c.status, c.quote) for c in one
    ]
    assert {c.actor for c in one} == {"NOR", "POL", "BEL"}

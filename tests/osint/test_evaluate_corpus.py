"""The corpus evaluation (issue 17): documents scored by split and by language, with the
headline measures (positions: actor and stance together; conditions; quantities)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from coalition.errors import CoalitionError
from coalition.osint.evaluate import evaluate_corpus, score
from tests.osint.builders import GAZETTEER

TEXT = (
    "Poland rules out troops for Ukraine\n\nWARSAW, March 3, 2026\n\n"
    "Prime Minister Donald Tusk said on Tuesday that Poland will not send troops to Ukraine."
)


def _corpus(folder: Path, facts: list[dict[str, object]], split: str = "test") -> Path:
    (folder / split).mkdir(parents=True)
    (folder / split / "001-en-wire.txt").write_text(TEXT, encoding="utf-8")
    gold = {"root": ".", "documents": [{"file": f"{split}/001-en-wire.txt", "split": split,
                                        "language": "en", "published": "2026-03-03",
                                        "facts": facts}]}  # fmt: skip
    (folder / "gold-en.yaml").write_text(yaml.safe_dump(gold), encoding="utf-8")
    return folder


def test_a_split_is_scored_per_language(tmp_path: Path) -> None:
    fact: dict[str, object] = {
        "fact": "position", "actor": "POL", "status": "ruled_out", "kind": "troops",
        "date": "2026-03-03", "quote": "Poland will not send troops to Ukraine",
    }  # fmt: skip
    found = evaluate_corpus(_corpus(tmp_path, [fact]), GAZETTEER, "test")
    assert found.documents == {"en": 1}
    position = {s.field: s for s in found.by_language["en"]}["position"]
    assert (position.tp, position.fp, position.fn) == (1, 0, 0)
    with pytest.raises(CoalitionError, match="no document in split 'dev'"):
        evaluate_corpus(tmp_path, GAZETTEER, "dev")
    with pytest.raises(CoalitionError, match="no gold"):
        evaluate_corpus(tmp_path / "test", GAZETTEER, "test")


def test_quantities_compare_value_unit_and_how_said() -> None:
    gold: list[dict[str, Any]] = [
        {"fact": "position", "actor": "NOR", "status": "announced", "date": "2026-03-03",
         "quantity": {"value": 300, "unit": "personnel", "said": "up_to"}}
    ]  # fmt: skip
    same = dict(gold[0])
    other = dict(gold[0]) | {"quantity": {"value": 300, "unit": "personnel", "said": "exact"}}
    by_field = {s.field: s for s in score([([same], gold)])}
    assert by_field["quantity"].tp == 1
    by_field = {s.field: s for s in score([([other], gold)])}
    assert (by_field["quantity"].tp, by_field["quantity"].fp, by_field["quantity"].fn) == (0, 1, 1)


def test_each_candidate_is_held_against_the_actors_fact_it_fits() -> None:
    """Two facts of one actor: the candidates are paired by status, whatever their order
    (a ruled-out candidate listed first is not held against the conditional offer)."""
    offer = {"fact": "position", "actor": "NOR", "status": "conditional", "kind": "troops",
             "date": "2026-03-03", "conditions": ["ceasefire"]}  # fmt: skip
    refusal = {"fact": "position", "actor": "NOR", "status": "ruled_out", "kind": "troops",
               "date": "2026-03-03"}  # fmt: skip
    gold: list[dict[str, Any]] = [offer, refusal]
    position = {s.field: s for s in score([([refusal, offer], gold)])}["position"]
    assert (position.tp, position.fp, position.fn) == (2, 0, 0)
    wrong = dict(refusal) | {"status": "announced"}
    position = {s.field: s for s in score([([wrong, offer], gold)])}["position"]
    assert (position.tp, position.fp, position.fn) == (1, 1, 1)

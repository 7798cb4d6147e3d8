"""One decision pair for the command line's review and the server's queue (issue 19):
edits are checked and applied all or none, and a decision sets the item's state."""

from __future__ import annotations

import pytest

from coalition.errors import CoalitionError
from coalition.osint import ReviewItem, apply_edits, decide, review


def _item() -> ReviewItem:
    return {
        "id": "c-1",
        "state": "pending",
        "fact": "position",
        "actor": "NOR",
        "status": "announced",
        "conditions": [],
        "quote": "Norway will send two ships.",
    }


def test_edits_are_checked_and_kept_in_the_form_candidates_keep() -> None:
    item = _item()
    apply_edits(item, {"status": "conditional", "conditions": "ceasefire,us_backstop",
                       "quantity": "up to 2 minehunters"})  # fmt: skip
    assert item["status"] == "conditional"
    assert item["conditions"] == ["ceasefire", "us_backstop"]
    assert item["quantity"] == {"value": 2.0, "unit": "minehunters", "said": "up_to"}


def test_a_bad_edit_changes_nothing() -> None:
    item = _item()
    with pytest.raises(CoalitionError, match="not one of"):
        apply_edits(item, {"status": "conditional", "basing": "on the moon"})
    assert item == _item()


@pytest.mark.parametrize(("accept", "state"), [(True, "accepted"), (False, "rejected")])
def test_a_decision_sets_the_state(accept: bool, state: str) -> None:
    item = _item()
    decide(item, accept)
    assert item["state"] == state


def test_a_fact_added_to_a_review_file_follows_the_queues_rule() -> None:
    """A fact a person adds is refused, as in the server's queue, when a pending
    candidate already reports the same statement (another sentence, same story)."""
    data = {"documents": {}, "candidates": [_item()]}
    same_story = _item() | {"id": "m-2", "quote": "Oslo will send two ships."}
    with pytest.raises(CoalitionError, match=r"has this fact already \(c-1\)"):
        review.add_fact(data, same_story, "review.yaml")
    other = _item() | {"id": "m-3", "status": "conditional", "conditions": ["ceasefire"]}
    review.add_fact(data, other, "review.yaml")
    assert [c["id"] for c in data["candidates"]] == ["c-1", "m-3"]

"""A reviewer's decision on one candidate, the same from the command line's review and the
server's queue: the candidate as a typed item, edits checked and applied to it, and it
accepted or rejected. What acceptance adds to the registry is ``review.to_dataset``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from coalition.osint.edits import check

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"


class ReviewItem(TypedDict, total=False):
    """A candidate as the review file and the queue keep it (JSON): the extractor's
    fields (``candidate.Candidate``), its id and its review state."""

    id: str
    state: str  # pending | accepted | rejected
    fact: str  # position | stance | count | meeting
    document: str
    quote: str
    start: int
    end: int
    date: str | None
    date_words: str
    actor: str | None
    speaker: str | None
    status: str | None
    conditions: list[str]
    kinds: list[str]
    domains: list[str]
    count: int | None
    priorities: list[str]
    meeting: str | None
    sources: list[str]
    quantity: dict[str, Any] | None
    basing: str | None
    language: str
    also_carried_by: list[str]  # the other outlets of the same story (the queue's)
    added_by: str  # who added a fact the extractor missed


def apply_edits(item: ReviewItem, changes: Mapping[str, Any]) -> None:
    """The reviewer's edits, each checked (all or none; see ``edits.check``), into the
    item."""
    checked = check(dict(changes))
    for field, value in checked.items():
        item[field] = value  # type: ignore[literal-required]  # a field of EDITABLE


def decide(item: ReviewItem, accept: bool) -> None:
    """Accept or reject the candidate. In a review file a person may change their mind;
    the server's queue decides a candidate once (it checks, under the row's lock)."""
    item["state"] = ACCEPTED if accept else REJECTED

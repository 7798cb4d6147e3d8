"""The server's review queue: concurrent writers enqueueing copies of one story leave
one pending candidate with every source; a reviewer's edits are checked."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import Engine

from coalition.errors import CoalitionError
from coalition.osint import edits, queue, review
from coalition.osint.extract import extract
from coalition.osint.reading import analyse
from tests.osint.builders import GAZETTEER

STORY = ("Poland will not send troops to Ukraine, Prime Minister Donald Tusk said on "
         "Monday.")  # fmt: skip


def _records(outlet: str) -> tuple[dict[str, Any], dict[str, str]]:
    document = analyse(f"{STORY}\n\nCarried by {outlet}.", f"{outlet}.txt")
    return review.to_records(extract(document, GAZETTEER), [document]), {document.id: document.text}


def test_concurrent_copies_of_one_story_are_one_candidate(engine: Engine) -> None:
    batches = [_records(f"outlet-{i}") for i in range(6)]
    errors: list[BaseException] = []

    def write(records: dict[str, Any], texts: dict[str, str]) -> None:
        try:
            queue.enqueue(engine, records, texts)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=batch) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    pending = queue.candidates(engine)
    assert len(pending) == 1
    assert len(pending[0]["sources"]) == 6


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("quantity=up to 300 personnel", {"value": 300.0, "unit": "personnel", "said": "up_to"}),
        ("quantity=400-600 personnel",
         {"value": 400.0, "unit": "personnel", "said": "range", "max": 600.0}),
        ("quantity=500 million EUR", {"value": 5e8, "unit": "EUR", "said": "exact"}),
        ("quantity=none", None),
    ],
)  # fmt: skip
def test_quantities_in_words(change: str, expected: object) -> None:
    assert edits.from_words(change)["quantity"] == expected


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("quote=anything", "cannot change quote"),
        ("status=delighted", "not one of"),
        ("conditions=ceasefire,full_moon", "unknown full_moon"),
        ("quantity=-5 personnel", "say it as"),
        ("quantity=5 bananas", "unit 'bananas'"),
        ("quantity=600-400 personnel", "a range runs up"),
        ("basing=on the moon", "not one of"),
        ("date=3026-01-01", "in the future"),
        ("actor=poland", "not an actor code"),
        ("count=1e40", "out of range"),
        ("status", "field=value"),
    ],
)
def test_bad_edits_are_refused_with_the_reason(change: str, reason: str) -> None:
    with pytest.raises(CoalitionError, match=reason):
        edits.from_words(change)


def test_a_candidate_in_english_whatever_its_language() -> None:
    item = {"fact": "position", "actor": "DEU", "status": "conditional", "kinds": ["troops"],
            "quantity": {"value": 1500.0, "unit": "personnel", "said": "up_to"},
            "basing": "outside_ukraine", "conditions": ["ceasefire", "parliamentary_approval"],
            "language": "de"}  # fmt: skip
    assert review.gloss(item) == (
        "DEU offers, on conditions, troops: up to 1,500 personnel, outside Ukraine "
        "(if ceasefire, parliamentary approval); said in German"
    )

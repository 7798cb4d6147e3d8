"""Refusals and numbers in words the first rules did not read (issue 17): "had no plans
to contribute troops", "would not be dispatched", "unter keinen Umständen", "a hundred
and fifty sailors", "vierzig Fachleute". Every sentence is written here."""

from __future__ import annotations

import pytest

from coalition.osint.quantities import quantity
from tests.osint.builders import GAZETTEER, positions, read_article


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ('India, the minister said, had "no plans to contribute troops" to the force.', "IND"),
        ("Japan's Chief Cabinet Secretary said the Self-Defense Forces would not be "
         "dispatched.", "JPN"),
        ("Die Schweiz: Der Bundesrat hat bekräftigt, dass sich die Armee nicht an der Truppe "
         "beteiligen wird.", "CHE"),
        ("Tschechische Soldaten würden „unter keinen Umständen“ in die Ukraine geschickt, "
         "sagte der Premier.", "CZE"),
    ],
)  # fmt: skip
def test_refusals_in_words_a_journalist_uses(text: str, actor: str) -> None:
    assert (actor, "ruled_out") in positions(read_article(text))


@pytest.mark.parametrize(
    ("language", "clause", "expected"),
    [
        ("en", "Norway would send roughly a hundred and fifty sailors",
         {"value": 150.0, "unit": "personnel", "said": "about"}),
        ("en", "some two hundred and fifty soldiers",
         {"value": 250.0, "unit": "personnel", "said": "about"}),
        ("en", "up to three hundred troops",
         {"value": 300.0, "unit": "personnel", "said": "up_to"}),
        ("en", "several hundred soldiers", None),  # no number, only an order of magnitude
        ("de", "bis zu vierzig Fachleute für die Minenräumung",
         {"value": 40.0, "unit": "personnel", "said": "up_to"}),
        ("fr", "jusqu'à deux cents marins", {"value": 200.0, "unit": "personnel", "said": "up_to"}),
    ],
)  # fmt: skip
def test_numbers_in_words(language: str, clause: str, expected: dict[str, object] | None) -> None:
    found = quantity(GAZETTEER.languages[language], clause)
    assert (found.as_dict() if found else None) == expected

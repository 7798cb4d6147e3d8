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


def test_a_stance_is_read_through_an_aside_in_every_language() -> None:
    """ "a, lui, annoncé": the aside set off by commas no longer hides the verb."""
    found = read_article(
        "Le Portugal a, lui, annoncé jeudi une contribution de dix millions d'euros au fonds "
        "commun de la coalition."
    )
    (portugal,) = [c for c in found if c.actor == "PRT"]
    assert portugal.status == "announced"
    assert portugal.quantity == {"value": 10_000_000.0, "unit": "EUR", "said": "exact"}


@pytest.mark.parametrize(
    "text",
    [
        "Sweden will announce its contribution after the autumn election, sources said.",
        "Швеція оголосить про свій внесок не раніше осінніх парламентських виборів.",
        "La Suède annoncera sa contribution après les élections de l'automne.",
    ],
)
def test_an_announcement_still_to_come_is_no_pledge(text: str) -> None:
    assert ("SWE", "announced") not in positions(read_article(text))


def test_armoured_vehicles_are_weapons_counted_as_vehicles() -> None:
    (australia,) = [
        c for c in read_article("Australia will donate twenty armoured vehicles to Ukraine.")
        if c.actor == "AUS"
    ]  # fmt: skip
    assert australia.kinds == ["weapons"]
    assert australia.quantity == {"value": 20.0, "unit": "armoured_vehicles", "said": "exact"}


def test_a_number_of_ships_is_not_money_whatever_the_verb() -> None:
    """ "Выделить" also allocates money; with ships and no money it is no financing."""
    text = "Болгария готова выделить для разминирования Чёрного моря один тральщик."
    (bulgaria,) = [c for c in read_article(text) if c.actor == "BGR"]
    assert bulgaria.kinds != ["financing"]
    assert bulgaria.quantity == {"value": 1.0, "unit": "minehunters", "said": "exact"}

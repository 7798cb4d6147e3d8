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


@pytest.mark.parametrize(
    ("text", "actor", "value"),
    [
        ("Portugal raised its offer from 200 to 350 soldiers, the defence minister said.",
         "PRT", 350.0),
        ("Belgien hat sein Angebot von 600 auf 250 Soldaten verringert, sagte Minister "
         "Francken.", "BEL", 250.0),
        ("Le ministre a annoncé que la Belgique ramène son offre de 600 à 250 militaires.",
         "BEL", 250.0),
        ("Міністр оголосив, що Нідерланди збільшують свою пропозицію з трьохсот до "
         "п'ятисот військових.", "NLD", 500.0),
        ("Данія готова збільшити свою пропозицію зі ста до 150 військових, заявив міністр.",
         "DNK", 150.0),
    ],
)  # fmt: skip
def test_an_offer_changed_from_one_number_to_another_is_the_second(
    text: str, actor: str, value: float
) -> None:
    offer = next(c for c in read_article(text) if c.actor == actor)
    assert offer.quantity == {"value": value, "unit": "personnel", "said": "exact"}


def test_from_one_number_to_another_without_a_change_is_a_range() -> None:
    offer = positions(read_article("Norway is ready to send from 200 to 400 soldiers."))
    assert offer[("NOR", "announced")].quantity == {
        "value": 200.0, "unit": "personnel", "said": "range", "max": 400.0
    }  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Данія та Естонія нових зобов'язань не оголосили.",
        "Дания и Эстония новых обязательств не объявили.",
        "ТВЕРДЖЕННЯ: «Данія й Естонія вже пообіцяли надіслати своїх військових до України» "
        "(депутат в ефірі, 8 лютого).",
    ],
)
def test_no_new_commitments_and_a_claim_checked_state_no_offer(text: str) -> None:
    assert not [c for c in read_article(text) if c.status == "announced"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Військ Данія не пропонує, і ніхто в Копенгагені не вдає, що найближчим часом це "  # noqa: RUF001
         "зміниться, пише видання.", "DNK"),
        ("Угорщина не платитиме за місію «ані форинта», заявив міністр.", "HUN"),
    ],
)  # fmt: skip
def test_offering_no_troops_and_paying_not_a_forint_are_refusals(text: str, actor: str) -> None:
    assert (actor, "ruled_out") in positions(read_article(text))


def test_troops_not_offered_for_now_are_no_refusal() -> None:
    found = positions(read_article(
        "Швеція направить близько тридцяти офіцерів до штабу місії; бойових підрозділів "
        "Стокгольм поки не пропонує."
    ))  # fmt: skip
    assert ("SWE", "ruled_out") not in found


def test_a_day_of_the_month_is_no_quantity() -> None:
    found = positions(read_article(
        "Sejm Estonii zatwierdził 16 czerwca wysłanie do 120 żołnierzy w skład sił "
        "wielonarodowych."
    ))  # fmt: skip
    assert found[("EST", "parliament_approved")].quantity == {
        "value": 120.0, "unit": "personnel", "said": "up_to"
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Казахстан может рассмотреть участие своих миротворцев лишь в операции под мандатом "
         "ООН, заявил министр.", "KAZ"),  # noqa: RUF001
        ("Minister dodał, że Słowacja jest gotowa rozważyć udział swoich saperów w szkoleniu "
         "ukraińskich żołnierzy.", "SVK"),
    ],
)  # fmt: skip
def test_ready_to_consider_is_considering(text: str, actor: str) -> None:
    assert (actor, "considering") in positions(read_article(text))


@pytest.mark.parametrize(
    "text",
    [
        "Военный эксперт, опрошенный агентством, предположил, что о готовности направить "  # noqa: RUF001
        "военных может заявить и Дания.",
        "An analyst at the institute suggested that Denmark would send troops next.",
        "Prezes partii zapowiedział, że jego partia nie pozwoli wysłać ani jednego duńskiego "
        "żołnierza.",
    ],
)
def test_an_expert_or_a_party_does_not_speak_for_the_state(text: str) -> None:
    assert not [c for c in read_article(text) if c.actor == "DNK"]


def test_money_that_grows_from_one_sum_to_another_is_the_second() -> None:
    offer = next(c for c in read_article(
        "Міністр пообіцяв, що цього року внесок Ірландії до спільного фонду коаліції зросте "
        "з 25 до 40 мільйонів євро."
    ) if c.actor == "IRL")  # fmt: skip
    assert offer.quantity == {"value": 40000000.0, "unit": "EUR", "said": "exact"}

"""Soldiers sent to train others are a training offer, and stay a fact of their own beside
an offer for Ukraine itself; "no closer than 100 km to the line of contact" keeps forces
away from the front line, in every language. Every sentence is written here, none copied
from the corpus."""

from __future__ import annotations

import pytest

from tests.osint.builders import positions, read_article


def test_soldiers_sent_to_train_others_are_training_beside_an_offer_for_ukraine() -> None:
    found = positions(read_article(
        "Ireland will send up to 60 soldiers to train Ukrainian deminers in Cyprus, the "
        "Tánaiste said on Monday. None of them will deploy to Ukraine itself before a peace "
        "agreement is signed, he added."
    ))  # fmt: skip
    training = found[("IRL", "announced")]
    assert training.kinds == ["training"]
    assert training.quantity == {"value": 60.0, "unit": "personnel", "said": "up_to"}
    assert found[("IRL", "conditional")].conditions == ["peace_agreement"]


def test_training_abroad_and_troops_at_home_later_are_still_two_offers() -> None:
    """Two offers for two places, even when both name soldiers: the one in Poland is not
    made conditional by the one in Ukraine."""
    found = positions(read_article(
        "Le Canada enverra jusqu'à 300 militaires en Pologne pour y encadrer des soldats "
        "ukrainiens, a annoncé le ministre mercredi. Aucun militaire canadien ne sera déployé "
        "en Ukraine tant qu'un cessez-le-feu ne sera pas en vigueur, a-t-il précisé."
    ))  # fmt: skip
    assert found[("CAN", "announced")].basing == "outside_ukraine"
    assert found[("CAN", "conditional")].conditions == ["ceasefire"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Slovenia is ready to send up to 40 soldiers to western Ukraine, no closer than 80 "
         "kilometres to the line of contact, the defence minister said on Monday.", "SVN"),
        ("Министр обороны Словакии заявил во вторник, что Братислава готова направить в "
         "Украину до шестидесяти военных, но не ближе ста километров от линии "
         "соприкосновения.", "SVK"),
        ("Minister obrony Czech zapowiedział we wtorek, że Praga wyśle na Ukrainę do "
         "osiemdziesięciu żołnierzy, nie bliżej niż sto kilometrów od linii frontu.", "CZE"),
        ("Міністр оборони Литви заявив, що Вільнюс готовий направити в Україну до ста "
         "військових, але не ближче ніж за сто кілометрів від лінії фронту.", "LTU"),
        ("Die Niederlande sind bereit, bis zu 200 Soldaten in die Ukraine zu schicken, aber "
         "nicht näher als 50 Kilometer an die Kontaktlinie, sagte der Minister.", "NLD"),
    ],
)  # fmt: skip
def test_a_distance_from_the_line_keeps_forces_away_from_the_front(text: str, actor: str) -> None:
    offer = positions(read_article(text))[(actor, "conditional")]
    assert offer.conditions == ["away_from_front_line"]
    assert offer.basing == "away_from_front_line"

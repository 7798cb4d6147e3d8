"""What an article says about an offer after making it (issue 17): "Without it, Paris
would not send troops" restates a condition rather than refusing; a sentence that names no
state and adds a condition or a size belongs to the offer just made; conditions said in
words the first rules did not know. Every sentence is written here, not taken from the
corpus."""

from __future__ import annotations

import pytest

from tests.osint.builders import positions, read_article


@pytest.mark.parametrize(
    ("text", "actor", "conditions"),
    [
        (  # the refusal names the condition only by "it": a conditional offer, no refusal
            "Spain is ready to send up to 300 soldiers, the defence minister said. "
            "That would only happen once a ceasefire is in force. "
            "Without it, Spain would not send a single soldier.",
            "ESP",
            ["ceasefire"],
        ),
        (  # no offer before: the refusal becomes the conditional offer it implies
            "A Portuguese contribution presupposes a clear US commitment to come to the "
            "force's aid, an adviser to the prime minister said on Monday. "
            "Without it, Lisbon would not send troops.",
            "PRT",
            ["us_backstop"],
        ),
        (
            "Испания готова направить до 300 военных, заявил министр обороны. "
            "Это возможно только после прекращения огня. "
            "Без этого испанские военные никуда не поедут.",
            "ESP",
            ["ceasefire"],
        ),
        (
            "Spanien ist bereit, bis zu 300 Soldaten zu entsenden, sagte die Ministerin. "
            "Voraussetzung sei eine Waffenruhe. "
            "Ohne diese werde Spanien keine Soldaten schicken.",
            "ESP",
            ["ceasefire"],
        ),
    ],
)
def test_without_it_restates_the_condition_instead_of_refusing(
    text: str, actor: str, conditions: list[str]
) -> None:
    found = positions(read_article(text))
    assert (actor, "ruled_out") not in found
    assert found[(actor, "conditional")].conditions == conditions


def test_a_sentence_naming_no_state_adds_its_condition_to_the_offer_just_made() -> None:
    found = read_article(
        "The Belgian cabinet approved on Monday the dispatch of two minehunters to the "
        "Black Sea. The ships would start clearing the shipping lanes only once a ceasefire "
        "is in force."
    )
    belgian = [c for c in found if c.actor == "BEL"]
    assert [(c.status, c.conditions) for c in belgian] == [("government_approved", ["ceasefire"])]


def test_a_formal_decision_after_an_offer_stays_a_fact_of_its_own() -> None:
    """The cabinet's decision follows the offer and does not name the state: it is a
    formal step of its own, not more words about the offer."""
    found = positions(
        read_article(
            "Latvia will send 50 soldiers. The cabinet decided on Monday to hold up to 50 "
            "soldiers ready for the coalition force."
        )
    )
    assert {("LVA", "announced"), ("LVA", "government_approved")} <= set(found)


@pytest.mark.parametrize(
    ("text", "actor", "status", "conditions"),
    [
        (
            "Britain would deploy between 5,000 and 7,500 troops to Ukraine, he told the "
            "Commons, on condition that they are stationed well back from the line of contact.",
            "GBR",
            "conditional",
            ["away_from_front_line"],
        ),
        (
            "Italy's defence minister said Italian soldiers would serve only under a United "
            "Nations flag.",
            "ITA",
            "conditional",
            ["un_mandate"],
        ),
        (
            "Finnland ist bereit, bis zu 100 Soldaten zu entsenden – aber nur, wenn sie fernab "  # noqa: RUF001
            "der Front eingesetzt werden.",
            "FIN",
            "conditional",
            ["away_from_front_line"],
        ),
        (
            "Włoska minister zadeklarowała gotowość wysłania 500 żołnierzy. Najpierw jednak na "
            "froncie muszą zamilknąć działa, a zgodę na misję musi wydać parlament.",
            "ITA",
            "conditional",
            ["ceasefire", "parliamentary_approval"],
        ),
        (
            "Прем'єр Австралії сказав, що уряд розглядатиме участь австралійських військових "
            "у місії, якщо вона діятиме під егідою ООН.",  # noqa: RUF001
            "AUS",
            "considering",
            ["un_mandate"],
        ),
        (
            "Китай готов рассмотреть возможность участия в миротворческой операции, если она "
            "будет проводиться под эгидой ООН.",  # noqa: RUF001
            "CHN",
            "considering",
            ["un_mandate"],
        ),
    ],
)
def test_conditions_in_words_a_journalist_uses(
    text: str, actor: str, status: str, conditions: list[str]
) -> None:
    found = positions(read_article(text))
    assert found[(actor, status)].conditions == conditions


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        ("Luxembourg will chip in €15 million to the common fund, its minister said.",
         "LUX", "announced"),
        ("The Pentagon press secretary said flatly that no U.S. ground forces will deploy "
         "to Ukraine.", "USA", "ruled_out"),
        ("Canada's defence minister said Ottawa is \"actively looking at\" a troop "
         "contribution.", "CAN", "considering"),
        ("Госсекретарь сказал, что США готовы предоставить контингенту разведданные.",
         "USA", "announced"),
    ],
)  # fmt: skip
def test_stances_in_words_a_journalist_uses(text: str, actor: str, status: str) -> None:
    assert (actor, status) in positions(read_article(text))

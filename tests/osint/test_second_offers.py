"""Round 16 of unseen articles (issue 17): two offers in one sentence, of which only the
second is conditional; hedges that undo a refusal ("no longer rules out"); a German
conditional with the verb first; US air cover as the backstop. Every sentence is written
here, none copied from the corpus."""

from __future__ import annotations

import pytest

from tests.osint.builders import positions, read_article


@pytest.mark.parametrize(
    ("text", "actor", "money", "people", "condition"),
    [
        ("Finland will contribute 25 million euros to the mission's fund and would send up to "
         "120 engineers, provided parliament agrees.", "FIN", 25_000_000.0, 120.0,
         "parliamentary_approval"),
        ("Lisbonne a indiqué qu'elle verserait 30 millions d'euros au fonds de la mission et "
         "enverrait jusqu'à 80 soldats, à condition qu'un cessez-le-feu soit en vigueur.", "PRT",
         30_000_000.0, 80.0, "ceasefire"),
        ("Естонія виділить 20 мільйонів євро на потреби місії, а також — за умови схвалення "  # noqa: RUF001
         "парламентом — до ста військових, повідомив міністр.", "EST", 20_000_000.0, 100.0,
         "parliamentary_approval"),
    ],
)  # fmt: skip
def test_a_condition_after_the_second_offer_is_that_offers_own(
    text: str, actor: str, money: float, people: float, condition: str
) -> None:
    found = positions(read_article(text))
    paid, sent = found[(actor, "announced")], found[(actor, "conditional")]
    assert paid.kinds[:1] == ["financing"] and paid.conditions == []
    assert paid.quantity is not None and paid.quantity["value"] == money
    assert sent.kinds[:1] == ["troops"] and sent.conditions == [condition]
    assert sent.quantity is not None and sent.quantity["value"] == people


def test_a_condition_before_both_offers_holds_for_the_second_too() -> None:
    found = positions(read_article(
        "Once a ceasefire holds, Belgium will send 200 soldiers and would also provide "
        "10 million euros for demining."
    ))  # fmt: skip
    assert found[("BEL", "conditional")].conditions == ["ceasefire"]
    assert ("BEL", "announced") not in found


@pytest.mark.parametrize(
    "text",
    [
        "Sweden no longer rules out sending a battalion to the force.",
        "Stockholm n'écarte plus l'envoi d'un bataillon au sein de la force.",
        "Szwecja nie wyklucza już wysłania batalionu do sił wielonarodowych.",
        "Швеція більше не виключає відправлення батальйону до багатонаціональних сил.",
        "Швеция больше не исключает отправку батальона в многонациональные силы.",
    ],
)
def test_no_longer_ruling_out_is_considering(text: str) -> None:
    found = positions(read_article(text))
    assert ("SWE", "considering") in found
    assert ("SWE", "ruled_out") not in found


def test_a_german_conditional_with_the_verb_first_states_no_refusal() -> None:
    """ "Sollten die USA ... verweigern": what would happen if, not what the US said."""
    found = positions(read_article(
        "Sollten die Vereinigten Staaten ihre Hilfe verweigern, wären nach Ansicht von "
        "Diplomaten mehrere Zusagen hinfällig."
    ))  # fmt: skip
    assert ("USA", "ruled_out") not in found


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Britain would deploy troops only with American air cover.", "GBR"),
        ("Rumunia wyśle żołnierzy, ale tylko pod amerykańską osłoną z powietrza.", "ROU"),
        ("La Grèce enverra une frégate à condition d'obtenir une couverture aérienne "
         "américaine.", "GRC"),
    ],
)  # fmt: skip
def test_american_air_cover_is_the_us_backstop(text: str, actor: str) -> None:
    assert positions(read_article(text))[(actor, "conditional")].conditions == ["us_backstop"]


def test_a_short_label_is_the_speaker_its_long_form_named() -> None:
    """A transcript names the speaker in full once ("LA MINISTRE DES ARMÉES"), then
    shortly ("LA MINISTRE"): the short label keeps the state of the long one."""
    found = positions(read_article(
        "JOURNALISTE : Madame la ministre, la France est-elle prête à envoyer des soldats "
        "en Ukraine après la guerre ?\n\n"
        "LA MINISTRE DES ARMÉES : Nous formons déjà des soldats ukrainiens sur notre sol et "
        "nous continuerons à le faire avec nos partenaires européens.\n\n"
        "JOURNALISTE : Et en mer Noire, que ferez-vous concrètement ?\n\n"
        "LA MINISTRE : Nous enverrons deux frégates en mer Noire dès que le cessez-le-feu "
        "sera signé, et nous le ferons avec nos partenaires britanniques et turcs.\n"
    ))  # fmt: skip
    assert found[("FRA", "conditional")].conditions == ["ceasefire"]


@pytest.mark.parametrize(
    "text",
    [
        "Министр обороны Латвии ответил на вопрос о будущем миссии: если бы это случилось, "  # noqa: RUF001
        "сработала бы пятая статья, но гадать я не собираюсь, сказал он журналистам.",
        "Asked what Latvia would do if the mission were attacked, the Latvian defence "
        "minister said he was not going to speculate about hypothetical scenarios.",
    ],
)
def test_declining_to_speculate_is_no_refusal(text: str) -> None:
    assert ("LVA", "ruled_out") not in positions(read_article(text))

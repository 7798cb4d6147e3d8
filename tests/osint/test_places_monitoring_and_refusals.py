"""Phrasing round 20 of unseen articles showed the rules missing (issue 17): a NATO
country is a place, not NATO; "left it there" is no withdrawal; monitoring the ceasefire
is no condition on it; "direct participant", "would accept no", "open to considering",
"grateful to"; in French, an offer refused in the conditional mood ("n'enverrait pas"),
"pas de bottes ... sur le terrain", "deviendrait une cible", a vote of the Commons. Every
sentence is written here, none copied from the corpus."""

from __future__ import annotations

import pytest

from tests.osint.builders import positions, read_article


def test_a_nato_country_is_a_place_and_the_offer_the_speakers() -> None:
    found = positions(read_article(
        "The Dutch prime minister said the Netherlands could station units in a "
        "neighbouring NATO country once a ceasefire holds, though not in Ukraine itself."
    ))  # fmt: skip
    assert not [key for key in found if key[0] == "NATO"]
    assert found[("NLD", "conditional")].conditions == ["ceasefire"]


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        ("The Kremlin said any Danish soldier in Ukraine would make Denmark \"a direct "
         "participant in the conflict\".", "RUS", "opposes"),
        ("Moscow would accept \"no foreign contingent on Ukrainian land\", the Russian "
         "foreign ministry said.", "RUS", "opposes"),
        ("New Zealand was \"open to considering\" a contribution to the force, the prime "
         "minister said, and left it there.", "NZL", "considering"),
        ("Two Norwegian patrol aircraft will begin flying surveillance missions over the "
         "Black Sea next month.", "NOR", "announced"),
        ("\"We are grateful to every country at this table,\" the Ukrainian president "
         "said.", "UKR", "supports"),
    ],
)  # fmt: skip
def test_more_english_positions(text: str, actor: str, status: str) -> None:
    assert (actor, status) in positions(read_article(text))


def test_leaving_it_there_is_no_withdrawal() -> None:
    found = positions(read_article(
        "Canberra said it was ready to send personnel, and left it there."
    ))  # fmt: skip
    assert ("AUS", "withdrawn") not in found


def test_monitoring_the_ceasefire_is_no_condition_on_it() -> None:
    found = positions(read_article(
        "The foreign minister confirmed that Canada will provide satellite surveillance to "
        "monitor the ceasefire."
    ))  # fmt: skip
    assert found[("CAN", "announced")].conditions == []


@pytest.mark.parametrize(
    ("text", "actor", "status", "conditions"),
    [
        ("La présidente du Conseil a redit que l'Italie n'enverrait pas de soldats en "
         "Ukraine.", "ITA", "ruled_out", []),
        ("Mais « pas de bottes américaines sur le terrain », a ajouté le secrétaire d'État "
         "américain.", "USA", "ruled_out", []),
        ("Downing Street a fait savoir que les troupes britanniques ne partiraient qu'après "
         "un vote des Communes.", "GBR", "conditional", ["parliamentary_approval"]),
        ("La porte-parole russe a prévenu que tout contingent français déployé en Ukraine "
         "deviendrait « une cible ».", "RUS", "opposes", []),
    ],
)  # fmt: skip
def test_more_french_positions(text: str, actor: str, status: str, conditions: list[str]) -> None:
    assert positions(read_article(text))[(actor, status)].conditions == conditions


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        ("Ausschließen wollte der österreichische Kanzler einen Einsatz ausdrücklich nicht.",
         "AUT", "considering"),
        ("The Irish taoiseach did not want to rule out a deployment.", "IRL", "considering"),
        ("Der tschechische Minister wiederholte, tschechische Soldaten würden nicht in die "
         "Ukraine gehen.", "CZE", "ruled_out"),
        ("Praga zapowiedziała, że Czesi „nie dołożą ani korony” do finansowania misji.", "CZE",
         "ruled_out"),
        ("Rosyjski wiceminister ostrzegł, że każda forma czeskiego wsparcia zostanie uznana "
         "za „bezpośrednie zaangażowanie w konflikt”.", "RUS", "opposes"),
    ],
)  # fmt: skip
def test_more_german_and_polish_positions(text: str, actor: str, status: str) -> None:
    assert (actor, status) in positions(read_article(text))


@pytest.mark.parametrize(
    "text",
    [
        'Dänemark stellt bis zu 100 Soldaten in Aussicht - aber "nur, wenn die Amerikaner '
        'uns den Rücken freihalten", sagte der Minister.',
        "Dania uzależnia swój kontyngent od amerykańskiej asekuracji, powiedział minister.",
    ],
)
def test_americans_keeping_our_back_free_are_the_backstop(text: str) -> None:
    offer = [c for c in read_article(text) if c.actor == "DNK" and c.fact == "position"]
    assert [c.conditions for c in offer] == [["us_backstop"]]


def test_a_member_of_parliament_does_not_speak_for_the_state() -> None:
    found = read_article(
        "Poseł opozycji uznał, że to „pierwszy krok do wysłania polskich wojsk” na Ukrainę."
    )  # fmt: skip
    assert not [c for c in found if c.actor == "POL"]


@pytest.mark.parametrize(
    "text",
    [
        "Міністр закордонних справ України подякував Данії за «конкретну допомогу, а не "  # noqa: RUF001
        "лише слова».",
        "Министр иностранных дел Украины поблагодарил Данию за поддержку и за корабль.",
        "Ukraińskie MSZ podziękowało Duńczykom za „konkretną pomoc, a nie tylko słowa”.",
        'In Kyiv, a foreign ministry spokesman said Ukraine "welcomes every soldier of the '
        'coalition".',
    ],
)
def test_ukraine_thanking_for_help_supports_it(text: str) -> None:
    assert ("UKR", "supports") in positions(read_article(text))


def test_thanks_for_hospitality_are_no_stance() -> None:
    found = positions(read_article(
        "Y. GÜLER: Dziękuję panu premierowi za gościnę. Окремо він подякував Японії."
    ))  # fmt: skip
    assert not [key for key in found if key[1] == "supports"]


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        ("Die Schweiz könne bis zu 40 Armeeangehörige für eine Beobachtermission in der "
         "Ukraine bereitstellen, sagte die Bundesrätin.", "CHE", "announced"),
        ("Grundlage ist das Mandat, das der Bundestag am 15. Oktober gebilligt hat; es "
         "erlaubt den Einsatz von bis zu 800 Soldaten in Polen.", "DEU", "parliament_approved"),
    ],
)  # fmt: skip
def test_more_german_offers(text: str, actor: str, status: str) -> None:
    assert (actor, status) in positions(read_article(text))

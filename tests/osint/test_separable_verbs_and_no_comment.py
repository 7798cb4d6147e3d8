"""Round 24 of unseen articles (issue 17): German offers whose verb is split or perfect
("stockt ... auf", "setzt ... fort", "hat ... zugesagt", "bekräftigt, ...
bereitzustellen"); English "would go into the fund", "will make ... available", "signed
off on"; Polish "mogą wysłać"; a ministry that "neither confirmed nor denied" or refused
to comment states nothing; Kyiv thanking in the imperfective and a "third world war"
said in short; a sentence that names no one but the capital it opens on ("In Lisbon, the
cabinet ...") is that state's offer. Every sentence is written here, none copied from
the corpus."""

from __future__ import annotations

import pytest

from tests.osint.builders import positions, read_article


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        ("Norwegen stockt seinen Beitrag zum Fonds der Koalition um 80 Millionen Euro auf.",
         "NOR", "announced"),
        ("Unabhängig davon setzt das niederländische Verteidigungsministerium die "
         "Ausbildung ukrainischer Soldaten in den Niederlanden fort.", "NLD", "announced"),
        ("Dänemark hat nach Angaben der Marine bereits eine Fregatte für den Verband "
         "zugesagt.", "DNK", "announced"),
        ("Die lettische Regierung hat am Montag bekräftigt, bis zu 120 Soldaten für die "
         "Truppe bereitzustellen.", "LVA", "announced"),
        ("The British defence secretary said £250 million would go into the coalition's "
         "fund for air defence.", "GBR", "announced"),
        ("Romania will make the port of Constanta available to the force as a logistics "
         "hub.", "ROU", "announced"),
        ("The Spanish cabinet signed off on Tuesday on an extra EUR 900 million for "
         "Ukraine.", "ESP", "government_approved"),
        ("Węgry mogą wysłać do pięćdziesięciu saperów, powiedział minister obrony.", "HUN",
         "announced"),
    ],
)  # fmt: skip
def test_offers_said_in_more_verbs(text: str, actor: str, status: str) -> None:
    assert (actor, status) in positions(read_article(text))


@pytest.mark.parametrize(
    "text",
    [
        "Le ministère italien de la Défense n'a ni confirmé ni démenti.",
        "The Italian defence ministry neither confirmed nor denied the report.",
        "Das italienische Verteidigungsministerium wollte sich dazu nicht äußern.",
    ],
)
def test_no_comment_states_nothing(text: str) -> None:
    assert not [key for key in positions(read_article(text)) if key[0] == "ITA"]


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        ("Ukraiński minister obrony dziękował gospodarzom i sąsiadom za wsparcie.", "UKR",
         "supports"),
        ("Le ministère ukrainien de la Défense a pour sa part salué « un pas concret ».",
         "UKR", "supports"),
        ("Прем'єр Угорщини назвав ідею іноземних військ в Україні «дорогою до третьої "
         "світової».", "HUN", "opposes"),
    ],
)  # fmt: skip
def test_thanks_and_a_world_war_in_short(text: str, actor: str, status: str) -> None:
    assert (actor, status) in positions(read_article(text))


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        ("In Lisbon, the cabinet signed off on Thursday on an extra EUR 60 million for "
         "Ukraine.", "PRT", "government_approved"),
        ("À Athènes, le gouvernement enverra deux chasseurs de mines en mer Noire.", "GRC",
         "announced"),
    ],
)  # fmt: skip
def test_a_sentence_that_opens_on_its_capital(text: str, actor: str, status: str) -> None:
    """A sentence naming no one but the capital it opens on is that state's."""
    assert (actor, status) in positions(read_article(text))


def test_a_party_in_its_own_country_is_not_its_state() -> None:
    found = positions(read_article(
        "En Espagne même, Vox répète qu'il s'opposera à l'envoi du moindre soldat."
    ))  # fmt: skip
    assert ("ESP", "opposes") not in found


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        ("Dänemark stellt bis zu 30 Stabsoffiziere für das Hauptquartier der Truppe.", "DNK",
         "announced"),
        ("Das Élysée ließ wissen, Frankreich stehe bereit, 2.000 Soldaten zu entsenden.",
         "FRA", "announced"),
        ("Rund 90 Soldaten des Heeres sind am Dienstag nach Litauen verlegt worden, teilte "
         "die Bundeswehr mit.", "DEU", "deployed"),
        ("Die ersten belgischen Einheiten sind am Montag in der Westukraine eingetroffen.",
         "BEL", "deployed"),
        ("Madrid said sending Spanish soldiers to Ukraine \"has never been on the table\".",
         "ESP", "ruled_out"),
        ("Canadian soldiers will not be on the ground in Ukraine, the minister said.", "CAN",
         "ruled_out"),
        ("He would not put a number on it, the Norwegian minister said.", "NOR", None),
    ],
)  # fmt: skip
def test_more_german_and_english_ways(text: str, actor: str, status: str | None) -> None:
    found = positions(read_article(text))
    assert [key[1] for key in found if key[0] == actor] == ([status] if status else [])

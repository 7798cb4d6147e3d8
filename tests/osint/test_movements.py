"""Round 17 of unseen articles (issue 17): a week that is not a summit. Troops and ships
that arrive or leave are deployed or withdrawn; an opposition leader's words are not the
state's; "only once Washington covers the mission" is the US backstop. Every sentence is
written here, none copied from the corpus."""

from __future__ import annotations

import pytest

from coalition.osint.quantities import quantity
from tests.osint.builders import GAZETTEER, positions, read_article


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        ("Two Belgian minehunters set sail from Zeebrugge on Tuesday to join the coalition's "
         "mine-clearing group in the western Black Sea.", "BEL", "deployed"),
        ("About eighty Danish engineers reached the base near Lviv on Sunday, the Danish "
         "defence ministry said.", "DNK", "deployed"),
        ("Sweden's training team of some sixty instructors left Poland on Thursday after "
         "eighteen months at the range.", "SWE", "withdrawn"),
        ("Die Bundeswehr hat in der Nacht zum Montag rund 300 Soldatinnen und Soldaten und zwei "
         "Flugabwehrsysteme nach Rumänien verlegt.", "DEU", "deployed"),
    ],
)  # fmt: skip
def test_arriving_and_leaving_are_deployed_and_withdrawn(
    text: str, actor: str, status: str
) -> None:
    assert (actor, status) in positions(read_article(text))


def test_a_team_that_left_a_question_open_has_not_withdrawn() -> None:
    found = positions(read_article(
        "The talks in Oslo left the question of the Norwegian contingent open, and Norway's "
        "team will stay in Poland until the summer, the ministry said."
    ))  # fmt: skip
    assert ("NOR", "withdrawn") not in found


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Лідер литовської опозиції заявив, що жоден литовський солдат не поїде в Україну, "
         "поки він має вплив на уряд.", "LTU"),
        ("Der Co-Vorsitzende der AfD-Fraktion sagte im Bundestag, kein deutscher Soldat werde in "
         "die Ukraine geschickt, solange seine Partei mitregiere.", "DEU"),
    ],
)  # fmt: skip
def test_an_opposition_leader_does_not_speak_for_the_state(text: str, actor: str) -> None:
    assert (actor, "ruled_out") not in positions(read_article(text))


def test_washington_covering_the_mission_is_the_us_backstop() -> None:
    found = positions(read_article(
        "Канберра готова надіслати своїх військових до складу багатонаціональних сил, заявив "
        "у вівторок міністр оборони Австралії. Це можливо лише тоді, коли Вашингтон пообіцяє "  # noqa: RUF001
        "прикрити місію з повітря."
    ))  # fmt: skip
    assert found[("AUS", "conditional")].conditions == ["us_backstop"]


def test_a_total_sent_since_a_year_is_history_not_a_deployment() -> None:
    found = positions(read_article(
        "Die Niederlande haben seit 1995 nach Angaben des Ministeriums mehr als 50.000 "
        "Soldatinnen und Soldaten in Auslandseinsätze entsandt."
    ))  # fmt: skip
    assert ("NLD", "deployed") not in found


@pytest.mark.parametrize(
    ("language", "clause"),
    [
        ("fr", "l'envoi de 300 militaires au maximum au sein de la force"),
        ("en", "a contingent of 300 soldiers at most, all of them volunteers"),
        ("de", "300 Soldaten höchstens, sagte der Minister"),
    ],
)
def test_a_cap_said_after_the_number_is_up_to(language: str, clause: str) -> None:
    found = quantity(GAZETTEER.languages[language], clause)
    assert found is not None
    assert found.as_dict() == {"value": 300.0, "unit": "personnel", "said": "up_to"}


def test_a_ministers_answer_reports_what_is_there_and_what_is_added() -> None:
    """In a transcript: "We've had ... working there since ..." is deployed; "we are
    adding another ..." is a new offer."""
    found = positions(read_article(
        "Q: Are Danish officers already at the headquarters, or is that still planned?\n\n"
        "Poulsen: They are. We've had 25 Danish staff officers working at the coalition's "
        "headquarters near Lviv since early March, and more will follow.\n\n"
        "Q: And the money for the common fund?\n\n"
        "Poulsen: It is there, and Denmark is adding another 60 million euros this year for "
        "demining equipment.\n"
    ))  # fmt: skip
    assert found[("DNK", "deployed")].kinds[:1] == ["headquarters_staff"]
    paid = found[("DNK", "announced")]
    assert paid.quantity == {"value": 60_000_000.0, "unit": "EUR", "said": "exact"}


@pytest.mark.parametrize(
    "text",
    [
        "Vienna is ready to send 40 engineers to clear mines, subject to the approval of the "
        "National Council's Main Committee, the Austrian defence minister said.",
        "Вена готова направить сорок саперов для разминирования, но только при условии "
        "одобрения Главным комитетом Национального совета, сообщила министр обороны Австрии.",
    ],
)
def test_the_austrian_parliaments_main_committee_is_parliamentary_approval(text: str) -> None:
    found = positions(read_article(text))
    assert found[("AUT", "conditional")].conditions == ["parliamentary_approval"]

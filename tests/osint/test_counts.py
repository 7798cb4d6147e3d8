"""Counts of states in six languages, on sentences written for these tests: which number
counts ("N of the M", "one of M", "Of the M ..., N have"), attendance that is no count,
conditions said in the sentence or pointed back to, one count per number per article."""

from __future__ import annotations

import datetime as dt

import pytest

from coalition.osint.candidate import Candidate
from coalition.osint.extract import extract
from coalition.osint.reading import analyse
from tests.osint.builders import GAZETTEER

DAY = dt.date(2026, 9, 17)


def counts(text: str) -> list[Candidate]:
    return [c for c in extract(analyse(text, published=DAY), GAZETTEER) if c.fact == "count"]


@pytest.mark.parametrize(
    ("text", "count", "conditions"),
    [
        (
            "Of the 33 delegations in Vilnius, 17 have now offered troops for a force that would "
            "deploy once a ceasefire holds.",
            17,
            ["ceasefire"],
        ),
        (
            "Portugal is now one of 14 countries ready to send soldiers to the force once there "
            "is a ceasefire.",
            14,
            ["ceasefire"],
        ),
        (
            "Nine of the 30 countries at the table said they were ready to station troops in "
            "Ukraine after a peace agreement.",
            9,
            ["peace_agreement"],
        ),
        ("Thirty-two nations have committed to contribute to the mission.", 32, []),
        # a tally of a part of a whole is a count without a stance cue
        ("Am Ende hatten 21 der 33 Delegationen Truppenzusagen mit Zahlen hinterlegt.", 21, []),
        (
            "Nach Angaben aus Diplomatenkreisen haben inzwischen dreizehn der 31 Teilnehmerstaaten "
            "zugesagt, nach einem Waffenstillstand Soldaten zu entsenden.",
            13,
            ["ceasefire"],
        ),
        (
            "Selon le ministère, vingt-trois des trente et un pays présents se disent prêts à "
            "envoyer des militaires après un cessez-le-feu.",
            23,
            ["ceasefire"],
        ),
        (
            "Gotowość wysłania żołnierzy po zawieszeniu broni zgłosiło dotąd 15 państw, "
            "poinformował resort obrony.",
            15,
            ["ceasefire"],
        ),
        (
            "За даними Міноборони, про готовність направити військових після припинення вогню "  # noqa: RUF001
            "заявили 21 держава.",
            21,
            ["ceasefire"],
        ),
        (
            "По данным источника, о готовности направить военных после прекращения огня "  # noqa: RUF001
            "заявили двенадцать стран.",
            12,
            ["ceasefire"],
        ),
    ],
)
def test_the_number_that_counts_states(text: str, count: int, conditions: list[str]) -> None:
    found = counts(text)
    assert [(c.count, c.conditions) for c in found] == [(count, conditions)]
    assert found[0].status == ("conditional" if conditions else "announced")


@pytest.mark.parametrize(
    "text",
    [
        "Defence ministers from 27 countries met in Riga on Tuesday to discuss the force.",
        "Les représentants de 24 pays ont passé en revue la planification de la force.",
        "Во встрече приняли участие представители 30 государств, готовых направить военных.",  # noqa: RUF001
        "The 32 members of NATO border Russia along a long front.",  # no stance
        "12,000 troops from the coalition could be ready within months.",  # no states
    ],
)
def test_attendance_and_other_numbers_are_no_count(text: str) -> None:
    assert counts(text) == []


def test_a_count_that_points_back_takes_the_condition_stated_before() -> None:
    text = (
        "Spain said it was ready to send troops if the fighting stops. "
        "Eighteen countries have expressed their readiness for this."
    )
    (found,) = counts(text)
    assert (found.count, found.conditions, found.status) == (18, ["ceasefire"], "conditional")


def test_the_same_count_said_twice_is_one_with_both_sources_of_conditions() -> None:
    text = (
        "Twenty-two countries have pledged troops.\n\n"
        "Officials said 22 countries were ready to deploy forces after a ceasefire."
    )
    (found,) = counts(text)
    assert (found.count, found.conditions) == (22, ["ceasefire"])


def test_tens_and_units_in_two_words_are_one_number() -> None:
    text = "Dziś deklarację podpisały już dwadzieścia cztery państwa, poinformował minister."
    assert [c.count for c in counts(text)] == [24]


def test_a_count_between_the_speaker_and_the_cue_is_the_subject() -> None:
    text = (
        "Jak poinformował minister Władysław Kosiniak-Kamysz, 21 państw zadeklarowało gotowość "
        "wysłania żołnierzy po zawieszeniu broni."
    )
    found = extract(analyse(text, published=DAY), GAZETTEER)
    assert [(c.fact, c.actor, c.count) for c in found] == [("count", None, 21)]


def test_a_line_of_links_is_boilerplate() -> None:
    text = (
        "Kanada zapowiedziała w środę wysłanie 200 żołnierzy po zawieszeniu broni.\n\n"
        "Dołącz do Premium | Zobacz także: Japonia przekaże miliardy."
    )
    found = extract(analyse(text, published=DAY), GAZETTEER)
    assert {c.actor for c in found} == {"CAN"}

"""Stance patterns, negations, conditions, counts and who said it, on sentences written
for the tests (not taken from the seed articles)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coalition.osint.candidate import Candidate
from coalition.osint.extract import extract
from coalition.osint.reading import analyse
from tests.osint.builders import GAZETTEER

DAY = dt.date(2025, 3, 20)  # a Thursday


def facts(text: str, day: dt.date = DAY) -> list[Candidate]:
    return extract(analyse(text, published=day), GAZETTEER)


def one(text: str, day: dt.date = DAY) -> Candidate:
    found = facts(text, day)
    assert len(found) == 1, [(c.fact, c.actor, c.status) for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "actor", "status"),
    [
        ("Norway's government said it is ready to send troops to Ukraine.", "NOR", "announced"),
        ("The Dutch are willing to contribute soldiers to the force.", "NLD", "announced"),
        ("Finland will send a battalion of peacekeepers, officials said.", "FIN", "announced"),
        ("Denmark is not ready to deploy forces at this stage.", "DNK", "ruled_out"),
        ("Italy will not send troops to Ukraine, the minister said.", "ITA", "ruled_out"),
        ("Hungary refused to contribute soldiers to any mission.", "HUN", "ruled_out"),
        ("Spain ruled out sending ground troops.", "ESP", "ruled_out"),
        ("Belgium does not exclude sending troops later.", "BEL", "considering"),
        ("Canada didn't rule out a deployment of forces.", "CAN", "considering"),
        ("Estonia is considering sending a company of soldiers.", "EST", "considering"),
        ("Norway signed a declaration of intent on deploying troops to Ukraine.", "NOR",
         "declared"),
    ],
)  # fmt: skip
def test_each_stance_pattern(sentence: str, actor: str, status: str) -> None:
    fact = one(sentence)
    assert (fact.fact, fact.actor, fact.status, fact.kinds) == (
        "position",
        actor,
        status,
        ["troops"],
    )
    assert fact.quote == sentence and fact.date == DAY


@pytest.mark.parametrize(
    ("sentence", "conditions"),
    [
        ("Norway is ready to send troops once a peace agreement is signed.", ["peace_agreement"]),
        ("Latvia is prepared to deploy soldiers, but only with a US backstop.", ["us_backstop"]),
        ("Romania will deploy troops after a ceasefire is in force.", ["ceasefire"]),
        ("Czechia is willing to send forces, with parliamentary approval.",
         ["parliamentary_approval"]),
        ("Portugal is ready to deploy troops away from the front line.", ["away_from_front_line"]),
    ],
)  # fmt: skip
def test_conditions_make_an_offer_conditional(sentence: str, conditions: list[str]) -> None:
    fact = one(sentence)
    assert fact.status == "conditional" and fact.conditions == conditions


def test_negation_wins_over_the_positive_cue() -> None:
    assert one("Austria is not willing to send troops.").status == "ruled_out"
    assert one("Ireland does not exclude being ready to send troops.").status == "considering"


def test_people_stand_for_their_state_on_the_day() -> None:
    merz = one("Friedrich Merz said Germany was ready to deploy forces.", dt.date(2025, 9, 1))
    assert (merz.actor, merz.speaker) == ("DEU", "friedrich-merz")
    # Olaf Scholz spoke for Germany in February 2025, not after May 2025.
    assert one("Scholz said he is not ready to send troops.", dt.date(2025, 2, 1)).actor == "DEU"
    assert facts("Scholz said he is not ready to send troops.", dt.date(2025, 9, 1)) == []


def test_he_and_they_point_back() -> None:
    text = "Ulf Kristersson spoke to reporters. He said Sweden was willing to send soldiers."
    assert one(text).actor == "SWE"
    swedes = one("The Finns were cautious, saying they do not exclude sending troops.")
    assert (swedes.actor, swedes.status) == ("FIN", "considering")


def test_a_group_names_no_state() -> None:
    assert facts("Macron said that Europe is ready to deploy troops if the war stops.") == []
    assert facts("Many countries are willing to send troops.") == []


def test_opposition_and_support() -> None:
    moscow = one("Moscow rejected the idea of Western peacekeepers in Ukraine.")
    assert (moscow.fact, moscow.actor, moscow.status) == ("stance", "RUS", "opposes")
    kremlin = one("The Kremlin is strongly opposed to foreign troops on Ukrainian soil.")
    assert (kremlin.actor, kremlin.status) == ("RUS", "opposes")
    rutte = one("Mark Rutte said it is essential that Europeans send a force.")
    assert (rutte.actor, rutte.status) == ("NATO", "supports")


def test_counts_of_states() -> None:
    fact = one("Twelve countries have pledged to send troops after a ceasefire.")
    assert (fact.fact, fact.count, fact.status, fact.conditions) == (
        "count",
        12,
        "conditional",
        ["ceasefire"],
    )
    assert one("So far 31 states have signed up to the air mission.").count == 31
    # A spelled-out compound is one number, not its last word (issue 17: "Twenty-six" was 6).
    assert one("Twenty-six countries have committed to the force.").count == 26
    assert one("Thirty-one states have offered troops for the mission.").count == 31


def test_weapons_and_money_are_kinds_too() -> None:
    assert one("Japan is ready to provide financing for reconstruction.").kinds == ["financing"]
    assert one("Australia will not provide weapons, its minister said.").kinds == ["weapons"]


def test_translations_do_not_double_count(tmp_path: Path) -> None:
    text = (
        "Poland is not ready to deploy troops, its prime minister said on Monday.\n\n"
        "Translation below into German\n\n"
        "Polen ist nicht bereit, Truppen zu entsenden, sagte sein Ministerpräsident am Montag."
    )
    found = facts(text)
    assert [(c.actor, c.status, c.date) for c in found] == [
        ("POL", "ruled_out", dt.date(2025, 3, 17))
    ]


def test_the_meeting_reported() -> None:
    text = (
        "Leaders gathered for the Oslo summit on Monday. "
        "Norway's government said it is ready to send troops to Ukraine."
    )
    assert one(text).meeting == "Oslo, 2025-03-17"
    # "US-Russia talks" name states, not a place.
    assert one("After the US-Russia talks, Spain ruled out sending troops.").meeting is None
    # A meeting still to come is not one that took place (issue 17).
    planned = ("Defence ministers will hold a meeting in Rome next week. "
               "Italy said it is ready to send troops to Ukraine.")  # fmt: skip
    assert one(planned).meeting is None


def test_a_headline_and_its_body_are_one_statement() -> None:
    """The headline compresses (its "after a ceasefire" belongs to the offer, not to the
    refusal); the body says each thing once or twice: one candidate per actor, kind and
    status, with the conditions the body gives, and an announcement made conditional
    later is the conditional offer."""
    found = facts(
        "Norway offers minehunters after a ceasefire, rules out ground troops\n\n"
        "Norway is prepared to send up to two minehunters once a ceasefire is in place, "
        "Prime Minister Jonas Gahr Store said on Thursday. Norway will not send ground forces "
        "into Ukraine, he said. Norway will not send troops to Ukraine, he repeated."
    )
    positions = sorted((c.actor, c.status, c.kinds[0], tuple(c.conditions)) for c in found
                       if c.fact == "position")  # fmt: skip
    assert positions == [("NOR", "conditional", "troops", ("ceasefire",)),
                         ("NOR", "ruled_out", "troops", ())]  # fmt: skip
    refusal = next(c for c in found if c.status == "ruled_out")
    assert not refusal.quote.startswith("Norway offers")  # the body's sentence is the evidence


def test_a_number_in_a_model_name_counts_nothing() -> None:
    fact = one("Canada will deploy a CC-330 Husky and up to 90 personnel to Poland.")
    assert fact.quantity == {"value": 90.0, "unit": "personnel", "said": "up_to"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Diplomats said Austria and Malta had made no new offers at the meeting.",
        "Officials in Tallinn said Estonia made no fresh pledges this week.",
    ],
)
def test_a_report_of_no_offer_states_nothing(sentence: str) -> None:
    assert [c for c in facts(sentence) if c.fact == "position"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Estonia, the diplomats noted, has made the offers that matter most.",
        "Many of the pledges remain vague or carry conditions, Norway's envoy said.",
        "The Kremlin will keep concluding that Europe is bluffing, Lithuania warned.",
    ],
)
def test_an_offer_as_a_noun_or_a_habit_is_no_pledge(sentence: str) -> None:
    assert [c for c in facts(sentence) if c.fact == "position"] == []


def test_a_cue_read_through_an_aside_and_a_refusal_of_not_one_soldier() -> None:
    assert (one("Oslo could, however, second officers to the headquarters.").actor) == "NOR"
    fact = one('"Not one Slovak soldier will go to Ukraine," the prime minister said.')
    assert (fact.actor, fact.status) == ("SVK", "ruled_out")


@pytest.mark.parametrize(
    ("sentence", "quantity"),
    [
        ("Japan has pledged ¥90 billion (about $600 million) to the fund.",
         {"value": 90e9, "unit": "JPY", "said": "exact"}),
        ("Spain will send about 140 military engineers to the force.",
         {"value": 140.0, "unit": "personnel", "said": "about"}),
        ("Denmark has offered three Chinooks for casualty evacuation.",
         {"value": 3.0, "unit": "helicopters", "said": "exact"}),
        ("Norway will send two P-8 Poseidons to patrol the Black Sea.",
         {"value": 2.0, "unit": "surveillance_aircraft", "said": "exact"}),
    ],
)  # fmt: skip
def test_units_of_currencies_models_and_trades(sentence: str, quantity: dict[str, float]) -> None:
    assert one(sentence).quantity == quantity


def test_a_population_is_not_a_number_of_troops() -> None:
    fact = one("Iceland, a country of fewer than 400,000 people, will send two nurses.")
    assert fact.quantity is None or fact.quantity["value"] != 400_000


@pytest.mark.parametrize(
    ("sentence", "actor", "status"),
    [
        ("Qatar will contribute $300 million to the demining fund.", "QAT", "announced"),
        ("Belgium committed a field hospital to the first rotation.", "BEL", "announced"),
        ("The minister said there would be no Greek ground troops in Ukraine.", "GRC",
         "ruled_out"),
        ("No Irish Defence Forces personnel will be deployed inside Ukraine.", "IRL",
         "ruled_out"),
        ("NATO's Secretary-General said the alliance backed the force.", "NATO", "supports"),
        ('The Kremlin said Russia "categorically rejects" the deployment of European troops.',
         "RUS", "opposes"),
    ],
)  # fmt: skip
def test_more_ways_to_say_a_position(sentence: str, actor: str, status: str) -> None:
    assert (actor, status) in {(c.actor, c.status) for c in facts(sentence)}


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Oslo will put another 3 billion crowns into the fund.", "NOK"),
        ("Stockholm will add two billion kronor to the fund.", "SEK"),
        ("Ottawa will provide an additional two billion dollars to the force.", "CAD"),
        ("Romania will contribute 50 million dollars to the fund.", "USD"),
    ],
)
def test_a_currency_word_is_the_paying_states(sentence: str, unit: str) -> None:
    quantity = one(sentence).quantity
    assert quantity is not None and quantity["unit"] == unit


def test_an_opinion_in_another_clause_does_not_hedge_the_offer() -> None:
    fact = one(
        "The minister said Italy was ready to send 200 soldiers, adding that others should do more."
    )
    assert (fact.actor, fact.status) == ("ITA", "announced")
    assert facts("Italy should send 200 soldiers, adding weight to the force.") == []


@pytest.mark.parametrize(
    ("sentence", "actor", "status"),
    [
        ("Robles said any Spanish participation would require the approval of the Congress.",
         "ESP", "conditional"),
        ("Merz said German forces could be stationed in Poland once a ceasefire is agreed.",
         "DEU", "conditional"),
        ("In Sofia, the National Assembly rejected a government proposal to send a minehunter.",
         "BGR", "refused"),
    ],
)  # fmt: skip
def test_a_role_that_would_need_a_vote_a_possible_station_a_rejected_proposal(
    sentence: str, actor: str, status: str
) -> None:
    assert (actor, status) in {(c.actor, c.status) for c in facts(sentence)}


def test_a_state_named_as_a_place_is_not_who_acts() -> None:
    text = (
        "Speaking after the meeting, Norway's minister said the instructors would work at "
        "training grounds in Poland and Britain, while the frigate would join the mission."
    )
    assert {c.actor for c in facts(text) if c.fact == "position"} == {"NOR"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ('Canada "is prepared to consider" sending troops to the force.', {("CAN", "considering")}),
        ("If Canada did send 1,000 troops, it would give Ottawa a seat at the table.", set()),
        ("A country like Canada has to be willing to help enforce the peace.", set()),
    ],
)
def test_considering_and_counterfactuals(sentence: str, expected: set[tuple[str, str]]) -> None:
    assert {(c.actor, c.status) for c in facts(sentence) if c.fact == "position"} == expected


def test_adding_that_starts_a_second_statement() -> None:
    text = (
        "The minister said on Tuesday that Poland would train Ukrainian brigades on Polish "
        "soil, reiterating that no Polish soldier would be stationed in Ukraine."
    )
    found = {(c.actor, c.status, c.kinds[0]) for c in facts(text) if c.fact == "position"}
    assert ("POL", "announced", "training") in found and ("POL", "ruled_out", "troops") in found


@pytest.mark.parametrize(
    "sentence",
    [
        "The Tweede Kamer on Thursday voted 97 to 53 to approve the Dutch deployment of troops.",
        "A large majority of the House of Representatives on Thursday approved the Dutch "
        "contribution of 250 troops to the force.",
    ],
)
def test_a_parliament_that_approves_is_an_approval_not_a_condition(sentence: str) -> None:
    fact = one(sentence)
    assert (fact.actor, fact.status) == ("NLD", "parliament_approved")
    assert "parliamentary_approval" not in fact.conditions


def test_a_mission_authorised_by_the_security_council_and_approved_by_parliament() -> None:
    fact = one(
        "Ireland is ready to send 50 soldiers to a mission authorised by the UN Security "
        "Council and approved by the Dail."
    )
    assert (fact.actor, fact.status) == ("IRL", "conditional")
    assert set(fact.conditions) == {"un_mandate", "parliamentary_approval"}


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ('The Dutch cabinet says it is willing "in principle" to send troops.', "NLD"),
        ("Lisbon confirmed that its company of 140 soldiers remains on standby for the force.",
         "PRT"),
    ],
)  # fmt: skip
def test_willing_in_principle_and_on_standby(sentence: str, actor: str) -> None:
    assert actor in {c.actor for c in facts(sentence) if c.fact == "position"}

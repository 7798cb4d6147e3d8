"""Stances, conditions and numbers said in each language's own ways (issue 17): support
by welcoming a decision, a parliament named many ways, numbers in several words, pledges
cut or raised, councils that approve for a government, threats, refusals said object
first. Every sentence is written here, not taken from the corpus."""

from __future__ import annotations

import pytest

from coalition.osint.candidate import Candidate
from coalition.osint.quantities import quantity
from tests.osint.builders import GAZETTEER, positions, read_article


def _read(text: str) -> list[Candidate]:
    return read_article(text)


def _positions(text: str) -> set[tuple[str | None, str | None, tuple[str, ...]]]:
    return {(c.actor, c.status, tuple(c.conditions)) for c in _read(text)
            if c.fact == "position"}  # fmt: skip


@pytest.mark.parametrize(
    "sentence",
    [
        "Ukraine's foreign minister welcomed the decision as a signal to other partners.",
        "In Kiew begrüßte Außenminister Andrij Sybiha den Beschluss als wichtiges Signal.",
        "Le ministre ukrainien des Affaires étrangères a salué la décision du gouvernement belge.",
    ],
)
def test_welcoming_a_decision_is_support(sentence: str) -> None:
    assert ("UKR", "supports") in {(c.actor, c.status) for c in _read(sentence)}


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Ottawa is prepared to deploy up to 400 troops once a ceasefire holds. We will "
         "bring a motion to the House of Commons before any soldier leaves.", "CAN"),
        ("Croatia could contribute up to 60 military police officers after a ceasefire. That "
         "would require the approval of the Sabor, the minister added.", "HRV"),
        ("The Danish government approved sending an engineer company of 90 soldiers. The "
         "decision still needs a majority in the Folketing.", "DNK"),
        ("Belgien ist bereit, bis zu zwei Minenjagdboote zu stellen. Voraussetzung sei, dass ein "
         "Waffenstillstand gelte und die Kammer dem Einsatz zustimme.", "BEL"),
        ("Die Niederlande wollen bis zu vier Kampfflugzeuge bereitstellen, vorausgesetzt, "
         "das Parlament in Den Haag stimmt zu.", "NLD"),
        ("Quatre officiers luxembourgeois rejoindront l'état-major, sous réserve d'un avis "
         "favorable de la Chambre des députés.", "LUX"),
    ],
)  # fmt: skip
def test_a_parliament_said_many_ways_is_the_condition(text: str, actor: str) -> None:
    assert any(a == actor and "parliamentary_approval" in c for a, _, c in _positions(text))


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("uk", "депутати дозволили відправити до тисячі двохсот військових", 1200.0),
        ("ru", "готовы направить до ста пятидесяти военнослужащих", 150.0),
        ("pl", "Tallinn wyśle około stu dwudziestu żołnierzy", 120.0),
        ("uk", "щонайменше сорок п'ять штабних офіцерів", 45.0),
        ("ru", 'готов разместить на Украине "тысячи" военных', None),  # "thousands": no figure
    ],
)
def test_a_number_said_in_several_words(language: str, text: str, value: float | None) -> None:
    found = quantity(GAZETTEER.languages[language], text)
    assert (found.value if found else None) == value


def test_a_datelines_place_is_not_who_speaks() -> None:
    text = (
        "BRUXELLES (AFP) - Le gouvernement belge a approuvé vendredi l'envoi de jusqu'à 250 "
        "militaires au sein de la force multinationale, une fois un cessez-le-feu conclu."
    )
    assert {a for a, _, _ in _positions(text)} == {"BEL"}


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        ("Schweden hat seine Zusage nach der Wahl auf höchstens 150 Soldaten "
         "zusammengestrichen, teilte das Verteidigungsministerium mit.", "SWE", "announced"),
        ("The new Dutch cabinet has cut its pledge to 250 soldiers, the defence minister "
         "told parliament on Thursday.", "NLD", "announced"),
        ("Le Luxembourg a porté sa contribution à 30 millions d'euros, a indiqué vendredi le "
         "ministère de la Défense à Luxembourg.", "LUX", "announced"),
        ("Das Fürstentum Liechtenstein, das keine eigene Armee unterhält, sagte der Koalition "
         "zwei Millionen Franken für die Minenräumung zu.", "LIE", "announced"),
    ],
)  # fmt: skip
def test_a_pledge_cut_or_raised_is_the_new_pledge(text: str, actor: str, status: str) -> None:
    assert (actor, status) in {(a, s) for a, s, _ in _positions(text)}


def test_a_german_verb_second_aber_is_a_second_clause() -> None:
    text = (
        "Polen will keine eigenen Soldaten in die Ukraine schicken, stellt aber den Flughafen "
        "Rzeszów als Drehkreuz für Nachschub zur Verfügung."
    )
    assert {(a, s) for a, s, _ in _positions(text)} == {("POL", "ruled_out"), ("POL", "announced")}


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Le Conseil fédéral a approuvé mercredi le principe d'une contribution de l'armée, "
         "jusqu'à 180 militaires, a indiqué le département de la Défense à Berne.", "CHE"),
        ("Romania's Supreme Council of National Defence approved on Tuesday the use of the air "
         "base by the coalition's aircraft, the presidency said in Bucharest.", "ROU"),
    ],
)  # fmt: skip
def test_a_federal_or_defence_council_approves_for_its_government(text: str, actor: str) -> None:
    assert (actor, "government_approved") in {(a, s) for a, s, _ in _positions(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Alexander Lukashenko said on Tuesday that Belarus would move troops to its border, "
        "calling the coalition's plans a threat to Belarus.",
        "Le président biélorusse, Alexandre Loukachenko, a qualifié le projet de « menace "
        "directe » pour son pays, et annoncé des manœuvres près de la frontière.",
    ],
)
def test_calling_the_force_a_threat_opposes_it(text: str) -> None:
    assert ("BLR", "opposes") in {(c.actor, c.status) for c in _read(text)}


def test_refusing_to_speculate_states_nothing() -> None:
    text = (
        "Interrogé sur un éventuel retrait américain, le ministre canadien a refusé de "
        "« spéculer » devant les journalistes réunis à Ottawa."
    )
    assert [c for c in _read(text) if c.fact == "position"] == []


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        ("Soldaten schickt Japan dagegen nicht; das verbiete die Verfassung, heißt es im "
         "Außenministerium in Tokio.", "JPN", "ruled_out"),
        ("Nach Angaben des Verteidigungsministeriums sind bereits rund 300 niederländische "
         "Soldaten in der Region Lwiw stationiert.", "NLD", "deployed"),
    ],
)  # fmt: skip
def test_german_object_first_refusals_and_troops_already_there(
    text: str, actor: str, status: str
) -> None:
    assert (actor, status) in {(a, s) for a, s, _ in _positions(text)}


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        ("Jak przekazał rzecznik ministerstwa obrony, udział czeskich żołnierzy w misji na "
         "Ukrainie nie będzie możliwy bez zgody obu izb czeskiego parlamentu.", "CZE",
         "conditional"),
        ("Rzecznik MSZ przypomniał w niedzielę to, co rząd powtarza od dawna: polskich "
         "żołnierzy na Ukrainie nie będzie.", "POL", "ruled_out"),
        ("Бельгійських інструкторів не відправлять, доки режим тиші не буде повністю "
         "відновлено, заявив міністр оборони Бельгії.", "BEL", "conditional"),
    ],
)  # fmt: skip
def test_not_possible_without_and_not_until(text: str, actor: str, status: str) -> None:
    assert (actor, status) in {(a, s) for a, s, _ in _positions(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Kreml nannte den Kabinettsbeschluss der Bundesregierung am Donnerstag einen "
         "«feindseligen Schritt» gegen Russland.", ("stance", "RUS", "opposes", None)),
        ("Vendredi, sur les trente-trois délégations réunies à Lisbonne, vingt-neuf États ont "
         "signé un texte par lequel ils s'engagent à apporter des garanties de sécurité.",
         ("count", None, "announced", 29)),
        ("Hungary repeated on Tuesday that it will send neither soldiers nor weapons to the "
         "force, the foreign minister told reporters in Budapest.",
         ("position", "HUN", "ruled_out", None)),
    ],
)  # fmt: skip
def test_a_hostile_step_the_part_of_a_whole_and_neither_nor(
    text: str, expected: tuple[str, str | None, str, int | None]
) -> None:
    assert expected in {(c.fact, c.actor, c.status, c.count) for c in _read(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Niederlande schlössen eine Beteiligung mit Soldaten nicht aus, sagte der "
         "niederländische Regierungschef am Montag in Luxemburg.", ("NLD", "considering")),
        ("The Czech defence ministry confirmed on Monday that the Czech Republic is "
         "withdrawing that offer of about 200 troops.", ("CZE", "withdrawn")),
        ("South Korea is reviewing a field hospital team, while stressing that no combat "
         "personnel are under consideration, Seoul said.", ("KOR", "ruled_out")),
    ],
)  # fmt: skip
def test_not_excluding_withdrawing_an_offer_and_no_troops_considered(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in {(c.actor, c.status) for c in _read(text)}


def test_a_ceasefire_between_russia_and_ukraine_conditions_the_mandate_before_it() -> None:
    text = (
        "Der Bundestag billigte am Donnerstag mit großer Mehrheit ein Mandat, das den Einsatz "
        "von bis zu 350 Soldatinnen und Soldaten erlaubt. Es tritt allerdings erst in Kraft, "
        "wenn zwischen Russland und der Ukraine eine Waffenruhe gilt."
    )
    assert ("DEU", "parliament_approved", ("ceasefire",)) in _positions(text)


def test_the_new_riksdag_must_decide() -> None:
    text = (
        "«Eine Entsendung schließen wir nicht aus, aber darüber muss der neue Reichstag "
        "entscheiden», sagte der schwedische Verteidigungsminister am Dienstag in Stockholm."
    )
    assert ("SWE", "considering", ("parliamentary_approval",)) in _positions(text)


@pytest.mark.parametrize(
    ("language", "text", "value", "unit"),
    [
        ("fr", "les Pays-Bas engageraient eux aussi un chasseur de mines en mer Noire", 1.0,
         "minehunters"),
        ("fr", "l'engagement de deux chasseurs de mines et d'environ 90 marins", 90.0,
         "personnel"),
        ("en", "a frigate, two minehunters and some 350 sailors", 350.0, "personnel"),
    ],
)  # fmt: skip
def test_one_minehunter_and_the_crews_before_the_ships(
    language: str, text: str, value: float, unit: str
) -> None:
    """A unit of several words after "un" is that unit, not "chasseur" (a fighter); where
    a clause counts ships and the people on them, the people are the pledge."""
    found = quantity(GAZETTEER.languages[language], text)
    assert found is not None and (found.value, found.unit) == (value, unit)


def test_a_german_offer_in_a_subordinate_clause_and_the_federation() -> None:
    """ "..., dass der Bund 2028 weitere 4 Milliarden Euro bereitstellt": the verb at the
    end of a dass-clause offers, and "der Bund" is Germany."""
    found = positions(read_article(
        "Die Finanzministerin bestätigte am Mittwoch, dass der Bund 2028 weitere vier "
        "Milliarden Euro für die Luftverteidigung der Ukraine bereitstellt."
    ))  # fmt: skip
    assert found[("DEU", "announced")].quantity == {
        "value": 4_000_000_000.0, "unit": "EUR", "said": "exact"}  # fmt: skip


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", 'ready to send "up to six and a half thousand" troops', 6500.0),
        ("fr", "trois milliards et demi d'euros pour la défense aérienne", 3.5e9),
        ("uk", "до шести з половиною тисяч військових", 6500.0),
        ("ru", "до шести с половиной тысяч военных", 6500.0),  # noqa: RUF001
        ("pl", "do sześciu i pół tysiąca żołnierzy", 6500.0),
    ],
)  # fmt: skip
def test_a_half_before_or_after_the_scale(language: str, text: str, value: float) -> None:
    found = quantity(GAZETTEER.languages[language], text)
    assert found is not None and found.value == value


def test_an_offer_kept_is_still_made() -> None:
    found = positions(read_article(
        "Vilnius kept its offer of an infantry company of about 140 troops."
    ))  # fmt: skip
    assert found[("LTU", "announced")].quantity == {
        "value": 140.0, "unit": "personnel", "said": "about"}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "value", "unit", "said"),
    [
        ("proposing up to one hundred and twenty military police", 120.0, "personnel",
         "up_to"),
        ("two C-17 Globemasters flying in and out of the hubs", 2.0, "transport_aircraft",
         "exact"),
    ],
)  # fmt: skip
def test_one_hundred_and_airlift(text: str, value: float, unit: str, said: str) -> None:
    """One hundred and twenty is 120 said "up to" (not one, then a hundred and twenty)."""
    found = quantity(GAZETTEER.languages["en"], text)
    assert found is not None and (found.value, found.unit, found.said) == (value, unit, said)

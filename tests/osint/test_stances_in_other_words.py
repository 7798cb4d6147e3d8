"""Stances said in words the rules did not know before round 18 of unseen articles (issue
17): troops that "will be in Ukraine", sharing that goes on, a sanctions package agreed,
Washington "standing behind" as a condition, and what a future government would do. The
refusals "there will be no Hungarian soldiers" were read before and stay as guards. Every
sentence is written here, none copied from the corpus."""

from __future__ import annotations

import pytest

from tests.osint.builders import positions, read_article


@pytest.mark.parametrize(
    ("text", "actor", "status", "conditions"),
    [
        ("„Belgische Soldaten werden in der Ukraine sein, wenn die Waffen schweigen – "  # noqa: RUF001
         "vorausgesetzt, Washington steht hinter uns“, sagte der belgische Außenminister.",
         "BEL", "conditional", ["ceasefire", "us_backstop"]),
        ("Dutch troops will be in Ukraine once a ceasefire holds, provided the United States "
         "stands behind the mission, the Dutch minister said.", "NLD", "conditional",
         ["ceasefire", "us_backstop"]),
        ("Міністр оборони Угорщини заявив, що угорських вояків на українській землі теж не "
         "буде.", "HUN", "ruled_out", []),
        ("Премьер Словакии заявил, что словацких военнослужащих в составе этих сил точно не "
         "будет.", "SVK", "ruled_out", []),
        ("Канада й надалі ділитиметься з союзниками розвідданими, заявила міністерка.", "CAN",
         "announced", []),
        ("Министр заявил, что Норвегия будет и дальше поставлять Украине боеприпасы.", "NOR",
         "announced", []),
        ("Die EU hat sich am Montag auf ein weiteres Sanktionspaket gegen Russland geeinigt.",
         "EU", "announced", []),
        ("EU foreign ministers agreed on Monday on a new sanctions package against Russia.",
         "EU", "announced", []),
    ],
)  # fmt: skip
def test_a_stance_in_other_words(text: str, actor: str, status: str, conditions: list[str]) -> None:
    assert positions(read_article(text))[(actor, status)].conditions == conditions


@pytest.mark.parametrize(
    "text",
    [
        "Britain's shadow defence secretary said a future Conservative-led government would "
        "send up to 300 British soldiers to Estonia.",
        "Eine künftige ODS-geführte Regierung würde bis zu 300 tschechische Soldaten "
        "entsenden, sagte der Parteivorsitzende.",
    ],
)
def test_what_a_future_government_would_do_is_no_position(text: str) -> None:
    assert not [c for c in read_article(text) if c.status == "announced"]


@pytest.mark.parametrize(
    "text",
    [
        "Norwegen sei bereit, eine Kompanie zu stellen, sagte der Minister. Die Bedingungen "
        "nannte er auch: Die Waffen müssten ruhen, und die Amerikaner müssten im Hintergrund "
        "bereitstehen.",
        "Norway is ready to send a company, the minister said. He named two conditions: the "
        "guns must fall silent, and the Americans would have to stand ready behind it.",
    ],
)
def test_conditions_named_after_the_offer_include_the_americans_standing_ready(
    text: str,
) -> None:
    found = positions(read_article(text))
    assert found[("NOR", "conditional")].conditions == ["ceasefire", "us_backstop"]


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        ("Lisbon was \"prepared in principle\" to assign a corvette to the coalition's Black Sea "
         "mission, the Portuguese minister said.", "PRT", "announced"),
        ("\"Slovak soldiers have no business in Ukraine,\" the Slovak prime minister said.",
         "SVK", "ruled_out"),
        ("Austria is against the coalition's plans altogether, the Austrian chancellor said.",
         "AUT", "opposes"),
        ("Budapest would block any attempt to fund the force from EU money, the Hungarian "
         "foreign minister said.", "HUN", "opposes"),
        ("The roughly 60 Irish instructors who train Ukrainian recruits in Cyprus will stay "
         "there until 2028, the Irish defence ministry said.", "IRL", "announced"),
        ("SPRŪDS: We have never ruled it out. We will decide when the time comes.", "LVA",
         "considering"),
    ],
)  # fmt: skip
def test_more_english_stances(text: str, actor: str, status: str) -> None:
    assert (actor, status) in positions(read_article(text))


def test_what_a_state_has_not_promised_is_no_promise() -> None:
    found = positions(read_article(
        "Australia has not promised troops, and certainly not a thousand of them."
    ))  # fmt: skip
    assert ("AUS", "announced") not in found


def test_a_transcript_speaker_speaks_for_the_government_he_names_without_naming_it() -> None:
    found = [(c.actor, c.status, c.kinds) for c in read_article(
        "KRISTERSSON: Two things I can announce. First, from March we will train Ukrainian sappers "
        "at Revinge, with about 30 Swedish instructors. Second, the government decided this "
        "morning to put 50 million euros into the coalition's fund."
    )]  # fmt: skip
    assert ("SWE", "government_approved", ["financing"]) in found


def test_a_government_the_opposition_would_lead_is_no_position() -> None:
    found = read_article(
        "Progressive Slovakia's leader said a government led by his party would send a "
        "Slovak company to the force."
    )  # fmt: skip
    assert not [c for c in found if c.actor == "SVK" and c.status == "announced"]


@pytest.mark.parametrize(
    ("text", "actor", "status", "conditions"),
    [
        ("Österreich zahle in diesem Jahr 40 Millionen Euro in den Fonds der Koalition ein, "
         "sagte die Ministerin.", "AUT", "announced", []),
        ("Vilnius hat bereits wissen lassen, dass es die niederländischen Soldaten willkommen "
         "heißt.", "LTU", "supports", []),
        ("Die Niederlande seien bereit, sich mit Soldaten an der Truppe zu beteiligen – "  # noqa: RUF001
         "allerdings nur, wenn die Tweede Kamer ein Mandat erteilt.", "NLD", "conditional",
         ["parliamentary_approval"]),
    ],
)  # fmt: skip
def test_more_german_stances(text: str, actor: str, status: str, conditions: list[str]) -> None:
    assert positions(read_article(text))[(actor, status)].conditions == conditions


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Die Bundeswehr werde zwei Patriot-Staffeln nach Rumänien verlegen, sagte der "
         "Minister.", "DEU"),
        ("Canada will send two CH-147 helicopters to Latvia, the minister said.", "CAN"),
    ],
)  # fmt: skip
def test_forces_sent_to_another_state_are_based_outside_ukraine(text: str, actor: str) -> None:
    assert positions(read_article(text))[(actor, "announced")].basing == "outside_ukraine"


@pytest.mark.parametrize(
    "text",
    [
        "61 % – la part des Danois favorables à une participation de leur pays à la force, "  # noqa: RUF001
        "selon un sondage publié samedi.",
        "Some 58 per cent of respondents back sending Danish troops, according to a poll "
        "published on Saturday.",
        "Un chercheur de l'institut estime que Copenhague finira par proposer un bataillon.",
        "Ein Politikwissenschaftler aus Aarhus erwartet, dass Dänemark bald ein Bataillon "
        "anbieten wird.",
    ],
)
def test_polls_and_researchers_state_no_position(text: str) -> None:
    assert not [c for c in read_article(text) if c.actor == "DNK"]


def test_a_bill_still_to_be_voted_by_parliament_says_more_about_the_same_offer() -> None:
    found = [c for c in read_article(
        "Le gouvernement suédois a adopté jeudi un projet de loi autorisant l'envoi de "
        "jusqu'à 300 militaires au sein de la force. Le texte doit encore être voté par le "
        "Riksdag, et il prévoit que le contingent ne partira qu'une fois un cessez-le-feu "
        "conclu."
    ) if c.fact == "position"]  # fmt: skip
    assert [(c.actor, c.status, c.conditions) for c in found] == [
        ("SWE", "government_approved", ["ceasefire", "parliamentary_approval"])
    ]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Le Portugal est prêt « en principe » à fournir jusqu'à 200 militaires à la force, a "
         "déclaré le ministre.", "PRT"),
        ("Le ministre belge a dit : nous ajoutons cette année 100 millions d'euros au fonds "
         "commun de la coalition.", "BEL"),
        ("Le ministre a fait savoir que les Pays-Bas enverraient deux frégates en mer Noire.",
         "NLD"),
    ],
)  # fmt: skip
def test_more_french_offers(text: str, actor: str) -> None:
    assert (actor, "announced") in positions(read_article(text))


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Vilnius would put troops forward only if the Americans are clearly standing behind "
         "the force, the Lithuanian minister said.", "LTU"),
        ("Министр обороны Эстонии: «Без американцев мы туда не пойдём», но Эстония готова "
         "направить роту.", "EST"),
        ("Литва готова направить военных, но только в том случае, если миссию будут "
         "прикрывать Соединенные Штаты, сказал президент Литвы.", "LTU"),
        ("Бельгія готова надіслати роту. «І американці мають стояти в нас за спиною», — "  # noqa: RUF001
         "додав міністр оборони Бельгії.", "BEL"),
        ("Deutschland sei bereit, Soldaten zu stellen; zudem brauche es eine „verlässliche "
         "Rückendeckung“ aus Washington, sagte der Minister.", "DEU"),
    ],
)  # fmt: skip
def test_the_us_backstop_in_more_words(text: str, actor: str) -> None:
    found = [c for c in read_article(text) if c.actor == actor and c.fact == "position"]
    assert ["us_backstop" in c.conditions for c in found] == [True]

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

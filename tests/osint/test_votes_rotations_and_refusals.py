"""Round 23 of unseen articles (issue 17), the force once it exists: a vote's tally ("487
for, 118 against") states no refusal; a national assembly that rejects a motion refuses;
"Italy's no to ground troops" rules them out; Japan's Self-Defense Forces are Japan's; a
rotation that "reached the force's base" is deployed, one that "came home" withdrawn.
Every sentence is written here, none copied from the corpus."""

from __future__ import annotations

import pytest

from tests.osint.builders import positions, read_article


@pytest.mark.parametrize(
    "text",
    [
        "512 Abgeordnete stimmten dafür, 97 dagegen, 14 enthielten sich.",
        "In the Storting 141 members voted in favour and 28 against.",
    ],
)
def test_a_tally_refuses_nothing(text: str) -> None:
    assert not [key for key in positions(read_article(text)) if key[1] == "refused"]


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        ("Die slowenische Nationalversammlung hat am Mittwoch den Antrag der Regierung "
         "abgelehnt, bis zu 80 Soldaten in die Ukraine zu entsenden.", "SVN", "refused"),
        ("An Spaniens Nein zu Bodentruppen in der Ukraine ändere das nichts, betonte der "
         "Minister.", "ESP", "ruled_out"),
        ("Members of the Self-Defense Forces will not be sent to Ukraine, the defence "
         "minister told reporters.", "JPN", "ruled_out"),
        ("About 200 soldiers of a Dutch infantry company reached the force's base near "
         "Lutsk on Friday.", "NLD", "deployed"),
        ("The Norwegian engineer company came home to Rygge on Saturday after eight months "
         "in Ukraine.", "NOR", "withdrawn"),
    ],
)  # fmt: skip
def test_refusals_arrivals_and_returns(text: str, actor: str, status: str) -> None:
    assert (actor, status) in positions(read_article(text))


def test_natomiast_is_not_nato() -> None:
    """Polish "natomiast" ("however") does not name NATO: an abbreviation written in
    capitals with the cases it is not said of still matches in capitals only."""
    found = positions(read_article(
        "Turcja natomiast od lipca wyśle na Morze Czarne dwie fregaty, zapowiedział minister."
    ))  # fmt: skip
    assert [key[0] for key in found] == ["TUR"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Das Verteidigungsministerium ließ erklären, die rund 800 deutschen Soldaten in "
         "Litauen bleiben, wo sie sind.", "DEU"),
        ("Le gouvernement letton a fait savoir que ses quelque 90 soldats resteraient en "
         "Ukraine jusqu'au terme du mandat.", "LVA"),
        ("The Élysée said France would neither reduce nor withdraw its forces in Ukraine.",
         "FRA"),
    ],
)  # fmt: skip
def test_forces_that_stay_are_still_offered(text: str, actor: str) -> None:
    assert (actor, "announced") in positions(read_article(text))


def test_forces_that_stay_on_paper_are_not() -> None:
    found = positions(read_article(
        "Bez niemieckich i fińskich żołnierzy siły koalicji pozostaną na papierze, "
        "uważa komentator."
    ))  # fmt: skip
    assert ("FIN", "announced") not in found


@pytest.mark.parametrize(
    ("text", "actor", "status", "conditions"),
    [
        ("The Storting approved the government's proposal to send up to forty staff "
         "officers to the coalition's headquarters.", "NOR", "parliament_approved", []),
        ("Norway will send forty staff officers once the Storting has approved the "
         "mandate.", "NOR", "conditional", ["parliamentary_approval"]),
        ("The Netherlands would send soldiers only if the United States stood behind the "
         "force, the minister said.", "NLD", "conditional", ["us_backstop"]),
        ("Portugal will consider taking part only once a ceasefire is in place.", "PRT",
         "considering", ["ceasefire"]),
    ],
)  # fmt: skip
def test_a_parliament_that_approved_and_one_that_must(
    text: str, actor: str, status: str, conditions: list[str]
) -> None:
    """A parliament's approval said as news is the news, not a condition; said after
    "once" it is one."""
    found = positions(read_article(text))
    assert found[(actor, status)].conditions == conditions

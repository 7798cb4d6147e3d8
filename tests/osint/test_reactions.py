"""Reactions (issue 17, round 22 of unseen articles): a verb that only says an actor
reacted ("denounced", "called it", "thanked") states a stance by who reacts: Moscow or
Minsk opposes, Kyiv naming or thanking supports, anyone else states nothing by it. What
Moscow "announces" about the force is a threat, and a stance counts no troops. Every
sentence is written here, none copied from the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from coalition.osint.lexicon import load_lexicon
from coalition.osint.naming import mentions
from tests.osint.builders import positions, read_article


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        ("The Russian embassy in Rome denounced the Italian offer on Thursday.", "RUS",
         "opposes"),
        ("Ukraine's ambassador in Madrid thanked the Spanish government for its \"steady "
         "hand\".", "UKR", "supports"),
        ("Die russische Botschaft in Prag sprach von einem \"Abenteuer\".", "RUS", "opposes"),
        ("L'ambassade d'Ukraine à Lisbonne a salué « un engagement concret ».", "UKR",
         "supports"),
        ("Ambasada Rosji w Wilnie określiła w czwartek plan litewskiego rządu jako „wrogi”.",
         "RUS", "opposes"),
        ("Посол України в Австрії назвав рішення уряду «чесним кроком».", "UKR", "supports"),
        ("В МИД России пообещали «ответить» на появление британских военных.", "RUS",  # noqa: RUF001
         "opposes"),
    ],
)  # fmt: skip
def test_a_reaction_is_read_by_who_reacts(text: str, actor: str, status: str) -> None:
    found = positions(read_article(text))
    assert (actor, status) in found
    assert found[(actor, status)].quantity is None


@pytest.mark.parametrize(
    "text",
    [
        "Moscow reacted predictably.",
        "Senior officers warned that a Ukraine commitment would strain the army.",
        "Lettland legt Beiträge für die Ukraine-Truppe vor – Riga nennt Zahlen",  # noqa: RUF001
        "The Irish foreign minister welcomed the debate.",
    ],
)
def test_a_reaction_without_a_reacting_state_says_nothing(text: str) -> None:
    assert not [key for key in positions(read_article(text)) if key[1] in ("supports", "opposes")]


def test_a_stance_counts_no_troops() -> None:
    found = positions(read_article(
        "Medvedev said the 1,300 British soldiers would become \"legitimate targets\"."
    ))  # fmt: skip
    assert found[("RUS", "opposes")].quantity is None


def test_every_branch_of_a_name_starts_a_name(tmp_path: Path) -> None:
    """A name written as a group of words ("(?:Embassy|Ambassador) of Ruritania") is
    found from any of them, not only from the first."""
    path = tmp_path / "xx.yaml"
    path.write_text(
        "language: xx\nactors:\n  RUR: ['(?:Embassy|Ambassador)\\s+of\\s+Ruritania\\b']\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon(path)
    text = "The Ambassador of Ruritania spoke; the Embassy of Ruritania wrote."
    assert [text[m.start : m.end] for m in mentions(lexicon, text)] == [
        "Ambassador of Ruritania", "Embassy of Ruritania"]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The Russian embassy in Lisbon said on Monday that Portuguese frigates in the "
         "Black Sea would change nothing.", "RUS"),
        ("Die russische Botschaft in Prag erklärte, tschechische Soldaten hätten in der "
         "Ukraine nichts verloren.", "RUS"),
    ],
)  # fmt: skip
def test_a_russian_institution_that_speaks_opposes(text: str, actor: str) -> None:
    """Russia's embassies, ministry, the Kremlin and its spokespeople speaking of the
    force oppose it (not "Russian missile strikes killed 14, officials said")."""
    assert (actor, "opposes") in positions(read_article(text))


@pytest.mark.parametrize(
    "text",
    [
        "Overnight, Russian missile strikes killed 11 people in Kharkiv, regional officials said.",
        "In yielding to the Kremlin before the talks had begun, the analyst said, the "
        "administration was showing undue haste.",
    ],
)
def test_russia_named_but_not_speaking(text: str) -> None:
    assert ("RUS", "opposes") not in positions(read_article(text))

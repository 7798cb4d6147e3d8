"""The bundled language files (issue 17): each loads and reads an article written here
for it (not from the corpus), through the whole extractor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coalition.osint.actors import Gazetteer
from coalition.osint.extract import Candidate, extract
from coalition.osint.reading import analyse

REPO = Path(__file__).resolve().parents[2]
GAZETTEER = Gazetteer(
    REPO / "data" / "registry" / "people.yaml", REPO / "data" / "osint" / "gazetteer.yaml"
)


def _read(text: str) -> list[Candidate]:
    return extract(analyse(text, published=dt.date(2026, 3, 3)), GAZETTEER)


def test_every_language_file_loads() -> None:
    assert set(GAZETTEER.languages) == {"en", "de", "fr", "pl", "uk", "ru"}
    for lexicon in GAZETTEER.languages.values():
        assert lexicon.actors and lexicon.stances and lexicon.conditions and lexicon.units


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Norwegen schickt keine Soldaten\n\nBERLIN, 3. März 2026\n\n"
            "Die norwegische Regierung hat am Dienstag erklärt, dass Norwegen keine Soldaten in "
            "die Ukraine entsenden wird. Norwegen ist aber bereit, bis zu 200 Ausbilder nach "
            "Polen zu schicken, sobald ein Waffenstillstand gilt. Der Kreml lehnt jede "
            "ausländische Truppe in der Ukraine kategorisch ab.",
            {("position", "NOR", "ruled_out"), ("stance", "RUS", "opposes")},
        ),
        (
            "Les Pays-Bas prêts à envoyer des troupes\n\nLA HAYE, 3 mars 2026\n\n"
            "Le gouvernement néerlandais a annoncé mardi que les Pays-Bas sont prêts à envoyer "
            "jusqu'à 300 soldats en Ukraine une fois un cessez-le-feu conclu, a déclaré le "
            "ministre de la Défense devant la presse à La Haye.",
            {("position", "NLD", "conditional")},
        ),
        (
            "Czechy nie wyślą żołnierzy\n\nWARSZAWA, 3 marca 2026\n\n"
            "Premier Czech oświadczył we wtorek, że Czechy nie wyślą żołnierzy na Ukrainę. "
            "Praga jest natomiast gotowa przekazać 50 mln euro na szkolenie ukraińskich "
            "żołnierzy w Polsce.",
            {("position", "CZE", "ruled_out")},
        ),
    ],
)
def test_an_article_in_each_language(text: str, expected: set[tuple[str, str, str]]) -> None:
    found = {(c.fact, c.actor, c.status) for c in _read(text)}
    assert expected <= found, found
    assert all(c.language != "en" for c in _read(text) if (c.fact, c.actor, c.status) in expected)


def test_aber_inside_a_clause_does_not_cut_it() -> None:
    """German "aber" as an adverb ("ist aber bereit") is no contrast between two clauses:
    the offer keeps its actor, its condition and its quantity."""
    text = ("Norwegen ist aber bereit, bis zu 200 Ausbilder nach Polen zu schicken, sobald ein "
            "Waffenstillstand gilt.")  # fmt: skip
    (offer,) = [c for c in _read(text) if c.actor == "NOR"]
    assert (offer.status, offer.conditions) == ("conditional", ["ceasefire"])
    assert offer.quantity == {"value": 200.0, "unit": "personnel", "said": "up_to"}

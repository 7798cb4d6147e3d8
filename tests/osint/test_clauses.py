"""The clause reader (issue 17) on sentences written for it, with small lexicons written
here (the bundled language files are tested against the corpus, not here)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coalition.errors import CoalitionError
from coalition.osint.candidate import Candidate
from coalition.osint.clauses import read_passage
from coalition.osint.lexicon import Lexicon, load_lexicon
from coalition.osint.offered import kinds_of
from coalition.osint.quantities import quantity
from coalition.osint.reading import Passage, analyse

REPO = Path(__file__).resolve().parents[2]
DE = r"""
language: de
actors:
  DEU: ["Deutschland", "deutsche[nmrs]?", "Berlin", "Bundesregierung"]
  POL: ["Polen", "polnische[nmrs]?", "Warschau"]
  RUS: ["Russland", "Kreml"]
stances:
  - status: ruled_out
    patterns: ['(?:wird|werden)\s+keine\s+Soldaten', 'nicht\s+in\s+die\s+Ukraine']
  - status: opposes
    patterns: ['lehnt\b.{0,80}?\bab\b', 'inakzeptabel']
  - status: announced
    patterns: ['(?:wird|werden|will)\b.{0,60}?\b(?:entsenden|schicken|bereitstellen)']
conditions:
  ceasefire: ['Waffenstillstand\w*', 'Waffenruhe']
  parliamentary_approval: ['Mandat\s+des\s+Bundestag\w*']
kinds:
  troops: ['Soldat\w*', 'Truppen']
  training: ['Ausbild\w*']
  financing: ['Milliarden\s+Euro', 'Millionen\s+Euro']
basing:
  outside_ukraine: ['in\s+Polen', 'außerhalb\s+der\s+Ukraine']
contrast: ['\bsondern\b', '\baber\b']
numbers:
  words: {zwei: 2, drei: 3}
  thousand: ['Tausend']
  million: ['Millionen', 'Mio\.?']
  billion: ['Milliarden', 'Mrd\.?']
  decimal_comma: true
  up_to: ['bis\s+zu']
  about: ['rund', 'etwa']
  at_least: ['mindestens']
units:
  personnel: ['Soldat\w*', 'Ausbilder\w*']
  EUR: ['Euro']
  minehunters: ['Minenjagdboot\w*']
"""


@pytest.fixture
def de(tmp_path: Path) -> Lexicon:
    path = tmp_path / "de.yaml"
    path.write_text(DE, encoding="utf-8")
    return load_lexicon(path)


def _read(text: str, lexicon: Lexicon) -> list[Candidate]:
    document = analyse(text, published=dt.date(2026, 3, 3))
    passage = Passage(0, text, "de")
    return read_passage(document, passage, lexicon)


def test_negated_basing_is_two_facts(de: Lexicon) -> None:
    found = _read("Deutschland wird keine Soldaten in die Ukraine schicken, sondern wird "
                  "bis zu 300 Ausbilder in Polen bereitstellen.", de)  # fmt: skip
    assert [(c.actor, c.status) for c in found] == [("DEU", "ruled_out"), ("DEU", "announced")]
    second = found[1]
    assert second.quantity == {"value": 300.0, "unit": "personnel", "said": "up_to"}
    assert second.basing == "outside_ukraine" and second.language == "de"


def test_the_actor_carries_to_the_next_sentence_and_conditions_make_it_conditional(
    de: Lexicon,
) -> None:
    found = _read("Polens Regierung hat am Dienstag beraten. Sie will zwei "
                  "Minenjagdboote entsenden, sobald ein Waffenstillstand gilt.", de)  # fmt: skip
    (candidate,) = found
    assert (candidate.actor, candidate.status, candidate.conditions) == (
        "POL",
        "conditional",
        ["ceasefire"],
    )
    assert candidate.quantity == {"value": 2.0, "unit": "minehunters", "said": "exact"}


def test_a_state_that_pledges_nothing_takes_a_stance(de: Lexicon) -> None:
    (candidate,) = _read("Der Kreml lehnt jede europäische Truppe in der Ukraine ab.", de)
    assert (candidate.fact, candidate.actor, candidate.status) == ("stance", "RUS", "opposes")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,5 Milliarden Euro", (2.5e9, "EUR", "exact")),
        ("rund 1.500 Soldaten", (1500.0, "personnel", "about")),
        ("mindestens drei Minenjagdboote", (3.0, "minehunters", "at_least")),
        ("im Jahr 2026 viele Soldaten", None),  # a year is no quantity
    ],
)
def test_numbers_as_german_writes_them(de: Lexicon, text: str, expected: object) -> None:
    found = quantity(de, text)
    assert (None if found is None else (found.value, found.unit, found.said)) == expected


def test_a_bad_language_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "xx.yaml"
    path.write_text("language: xx\nstances:\n  - {status: maybe, patterns: [x]}\n")
    with pytest.raises(CoalitionError, match="unknown status 'maybe'"):
        load_lexicon(path)
    path.write_text("language: xx\nconditions: {ceasefire: ['(']}\n")
    with pytest.raises(CoalitionError, match="does not compile"):
        load_lexicon(path)


@pytest.mark.parametrize(
    ("clause", "kind", "expected"),
    [
        ("a battalion of between 400 and 600 soldiers", None,
         {"value": 400.0, "max": 600.0, "unit": "personnel", "said": "range"}),
        ("will assign a frigate to the mission", None,
         {"value": 1.0, "unit": "ships", "said": "exact"}),
        ("a coalition maritime task force in the Black Sea", None, None),
        ("a company of soldiers for the force", None, None),
        ("several hundred soldiers", None, None),
        ("a further A$250m in military assistance", "financing",
         {"value": 2.5e8, "unit": "AUD", "said": "exact"}),
        ("up to 400 members of the Canadian Armed Forces", None,
         {"value": 400.0, "unit": "personnel", "said": "up_to"}),
        ("up to 300 soldiers and EUR 3 billion for training", "financing",
         {"value": 3e9, "unit": "EUR", "said": "exact"}),
        ("up to 300 soldiers and EUR 3 billion for training", "troops",
         {"value": 300.0, "unit": "personnel", "said": "up_to"}),
        # a range in any of the lexicon's shapes (the second shape once crashed the reader)
        ("Spain will send 5,000-8,000 troops", None,
         {"value": 5000.0, "max": 8000.0, "unit": "personnel", "said": "range"}),
        ("two to three officers for the headquarters", None,
         {"value": 2.0, "max": 3.0, "unit": "personnel", "said": "range"}),
        ("one or two frigates", None, {"value": 1.0, "max": 2.0, "unit": "ships", "said": "range"}),
        ("going to send 40 soldiers", None, {"value": 40.0, "unit": "personnel", "said": "exact"}),
        # a unit starts a word: "eur" in "ravitailleur" is no euro, a think-tank no tank
        ("the dispatch of a tanker aircraft, a ravitailleur", None, None),
        ("told a think-tank audience that it backs the force", None, None),
        ("Tokyo would provide US$500-million for demining", "financing",
         {"value": 5e8, "unit": "USD", "said": "exact"}),
        # a number said outright before "a frigate"
        ("will put a frigate and up to 150 military instructors at its disposal", None,
         {"value": 150.0, "unit": "personnel", "said": "up_to"}),
        ("up to 400 Canadian Armed Forces members", None,
         {"value": 400.0, "unit": "personnel", "said": "up_to"}),
    ],
)  # fmt: skip
def test_quantities_ranges_articles_and_the_kinds_unit(
    clause: str, kind: str | None, expected: dict[str, object] | None
) -> None:
    english = load_lexicon(REPO / "data" / "osint" / "languages" / "en.yaml")
    found = quantity(english, clause, kind)
    assert (found.as_dict() if found else None) == expected


def test_german_articles_count_one_thing_and_conditions_are_not_what_is_sent() -> None:
    german = load_lexicon(REPO / "data" / "osint" / "languages" / "de.yaml")
    frigate = quantity(german, "Oslo will eine Fregatte für die Seewege bereitstellen", None)
    assert frigate is not None and (frigate.value, frigate.unit) == (1.0, "ships")
    # a unit may end a compound ("Militärbeobachter"), a currency may not
    observers = quantity(german, "bis zu 80 unbewaffnete Militärbeobachter zu stellen", None)
    assert observers is not None and (observers.value, observers.unit) == (80.0, "personnel")
    # "eine Beteiligung deutscher Soldaten" counts no soldiers
    assert quantity(german, "Eine Beteiligung deutscher Soldaten schließen wir nicht aus") is None
    french = load_lexicon(REPO / "data" / "osint" / "languages" / "fr.yaml")
    # "les armes" of "until the guns fall silent" is a condition, not weapons sent
    assert kinds_of(french, "enverra deux chasseurs de mines, mais pas avant que les armes "
                    "se soient tues")[:1] != ["weapons"]  # fmt: skip

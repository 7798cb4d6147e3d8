"""The words every match of a cue must hold (``osint.literals``): read from the pattern's
parse, they let a text that lacks one skip the cue. Wrong words would lose a stance, so
the cues of every language are checked on articles of the corpus: a cue that matches a
sentence always finds its words there."""

from __future__ import annotations

import pytest

from coalition.osint.cues import blind
from coalition.osint.literals import has_all, required_groups
from coalition.osint.text import sentences
from tests.osint.builders import GAZETTEER, REPO


@pytest.mark.parametrize(
    ("pattern", "groups"),
    [
        (r"\b(?:shall|must)\s+(?:send|deploy)\b", [{"shall", "must"}, {"send", "deploy"}]),
        # the parse takes a common start out of the alternatives: still in every match
        (r"\b(?:will|would)\s+send\b", [{"ill", "ould"}, {"send"}]),
        (r"\b(?:ready\s+)?to\s+dispatch\b", [{"dispatch"}]),  # the optional part adds nothing
        (r"(?<!the )pledged\b", [{"pledged"}]),  # nor a lookbehind
        (r"\b(?:sends?|deploy|)\s+troops", [{"troops"}]),  # an empty branch: no group
        (r"\bnot\s+[a-z]+\s+considering", [{"not"}, {"considering"}]),
        (r"(?:Waffenruhe|Feuerpause)\w*", [{"waffenruhe", "feuerpause"}]),
    ],
)
def test_the_words_a_pattern_requires(pattern: str, groups: list[set[str]]) -> None:
    assert [set(g) for g in required_groups(pattern)] == groups


def test_a_sentence_without_the_words_is_not_searched() -> None:
    groups = required_groups(r"\b(?:will|would)\s+(?:send|deploy)\b")
    assert has_all("norway will send two ships", groups)
    assert not has_all("norway will pay for two ships", groups)


@pytest.mark.parametrize("language", ["en", "de", "fr", "pl", "uk", "ru"])
def test_a_cue_that_matches_always_finds_its_words(language: str) -> None:
    lexicon = GAZETTEER.languages[language]
    articles = sorted((REPO / "data" / "osint" / "corpus" / "dev").glob(f"*-{language}-*.txt"))
    checked = 0
    for path in articles[:12]:
        for sentence in sentences(path.read_text(encoding="utf-8")):
            text = blind(sentence.text)
            low = text.casefold()
            for cue in lexicon.cues:
                if cue.pattern.search(text):
                    checked += 1
                    assert has_all(low, cue.groups), (cue.pattern.pattern, text)
    assert checked > 20

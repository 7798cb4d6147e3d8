"""The conditions a text sets: where each is said, those a word cancels ("whether or not
there is a ceasefire"), a refusal that holds only until one is met ("not without a vote"),
a clause that only sets conditions, and "away from the front line" as a caveat or only as
where forces would be."""

from __future__ import annotations

from coalition.osint.cues import NEGATIVE, blind, status_of
from coalition.osint.lexicon import Lexicon

#: How far a condition may follow "without" / "not before" and still be what it names.
_UNTIL_REACH = 60


#: How far before a condition a word that cancels it may stand ("whether or not there is
#: a ceasefire", "regardless of a vote").
_REGARDLESS_REACH = 70


#: Condition spans of the texts read last (a clause's are asked for several times).
_SPANS: dict[tuple[str, str], list[tuple[str, int, int]]] = {}


def condition_spans(lexicon: Lexicon, text: str) -> list[tuple[str, int, int]]:
    """The conditions the text sets, with where each is said: not one that a word such
    as "regardless of" or "whether or not" cancels."""
    key = (lexicon.language, text)
    spans = _SPANS.get(key)
    if spans is None:
        spans = _condition_spans(lexicon, text)
        if len(_SPANS) > 256:
            _SPANS.clear()
        _SPANS[key] = spans
    return spans


def _condition_spans(lexicon: Lexicon, text: str) -> list[tuple[str, int, int]]:
    found = []
    for code, pattern in lexicon.conditions.items():
        for match in pattern.finditer(text):
            cancelled = lexicon.regardless is not None and lexicon.regardless.search(
                text, max(0, match.start() - _REGARDLESS_REACH), match.start()
            )
            # not past a colon: "even before the offer itself: first a ceasefire"
            if not cancelled or ":" in text[cancelled.end() : match.start()]:
                found.append((code, match.start(), match.end()))
    # the end of the war inside an agreement's words is that agreement: "an agreement that
    # ends the war" is a peace agreement, not also a ceasefire ("den Krieg beendet")
    agreements = [(a, b) for code, a, b in found if code == "peace_agreement"]
    return [
        (code, a, b)
        for code, a, b in found
        if code != "ceasefire" or not any(x <= a and b <= y for x, y in agreements)
    ]


def conditions_in(lexicon: Lexicon, text: str) -> set[str]:
    """The conditions the text sets (see ``condition_spans``)."""
    return {code for code, _, _ in condition_spans(lexicon, text)}


def until(lexicon: Lexicon, clause: str) -> bool:
    """Whether the clause refuses only until a condition is met: "without", "unless",
    "not before" shortly before one of its conditions."""
    if lexicon.without is None:
        return False
    said = [start for _, start, _ in condition_spans(lexicon, clause)]  # not "before or after"
    # the condition after the word, or inside it ("доки режим тиші не буде", "until ... not")
    return any(word.start() < start < word.end() + _UNTIL_REACH
               for word in lexicon.without.finditer(clause) for start in said)  # fmt: skip


def conditions_only(lexicon: Lexicon, clause: str) -> bool:
    """Whether a clause only sets conditions: no stance of its own, a word that requires."""
    return (status_of(lexicon, clause) is None and lexicon.requires is not None
            and lexicon.requires.search(clause) is not None)  # fmt: skip


def negated(lexicon: Lexicon, text: str) -> bool:
    """Whether the text says no (a negation word), other than "not until" / "only once"."""
    found = lexicon.negation is not None and lexicon.negation.search(blind(text)) is not None
    return found and not until(lexicon, blind(text))


def refuses(lexicon: Lexicon, text: str) -> bool:
    """Whether the text refuses outright (not only until a condition is met: "no
    deployment will take place without a vote" sets a condition)."""
    if status_of(lexicon, text) in NEGATIVE:
        return not until(lexicon, text)
    return False


PLACE = "away_from_front_line"


def placed(lexicon: Lexicon, text: str, conditions: list[str], own: bool = True) -> list[str]:
    """The conditions without "away from the front line" where another clause or sentence
    only says where the forces would be ("adding that they would be stationed away from
    the front line": their basing). Kept where the offer's own clause (``text``, ``own``)
    makes it a caveat ("ready to deploy troops away from the front line"), or a word that
    requires stands just before it ("only if they stay away from the front line")."""
    pattern = lexicon.conditions.get(PLACE)
    if PLACE not in conditions or pattern is None:
        return conditions
    for match in pattern.finditer(text):
        if own or (lexicon.requires is not None and lexicon.requires.search(
            text, max(0, match.start() - 30), match.start()
        )):  # fmt: skip
            return conditions
    return [c for c in conditions if c != PLACE]

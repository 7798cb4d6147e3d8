"""Counts of states an article reports, in every language with a lexicon: "26 countries
have committed", "Of the 29 nations present, 19 have offered troops", "one of 11
countries", "dix-neuf des trente-quatre pays", "14 der 35 Teilnehmerstaaten" and their
Ukrainian and Russian forms.

Why its own reader: reporting sums the coalition up in counts between one pledge and the
next, and a count carries conditions a reviewer checks like a pledge's ("once a ceasefire
is agreed"). Which number is the count is decided by the words around it: the first of
"N of the M" (the M is the whole), the M of "one of M countries", the later bare number
after "Of the M nations ..., N have".
"""

from __future__ import annotations

import datetime as dt

from coalition.osint.candidate import Candidate, absorb
from coalition.osint.conditions import conditions_in
from coalition.osint.cues import plain, says_nothing, status_of
from coalition.osint.dates import resolve
from coalition.osint.lexicon import Lexicon
from coalition.osint.offered import domains_of
from coalition.osint.quantities import spoken_numbers
from coalition.osint.text import Sentence

#: The stances a count of states can report (a count of states that object is a
#: commentator's tally, not a fact the registry takes).
_COUNTED_STATUSES = {"announced", "declared", "conditional", "considering", "ruled_out",
                     "government_approved", "parliament_approved", "deployed"}  # fmt: skip
#: How many states a count can name: the coalition is some thirty-five; "one" is a state.
_FEWEST, _MOST = 2, 99


def counts_in(lexicon: Lexicon, sentence: Sentence, document: str, anchor: dt.date | None,
              earlier: list[str] | None = None) -> list[Candidate]:  # fmt: skip
    """The count of states the sentence reports, if it reports one with a stance;
    ``earlier``: its paragraph's sentences before it, whose last conditions a sentence
    that points back takes ("Twenty countries have expressed their readiness for this")."""
    text = sentence.text
    if lexicon.counted is None or lexicon.number is None or not lexicon.counted.search(text):
        return []
    if says_nothing(lexicon, text):
        return []
    status = status_of(lexicon, plain(lexicon, text))
    numbers = _numbers(lexicon, text)
    count = _count(lexicon, text, numbers)
    if count is None:
        return []
    if status is None and _tally(lexicon, text, numbers):
        status = "announced"  # "22 of the 33 delegations have put figures on their troops"
    if status not in _COUNTED_STATUSES:
        return []
    conditions = sorted(conditions_in(lexicon, text))
    if not conditions and earlier and lexicon.anaphora and lexicon.anaphora.search(text):
        stated = (c for t in reversed(earlier) if (c := conditions_in(lexicon, t)))
        conditions = sorted(next(stated, set()))
    if conditions and status == "announced":
        status = "conditional"
    elif not conditions and status == "conditional":
        status = "announced"
    date, words = resolve(text, anchor)
    kinds = [k for k, p in lexicon.kinds.items() if p.search(text)]
    return [
        Candidate(
            fact="count", document=document, quote=text, start=sentence.start,
            end=sentence.end, date=date, date_words=words, status=status,
            conditions=conditions, kinds=kinds[:1] or ["troops"],
            domains=domains_of(lexicon, text), count=count, sources=[document],
            language=lexicon.language,
        )
    ]  # fmt: skip


def _numbers(lexicon: Lexicon, text: str) -> list[tuple[int, int, int]]:
    """The whole numbers of the text, a number said in several words as one."""
    return [(start, end, int(value)) for start, end, _, value in spoken_numbers(lexicon, text)
            if value == int(value)]  # fmt: skip


def _count(lexicon: Lexicon, text: str, numbers: list[tuple[int, int, int]]) -> int | None:
    """Which of the sentence's ``numbers`` counts states (see the module's docstring)."""
    assert lexicon.counted_after is not None and lexicon.partitive is not None
    for i, (start, end, value) in enumerate(numbers):
        after = text[end:]
        if lexicon.partitive.match(after):  # "19 of the 29", "14 der 35", "only 11 of them"
            if value == 1:
                continue  # "one of 26 countries": the 26 is the count
            return value if _FEWEST <= value <= _MOST else None
        if not lexicon.counted_after.match(after):
            continue
        if lexicon.attendees_before and lexicon.attendees_before.search(
            text[max(0, start - 60) : start]
        ):
            continue  # "leaders from 29 countries" attended
        # "Of the 29 nations present, 19 have offered troops", "sur les 33 délégations,
        # 29 États ont signé": the part, smaller than the whole, is the count
        later = [v for _, _, v in numbers[i + 1 :] if _FEWEST <= v < value]
        if later and _partitive_before(lexicon, text[:start]):
            value = later[0]
        return value if _FEWEST <= value <= _MOST else None
    return None


def _tally(lexicon: Lexicon, text: str, numbers: list[tuple[int, int, int]]) -> bool:
    """Whether the sentence counts a part of a whole ("22 of the 33", "22 der 33"): a
    tally of who has committed, stance cue or not."""
    assert lexicon.partitive is not None
    return any(lexicon.partitive.match(text, end) is not None
               and any(later > end for later, _, _ in numbers)
               for _, end, _ in numbers)  # fmt: skip


def _partitive_before(lexicon: Lexicon, before: str) -> bool:
    assert lexicon.partitive_before is not None
    return lexicon.partitive_before.search(before) is not None


def one_per_number(candidates: list[Candidate]) -> list[Candidate]:
    """One count per number in an article: the same count said again (a headline, a
    recap, a translation) adds its conditions and sources to the first."""
    kept: dict[int | None, Candidate] = {}
    out = []
    for candidate in candidates:
        first = kept.get(candidate.count)
        if first is None:
            kept[candidate.count] = candidate
            out.append(candidate)
            continue
        absorb(first, candidate, conditions=True)
        if first.conditions and first.status == "announced":
            first.status = "conditional"
    return out

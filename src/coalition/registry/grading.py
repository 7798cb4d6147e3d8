"""Credibility of each statement (the Admiralty code's digit, 1-6), read with the other
statements of its day on the same pledge. A person's grade, where the data gives one,
stands; otherwise:

- 1, the speaker's own words (a primary statement) carried by a reliable source (A-C),
  or confirmed by another source of the same day that reads the same status;
- 4, doubtful: contradicted the same day by the speaker's own words;
- 3, possibly true: other sources of the day read it differently, or only a source not
  usually reliable or not assessed (D-F) reports it, the speaker's words included;
- 2, probably true: one usually or fairly reliable source (A-C), uncontradicted.

Independence is by outlet: two articles of one outlet confirm nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from coalition.domain import Reliability, Statement

RELIABLE = {Reliability.A, Reliability.B, Reliability.C}
BY_PERSON = "graded by a person"


def _outlet(statement: Statement) -> str:
    return statement.source.outlet or statement.source.id


def grade(statement: Statement, day: list[Statement]) -> tuple[int, str]:
    """The credibility of ``statement`` among the statements ``day`` of its pledge."""
    if statement.primary:
        if statement.source.reliability in RELIABLE:
            return 1, "the speaker's own words"
        return 3, "the speaker's own words, carried by a source we cannot vouch for"
    others = [s for s in day if s.key != statement.key]
    if any(s.primary and s.status is not statement.status for s in others):
        return 4, "the speaker's own words that day say otherwise"
    agree = {_outlet(s) for s in others if s.status is statement.status} - {_outlet(statement)}
    if agree:
        return 1, f"confirmed by {len(agree)} other source{'s' if len(agree) > 1 else ''}"
    if any(s.status is not statement.status for s in others):
        return 3, "other sources that day read it differently"
    if statement.source.reliability in RELIABLE:
        return 2, "one reliable source, not contradicted"
    if statement.source.reliability is Reliability.F:
        return 3, "one source, whose reliability cannot be judged"
    return 3, "one source, not usually reliable"


def graded(statements: Iterable[Statement], by_person: set[str]) -> list[Statement]:
    """The statements with their credibility filled in, except those a person graded
    (keys in ``by_person``), which keep theirs."""
    items = list(statements)
    days: dict[object, list[Statement]] = defaultdict(list)
    for s in items:
        days[s.date].append(s)
    result = []
    for s in items:
        if s.key in by_person:
            result.append(s.model_copy(update={"credibility_reason": BY_PERSON}))
            continue
        credibility, reason = grade(s, days[s.date])
        result.append(
            s.model_copy(update={"credibility": credibility, "credibility_reason": reason})
        )
    return result

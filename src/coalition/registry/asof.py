"""Reading a pledge as of a date from its statements. Pure functions, no database.

The rule: a pledge stands where its latest day of statements (on or before the date)
puts it. Statements of one day are all kept. The speaker's own words outrank reports of
them: where a primary statement (the speaker's words, quoted directly) exists that day,
the reading rests on the primaries and the reports that agree with them; reports that
contradict them are set aside, graded and still shown. Where the statements the reading
rests on disagree, the pledge is marked *disputed* and read at the least committed
status among them; the conditions of the statements at that status are combined
(sources often report different halves of one sentence). A cautious reader's view, which
never hides a condition a source reports. *Since* is the first of the unbroken run of
days read at the same status; a parliamentary vote, once a reading needs one, is pending
until a reading records it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from coalition.domain import BUCKET_OF, COMMITMENT, Pledge, PledgePosition, Statement, Status
from coalition.registry.grading import BY_PERSON, graded


def visible(
    statements: Iterable[Statement],
    on: dt.date,
    known_by: dt.date | None = None,
    recorded_by: dt.date | None = None,
) -> list[Statement]:
    """Statements made on or before ``on``; with ``known_by``, only those whose source
    was published by then (what a reader could have known that day); with
    ``recorded_by``, only those the registry had recorded by then (its own clock)."""
    return [
        s
        for s in statements
        if s.date <= on
        and (known_by is None or s.source.published is None or s.source.published <= known_by)
        and (recorded_by is None or s.recorded_on is None or s.recorded_on <= recorded_by)
    ]


def read_pledge(
    pledge: Pledge,
    statements: Iterable[Statement],
    on: dt.date,
    known_by: dt.date | None = None,
    recorded_by: dt.date | None = None,
) -> PledgePosition | None:
    """The pledge's position on ``on``, or None when nothing had been said by then."""
    seen = visible(statements, on, known_by, recorded_by)
    if not seen:
        return None
    if known_by or recorded_by:  # grade with what a reader could see that day, no more
        seen = graded(seen, {s.key for s in seen if s.credibility_reason == BY_PERSON})
    days: dict[dt.date, list[Statement]] = defaultdict(list)
    for s in seen:
        days[s.date].append(s)
    read = [(day, _Day.read(days[day])) for day in sorted(days)]  # each day read once
    since, today = read[-1]
    for day, reading in reversed(read[:-1]):
        if reading.status is not today.status:
            break
        since = day
    return PledgePosition(
        pledge=pledge,
        status=today.status,
        bucket=BUCKET_OF[today.status],
        since=since,
        conditions=today.conditions,
        statements=today.basis,
        disputed=today.disputed,
        set_aside=today.set_aside,
        parliament_pending=_vote_pending([reading for _, reading in read]),
    )


@dataclass(frozen=True)
class _Day:
    """One day's statements read together."""

    status: Status
    conditions: tuple[str, ...]
    basis: tuple[Statement, ...]
    set_aside: tuple[Statement, ...]
    disputed: bool

    @classmethod
    def read(cls, statements: list[Statement]) -> _Day:
        today = sorted(statements, key=lambda s: (s.source.id, s.key))
        primaries = [s for s in today if s.primary]
        ranking = primaries or today
        status = min((s.status for s in ranking), key=lambda st: COMMITMENT[st])
        # Reports that agree with the reading stand with it (and add the conditions they
        # report); reports that the speaker's own words contradict are set aside.
        basis = [s for s in today if s.primary or s.status is status] if primaries else today
        conditions: dict[str, None] = {}
        for s in basis:
            if s.status is status:
                conditions.update(dict.fromkeys(s.conditions))
        basis.sort(key=lambda s: (not s.primary, s.credibility, s.source.reliability.value))
        return cls(
            status=status,
            conditions=tuple(sorted(conditions)),
            basis=tuple(basis),
            set_aside=tuple(s for s in today if s not in basis),
            disputed=len({s.status for s in ranking}) > 1,
        )


#: Statuses that settle a parliamentary vote, or make it moot.
VOTE_SETTLED = {
    Status.PARLIAMENT_APPROVED,
    Status.REFUSED,
    Status.DEPLOYED,
    Status.WITHDRAWN,
    Status.RULED_OUT,
}


def _vote_pending(days: list[_Day]) -> bool:
    """Once a day's reading needs parliament's approval, a vote is pending until a
    later reading records it (approved or refused) or makes it moot."""
    pending = False
    for day in days:
        if day.status in VOTE_SETTLED:
            pending = False
        elif "parliamentary_approval" in day.conditions:
            pending = True
    return pending

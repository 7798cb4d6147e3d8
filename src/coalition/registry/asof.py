"""Reading a pledge as of a date from its statements. Pure functions, no database.

The rule: a pledge stands where its latest day of statements (on or before the date)
puts it. Statements of one day are all kept. The speaker's own words outrank reports of
them: where a primary statement (transcript, communiqué, official site) exists that day,
the reading rests on the primaries and the secondary reports are set aside, graded and
still shown. Where the statements the reading rests on disagree, the pledge is marked
*disputed* and read at the least committed status among them; the conditions of the
statements at that status are combined (sources often report different halves of one
sentence). A cautious reader's view, which never hides a condition a source reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from coalition.domain import BUCKET_OF, COMMITMENT, Pledge, PledgePosition, Statement


def visible(
    statements: Iterable[Statement], on: dt.date, known_by: dt.date | None = None
) -> list[Statement]:
    """Statements made on or before ``on``; with ``known_by``, only those whose source
    was published by then (what a reader could have known that day)."""
    return [
        s
        for s in statements
        if s.date <= on
        and (known_by is None or s.source.published is None or s.source.published <= known_by)
    ]


def read_pledge(
    pledge: Pledge, statements: Iterable[Statement], on: dt.date, known_by: dt.date | None = None
) -> PledgePosition | None:
    """The pledge's position on ``on``, or None when nothing had been said by then."""
    seen = visible(statements, on, known_by)
    if not seen:
        return None
    latest = max(s.date for s in seen)
    today = sorted((s for s in seen if s.date == latest), key=lambda s: (s.source.id, s.key))
    primaries = [s for s in today if s.primary]
    ranking = primaries or today
    status = min((s.status for s in ranking), key=lambda st: COMMITMENT[st])
    # Reports that agree with the reading stand with it (and add the conditions they
    # report); reports that the speaker's own words contradict are set aside.
    basis = [s for s in today if s in primaries or s.status is status] if primaries else today
    conditions: dict[str, None] = {}
    for s in basis:
        if s.status is status:
            conditions.update(dict.fromkeys(s.conditions))
    basis.sort(key=lambda s: (not s.primary, s.credibility, s.source.reliability.value))
    return PledgePosition(
        pledge=pledge,
        status=status,
        bucket=BUCKET_OF[status],
        since=_since(seen, status),
        conditions=tuple(sorted(conditions)),
        statements=tuple(basis),
        disputed=len({s.status for s in ranking}) > 1,
        set_aside=tuple(s for s in today if s not in basis),
    )


def _since(seen: list[Statement], status: object) -> dt.date:
    """The first day of the unbroken run of days at which the pledge had this status."""
    days = sorted({s.date for s in seen}, reverse=True)
    since = days[0]
    for day in days:
        if all(s.status is not status for s in seen if s.date == day):
            break
        since = day
    return since

"""Force sourcing conferences: nations bid units of their offers for numbered lines,
in full or in part; the staff accepts the best assignment of what is on the table,
and carries the shortfalls (with the states to approach) to the next round.

A round's bids are those made in it and every earlier bid it does not replace (a bid
for the same offer and line replaces the earlier one; 0 units withdraws it). A round
is sourced on its bids alone, with the registry read as of the round's date, so a
pledge withdrawn since the last round loses its bids there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from coalition.domain.forcegen import (
    Bid,
    BidState,
    Conference,
    LineChange,
    Offer,
    Requirement,
    RequirementResult,
    RoundComparison,
    RoundResult,
)
from coalition.errors import CoalitionError, NotFoundError
from coalition.forcegen.declared import declared_offers
from coalition.forcegen.eligibility import prepare
from coalition.forcegen.files import ForceData
from coalition.forcegen.sourcing import source
from coalition.forcegen.substitution import closure
from coalition.registry import Registry


def find_round(conferences: Sequence[Conference], number: int) -> Conference:
    for conference in conferences:
        if conference.round == number:
            return conference
    known = ", ".join(str(c.round) for c in conferences) or "none"
    raise NotFoundError(f"no conference round {number} (rounds: {known})")


def standing_bids(
    conferences: Sequence[Conference], number: int
) -> dict[tuple[str, str], tuple[Bid, int]]:
    """(offer, line) -> the bid standing at round ``number`` and the round it was made in."""
    standing: dict[tuple[str, str], tuple[Bid, int]] = {}
    for conference in sorted(conferences, key=lambda c: c.round):
        if conference.round > number:
            break
        for bid in conference.bids:
            standing[(bid.offer, bid.line)] = (bid, conference.round)
    return {key: found for key, found in standing.items() if found[0].units > 0}


def run_round(
    registry: Registry, data: ForceData, conferences: Sequence[Conference], number: int
) -> RoundResult:
    """Source round ``number`` on its standing bids (see the module docstring)."""
    conference = find_round(conferences, number)
    offers = {o.id: o for o in declared_offers(registry, data.offers, conference.date)}
    lines = {line.id: line for line in data.requirements}
    bids = standing_bids(conferences, number)
    _check_bids(bids, offers, lines, conference)
    _check_fit(bids, offers, lines, data)
    on_table = [
        offers[offer].model_copy(
            update={"id": f"{offer}@{line}", "count": bid.units, "lines": (line,)}
        )
        for (offer, line), (bid, _) in sorted(bids.items())
    ]
    prepared = prepare(registry, data, conference.date, offers=on_table)
    at = {o.id: i for i, o in enumerate(prepared.offers)}
    # A full bid covers what the line needs of its capability over every period.
    needed: dict[tuple[str, str], int] = {}
    for task in prepared.requirements:
        key = (task.of_line or task.id, task.capability)
        needed[key] = needed.get(key, 0) + task.quantity
    states = tuple(
        BidState(
            offer=offer,
            actor=prepared.actors[at[f"{offer}@{line}"]],
            line=line,
            units=bid.units,
            full=bid.units
            >= needed.get(
                (line, offers[offer].capability), needed.get((line, lines[line].capability), 0)
            ),
            made_in=made_in,
            pledge_stands=prepared.offered[at[f"{offer}@{line}"]],
            pledge_status=prepared.status[at[f"{offer}@{line}"]],
        )
        for (offer, line), (bid, made_in) in sorted(bids.items())
    )
    result = source(prepared, data.scenario(conference.scenario))
    return RoundResult(conference=conference, bids=states, result=result)


def _check_bids(
    bids: dict[tuple[str, str], tuple[Bid, int]],
    offers: dict[str, Offer],
    lines: Mapping[str, object],
    conference: Conference,
) -> None:
    """Every bid names a known offer and line, and no offer is bid beyond its units."""
    problems = []
    total: dict[str, int] = {}
    for (offer, line), (bid, made_in) in sorted(bids.items()):
        where = f"round {made_in}, bid {offer} for {line}"
        if offer not in offers:
            problems.append(f"{where}: no offer {offer!r} stands on {conference.date}")
            continue
        if line not in lines:
            problems.append(f"{where}: no line {line!r} in the statement of requirements")
        total[offer] = total.get(offer, 0) + bid.units
    for offer, units in sorted(total.items()):
        if units > offers[offer].count:
            problems.append(
                f"round {conference.round}: {offer} bids {units} units in all, "
                f"it offers {offers[offer].count}"
            )
    if problems:
        raise CoalitionError("; ".join(problems))


def _check_fit(
    bids: dict[tuple[str, str], tuple[Bid, int]],
    offers: dict[str, Offer],
    lines: dict[str, Requirement],
    data: ForceData,
) -> None:
    """A bid's units must be able to serve its line: its capability, a substitute for
    it, or one of the line's enablers."""
    best = closure(data.substitutions)
    problems = []
    for (offer, line), (_, made_in) in sorted(bids.items()):
        capability, wanted = offers[offer].capability, lines[line]
        fits = {wanted.capability} | {n.capability for n in wanted.enablers}
        if capability not in fits and (wanted.capability, capability) not in best:
            problems.append(
                f"round {made_in}, bid {offer} for {line}: a {capability} cannot serve "
                f"{line}, which needs {', '.join(sorted(fits))}"
            )
    if problems:
        raise CoalitionError("; ".join(problems))


def compare(first: RoundResult, second: RoundResult) -> RoundComparison:
    """Per line, coverage before and after; and the bids made, changed or withdrawn
    between the earlier round and the later one (in whichever order they are given)."""
    first, second = sorted((first, second), key=lambda r: r.conference.round)
    before = {line.line.id: line for line in first.result.lines}
    changes = []
    for line in second.result.lines:
        old = before.get(line.line.id)
        changes.append(
            LineChange(
                line=line.line.id,
                before=_share(old.periods) if old else 0.0,
                after=_share(line.periods),
                met_before=bool(old and old.met),
                met_after=line.met,
            )
        )
    old_bids = {(b.offer, b.line): b for b in first.bids}
    new_bids = {(b.offer, b.line): b for b in second.bids}
    return RoundComparison(
        first=first.conference.round,
        second=second.conference.round,
        lines=tuple(changes),
        bids_added=tuple(b for k, b in new_bids.items() if k not in old_bids),
        bids_withdrawn=tuple(b for k, b in old_bids.items() if k not in new_bids),
        bids_changed=tuple(
            (old_bids[k], b)
            for k, b in new_bids.items()
            if k in old_bids and old_bids[k].units != b.units
        ),
        coverage_before=first.result.coverage,
        coverage_after=second.result.coverage,
    )


def _share(tasks: Sequence[RequirementResult]) -> float:
    """Covered share of a line's periods, 0..1."""
    needed = sum(t.requirement.quantity for t in tasks)
    return sum(min(t.covered, t.requirement.quantity) for t in tasks) / needed if needed else 1.0

"""Force offers from what states declared in the registry (issue 14): a pledge's units
as its latest statement of units up to the sourcing date gives them (type mapped to a
capability by the unit vocabulary), with their notice to move. The planner's offers
file adds caveats; where the registry states a pledge's units, they replace every
illustrative offer of that pledge (a capability the state did not declare is not
offered), so a pledge reduced or withdrawn in the registry changes the sourcing. A count
said as a range counts its low end; "up to N" counts N, the most the state said it
would send, and the offer carries the words ("up to 2 ...") with its source."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from coalition.domain import ContributionKind
from coalition.domain.forcegen import Offer
from coalition.registry import Registry, latest_stated, unit_types


def declared_offers(registry: Registry, offers: list[Offer], as_of: dt.date) -> list[Offer]:
    """The planner's offers with the registry's declared counts and notice, and one offer
    for each declared unit the planner's file does not list."""
    declared: dict[tuple[str, str], tuple[int, int | None, str]] = {}
    declaring: set[str] = set()  # pledges whose units the registry states
    for pledge in registry.pledges.values():
        if pledge.kind is not ContributionKind.TROOPS:
            continue
        latest = latest_stated(registry.statements[pledge.id], as_of, "units")
        if latest is None or latest.quantity is None:
            continue
        counts: dict[str, int] = defaultdict(int)
        for unit in latest.quantity.units:
            capability = unit_types()[unit.type].capability
            if capability is not None:
                counts[capability] += unit.count.firm
        if all(unit_types()[u.type].capability for u in latest.quantity.units):
            # Every declared unit is a capability: the declaration is the whole offer.
            # (A "company-sized unit" is not; the planner's file says what it is.)
            declaring.add(pledge.id)
        said = (f"{latest.quantity.text()} ({latest.date} {latest.source.id} "
                f"{latest.source.reliability.value}): \u201c{latest.quote}\u201d")  # fmt: skip
        ready = latest_stated(registry.statements[pledge.id], as_of, "notice_days")
        days = ready.quantity.notice_days if ready and ready.quantity else None
        for capability, count in counts.items():
            declared[(pledge.id, capability)] = (count, days, said)
    result = []
    for offer in offers:
        found = declared.pop((offer.pledge_id, offer.capability), None)
        if found is None:
            if offer.pledge_id not in declaring:  # the registry says nothing of units
                result.append(offer)
            continue  # else the state declared its units, and not these
        count, notice, said = found
        if count >= 1:
            result.append(offer.model_copy(update={"count": count, "notice_days": notice,
                                                   "declared": said}))  # fmt: skip
    for (pledge_id, capability), (count, notice, said) in sorted(declared.items()):
        if count >= 1:
            result.append(
                Offer(id=f"{pledge_id}:{capability}", pledge_id=pledge_id, capability=capability,
                      count=count, notice_days=notice, declared=said)
            )  # fmt: skip
    return result

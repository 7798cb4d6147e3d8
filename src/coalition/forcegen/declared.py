"""Force offers from what states declared in the registry (issue 14): a pledge's units
as its latest statement up to the sourcing date gives them (type mapped to a capability
by the unit vocabulary), with their notice to move. The planner's offers file adds
caveats; the count is the registry's wherever the registry gives one, so a pledge reduced
or withdrawn in the registry changes the sourcing. A count said as a range or "up to"
counts its firm part (the low end; "up to N" counts N as the most a state said it
would send)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from coalition.domain import ContributionKind
from coalition.domain.forcegen import Offer
from coalition.registry import Registry
from coalition.registry.tally import latest_stated
from coalition.registry.units import unit_types


def declared_offers(registry: Registry, offers: list[Offer], as_of: dt.date) -> list[Offer]:
    """The planner's offers with the registry's declared counts and notice, and one offer
    for each declared unit the planner's file does not list."""
    declared: dict[tuple[str, str], tuple[int, int | None, str]] = {}
    for pledge in registry.pledges.values():
        if pledge.kind is not ContributionKind.TROOPS:
            continue
        latest = latest_stated(registry.statements[pledge.id], as_of)
        if latest is None or latest.quantity is None:
            continue
        counts: dict[str, int] = defaultdict(int)
        for unit in latest.quantity.units:
            capability = unit_types()[unit.type].capability
            if capability is not None:
                counts[capability] += unit.count.firm
        said = f"{latest.date} {latest.source.id}: \u201c{latest.quote}\u201d"
        for capability, count in counts.items():
            declared[(pledge.id, capability)] = (count, latest.quantity.notice_days, said)
    result = []
    for offer in offers:
        found = declared.pop((offer.pledge_id, offer.capability), None)
        if found is None:
            result.append(offer)
            continue
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

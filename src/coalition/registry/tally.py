"""Sums of what statements say (issue 14), as of a day: people and units of troop
pledges by their status that day, euros of support by stage. A troop pledge counts with
the latest figure stated on or before the day; a support statement is one package or one
delivery, so every committed, allocated or delivered statement up to the day adds its
amount. Each sum keeps the figures it adds (with quote and source) and the pledges that
state none, so a total is never read as complete when it is not."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from coalition.domain import ContributionKind, PledgePosition, Statement
from coalition.domain.quantities import (
    Count,
    CountSum,
    EuroSum,
    Figure,
    QuantityTotals,
    SupportStage,
)


def _figure(actor: str, pledge: str, s: Statement) -> Figure:
    assert s.quantity is not None
    return Figure(actor=actor, pledge_id=pledge, date=s.date, said=s.quantity.text(),
                  quote=s.quote, source=s.source.id)  # fmt: skip


def _add(total: CountSum, count: Count, figure: Figure) -> CountSum:
    high = None if total.high is None or count.high is None else total.high + count.high
    return total.model_copy(
        update={"low": total.low + (count.low or 0), "high": high,
                "figures": (*total.figures, figure)}
    )  # fmt: skip


def latest_stated(statements: Iterable[Statement], on: dt.date) -> Statement | None:
    """The latest statement up to ``on`` that states a figure (the more credible one on
    a tie)."""
    found = [s for s in statements if s.date <= on and s.quantity is not None]
    return max(found, key=lambda s: (s.date, -s.credibility), default=None)


def tally(
    on: dt.date, readings: list[PledgePosition], statements: dict[str, list[Statement]]
) -> QuantityTotals:
    personnel: dict[str, CountSum] = defaultdict(CountSum)
    units: dict[str, dict[str, CountSum]] = defaultdict(lambda: defaultdict(CountSum))
    support: dict[str, EuroSum] = {stage.value: EuroSum() for stage in SupportStage}
    for reading in readings:
        pledge = reading.pledge
        status = reading.status.value
        said = statements.get(pledge.id, [])
        if pledge.kind is ContributionKind.TROOPS:
            latest = latest_stated(said, on)
            quantity = latest.quantity if latest else None
            if latest is None or quantity is None or quantity.personnel is None:
                personnel[status] = personnel[status].model_copy(
                    update={"unknown": (*personnel[status].unknown, pledge.id)}
                )
            else:
                figure = _figure(pledge.actor, pledge.id, latest)
                personnel[status] = _add(personnel[status], quantity.personnel, figure)
            if latest is not None and quantity is not None:
                for unit in quantity.units:
                    figure = _figure(pledge.actor, pledge.id, latest)
                    units[unit.type][status] = _add(units[unit.type][status], unit.count, figure)
            continue
        staged = [s for s in said if s.date <= on and s.quantity and s.quantity.stage]
        for stage in SupportStage:
            mine = [s for s in staged if s.quantity and s.quantity.stage is stage]
            if not mine:
                continue
            total = support[stage.value]
            for s in mine:
                assert s.quantity is not None
                if s.quantity.money is None:
                    total = total.model_copy(update={"unknown": (*total.unknown, pledge.id)})
                    continue
                figure = _figure(pledge.actor, pledge.id, s)
                total = total.model_copy(
                    update={"eur": total.eur + s.quantity.money.eur,
                            "figures": (*total.figures, figure)}
                )  # fmt: skip
            support[stage.value] = total
    return QuantityTotals(
        on=on,
        personnel=dict(personnel),
        units={t: dict(by) for t, by in units.items()},
        support=support,
    )

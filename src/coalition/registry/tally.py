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
from typing import TypeVar

from coalition.domain import ContributionKind, Pledge, PledgePosition, Statement
from coalition.domain.quantities import (
    Count,
    CountSum,
    EuroSum,
    Figure,
    QuantityTotals,
    StatedQuantity,
    SupportStage,
    TrackerRow,
)
from coalition.registry.units import unit_types


def _figure(actor: str, pledge: str, s: Statement) -> Figure:
    assert s.quantity is not None
    return Figure(actor=actor, pledge_id=pledge, date=s.date, said=s.quantity.text(),
                  quote=s.quote, source=s.source.id, grade=s.source.reliability.value,
                  note=s.note)  # fmt: skip


def _add(total: CountSum, count: Count, figure: Figure) -> CountSum:
    high = None if total.high is None or count.high is None else total.high + count.high
    return total.model_copy(
        update={"low": total.low + (count.low or 0), "high": high,
                "figures": (*total.figures, figure)}
    )  # fmt: skip


def latest_stated(
    statements: Iterable[Statement], on: dt.date, part: str | None = None
) -> Statement | None:
    """The latest statement up to ``on`` that states a figure (the more credible one on
    a tie); with ``part`` ("personnel", "units"), the latest that states that part, so a
    later statement of basing alone does not erase the troops said before it."""
    found = [
        s
        for s in statements
        if s.date <= on and s.quantity is not None
        and (part is None or getattr(s.quantity, part) not in (None, ()))
    ]  # fmt: skip
    return max(found, key=lambda s: (s.date, -s.credibility), default=None)


def tally(
    on: dt.date, readings: list[PledgePosition], statements: dict[str, list[Statement]]
) -> QuantityTotals:
    personnel: dict[str, CountSum] = defaultdict(CountSum)
    units: dict[str, dict[str, CountSum]] = defaultdict(lambda: defaultdict(CountSum))
    support: dict[str, EuroSum] = {stage.value: EuroSum() for stage in SupportStage}
    for reading in readings:
        pledge, status = reading.pledge, reading.status.value
        said = statements.get(pledge.id, [])
        if pledge.kind is ContributionKind.TROOPS:
            people = latest_stated(said, on, "personnel")
            if people is None or people.quantity is None or people.quantity.personnel is None:
                personnel[status] = _unknown(personnel[status], pledge.id)
            else:
                figure = _figure(pledge.actor, pledge.id, people)
                personnel[status] = _add(personnel[status], people.quantity.personnel, figure)
            formed = latest_stated(said, on, "units")
            if formed is not None and formed.quantity is not None:
                figure = _figure(pledge.actor, pledge.id, formed)
                for unit in formed.quantity.units:
                    units[unit.type][status] = _add(units[unit.type][status], unit.count, figure)
            continue
        for s in said:
            if s.date > on or s.quantity is None or s.quantity.stage is None:
                continue
            stage = s.quantity.stage.value
            money = s.quantity.money
            if money is None:
                support[stage] = _unknown(support[stage], pledge.id)
            else:
                support[stage] = support[stage].add(money, _figure(pledge.actor, pledge.id, s))
    return QuantityTotals(
        on=on,
        personnel=dict(personnel),
        units={t: dict(by) for t, by in units.items()},
        support=support,
    )


Sum = TypeVar("Sum", CountSum, EuroSum)


def _unknown(total: Sum, pledge_id: str) -> Sum:
    """The sum with one more statement or pledge that states no figure."""
    return total.model_copy(update={"unknown": (*total.unknown, pledge_id)})


def _area(quantity: StatedQuantity) -> str:
    """The statement's capability area, or the one its items belong to."""
    if quantity.area is not None:
        return quantity.area.value
    areas = {a for u in quantity.units if (a := unit_types()[u.type].area) is not None}
    return areas.pop().value if len(areas) == 1 else "other"


def support_tracker(
    pledges: dict[str, Pledge],
    statements: dict[str, list[Statement]],
    start: dt.date,
    end: dt.date,
    actor: str | None = None,
    area: str | None = None,
) -> list[TrackerRow]:
    """Per state and capability area, what support statements dated ``start`` to
    ``end`` (inclusive) committed, allocated and delivered; a figure about another year
    than its statement's (``concerns_year``) counts in that year."""
    rows: dict[tuple[str, str], TrackerRow] = {}
    for pledge in pledges.values():
        if pledge.kind is ContributionKind.TROOPS or actor not in (None, pledge.actor):
            continue
        for s in statements.get(pledge.id, []):
            quantity = s.quantity
            if quantity is None or quantity.stage is None:
                continue
            year = quantity.concerns_year
            when = s.date if year is None else dt.date(year, 12, 31)
            if not start <= when <= end:
                continue
            where = _area(quantity)
            if area not in (None, where):
                continue
            row = rows.get((pledge.actor, where)) or TrackerRow(actor=pledge.actor, area=where)
            figure = _figure(pledge.actor, pledge.id, s)
            update: dict[str, object] = {"figures": (*row.figures, figure)}
            stage = quantity.stage.value
            if quantity.money is None:
                update["no_amount"] = row.no_amount | {stage: row.no_amount.get(stage, 0) + 1}
            else:
                update[f"{stage}_eur"] = getattr(row, f"{stage}_eur") + quantity.money.eur
                update["with_amount"] = row.with_amount | {stage: row.with_amount.get(stage, 0) + 1}
            if quantity.units:
                items = dict(getattr(row, f"{stage}_items"))
                for unit in quantity.units:
                    items[unit.type] = _add(items.get(unit.type, CountSum()), unit.count, figure)
                update[f"{stage}_items"] = items
            rows[(pledge.actor, where)] = row.model_copy(update=update)
    return [rows[key] for key in sorted(rows)]

"""A statement's quantity checked against its pledge and turned into the domain form:
unit types from the vocabulary (a troop unit in one of the pledge's domains), readiness
only on troop pledges and a support stage only on the others, money with an ECB rate for
the statement's day (converted to euros, the rate kept). Each problem is one message with
the field it concerns."""

from __future__ import annotations

from coalition.domain import ContributionKind
from coalition.domain.quantities import StatedQuantity
from coalition.registry.money import in_euros
from coalition.registry.schema import PledgeIn, StatementIn
from coalition.registry.units import unit_types, unknown_unit

Problem = tuple[tuple[int | str, ...], str]


def quantity_problems(pledge: PledgeIn, event: StatementIn) -> list[Problem]:
    """What is wrong with ``event``'s quantity, each with its path under ``quantity``."""
    quantity = event.quantity
    if quantity is None:
        return []
    problems: list[Problem] = []
    troops = pledge.kind is ContributionKind.TROOPS
    for k, unit in enumerate(quantity.units):
        known = unit_types().get(unit.type)
        if known is None:
            problems.append((("units", k, "type"), unknown_unit(unit.type)))
        elif troops and known.domain is None:
            problems.append((("units", k, "type"), f"a {known.label} is an item given to "
                             f"Ukraine's forces; {pledge.id} is a troop pledge: record it "
                             "on a support pledge"))  # fmt: skip
        elif not troops and known.domain is not None:
            problems.append((("units", k, "type"), f"a {known.label} is a formed unit; "
                             f"{pledge.id} is {pledge.kind.value}: record it on a troop "
                             "pledge"))  # fmt: skip
        elif troops and known.domain is not None and known.domain not in pledge.domains:
            domains = ", ".join(d.value for d in pledge.domains)
            problems.append(
                (("units", k, "type"), f"a {known.label} serves in {known.domain.value}; "
                 f"pledge {pledge.id} is for {domains}")
            )  # fmt: skip
    if not troops and (quantity.readiness is not None or quantity.notice_days is not None):
        problems.append((("readiness",), f"readiness is a troop contribution's; {pledge.id} "
                         f"is {pledge.kind.value}: give its stage (committed, allocated, "
                         "delivered)"))  # fmt: skip
    if troops and quantity.stage is not None:
        problems.append((("stage",), "a troop pledge moves by its status and readiness; "
                         "stage (committed, allocated, delivered) is for support"))  # fmt: skip
    if troops and quantity.money is not None:
        problems.append((("money",), "money is support's; a troop pledge states people and "
                         "units (record the money on a financing or weapons pledge)"))  # fmt: skip
    if quantity.money is not None and quantity.money.amount == 0:
        problems.append((("money", "amount"), "an amount of 0: leave money out if none "
                         "was stated"))  # fmt: skip
    if quantity.money is not None:
        try:
            in_euros(quantity.money.amount, quantity.money.currency, event.date)
        except ValueError as exc:
            problems.append((("money", "currency"), str(exc)))
    return problems


def stated_quantity(event: StatementIn) -> StatedQuantity | None:
    """The domain form of a checked quantity (money converted at the day's rate)."""
    quantity = event.quantity
    if quantity is None:
        return None
    money = quantity.money
    if money is None:
        return quantity.stated(None)
    converted = in_euros(money.amount, money.currency, event.date)
    return quantity.stated(
        converted.model_copy(update={"said": money.said, "instrument": money.instrument})
    )

"""How much a statement says: people, formed units, money, where, and how far along
(a troop contribution's readiness, a support package's stage). A quantity belongs to a
statement, quoted and sourced like the rest of it, and keeps numbers as they were said:
"up to 7,500" stays an upper bound, "5,000 to 10,000" a range, never a midpoint.

Money is kept in the currency stated; its value in euros is computed at the ECB
reference rate of the statement's date (or the last business day before it), and the
rate and its date travel with it, so every euro figure can be traced."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, computed_field, model_validator

from coalition.domain.base import Frozen


class Count(Frozen):
    """A number as it was said: exactly (low == high), up to (no low), at least (no
    high), or a range."""

    low: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _said(self) -> Count:
        if self.low is None and self.high is None:
            raise ValueError("a count needs a number")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"a range runs from low to high, not {self.low} to {self.high}")
        return self

    @property
    def exact(self) -> bool:
        return self.low is not None and self.low == self.high

    @property
    def firm(self) -> int:
        """What a planner counts on: the low end, or the bound when only "up to" was said."""
        return self.low if self.low is not None else self.high or 0

    def text(self) -> str:
        if self.exact:
            return f"{self.low:,}"
        if self.low is None:
            return f"up to {self.high:,}"
        if self.high is None:
            return f"at least {self.low:,}"
        return f"{self.low:,} to {self.high:,}"


class UnitCount(Frozen):
    """Formed units or items of one type (``data/registry/units.yaml`` names the
    types, their domain and the force-sourcing capability they provide)."""

    type: str
    count: Count


class MoneySaid(StrEnum):
    """How an amount was said: exactly, "about", or "at least" (a floor)."""

    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"


class Instrument(StrEnum):
    """What the money is: given (a grant, or a purchase for Ukraine), or lent."""

    GRANT = "grant"
    LOAN = "loan"


class Money(Frozen):
    """An amount as stated, and in euros at the ECB reference rate of ``rate_date``."""

    amount: float = Field(ge=0)
    currency: str = Field(min_length=3, max_length=3)
    eur: float = Field(ge=0)
    rate: float = Field(gt=0)  # units of ``currency`` per euro (1 for EUR)
    rate_date: dt.date
    rate_source: str
    said: MoneySaid = MoneySaid.EXACT
    instrument: Instrument = Instrument.GRANT

    def text(self) -> str:
        qualifier = {MoneySaid.ABOUT: "about ", MoneySaid.AT_LEAST: "at least "}.get(self.said, "")
        said = f"{qualifier}{self.currency} {self.amount:,.0f}"
        if self.currency != "EUR":
            said += (
                f" (EUR {self.eur:,.0f}; 1 EUR = {self.rate:g} {self.currency}, "
                f"ECB reference rate of {self.rate_date})"
            )
        return said + (" (a loan)" if self.instrument is Instrument.LOAN else "")


class Readiness(StrEnum):
    """A troop contribution's readiness, after the UN Peacekeeping Capability Readiness
    System: registered (level 1), assessed (after an assessment visit, level 2), ready
    (level 3), rapid deployment (deployable within 60 days)."""

    REGISTERED = "registered"
    ASSESSED = "assessed"
    READY = "ready"
    RAPID_DEPLOYMENT = "rapid_deployment"


class SupportStage(StrEnum):
    """Where a support package stands, as the Kiel Institute's tracker counts it."""

    COMMITTED = "committed"
    ALLOCATED = "allocated"
    DELIVERED = "delivered"


class CapabilityArea(StrEnum):
    """The capability coalitions of the Ukraine Defence Contact Group, and money."""

    AIR_DEFENCE = "air_defence"
    DRONES = "drones"
    DEMINING = "demining"
    AMMUNITION = "ammunition"
    ARTILLERY = "artillery"
    ARMOUR = "armour"
    MARITIME = "maritime"
    TRAINING = "training"
    FINANCING = "financing"
    OTHER = "other"


class StatedQuantity(Frozen):
    """What a statement says of how much, how ready and where; each part optional."""

    personnel: Count | None = None
    units: tuple[UnitCount, ...] = ()
    money: Money | None = None
    basing: str | None = None
    readiness: Readiness | None = None
    notice_days: int | None = Field(default=None, ge=0)
    stage: SupportStage | None = None
    area: CapabilityArea | None = None
    concerns_year: int | None = None  # the year the figure is about, if not its own

    def text(self) -> str:
        """One line: '300 personnel; 2 minehunter; EUR 500,000,000; committed'."""
        parts = []
        if self.personnel is not None:
            parts.append(f"{self.personnel.text()} personnel")
        parts += [f"{u.count.text()} {u.type}" for u in self.units]
        if self.money is not None:
            parts.append(self.money.text())
        if self.area is not None:
            parts.append(self.area.value.replace("_", " "))
        if self.stage is not None:
            parts.append(self.stage.value)
        if self.concerns_year is not None:
            parts.append(f"in {self.concerns_year}")
        if self.readiness is not None:
            notice = f", {self.notice_days} days' notice" if self.notice_days is not None else ""
            parts.append(f"{self.readiness.value.replace('_', ' ')}{notice}")
        if self.basing:
            parts.append(self.basing)
        return "; ".join(parts)


class Figure(Frozen):
    """One stated figure behind a sum: whose, which pledge, what it says, and the quote
    and source it rests on."""

    actor: str
    pledge_id: str
    date: dt.date
    said: str
    quote: str
    source: str
    grade: str | None = None  # the source's reliability letter (Admiralty code)
    note: str | None = None  # the data file's caveat (press estimate, a loan, a floor)


class CountSum(Frozen):
    """Stated counts added up as said: ``low`` counts only lower bounds (an "up to"
    adds nothing), ``high`` is None when any figure has no upper bound. ``unknown``
    names the pledges of this group that state no figure."""

    low: int = 0
    high: int | None = 0
    figures: tuple[Figure, ...] = ()
    unknown: tuple[str, ...] = ()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def said(self) -> str:
        """The sum in words: "8", "up to 50", "at least 85,000", "2 to 4"."""
        if self.high is not None and self.low == self.high:
            return f"{self.low:,}"
        if self.high is None:
            return f"at least {self.low:,}"
        return f"up to {self.high:,}" if self.low == 0 else f"{self.low:,} to {self.high:,}"

    def text(self) -> str:
        if not self.figures:
            return "unknown" if self.unknown else "-"
        return self.said + (f" (+{len(self.unknown)} unknown)" if self.unknown else "")


class EuroSum(Frozen):
    """Euros stated at one stage; ``unknown`` names the pledge of each statement of that
    stage that states no amount (once per statement)."""

    eur: float = 0.0
    figures: tuple[Figure, ...] = ()
    unknown: tuple[str, ...] = ()
    # The parts of ``eur`` said as "about", as a floor ("at least"), and lent.
    about_eur: float = 0.0
    at_least_eur: float = 0.0
    loans_eur: float = 0.0

    def add(self, money: Money, figure: Figure) -> EuroSum:
        return self.model_copy(update={
            "eur": self.eur + money.eur, "figures": (*self.figures, figure),
            "about_eur": self.about_eur + (money.eur if money.said is MoneySaid.ABOUT else 0),
            "at_least_eur": self.at_least_eur
            + (money.eur if money.said is MoneySaid.AT_LEAST else 0),
            "loans_eur": self.loans_eur + (money.eur if money.instrument is Instrument.LOAN else 0),
        })  # fmt: skip

    def text(self) -> str:
        if not self.figures:
            return "unknown" if self.unknown else "-"
        parts = [f"{len(self.unknown)} without amount"] if self.unknown else []
        parts += [f"{what} EUR {value / 1e6:,.0f}m" for what, value in (
            ("of which loans", self.loans_eur), ("said as about", self.about_eur),
            ("said as at least", self.at_least_eur)) if value]  # fmt: skip
        prefix = "at least " if self.at_least_eur or self.unknown else ""
        more = f" ({'; '.join(parts)})" if parts else ""
        return f"{prefix}EUR {self.eur / 1e6:,.0f}m{more}"


class SizeBasis(StrEnum):
    """Who gives a reported force size: a government on the record, or the press
    relaying officials it does not name (a planning figure, not a pledge)."""

    OFFICIAL = "official"
    PRESS = "press"


class SizeSpan(StrEnum):
    """Whether a size counts the troops deployed at one time, or everyone needed to
    keep them there over a period (rotations included)."""

    AT_ONCE = "at_once"
    WITH_ROTATIONS = "with_rotations"


class ForceSize(Frozen):
    """A reported size of the planned force, or of the part some states would send
    together ("the UK and France will send up to 15,000"): a figure nobody pledged but
    planners measure the pledges against. ``covers`` is empty for the whole force."""

    key: str
    date: dt.date
    personnel: Count
    covers: tuple[str, ...] = ()
    span: SizeSpan = SizeSpan.AT_ONCE
    basis: SizeBasis
    description: str
    quote: str
    source: str
    source_grade: str | None = None
    speaker: str | None = None

    def text(self) -> str:
        who = " + ".join(self.covers) if self.covers else "whole force"
        span = ", with rotations" if self.span is SizeSpan.WITH_ROTATIONS else ""
        return f"{self.personnel.text()} personnel ({who}{span}; {self.basis.value})"


class QuantityTotals(Frozen):
    """Personnel and units of troop pledges by status, euros of support by stage, as of
    a day, each sum with the figures it adds and the pledges that state none."""

    on: dt.date
    personnel: dict[str, CountSum]  # by status
    units: dict[str, dict[str, CountSum]]  # unit type -> status -> sum
    support: dict[str, EuroSum]  # by stage (committed, allocated, delivered)


class TrackerRow(Frozen):
    """Support to Ukraine's forces by one state in one capability area over a period,
    as the Kiel Institute's tracker shows it: committed, allocated and delivered (euros,
    and items by type), with every figure it adds and the statements with no amount."""

    actor: str
    area: str
    committed_eur: float = 0.0
    allocated_eur: float = 0.0
    delivered_eur: float = 0.0
    committed_items: dict[str, CountSum] = Field(default_factory=dict)
    allocated_items: dict[str, CountSum] = Field(default_factory=dict)
    delivered_items: dict[str, CountSum] = Field(default_factory=dict)
    # Per stage: statements that state an amount of money, and those that state none.
    with_amount: dict[str, int] = Field(default_factory=dict)
    no_amount: dict[str, int] = Field(default_factory=dict)
    figures: tuple[Figure, ...] = ()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def gap_eur(self) -> float | None:
        """Committed but not (yet) reported delivered; None when either side states no
        amount (a gap against an unknown is not a number)."""
        if not self.with_amount.get("committed") or not self.with_amount.get("delivered"):
            return None
        return max(0.0, self.committed_eur - self.delivered_eur)

    def euros(self, stage: SupportStage) -> str:
        """A stage's euros in words, never a bare 0 for "nothing stated"."""
        stated, unstated = self.with_amount.get(stage.value, 0), self.no_amount.get(stage.value, 0)
        packages = f"{unstated} statement{'s' if unstated > 1 else ''}"
        if not stated:
            return f"{packages}, value not stated" if unstated else "-"
        more = f" (+{packages} without a value)" if unstated else ""
        return f"EUR {getattr(self, f'{stage.value}_eur') / 1e6:,.1f}m{more}"

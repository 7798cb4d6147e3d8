"""The shape of the registry's data files (YAML). ``extra="forbid"`` everywhere, so a
misspelt field is an error that names it rather than a silently ignored value."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import pycountry
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coalition.datafiles import Parsed
from coalition.domain import (
    ContributionKind,
    Domain,
    Quantity,
    Reliability,
    SourceKind,
    StanceKind,
    Status,
)
from coalition.domain.quantities import (
    CapabilityArea,
    Count,
    Instrument,
    Money,
    MoneySaid,
    Readiness,
    SizeBasis,
    SizeSpan,
    StatedQuantity,
    SupportStage,
    UnitCount,
)

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
#: No stated count is larger (a billion: rounds of ammunition are counted in millions).
MAX_COUNT = 1_000_000_000


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


#: Statements are dated between this day and tomorrow (UTC): 0001-01-01 is a typing
#: slip, and nobody has said tomorrow's words yet.
EARLIEST = dt.date(1900, 1, 1)


def said_on(value: dt.date) -> dt.date:
    latest = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    if not EARLIEST <= value <= latest:
        raise ValueError(f"{value} is not a day a statement was made ({EARLIEST} to {latest})")
    return value


def language_code(value: str | None) -> str | None:
    """An ISO 639 code (``en``, ``uk``, ``fra``), or ``und`` for a language not known."""
    if value is None or value == "und":
        return value
    found = pycountry.languages.get(alpha_2=value) if len(value) == 2 else None
    found = found or pycountry.languages.get(alpha_3=value)
    if found is None:
        raise ValueError(f"{value!r} is not an ISO 639 language code (e.g. en, uk, fr; und)")
    return value


class ConditionIn(_In):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    description: str = ""


class OrganisationIn(_In):
    code: str = Field(pattern=r"^[A-Z][A-Z0-9-]{1,15}$")
    name: str


class SourceIn(_In):
    id: str = Field(pattern=ID_PATTERN, max_length=64)
    title: str
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    language: str = "en"
    url: str | None = Field(default=None, pattern=r"^https?://")
    file: str | None = None
    note: str | None = None
    kind: SourceKind = SourceKind.NEWS
    reliability: Reliability = Reliability.F
    translated_from: str | None = None

    _languages = field_validator("language", "translated_from")(language_code)

    @model_validator(mode="after")
    def _locatable(self) -> SourceIn:
        if not (self.url or self.file):
            raise ValueError("a source needs a url or a file, so that it can be found again")
        return self


class RoleIn(_In):
    title: str
    actor: str
    start: dt.date
    end: dt.date | None = None
    source: str

    @model_validator(mode="after")
    def _ordered(self) -> RoleIn:
        if self.end is not None and self.end <= self.start:
            raise ValueError(f"role ends ({self.end}) before it starts ({self.start})")
        return self


class PersonIn(_In):
    id: str = Field(pattern=ID_PATTERN, max_length=64)
    name: str
    roles: list[RoleIn] = []


class CountIn(_In):
    """A number as said: one of ``exact``, ``up_to``, ``at_least``, or ``from`` and ``to``."""

    exact: int | None = Field(default=None, ge=0, le=MAX_COUNT, strict=True)
    up_to: int | None = Field(default=None, ge=0, le=MAX_COUNT, strict=True)
    at_least: int | None = Field(default=None, ge=0, le=MAX_COUNT, strict=True)
    from_: int | None = Field(default=None, ge=0, le=MAX_COUNT, strict=True, alias="from")
    to: int | None = Field(default=None, ge=0, le=MAX_COUNT, strict=True)

    @model_validator(mode="after")
    def _one_form(self) -> CountIn:
        forms = [
            name
            for name, given in (
                ("exact", self.exact is not None),
                ("up_to", self.up_to is not None),
                ("at_least", self.at_least is not None),
                ("from/to", self.from_ is not None or self.to is not None),
            )
            if given
        ]
        if len(forms) != 1:
            raise ValueError(
                "give one of exact, up_to, at_least, or from and to "
                f"(given: {', '.join(forms) or 'none'})"
            )
        if forms == ["from/to"] and (self.from_ is None or self.to is None):
            raise ValueError("a range needs both from and to")
        if self.from_ is not None and self.to is not None and self.from_ > self.to:
            raise ValueError(f"a range runs from low to high, not {self.from_} to {self.to}")
        return self

    def count(self) -> Count:
        if self.exact is not None:
            return Count(low=self.exact, high=self.exact)
        if self.up_to is not None:
            return Count(high=self.up_to)
        if self.at_least is not None:
            return Count(low=self.at_least)
        return Count(low=self.from_, high=self.to)


def _plain_number(value: object) -> object:
    """A plain number is said exactly: ``300`` reads as ``{exact: 300}``."""
    return {"exact": value} if isinstance(value, int) and not isinstance(value, bool) else value


class UnitIn(_In):
    type: str = Field(min_length=1, max_length=64)
    count: CountIn = Field(description="a number, or {up_to: N}, {from: A, to: B}...")

    _count = field_validator("count", mode="before")(_plain_number)


class MoneyIn(_In):
    amount: float = Field(ge=0, allow_inf_nan=False)
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217, e.g. EUR, USD, GBP")
    said: MoneySaid = MoneySaid.EXACT  # "about" or "at least" kept as said
    instrument: Instrument = Instrument.GRANT


class QuantityIn(_In):
    """How much a statement says: each part optional, numbers as they were said."""

    personnel: CountIn | None = None
    units: list[UnitIn] = []
    money: MoneyIn | None = None
    basing: str | None = Field(default=None, max_length=500)
    readiness: Readiness | None = None
    notice_days: int | None = Field(default=None, ge=0, le=3650, strict=True)
    stage: SupportStage | None = None
    area: CapabilityArea | None = None
    # The year a figure is about when it is not the statement's own ("1.5 million rounds
    # in 2024", said in 2025): the tracker counts it in that year.
    concerns_year: int | None = Field(default=None, ge=1991, le=2100, strict=True)

    _people = field_validator("personnel", mode="before")(_plain_number)

    @model_validator(mode="after")
    def _says_something(self) -> QuantityIn:
        if not self.model_fields_set - {"units"} and not self.units:
            raise ValueError("an empty quantity: leave it out")
        if self.notice_days is not None and self.readiness is None:
            raise ValueError("notice_days belongs to a readiness (registered ... rapid_deployment)")
        return self

    def stated(self, money: Money | None) -> StatedQuantity:
        """The domain form; ``money`` is the amount already converted at the day's rate."""
        return StatedQuantity(
            personnel=None if self.personnel is None else self.personnel.count(),
            units=tuple(UnitCount(type=u.type, count=u.count.count()) for u in self.units),
            money=money,
            basing=self.basing,
            readiness=self.readiness,
            notice_days=self.notice_days,
            stage=self.stage,
            area=self.area,
            concerns_year=self.concerns_year,
        )


class StatementIn(_In):
    date: dt.date
    status: Status
    conditions: list[str] = []
    quote: str = Field(min_length=3)
    source: str
    speaker: str | None = None
    note: str | None = None
    # The speaker's own words, quoted directly (checked by the loader: the speaker holds
    # the state's office and the source is not a paraphrase). A report of them if left out.
    primary: bool = Field(default=False, strict=True)
    # Admiralty credibility 1-6 when a person graded it; left out, it is read from the
    # other statements of the day (coalition.registry.grading).
    credibility: int | None = Field(default=None, ge=1, le=6, strict=True)
    original_quote: str | None = Field(default=None, min_length=3)
    translated_from: str | None = None
    # How much the quote says (people, units, money, readiness or stage), as it says it.
    quantity: QuantityIn | None = None

    _languages = field_validator("translated_from")(language_code)

    @field_validator("conditions")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("a condition is listed twice")
        return value

    _dated = field_validator("date")(said_on)


class PledgeIn(_In):
    id: str = Field(pattern=ID_PATTERN, max_length=64)
    actor: str
    kind: ContributionKind
    domains: list[Domain] = []
    description: str
    quantity: Quantity = Quantity()
    where: str | None = None
    events: list[StatementIn] = Field(min_length=1)

    @model_validator(mode="after")
    def _troops_have_domains(self) -> PledgeIn:
        if self.kind is ContributionKind.TROOPS and not self.domains:
            raise ValueError("a troops pledge names its domains (land, sea, air)")
        return self


class StanceIn(_In):
    actor: str
    date: dt.date
    stance: StanceKind
    subject: str
    quote: str = Field(min_length=3)
    source: str
    speaker: str | None = None

    _dated = field_validator("date")(said_on)


class ClaimIn(_In):
    date: dt.date
    count: int = Field(ge=1)
    kind: ContributionKind
    domains: list[Domain] = []
    status: Status
    conditions: list[str] = []
    description: str
    quote: str = Field(min_length=3)
    source: str
    speaker: str | None = None

    _dated = field_validator("date")(said_on)


class SizeIn(_In):
    """A reported size of the planned force (``covers`` empty) or of the part that
    some states would send together, quoted from its source."""

    date: dt.date
    personnel: CountIn
    covers: list[str] = []
    span: SizeSpan = SizeSpan.AT_ONCE
    basis: SizeBasis
    description: str = Field(min_length=3)
    quote: str = Field(min_length=3)
    source: str
    speaker: str | None = None

    _dated = field_validator("date")(said_on)
    _people = field_validator("personnel", mode="before")(_plain_number)


class MissionIn(_In):
    """A precondition of the whole mission (not of one pledge), with its evidence."""

    condition: str
    applies_to: Literal["forces in the beneficiary's territory"] = (
        "forces in the beneficiary's territory"
    )
    date: dt.date
    quote: str = Field(min_length=3)
    source: str
    speaker: str | None = None

    _dated = field_validator("date")(said_on)


class MeetingIn(_In):
    id: str = Field(pattern=ID_PATTERN, max_length=64)
    title: str
    date: dt.date
    place: str
    participants: list[str] = []
    priorities: list[str] = []
    priorities_quote: str | None = None
    sources: list[str] = Field(min_length=1)


class DatasetIn(_In):
    """One data file: any of the sections, so a dataset can be split as its authors like."""

    conditions: list[ConditionIn] = []
    organisations: list[OrganisationIn] = []
    sources: list[SourceIn] = []
    people: list[PersonIn] = []
    pledges: list[PledgeIn] = []
    stances: list[StanceIn] = []
    claims: list[ClaimIn] = []
    sizes: list[SizeIn] = []
    meetings: list[MeetingIn] = []
    mission: list[MissionIn] = []


#: One registry data file read and validated, with its lines for locating problems.
ParsedFile = Parsed[DatasetIn]

"""The shape of the registry's data files (YAML). ``extra="forbid"`` everywhere, so a
misspelt field is an error that names it rather than a silently ignored value."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import pycountry
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coalition.domain import (
    ContributionKind,
    Domain,
    Quantity,
    Reliability,
    SourceKind,
    StanceKind,
    Status,
)

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


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
    meetings: list[MeetingIn] = []
    mission: list[MissionIn] = []

"""Pydantic types every capability shares: the contract between packages.

Query results are built from these; capability packages never hand out ORM rows.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from coalition.domain.enums import (
    ActorKind,
    Bucket,
    ContributionKind,
    Domain,
    StanceKind,
    Status,
)


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Actor(Frozen):
    """A state (ISO 3166-1 alpha-3 code) or an organisation (EU, NATO, UN...)."""

    code: str
    name: str
    kind: ActorKind


class Source(Frozen):
    """A document a fact comes from."""

    id: str
    title: str
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    language: str = "en"
    url: str | None = None
    file: str | None = None
    note: str | None = None


class Condition(Frozen):
    """A named predicate a pledge depends on (ceasefire in force, US backstop...)."""

    code: str
    label: str
    description: str = ""


class Role(Frozen):
    """A person's office over time: who spoke for which actor on a given date."""

    person_id: str
    person_name: str
    title: str
    actor: str
    start: dt.date
    end: dt.date | None = None

    def holds_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


class UnitOffer(Frozen):
    capability: str
    count: int = Field(ge=1)
    domain: Domain | None = None
    note: str | None = None


class Quantity(Frozen):
    """How much: people, formed units, money. Every part is optional: most statements
    name none."""

    personnel: int | None = Field(default=None, ge=0)
    units: tuple[UnitOffer, ...] = ()
    amount_eur: float | None = Field(default=None, ge=0)
    note: str | None = None

    def is_empty(self) -> bool:
        return self.personnel is None and not self.units and self.amount_eur is None


class Pledge(Frozen):
    """What an actor is (or is not) ready to give. Its status lives in its events."""

    id: str
    actor: str
    kind: ContributionKind
    domains: tuple[Domain, ...] = ()
    description: str
    quantity: Quantity = Quantity()
    where: str | None = None


class Statement(Frozen):
    """One status event: on ``date`` a source reported ``status`` for a pledge."""

    key: str
    pledge_id: str
    date: dt.date
    status: Status
    conditions: tuple[str, ...] = ()
    quote: str
    source: Source
    speaker: str | None = None
    speaker_role: str | None = None
    note: str | None = None


class PledgePosition(Frozen):
    """A pledge as of a date: the latest day's statements, read together."""

    pledge: Pledge
    status: Status
    bucket: Bucket
    since: dt.date
    conditions: tuple[str, ...]
    statements: tuple[Statement, ...]
    disputed: bool = False


class Stance(Frozen):
    key: str
    actor: str
    date: dt.date
    stance: StanceKind
    subject: str
    quote: str
    source: Source
    speaker: str | None = None


class ActorPosition(Frozen):
    """Everything the registry knows of one actor's position on one day."""

    actor: Actor
    on: dt.date
    pledges: tuple[PledgePosition, ...]
    stances: tuple[Stance, ...]


class TimelineEntry(Frozen):
    date: dt.date
    pledge: Pledge | None
    statement: Statement | None = None
    stance: Stance | None = None


class Change(Frozen):
    """A pledge whose reading differs between two dates."""

    actor: Actor
    pledge: Pledge
    before: Status | None
    after: Status | None
    before_conditions: tuple[str, ...] = ()
    after_conditions: tuple[str, ...] = ()
    statements: tuple[Statement, ...] = ()

    @property
    def first_statement(self) -> bool:
        return self.before is None


class AggregateClaim(Frozen):
    """A count reported without names ("26 countries committed")."""

    key: str
    date: dt.date
    count: int
    kind: ContributionKind
    domains: tuple[Domain, ...] = ()
    status: Status
    conditions: tuple[str, ...] = ()
    description: str
    quote: str
    source: Source
    speaker: str | None = None


class Meeting(Frozen):
    id: str
    title: str
    date: dt.date
    place: str
    participants: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    priorities_quote: str | None = None


class SituationRow(Frozen):
    actor: Actor
    bucket: Bucket
    position: PledgePosition | None
    blocking: tuple[Condition, ...] = ()


class SituationSection(Frozen):
    """One domain (land, sea, air) or one kind of non-troop support."""

    title: str
    rows: tuple[SituationRow, ...]

    def in_bucket(self, bucket: Bucket) -> tuple[SituationRow, ...]:
        return tuple(r for r in self.rows if r.bucket is bucket)


class SituationReport(Frozen):
    on: dt.date
    sections: tuple[SituationSection, ...]
    claims: tuple[AggregateClaim, ...]
    stances: tuple[Stance, ...]
    disputed: tuple[PledgePosition, ...]
    meetings: tuple[Meeting, ...]


class Totals(Frozen):
    """Counts of pledges as of a date, per troop domain and bucket, per kind, per status."""

    on: dt.date
    by_domain: dict[Domain, dict[Bucket, int]]
    by_kind: dict[ContributionKind, dict[Bucket, int]]
    by_status: dict[Status, int]

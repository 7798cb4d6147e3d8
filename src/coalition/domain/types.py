"""Pydantic types every capability shares: the contract between packages.

Query results are built from these; capability packages never hand out ORM rows.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from coalition.domain.base import Frozen
from coalition.domain.enums import (
    CREDIBILITY_LABEL,
    ActorKind,
    Bucket,
    ContributionKind,
    Domain,
    Reliability,
    SourceKind,
    StanceKind,
    Status,
)
from coalition.domain.quantities import ForceSize, QuantityTotals, StatedQuantity

#: The condition that keeps forces away from the line of contact (force sourcing turns it
#: into a distance); it says where forces may serve, not when they may deploy.
AWAY_FROM_FRONT_LINE = "away_from_front_line"
PLACEMENT_CONDITIONS = frozenset({AWAY_FROM_FRONT_LINE})


class Actor(Frozen):
    """A state (ISO 3166-1 alpha-3 code) or an organisation (EU, NATO, UN...)."""

    code: str
    name: str
    kind: ActorKind


class Source(Frozen):
    """A document a fact comes from, graded (Admiralty code) for how far it can be
    trusted: a government transcript and a commentary blog do not weigh the same."""

    id: str
    title: str
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    language: str = "en"
    url: str | None = None
    file: str | None = None
    note: str | None = None
    kind: SourceKind = SourceKind.NEWS
    reliability: Reliability = Reliability.F
    translated_from: str | None = None  # the language the text was translated from

    @property
    def grade(self) -> str:
        """The source's Admiralty letter in words, for what has no statement grade
        (stances, counts, mission evidence)."""
        return f"({self.reliability.value}: {self.reliability.label})"


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

    @property
    def under_mission(self) -> bool:
        """Whether the mission's own conditions bind it: they hold for every force sent
        to Ukraine, so for troops, not for money or equipment."""
        return self.kind is ContributionKind.TROOPS


class Statement(Frozen):
    """One status event: on ``date`` a source reported ``status`` for a pledge.

    ``primary`` when the quote is the speaker's own words, verbatim (a transcript, a
    communiqué, an official site, or a direct quote carried by the press); otherwise a
    report of them (a paraphrase). ``credibility``
    is the Admiralty grade (1-6) of this piece of information, read with the other
    statements of its day (see :mod:`coalition.registry.grading`)."""

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
    primary: bool = False
    credibility: int = Field(default=6, ge=1, le=6)
    credibility_reason: str | None = None
    original_quote: str | None = None
    translated_from: str | None = None
    # The registry's own clock: the day it learned of this statement (UTC).
    recorded_on: dt.date | None = None
    # How much the quote says (people, units, money, readiness or stage).
    quantity: StatedQuantity | None = None

    def late_for(self, known_by: dt.date | None) -> bool:
        """Whether the registry learned of it after ``known_by`` (a late entry: what a
        reader on that day could not have known)."""
        return known_by is not None and self.recorded_on is not None and self.recorded_on > known_by

    @property
    def grade(self) -> str:
        """The Admiralty code, e.g. ``B2``, and whether primary (P) or secondary (S)."""
        return f"{self.source.reliability.value}{self.credibility} {'P' if self.primary else 'S'}"

    @property
    def grade_label(self) -> str:
        why = self.credibility_reason or CREDIBILITY_LABEL[self.credibility]
        return (
            f"{self.grade}: {'primary' if self.primary else 'secondary'}, source "
            f"{self.source.reliability.label}, credibility {self.credibility} ({why})"
        )


class PledgePosition(Frozen):
    """A pledge as of a date: the latest day's statements, read together.

    ``statements`` are those the reading rests on; ``set_aside`` are statements of the
    same day outranked by the speaker's own words (shown, graded, never hidden)."""

    pledge: Pledge
    status: Status
    bucket: Bucket
    since: dt.date
    conditions: tuple[str, ...]
    statements: tuple[Statement, ...]
    disputed: bool = False
    set_aside: tuple[Statement, ...] = ()
    # A reading needed parliament's approval and no vote is recorded since.
    parliament_pending: bool = False

    @property
    def reading(self) -> str:
        """The status in words, with the parliamentary step when one is awaited."""
        text = self.status.label + (" (disputed)" if self.disputed else "")
        return text + ("; parliamentary vote pending" if self.parliament_pending else "")


class MissionCondition(Frozen):
    """A precondition of the whole mission, not of one state's pledge (the force deploys
    only after a ceasefire; it is stationed away from the line of contact). It applies
    to every pledge of forces on the beneficiary's territory, with its own evidence."""

    condition: str
    label: str
    applies_to: str = "forces in the beneficiary's territory"
    date: dt.date
    quote: str
    source: Source
    speaker: str | None = None


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
    """Everything the registry knows of one actor's position on one day, with the
    mission's own conditions (every pledge of forces in Ukraine waits for them)."""

    actor: Actor
    on: dt.date
    mission: tuple[MissionCondition, ...] = ()
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
    mission: tuple[Condition, ...] = ()  # the mission's own preconditions, if they apply

    @property
    def own_conditions(self) -> tuple[Condition, ...]:
        """The conditions the state sets itself, beyond the mission's own."""
        return tuple(c for c in self.blocking if c not in self.mission)

    @property
    def label(self) -> str:
        """The bucket with the mission's preconditions it waits for: "in (after: ceasefire
        in force)" rather than a bare "in". Placement caveats are not waited for."""
        waits = [c.label for c in self.mission if c.code not in PLACEMENT_CONDITIONS]
        if self.bucket not in {Bucket.IN, Bucket.CONDITIONAL} or not waits:
            return self.bucket.value
        return f"{self.bucket.value} (after: {'; '.join(waits)})"


class SituationSection(Frozen):
    """One domain (land, sea, air) or one kind of non-troop support."""

    title: str
    rows: tuple[SituationRow, ...]

    def in_bucket(self, bucket: Bucket) -> tuple[SituationRow, ...]:
        return tuple(r for r in self.rows if r.bucket is bucket)


class SituationReport(Frozen):
    on: dt.date
    mission: tuple[MissionCondition, ...] = ()
    sections: tuple[SituationSection, ...]
    claims: tuple[AggregateClaim, ...]
    stances: tuple[Stance, ...]
    disputed: tuple[PledgePosition, ...]
    meetings: tuple[Meeting, ...]
    # People, units and euros stated, by status or stage, with the unknowns counted.
    quantities: QuantityTotals | None = None
    # Reported sizes of the planned force (or of a part of it), oldest first.
    sizes: tuple[ForceSize, ...] = ()

    @property
    def current_priorities(self) -> Meeting | None:
        """The latest meeting that set the coalition's priorities, if any did."""
        return next((m for m in reversed(self.meetings) if m.priorities), None)

    @property
    def forces(self) -> tuple[SituationSection, ...]:
        """The sections of troops, one per domain (land, sea, air): they come first."""
        return self.sections[: len(Domain)]

    def in_for_forces(self) -> set[str]:
        """The states in for forces in any domain."""
        return {r.actor.code for s in self.forces for r in s.in_bucket(Bucket.IN)}

    def most_committed(self) -> list[SituationRow]:
        """Each state's most committed reading on sending forces, in any domain (on a
        tie, the first domain's), by code: what a map of the coalition colours."""
        order = list(Bucket)
        best: dict[str, SituationRow] = {}
        for section in self.forces:
            for row in section.rows:
                kept = best.get(row.actor.code)
                if kept is None or order.index(row.bucket) < order.index(kept.bucket):
                    best[row.actor.code] = row
        return [best[code] for code in sorted(best)]


class Totals(Frozen):
    """Counts of pledges as of a date, per troop domain and bucket, per kind, per status."""

    on: dt.date
    by_domain: dict[Domain, dict[Bucket, int]]
    by_kind: dict[ContributionKind, dict[Bucket, int]]
    by_status: dict[Status, int]
    # People, units and euros stated, by status or stage, with the unknowns counted.
    quantities: QuantityTotals | None = None
    # Reported sizes of the planned force (or of a part of it), oldest first.
    sizes: tuple[ForceSize, ...] = ()

"""Questions the registry answers: a state's position on a day, its timeline, who changed
position between two days, totals, and the situation report.

Rows are read once into domain types; the as-of logic lives in :mod:`.asof`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coalition.domain import (
    Actor,
    ActorKind,
    ActorPosition,
    AggregateClaim,
    Bucket,
    Change,
    Condition,
    ContributionKind,
    Domain,
    Meeting,
    MissionCondition,
    Pledge,
    PledgePosition,
    Quantity,
    Reliability,
    Role,
    SituationReport,
    Source,
    SourceKind,
    Stance,
    StanceKind,
    Statement,
    Status,
    TimelineEntry,
    Totals,
)
from coalition.domain.quantities import (
    Count,
    ForceSize,
    QuantityTotals,
    SizeBasis,
    SizeSpan,
    StatedQuantity,
    TrackerRow,
)
from coalition.errors import CoalitionError
from coalition.registry import actors as actor_lookup
from coalition.registry.asof import read_pledge
from coalition.registry.grading import graded
from coalition.registry.situation import situation_report
from coalition.registry.tally import support_tracker, tally
from coalition.store.tables import (
    ActorRow,
    AggregateClaimRow,
    ConditionRow,
    ForceSizeRow,
    MeetingParticipantRow,
    MeetingRow,
    MissionConditionRow,
    PersonRow,
    PledgeRow,
    SourceRow,
    StanceRow,
    StatusEventRow,
)


class Registry:
    """Read-only view of the registry over one session; cheap to build per request.
    After ``detach()`` it holds everything in memory and needs the session no more, so
    a server can share one snapshot between requests."""

    def __init__(self, session: Session, beneficiary: str = "UKR") -> None:
        self._session = session
        self._stances: list[Stance] | None = None
        self._claims: list[AggregateClaim] | None = None
        self._sizes: list[ForceSize] | None = None
        self._meetings: list[Meeting] | None = None
        self.beneficiary = beneficiary
        self.sources = {r.id: _source(r) for r in session.scalars(select(SourceRow))}
        self.conditions = {
            r.code: Condition(code=r.code, label=r.label, description=r.description)
            for r in session.scalars(select(ConditionRow))
        }
        self.actors = {
            r.code: Actor(code=r.code, name=r.name, kind=ActorKind(r.kind))
            for r in session.scalars(select(ActorRow))
        }
        self.roles: dict[str, list[Role]] = defaultdict(list)
        self.people: dict[str, str] = {}
        for person in session.scalars(select(PersonRow).options(selectinload(PersonRow.roles))):
            self.people[person.id] = person.name
            for r in person.roles:
                self.roles[person.id].append(
                    Role(
                        person_id=person.id,
                        person_name=person.name,
                        title=r.title,
                        actor=r.actor,
                        start=r.start,
                        end=r.end,
                    )
                )
        self.pledges = {r.id: _pledge(r) for r in session.scalars(select(PledgeRow))}
        self.statements: dict[str, list[Statement]] = defaultdict(list)
        by_person: set[str] = set()
        query = select(StatusEventRow).options(selectinload(StatusEventRow.conditions))
        for e in session.scalars(query.order_by(StatusEventRow.date, StatusEventRow.key)):
            if e.credibility is not None:
                by_person.add(e.key)
            self.statements[e.pledge_id].append(
                Statement(
                    key=e.key,
                    pledge_id=e.pledge_id,
                    date=e.date,
                    status=Status(e.status),
                    conditions=tuple(c.condition_code for c in e.conditions),
                    quote=e.quote,
                    source=self.sources[e.source_id],
                    speaker=self._speaker_name(e.speaker_id),
                    speaker_role=self.role_label(e.speaker_id, e.date),
                    note=e.note,
                    primary=e.is_primary,
                    credibility=e.credibility or 6,
                    original_quote=e.original_quote,
                    translated_from=e.translated_from or self.sources[e.source_id].translated_from,
                    recorded_on=_utc_day(e.recorded_at),
                    quantity=StatedQuantity.model_validate(e.quantity) if e.quantity else None,
                )
            )
        for pledge_id, items in self.statements.items():
            self.statements[pledge_id] = graded(items, by_person)
        self.mission = [
            MissionCondition(
                condition=r.condition_code,
                label=self.conditions[r.condition_code].label,
                applies_to=r.applies_to,
                date=r.date,
                quote=r.quote,
                source=self.sources[r.source_id],
                speaker=self._speaker_name(r.speaker_id),
            )
            for r in session.scalars(
                select(MissionConditionRow).order_by(
                    MissionConditionRow.date, MissionConditionRow.key
                )
            )
        ]

    def detach(self) -> Registry:
        """Read what is still read lazily (stances, claims, meetings), then let go of the
        session: the registry becomes an immutable snapshot."""
        self.all_stances()
        claims, meetings = self.claims(dt.date.max), self.meetings()
        self._claims, self._meetings = claims, meetings
        self._sizes = self.sizes(dt.date.max)
        self._session = None  # type: ignore[assignment]
        return self

    # -- people -----------------------------------------------------------------------
    def _speaker_name(self, person_id: str | None) -> str | None:
        return None if person_id is None else self.people.get(person_id, person_id)

    def roles_on(self, person_id: str, day: dt.date) -> list[Role]:
        return [r for r in self.roles.get(person_id, []) if r.holds_on(day)]

    def offices(self, actor: str | None = None, day: dt.date | None = None) -> list[Role]:
        """Who held which office when (of ``actor``, held on ``day``; None: all)."""
        found = (r for group in self.roles.values() for r in group
                 if actor in (None, r.actor) and (day is None or r.holds_on(day)))  # fmt: skip
        return sorted(found, key=lambda r: (r.actor, r.title, r.start))

    def role_label(self, person_id: str | None, day: dt.date) -> str | None:
        if person_id is None:
            return None
        roles = self.roles_on(person_id, day)
        return "; ".join(f"{r.title}, {r.actor}" for r in roles) or None

    def holders(self, actor: str, title: str, day: dt.date) -> list[Role]:
        """Who held ``title`` for ``actor`` on ``day`` (e.g. German chancellor)."""
        return [
            r
            for roles in self.roles.values()
            for r in roles
            if r.actor == actor and r.title.lower() == title.lower() and r.holds_on(day)
        ]

    # -- actors -----------------------------------------------------------------------
    def resolve(self, text: str) -> Actor:
        organisations = {c: a for c, a in self.actors.items() if a.kind is ActorKind.ORGANISATION}
        return actor_lookup.resolve(text, organisations)

    def actor(self, code: str) -> Actor:
        return self.actors.get(code) or self.resolve(code)

    def pledges_of(self, actor: str) -> list[Pledge]:
        return sorted((p for p in self.pledges.values() if p.actor == actor), key=lambda p: p.id)

    # -- questions --------------------------------------------------------------------
    def position(
        self,
        actor: str,
        on: dt.date,
        known_by: dt.date | None = None,
        recorded_by: dt.date | None = None,
    ) -> ActorPosition:
        """What ``actor`` had said of each of its pledges by ``on``: with ``known_by``,
        from what was published by then; with ``recorded_by``, from what the registry
        itself held by then (its own clock, which no source can backdate)."""
        found = self.actor(actor)
        readings = [
            reading
            for pledge in self.pledges_of(found.code)
            if (
                reading := read_pledge(
                    pledge, self.statements[pledge.id], on, known_by, recorded_by
                )
            )
        ]
        return ActorPosition(
            actor=found,
            on=on,
            mission=self.mission_evidence(on),
            pledges=tuple(readings),
            stances=tuple(s for s in self.stances(on) if s.actor == found.code),
        )

    def timeline(self, actor: str) -> list[TimelineEntry]:
        """Every statement and stance of ``actor``, oldest first."""
        found = self.actor(actor)
        entries = [
            TimelineEntry(date=s.date, pledge=pledge, statement=s)
            for pledge in self.pledges_of(found.code)
            for s in self.statements[pledge.id]
        ]
        entries += [
            TimelineEntry(date=s.date, pledge=None, stance=s)
            for s in self.all_stances()
            if s.actor == found.code
        ]
        return sorted(entries, key=lambda e: (e.date, e.pledge.id if e.pledge else ""))

    def changes(self, start: dt.date, end: dt.date) -> list[Change]:
        """Pledges read differently on ``end`` than on ``start`` (status or conditions),
        with the statements made in between; a first statement counts as a change."""
        if end < start:
            raise CoalitionError(f"--to ({end}) is before --from ({start})")
        result: list[Change] = []
        for pledge in sorted(self.pledges.values(), key=lambda p: (p.actor, p.id)):
            statements = self.statements[pledge.id]
            before = read_pledge(pledge, statements, start)
            after = read_pledge(pledge, statements, end)
            if _reading(before) == _reading(after):
                continue
            result.append(
                Change(
                    actor=self.actor(pledge.actor),
                    pledge=pledge,
                    before=before.status if before else None,
                    after=after.status if after else None,
                    before_conditions=before.conditions if before else (),
                    after_conditions=after.conditions if after else (),
                    statements=tuple(s for s in statements if start < s.date <= end),
                )
            )
        return result

    def readings(self, on: dt.date, known_by: dt.date | None = None) -> list[PledgePosition]:
        return [
            reading
            for pledge in self.pledges.values()
            if (reading := read_pledge(pledge, self.statements[pledge.id], on, known_by))
        ]

    def totals(self, on: dt.date) -> Totals:
        by_domain: dict[Domain, dict[Bucket, int]] = {d: defaultdict(int) for d in Domain}
        by_kind: dict[ContributionKind, dict[Bucket, int]] = defaultdict(lambda: defaultdict(int))
        by_status: dict[Status, int] = defaultdict(int)
        readings = self.readings(on)
        for reading in readings:
            by_status[reading.status] += 1
            by_kind[reading.pledge.kind][reading.bucket] += 1
            if reading.pledge.kind is ContributionKind.TROOPS:
                for domain in reading.pledge.domains:
                    by_domain[domain][reading.bucket] += 1
        return Totals(
            on=on,
            by_domain={d: dict(b) for d, b in by_domain.items()},
            by_kind={k: dict(b) for k, b in by_kind.items()},
            by_status=dict(by_status),
            quantities=tally(on, readings, self.statements),
            sizes=tuple(self.sizes(on)),
        )

    def quantities(self, on: dt.date) -> QuantityTotals:
        """People, units and euros stated, summed by status or stage, as of ``on``."""
        return tally(on, self.readings(on), self.statements)

    #: The tracker's first day unless asked otherwise: the first statements it counts.
    SUPPORT_FROM = dt.date(2025, 1, 1)

    def support(
        self, start: dt.date, end: dt.date, actor: str | None = None, area: str | None = None
    ) -> list[TrackerRow]:
        """The support tracker: committed, allocated, delivered per state and area."""
        return support_tracker(self.pledges, self.statements, start, end, actor, area)

    def all_stances(self) -> list[Stance]:
        if self._stances is None:
            self._stances = self._load_stances()
        return self._stances

    def named_states(self) -> list[Actor]:
        """Every state the registry names on any day (pledging, taking a stance or
        meeting), by code: a map lists those it has no shape for instead of dropping them."""
        codes = {p.actor for p in self.pledges.values()} | {s.actor for s in self.all_stances()}
        codes |= {code for meeting in self.meetings() for code in meeting.participants}
        actors = (self.actors.get(code) for code in sorted(codes))
        return [a for a in actors if a is not None and a.kind is ActorKind.STATE]

    def _load_stances(self) -> list[Stance]:
        rows = self._session.scalars(select(StanceRow).order_by(StanceRow.date, StanceRow.key))
        return [
            Stance(
                key=r.key,
                actor=r.actor,
                date=r.date,
                stance=StanceKind(r.stance),
                subject=r.subject,
                quote=r.quote,
                source=self.sources[r.source_id],
                speaker=self._speaker_name(r.speaker_id),
            )
            for r in rows
        ]

    def stances(self, on: dt.date) -> list[Stance]:
        """Each actor's latest stances on or before ``on``."""
        latest: dict[str, list[Stance]] = {}
        for stance in self.all_stances():
            if stance.date > on:
                continue
            current = latest.get(stance.actor)
            if current is None or stance.date > current[0].date:
                latest[stance.actor] = [stance]
            elif stance.date == current[0].date:
                current.append(stance)
        return [s for group in latest.values() for s in group]

    def sizes(self, on: dt.date) -> list[ForceSize]:
        """Reported sizes of the planned force (or of parts of it) said by ``on``."""
        if self._sizes is not None:
            return [s for s in self._sizes if s.date <= on]
        rows = self._session.scalars(
            select(ForceSizeRow)
            .where(ForceSizeRow.date <= on)
            .order_by(ForceSizeRow.date, ForceSizeRow.key)
        )
        return [
            ForceSize(
                key=r.key,
                date=r.date,
                personnel=Count.model_validate(r.personnel),
                covers=tuple(r.covers),
                span=SizeSpan(r.span),
                basis=SizeBasis(r.basis),
                description=r.description,
                quote=r.quote,
                source=r.source_id,
                source_grade=self.sources[r.source_id].reliability.value,
                speaker=self._speaker_name(r.speaker_id),
            )
            for r in rows
        ]

    def claims(self, on: dt.date) -> list[AggregateClaim]:
        if self._claims is not None:
            return [c for c in self._claims if c.date <= on]
        rows = self._session.scalars(
            select(AggregateClaimRow)
            .where(AggregateClaimRow.date <= on)
            .order_by(AggregateClaimRow.date)
        )
        return [
            AggregateClaim(
                key=r.key,
                date=r.date,
                count=r.count,
                kind=ContributionKind(r.kind),
                domains=tuple(Domain(d) for d in r.domains),
                status=Status(r.status),
                conditions=tuple(r.conditions),
                description=r.description,
                quote=r.quote,
                source=self.sources[r.source_id],
                speaker=self._speaker_name(r.speaker_id),
            )
            for r in rows
        ]

    def meetings(self, on: dt.date | None = None) -> list[Meeting]:
        if self._meetings is not None:
            return [m for m in self._meetings if on is None or m.date <= on]
        participants: dict[str, list[str]] = defaultdict(list)
        for p in self._session.scalars(select(MeetingParticipantRow)):
            participants[p.meeting_id].append(p.actor)
        query = select(MeetingRow).order_by(MeetingRow.date)
        if on is not None:
            query = query.where(MeetingRow.date <= on)
        return [
            Meeting(
                id=r.id,
                title=r.title,
                date=r.date,
                place=r.place,
                participants=tuple(sorted(participants[r.id])),
                priorities=tuple(r.priorities),
                priorities_quote=r.priorities_quote,
                sources=tuple(r.source_ids),
            )
            for r in self._session.scalars(query)
        ]

    def situation(self, on: dt.date) -> SituationReport:
        """Who is in, conditional, open, out or unknown on ``on`` (see ``.situation``)."""
        return situation_report(self, on)

    def mission_evidence(self, on: dt.date) -> tuple[MissionCondition, ...]:
        """Every piece of evidence of the mission's conditions dated by ``on``."""
        return tuple(m for m in self.mission if m.date <= on)

    def mission_conditions(self, on: dt.date) -> tuple[Condition, ...]:
        """The mission's conditions as of ``on``, each once, in the order first evidenced."""
        codes = dict.fromkeys(m.condition for m in self.mission_evidence(on))
        return tuple(self.conditions[code] for code in codes)


def _utc_day(moment: dt.datetime | None) -> dt.date | None:
    """The UTC day of a stored timestamp (SQLite gives it back without a zone)."""
    if moment is None:
        return None
    return (moment.astimezone(dt.UTC) if moment.tzinfo else moment).date()


def _reading(position: PledgePosition | None) -> tuple[Status, tuple[str, ...]] | None:
    return None if position is None else (position.status, position.conditions)


def _source(row: SourceRow) -> Source:
    return Source(
        id=row.id,
        title=row.title,
        outlet=row.outlet,
        author=row.author,
        published=row.published,
        language=row.language,
        url=row.url,
        file=row.file,
        note=row.note,
        kind=SourceKind(row.kind),
        reliability=Reliability(row.reliability),
        translated_from=row.translated_from,
    )


def _pledge(row: PledgeRow) -> Pledge:
    return Pledge(
        id=row.id,
        actor=row.actor,
        kind=ContributionKind(row.kind),
        domains=tuple(Domain(d) for d in row.domains),
        description=row.description,
        quantity=Quantity.model_validate(row.quantity or {}),
        where=row.where,
    )

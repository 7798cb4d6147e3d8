"""The situation report: on a day, who is in, conditional, open, out or unknown, per
domain of forces and per kind of support, with the conditions each conditional pledge
waits for, the mission's own conditions, claims, stances, meetings and the totals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol

from coalition.domain import (
    COMMITMENT,
    Actor,
    ActorKind,
    AggregateClaim,
    Bucket,
    Condition,
    ContributionKind,
    Domain,
    Meeting,
    MissionCondition,
    PledgePosition,
    SituationReport,
    SituationRow,
    SituationSection,
    Stance,
    Statement,
)
from coalition.domain.quantities import ForceSize
from coalition.registry.tally import tally


class Registry(Protocol):
    """What the report reads of the registry (``queries.Registry`` is one): the report
    does not import the registry's queries, which call it."""

    beneficiary: str
    conditions: dict[str, Condition]
    statements: dict[str, list[Statement]]

    def actor(self, code: str) -> Actor: ...
    def readings(self, on: dt.date, known_by: dt.date | None = None) -> list[PledgePosition]: ...
    def meetings(self, on: dt.date | None = None) -> list[Meeting]: ...
    def claims(self, on: dt.date) -> list[AggregateClaim]: ...
    def stances(self, on: dt.date) -> list[Stance]: ...
    def sizes(self, on: dt.date) -> list[ForceSize]: ...
    def mission_evidence(self, on: dt.date) -> tuple[MissionCondition, ...]: ...
    def mission_conditions(self, on: dt.date) -> tuple[Condition, ...]: ...


def situation_report(registry: Registry, on: dt.date) -> SituationReport:
    """Who is in, conditional, open, out or unknown on ``on``, per domain and per
    kind of support, with the conditions that each conditional pledge waits for."""
    readings = registry.readings(on)
    meetings = registry.meetings(on)
    mission = registry.mission_conditions(on)
    contributors = {code for m in meetings for code in m.participants}
    contributors |= {r.pledge.actor for r in readings}
    contributors.discard(registry.beneficiary)
    states = sorted(c for c in contributors if registry.actor(c).kind is ActorKind.STATE)
    sections = [
        _section(
            registry,
            f"{domain.value.capitalize()} forces",
            states,
            [
                r
                for r in readings
                if r.pledge.kind is ContributionKind.TROOPS and domain in r.pledge.domains
            ],
            list_unknown=True,
            mission=mission,
        )
        for domain in Domain
    ]
    for kind in ContributionKind:
        if kind is ContributionKind.TROOPS:
            continue
        of_kind = [r for r in readings if r.pledge.kind is kind]
        if of_kind:
            title = kind.value.replace("_", " ").capitalize()
            sections.append(_section(registry, title, [], of_kind, list_unknown=False))
    return SituationReport(
        on=on,
        mission=registry.mission_evidence(on),
        sections=tuple(sections),
        claims=tuple(registry.claims(on)),
        stances=tuple(registry.stances(on)),
        disputed=tuple(sorted((r for r in readings if r.disputed), key=lambda r: r.pledge.id)),
        meetings=tuple(meetings),
        quantities=tally(on, readings, registry.statements),
        sizes=tuple(registry.sizes(on)),
    )


def _section(
    registry: Registry,
    title: str,
    states: Iterable[str],
    readings: list[PledgePosition],
    list_unknown: bool,
    mission: tuple[Condition, ...] = (),
) -> SituationSection:
    best: dict[str, PledgePosition] = {}
    for reading in readings:
        actor = reading.pledge.actor
        if actor not in best or COMMITMENT[reading.status] > COMMITMENT[best[actor].status]:
            best[actor] = reading
    rows = [
        SituationRow(
            actor=registry.actor(code),
            bucket=reading.bucket,
            position=reading,
            blocking=tuple(
                registry.conditions[c] for c in reading.conditions if c in registry.conditions
            ),
            mission=mission if reading.pledge.under_mission else (),
        )
        for code, reading in best.items()
    ]
    if list_unknown:
        rows += [
            SituationRow(actor=registry.actor(c), bucket=Bucket.UNKNOWN, position=None)
            for c in states
            if c not in best
        ]
    order = list(Bucket)
    rows.sort(key=lambda r: (order.index(r.bucket), r.actor.code))
    return SituationSection(title=title, rows=tuple(rows))

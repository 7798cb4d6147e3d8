"""Trigger rules: a verified pattern of violation cases that engages commitments. A rule
quotes the commitment it rests on and names, from the registry, the states it engages:
those whose pledges wait for the condition the pattern puts in doubt (the ceasefire) and
those whose pledges are of the kinds named (security guarantees, sanctions)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from coalition.datafiles import parse_files
from coalition.domain import ContributionKind
from coalition.domain.monitoring import CaseState
from coalition.errors import CoalitionError, DataFileError
from coalition.monitoring.cases import Case
from coalition.registry import Registry


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Pattern(_Strict):
    """Cases that reached ``state`` within the window; only those of the violation
    ``kinds`` and ``weapon_classes`` named (none named: any)."""

    state: CaseState = CaseState.VERIFIED
    min_cases: int = Field(ge=1, le=1000)
    within_days: int = Field(ge=1, le=366)
    same_side: bool = True
    kinds: list[str] = []
    weapon_classes: list[str] = []

    def counts(self, case: Case) -> bool:
        return (not self.kinds or case.kind in self.kinds) and (
            not self.weapon_classes or case.weapon_class in self.weapon_classes
        )


class Commitment(_Strict):
    source: str
    quote: str = Field(min_length=3)


class Engages(_Strict):
    conditions: tuple[str, ...] = ()
    kinds: tuple[ContributionKind, ...] = ()


class Trigger(_Strict):
    id: str
    title: str
    when: Pattern
    agreement: Commitment
    engages: Engages
    consequence: str


class TriggerFile(_Strict):
    triggers: list[Trigger] = []


@dataclass(frozen=True)
class Engaged:
    actor: str
    pledge_id: str
    status: str
    why: str  # "waits for ceasefire" or "security_guarantee"


@dataclass(frozen=True)
class Firing:
    trigger: Trigger
    side: str | None
    cases: tuple[int, ...]
    engaged: tuple[Engaged, ...]


def load_triggers(path: Path) -> list[Trigger]:
    parsed, issues = parse_files([path], TriggerFile)
    if issues:
        raise DataFileError(issues)
    return [t for item in parsed for t in item.model.triggers]


def _reached(cases: list[Case], state: CaseState) -> list[tuple[dt.datetime, Case]]:
    """Cases that reached ``state``, with when the event was observed."""
    return [(c.observed_at, c) for c in cases if any(s.state is state for s in c.steps)]


def fired(
    triggers: list[Trigger], cases: list[Case], registry: Registry, on: dt.date
) -> list[Firing]:
    """The rules whose pattern holds in the window ending on ``on``, with whom they engage.
    A rule must rest on a source the registry holds (the commitment it quotes)."""
    for trigger in triggers:
        if trigger.agreement.source not in registry.sources:
            raise CoalitionError(
                f"trigger {trigger.id}: unknown source {trigger.agreement.source!r}"
            )
    firings = []
    for trigger in triggers:
        end = dt.datetime.combine(on + dt.timedelta(days=1), dt.time(), dt.UTC)
        start = end - dt.timedelta(days=trigger.when.within_days)
        hits = [c for at, c in _reached(cases, trigger.when.state)
                if start <= _utc(at) < end and trigger.when.counts(c)]  # fmt: skip
        groups = {c.side for c in hits} if trigger.when.same_side else {None}
        for side in sorted(groups, key=str):
            mine = [c for c in hits if side is None or c.side == side]
            if len(mine) >= trigger.when.min_cases:
                firings.append(Firing(trigger=trigger, side=side,
                                      cases=tuple(c.id for c in mine),
                                      engaged=_engaged(trigger, registry, on)))  # fmt: skip
    return firings


def _utc(at: dt.datetime) -> dt.datetime:
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def _engaged(trigger: Trigger, registry: Registry, on: dt.date) -> tuple[Engaged, ...]:
    """Pledges standing on ``on`` that wait for the rule's conditions or are of its kinds."""
    found = []
    for reading in registry.readings(on):
        pledge = reading.pledge
        waits = sorted(set(reading.conditions) & set(trigger.engages.conditions))
        if waits:
            why = "waits for " + ", ".join(waits)
        elif pledge.kind in trigger.engages.kinds:
            why = pledge.kind.value
        else:
            continue
        found.append(Engaged(actor=pledge.actor, pledge_id=pledge.id,
                             status=reading.status.label, why=why))  # fmt: skip
    return tuple(sorted(found, key=lambda e: (e.actor, e.pledge_id)))

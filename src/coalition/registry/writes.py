"""Writing a validated registry dataset: vocabulary and sources, people and their
offices, then history. History is append-only: a statement already stored with the same
evidence is left alone, the same evidence read differently is refused, and a record whose
identity is fixed (a source's date and words, a pledge's state) never changes once stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from coalition.datafiles import issue_at
from coalition.domain import ActorKind
from coalition.errors import HistoryConflictError
from coalition.registry import actors as actor_lookup
from coalition.registry.keys import claim_key, mission_key, size_key, stance_key, statement_key
from coalition.registry.quantities import stated_quantity
from coalition.registry.schema import ParsedFile, StatementIn
from coalition.store import ledger
from coalition.store.tables import (
    ActorRow,
    AggregateClaimRow,
    ConditionRow,
    EventConditionRow,
    ForceSizeRow,
    MeetingParticipantRow,
    MeetingRow,
    MissionConditionRow,
    PersonRow,
    PledgeRow,
    RoleRow,
    SourceRow,
    StanceRow,
    StatusEventRow,
)


@dataclass
class LoadSummary:
    """What a load did, for the user and for tests."""

    files: list[str] = field(default_factory=list)
    inserted: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    kept_not_in_files: int = 0

    def count(self, what: str, new: bool) -> None:
        target = self.inserted if new else self.unchanged
        target[what] = target.get(what, 0) + 1


def _ensure_actor(session: Session, code: str, summary: LoadSummary) -> None:
    if session.get(ActorRow, code) is not None:
        return
    found = actor_lookup.state(code)
    if found is None:  # organisations are written before anything refers to them
        raise AssertionError(f"unvalidated actor {code}")
    session.add(ActorRow(code=found.code, name=found.name, kind=found.kind.value))
    session.flush()
    summary.count("actors", True)


def _upsert(
    session: Session,
    row_type: type[Any],
    key: Any,
    values: dict[str, Any],
    summary: LoadSummary,
    label: str,
) -> None:
    row = session.get(row_type, key)
    if row is None:
        session.add(row_type(**values))
        summary.count(label, True)
    else:
        for name, value in values.items():
            setattr(row, name, value)
        summary.count(label, False)
    session.flush()


def _keep(
    session: Session,
    parsed: ParsedFile,
    loc: tuple[int | str, ...],
    row_type: type[Any],
    key: str,
    values: dict[str, Any],
    summary: LoadSummary,
    fixed: Iterable[str] | None = None,
) -> None:
    """Insert a record, or check it against the stored one and update the rest: the
    ``fixed`` fields (all of them if None) never change once stored; the others may be
    corrected in place. A source that changes its date or its words would rewrite what
    other states' readings rest on, and a pledge that changes hands would give one state
    another's history."""
    label = row_type.__tablename__
    row = session.get(row_type, key)
    if row is not None:
        names = list(values) if fixed is None else list(fixed)
        changed = [n for n in names if _normal(getattr(row, n)) != _normal(values[n])]
        if changed:
            stored = ", ".join(f"{n}={getattr(row, n)!r}" for n in changed)
            message = (f"{label[:-1]} {key!r} is stored with {stored}; these never change "
                       "once recorded: give the corrected record a new id")  # fmt: skip
            raise HistoryConflictError(str(issue_at(parsed, loc, message)))
    _upsert(session, row_type, key, values, summary, label)


def _normal(value: Any) -> Any:
    """Stored and given values compared alike (enums as strings, lists as tuples)."""
    if isinstance(value, list | tuple):
        return tuple(_normal(v) for v in value)
    return str(value) if isinstance(value, str) else value


def _conflict(
    parsed: ParsedFile, loc: tuple[int | str, ...], what: str, stored: str
) -> HistoryConflictError:
    message = (f"this {what} is already recorded as {stored}; history is append-only: add "
               "a new statement instead of editing a recorded one")  # fmt: skip
    return HistoryConflictError(str(issue_at(parsed, loc, message)))


History = StatusEventRow | StanceRow | AggregateClaimRow | MissionConditionRow | ForceSizeRow


def _reading(row: History) -> tuple[Any, ...]:
    """What a history record says about its evidence; must not change once recorded."""
    if isinstance(row, StatusEventRow):
        return (
            row.status,
            *sorted(c.condition_code for c in row.conditions),
            row.speaker_id,
            "primary" if row.is_primary else "",
            row.credibility,
            json.dumps(row.quantity, sort_keys=True) if row.quantity else "",
        )
    if isinstance(row, StanceRow):
        return (row.stance, row.subject, row.speaker_id)
    if isinstance(row, MissionConditionRow):
        return (row.condition_code, row.applies_to, row.speaker_id)
    if isinstance(row, ForceSizeRow):
        said = json.dumps(row.personnel, sort_keys=True)
        return (said, row.span, row.basis, row.description, row.speaker_id)
    return (row.status, row.kind, row.count, *row.conditions)


def _append(
    session: Session,
    parsed: ParsedFile,
    loc: tuple[int | str, ...],
    row: History,
    summary: LoadSummary,
    label: str,
) -> None:
    """Add a history record unless its evidence is stored; stored evidence must read alike."""
    stored = cast(History | None, session.get(type(row), row.key))
    if stored is None:
        ledger.add(session, row)
        summary.count(label, True)
        return
    if _reading(stored) != _reading(row):
        recorded = ", ".join(str(part) for part in _reading(stored) if part)
        raise _conflict(
            parsed, loc, label.removesuffix("s").replace("status event", "statement"), recorded
        )
    summary.count(label, False)


def _quantity_json(event: StatementIn) -> dict[str, Any] | None:
    stated = stated_quantity(event)
    return None if stated is None else stated.model_dump(mode="json", exclude_none=True,
                                                         exclude_defaults=True)  # fmt: skip


def write_vocabulary(
    session: Session, parsed: ParsedFile, summary: LoadSummary, owner: str | None
) -> None:
    data = parsed.model
    for org in data.organisations:
        _upsert(
            session,
            ActorRow,
            org.code,
            {"code": org.code, "name": org.name, "kind": ActorKind.ORGANISATION.value},
            summary,
            "organisations",
        )
    for cond in data.conditions:
        _upsert(session, ConditionRow, cond.code, cond.model_dump(), summary, "conditions")
    for i, src in enumerate(data.sources):
        said = src.model_dump()
        new = session.get(SourceRow, src.id) is None
        values = said | {"owner": owner} if new else said
        _keep(session, parsed, ("sources", i), SourceRow, src.id, values, summary, fixed=said)
    session.flush()


def write_people(session: Session, parsed: ParsedFile, summary: LoadSummary) -> None:
    data = parsed.model
    for person in data.people:
        _upsert(
            session, PersonRow, person.id, {"id": person.id, "name": person.name}, summary, "people"
        )
        for role in person.roles:
            _ensure_actor(session, role.actor, summary)
            existing = session.scalar(
                select(RoleRow).filter_by(
                    person_id=person.id, title=role.title, actor=role.actor, start=role.start
                )
            )
            if existing is None:
                session.add(
                    RoleRow(
                        person_id=person.id,
                        title=role.title,
                        actor=role.actor,
                        start=role.start,
                        end=role.end,
                        source_id=role.source,
                    )
                )
                summary.count("roles", True)
            else:
                existing.end, existing.source_id = role.end, role.source
                summary.count("roles", False)
    session.flush()


def write_history(session: Session, parsed: ParsedFile, summary: LoadSummary) -> None:
    data = parsed.model
    for i, pledge in enumerate(data.pledges):
        _ensure_actor(session, pledge.actor, summary)
        _keep(
            session,
            parsed,
            ("pledges", i),
            PledgeRow,
            pledge.id,
            {
                "id": pledge.id,
                "actor": pledge.actor,
                "kind": pledge.kind.value,
                "domains": [d.value for d in pledge.domains],
                "description": pledge.description,
                "quantity": pledge.quantity.model_dump(mode="json", exclude_defaults=True),
                "where": pledge.where,
            },
            summary,
            fixed=("actor", "kind", "domains"),
        )
        for j, event in enumerate(pledge.events):
            key = statement_key(pledge.id, event.date, event.source, event.quote)
            conditions = [EventConditionRow(condition_code=c) for c in event.conditions]
            row = StatusEventRow(
                key=key,
                pledge_id=pledge.id,
                date=event.date,
                status=event.status.value,
                quote=event.quote,
                source_id=event.source,
                speaker_id=event.speaker,
                note=event.note,
                is_primary=event.primary,
                credibility=event.credibility,
                original_quote=event.original_quote,
                translated_from=event.translated_from,
                quantity=_quantity_json(event),
                conditions=conditions,
            )
            _append(session, parsed, ("pledges", i, "events", j), row, summary, "status events")
    for i, stance in enumerate(data.stances):
        _ensure_actor(session, stance.actor, summary)
        row_stance = StanceRow(
            key=stance_key(stance.actor, stance.date, stance.source, stance.quote),
            actor=stance.actor,
            date=stance.date,
            stance=stance.stance.value,
            subject=stance.subject,
            quote=stance.quote,
            source_id=stance.source,
            speaker_id=stance.speaker,
        )
        _append(session, parsed, ("stances", i), row_stance, summary, "stances")
    for i, claim in enumerate(data.claims):
        row_claim = AggregateClaimRow(
            key=claim_key(claim.date, claim.source, claim.quote, claim.count),
            date=claim.date,
            count=claim.count,
            kind=claim.kind.value,
            domains=[d.value for d in claim.domains],
            status=claim.status.value,
            conditions=list(claim.conditions),
            description=claim.description,
            quote=claim.quote,
            source_id=claim.source,
            speaker_id=claim.speaker,
        )
        _append(session, parsed, ("claims", i), row_claim, summary, "claims")
    for i, size in enumerate(data.sizes):
        covers = sorted(dict.fromkeys(size.covers))
        row_size = ForceSizeRow(
            key=size_key(size.date, size.source, size.quote, covers),
            date=size.date,
            personnel=size.personnel.count().model_dump(),
            covers=covers,
            span=size.span.value,
            basis=size.basis.value,
            description=size.description,
            quote=size.quote,
            source_id=size.source,
            speaker_id=size.speaker,
        )
        _append(session, parsed, ("sizes", i), row_size, summary, "force sizes")
    for i, precondition in enumerate(data.mission):
        row_mission = MissionConditionRow(
            key=mission_key(
                precondition.condition, precondition.date, precondition.source, precondition.quote
            ),
            condition_code=precondition.condition,
            applies_to=precondition.applies_to,
            date=precondition.date,
            quote=precondition.quote,
            source_id=precondition.source,
            speaker_id=precondition.speaker,
        )
        _append(session, parsed, ("mission", i), row_mission, summary, "mission conditions")
    for meeting in data.meetings:
        _upsert(
            session,
            MeetingRow,
            meeting.id,
            {
                "id": meeting.id,
                "title": meeting.title,
                "date": meeting.date,
                "place": meeting.place,
                "priorities": list(meeting.priorities),
                "priorities_quote": meeting.priorities_quote,
                "source_ids": list(meeting.sources),
            },
            summary,
            "meetings",
        )
        session.execute(
            delete(MeetingParticipantRow).where(MeetingParticipantRow.meeting_id == meeting.id)
        )
        for code in dict.fromkeys(meeting.participants):
            _ensure_actor(session, code, summary)
            session.add(MeetingParticipantRow(meeting_id=meeting.id, actor=code))
    session.flush()


def stored_not_in_files(session: Session, parsed: list[ParsedFile]) -> int:
    """Statements stored for the loaded pledges that the files no longer list."""
    listed: set[str] = set()
    pledge_ids: set[str] = set()
    for item in parsed:
        for pledge in item.model.pledges:
            pledge_ids.add(pledge.id)
            listed.update(
                statement_key(pledge.id, e.date, e.source, e.quote) for e in pledge.events
            )
    if not pledge_ids:
        return 0
    stored = session.scalars(
        select(StatusEventRow.key).where(StatusEventRow.pledge_id.in_(pledge_ids))
    )
    return sum(1 for key in stored if key not in listed)

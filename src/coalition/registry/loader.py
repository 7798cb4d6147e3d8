"""Load registry data files into the database: validate all, then write all or nothing.

Every problem found is reported at once, each naming its file, line and field; the
database is touched only when there is none, in one transaction. Status events, stances
and aggregate claims are history: re-loading the same evidence is a no-op, reading the
same evidence differently is refused, and stored history missing from the files is kept.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any, cast

import yaml
from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coalition.datafiles import Parsed, field_path, line_of, parse_files
from coalition.domain import ActorKind, SourceKind
from coalition.errors import CoalitionError, DataFileError, DataIssue, HistoryConflictError
from coalition.registry import actors as actor_lookup
from coalition.registry.keys import claim_key, mission_key, size_key, stance_key, statement_key
from coalition.registry.naming import names_state
from coalition.registry.quantities import quantity_problems, stated_quantity
from coalition.registry.schema import DatasetIn, PledgeIn, StatementIn
from coalition.store import ledger, transaction
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

ParsedFile = Parsed[DatasetIn]


def parse(paths: Sequence[Path]) -> tuple[list[ParsedFile], list[DataIssue]]:
    """Read and validate the files' shape; cross-references are checked later."""
    return parse_files(paths, DatasetIn)


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


@dataclass
class _Known:
    """Identifiers defined by the files being loaded or already stored."""

    sources: dict[str, Any] = field(default_factory=dict)  # id -> published date
    #: id -> the state whose representative registered it through the server
    source_owners: dict[str, str | None] = field(default_factory=dict)
    source_kinds: dict[str, SourceKind] = field(default_factory=dict)
    conditions: set[str] = field(default_factory=set)
    organisations: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    offices: dict[str, list[tuple[str, Any, Any]]] = field(default_factory=dict)

    def offices_on(self, person: str | None, day: Any) -> set[str]:
        """The actors ``person`` held an office of on ``day``."""
        return {
            actor
            for actor, start, end in self.offices.get(person or "", [])
            if start <= day and (end is None or day < end)
        }

    @classmethod
    def from_db(cls, session: Session) -> _Known:
        known = cls()
        for row in session.scalars(select(SourceRow)):
            known.sources[row.id] = row.published
            known.source_kinds[row.id] = SourceKind(row.kind)
            known.source_owners[row.id] = row.owner
        for role in session.scalars(select(RoleRow)):
            known.offices.setdefault(role.person_id, []).append((role.actor, role.start, role.end))
        known.conditions.update(session.scalars(select(ConditionRow.code)))
        known.organisations.update(
            session.scalars(select(ActorRow.code).where(ActorRow.kind == ActorKind.ORGANISATION))
        )
        known.people.update(session.scalars(select(PersonRow.id)))
        return known


def _hint(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_references(
    files: list[ParsedFile], known: _Known, owner: str | None = None
) -> list[DataIssue]:
    """Every code a file uses must be defined in the files or already stored. With an
    ``owner`` (a national representative's state), what is written may cite only shared
    sources and that state's own."""
    for parsed in files:
        for source in parsed.model.sources:
            known.sources[source.id] = source.published
            known.source_kinds[source.id] = source.kind
            known.source_owners.setdefault(source.id, owner)
        known.conditions.update(c.code for c in parsed.model.conditions)
        known.organisations.update(o.code for o in parsed.model.organisations)
        known.people.update(p.id for p in parsed.model.people)
        for person in parsed.model.people:
            known.offices[person.id] = [(r.actor, r.start, r.end) for r in person.roles]

    issues: list[DataIssue] = []
    seen_pledges: dict[str, str] = {}
    for parsed in files:
        name, doc, data = str(parsed.path), parsed.document, parsed.model

        def issue(
            loc: tuple[int | str, ...], message: str, name: str = name, doc: Any = doc
        ) -> None:
            issues.append(DataIssue(name, line_of(doc, loc), field_path(loc), message))

        def check_actor(loc: tuple[int | str, ...], code: str) -> None:
            if code in known.organisations or actor_lookup.state(code) is not None:
                return
            if len(code) == 3 and code.isupper():
                issue(loc, f"unknown state {code!r}: not an ISO 3166-1 alpha-3 code")
                return
            suggestion = actor_lookup.suggest_state(code)
            hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
            issue(loc, f"unknown state or organisation {code!r}{hint}")

        def check_source(loc: tuple[int | str, ...], source: str, day: Any = None) -> None:
            if source not in known.sources:
                issue(loc, f"unknown source {source!r}{_hint(source, known.sources)}")
                return
            held_by = known.source_owners.get(source)
            if owner is not None and held_by not in (None, owner):
                issue(
                    loc,
                    f"source {source!r} was registered by {held_by}'s representative: "
                    f"{owner}'s statements cite shared sources or {owner}'s own",
                )
            published = known.sources[source]
            if day is not None and published is not None and day > published:
                issue(loc, f"statement dated {day} but source {source!r} was published {published}")

        def check_conditions(loc: tuple[int | str, ...], codes: list[str]) -> None:
            for index, code in enumerate(codes):
                if code not in known.conditions:
                    issue(
                        (*loc, index),
                        f"unknown condition {code!r}{_hint(code, known.conditions)}; "
                        f"known: {', '.join(sorted(known.conditions))}",
                    )

        def check_speaker(loc: tuple[int | str, ...], speaker: str | None) -> None:
            if speaker is not None and speaker not in known.people:
                issue(loc, f"unknown person {speaker!r}{_hint(speaker, known.people)}")

        for i, person in enumerate(data.people):
            for j, role in enumerate(person.roles):
                check_actor(("people", i, "roles", j, "actor"), role.actor)
                check_source(("people", i, "roles", j, "source"), role.source)
        for i, pledge in enumerate(data.pledges):
            if pledge.id in seen_pledges:
                issue(
                    ("pledges", i, "id"),
                    f"pledge {pledge.id!r} already defined in {seen_pledges[pledge.id]}",
                )
            seen_pledges[pledge.id] = name
            check_actor(("pledges", i, "actor"), pledge.actor)
            _check_events(pledge, i, issue, check_source, check_conditions, check_speaker)
            known_actor = pledge.actor in known.organisations or actor_lookup.state(pledge.actor)
            for j, event in enumerate(pledge.events if known_actor else []):
                for field_name, message in _speaks_for(pledge, event, known):
                    issue(("pledges", i, "events", j, field_name), message)
            for j, event in enumerate(pledge.events):
                for where, message in quantity_problems(pledge, event):
                    issue(("pledges", i, "events", j, "quantity", *where), message)
        for i, stance in enumerate(data.stances):
            check_actor(("stances", i, "actor"), stance.actor)
            check_source(("stances", i, "source"), stance.source, stance.date)
            check_speaker(("stances", i, "speaker"), stance.speaker)
        for i, claim in enumerate(data.claims):
            check_source(("claims", i, "source"), claim.source, claim.date)
            check_conditions(("claims", i, "conditions"), claim.conditions)
            check_speaker(("claims", i, "speaker"), claim.speaker)
        for i, size in enumerate(data.sizes):
            check_source(("sizes", i, "source"), size.source, size.date)
            check_speaker(("sizes", i, "speaker"), size.speaker)
            for j, code in enumerate(size.covers):
                check_actor(("sizes", i, "covers", j), code)
        seen_mission: set[str] = set()
        for i, precondition in enumerate(data.mission):
            check_source(("mission", i, "source"), precondition.source, precondition.date)
            if precondition.condition not in known.conditions:
                code = precondition.condition
                issue(
                    ("mission", i, "condition"),
                    f"unknown condition {code!r}{_hint(code, known.conditions)}",
                )
            check_speaker(("mission", i, "speaker"), precondition.speaker)
            key = mission_key(
                precondition.condition, precondition.date, precondition.source, precondition.quote
            )
            if key in seen_mission:
                issue(("mission", i), "the same evidence (condition, date, source, quote) twice")
            seen_mission.add(key)
        for i, meeting in enumerate(data.meetings):
            for j, participant in enumerate(meeting.participants):
                check_actor(("meetings", i, "participants", j), participant)
            for j, source_id in enumerate(meeting.sources):
                check_source(("meetings", i, "sources", j), source_id)
    return issues


def _speaks_for(pledge: PledgeIn, event: StatementIn, known: _Known) -> list[tuple[str, str]]:
    """A statement must name the state whose pledge it is filed under (or be said by one
    who holds its office that day); a primary statement is the speaker's own words,
    quoted directly (never a commentary's or a blog's paraphrase). Problems come with the
    field they concern."""
    messages = []
    offices = known.offices_on(event.speaker, event.date)
    own_speaker = pledge.actor in offices
    if event.speaker in known.offices and not offices:
        messages.append(
            (
                "speaker",
                f"{event.speaker} held no office on {event.date} that the registry knows: "
                "a speaker speaks for a state, or for another as a third party, while in "
                "office (people.yaml)",
            )
        )
    if not own_speaker and not names_state(event.quote, pledge.actor):
        messages.append(
            (
                "quote",
                f"the quote does not name {pledge.actor} and its speaker does not hold an "
                f"office of {pledge.actor} on {event.date}: file it under the state it speaks for",
            )
        )
    if event.primary:
        kind = known.source_kinds.get(event.source)
        if not own_speaker:
            messages.append(
                ("primary", f"needs a speaker who holds an office of {pledge.actor} that day")
            )
        elif kind is not None and not kind.can_quote:
            messages.append(
                (
                    "primary",
                    f"needs the speaker's words quoted directly, and source {event.source!r} "
                    f"is {kind.value}: its paraphrase is secondary",
                )
            )
    return messages


def _check_events(
    pledge: PledgeIn,
    i: int,
    issue: Any,
    check_source: Any,
    check_conditions: Any,
    check_speaker: Any,
) -> None:
    seen: set[str] = set()
    for j, event in enumerate(pledge.events):
        loc = ("pledges", i, "events", j)
        check_source((*loc, "source"), event.source, event.date)
        check_conditions((*loc, "conditions"), event.conditions)
        check_speaker((*loc, "speaker"), event.speaker)
        key = statement_key(pledge.id, event.date, event.source, event.quote)
        if key in seen:
            issue(loc, "the same statement (date, source, quote) is listed twice")
        seen.add(key)


def load_records(
    engine: Engine, dataset: dict[str, Any], name: str, owner: str | None = None
) -> LoadSummary:
    """Store records held in memory (shaped as a data file holds them) with the same
    checks as files, all or nothing; problems are reported as in a file called ``name``.
    For writes that do not come from files: the server's, accepted OSINT candidates.
    ``owner``: the state of the national representative writing (new sources are
    theirs; cited sources must be shared or theirs)."""
    with TemporaryDirectory() as folder:
        path = Path(folder) / name
        text = yaml.safe_dump(dataset, sort_keys=False, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
        return load(engine, [path], owner=owner)


class _Rehearsed(Exception):
    """Ends a rehearsal: the transaction rolls back, the summary is kept."""

    def __init__(self, summary: LoadSummary) -> None:
        self.summary = summary


def load(
    engine: Engine, paths: Sequence[Path], rehearse: bool = False, owner: str | None = None
) -> LoadSummary:
    """Validate ``paths`` (files or folders) and store them in one transaction. With
    ``rehearse`` the whole load runs (every check a real load makes, history conflicts
    included) and is rolled back: what `validate` says is what `load` will do."""
    try:
        return _load(engine, paths, rehearse, owner)
    except _Rehearsed as done:
        return done.summary


def _load(engine: Engine, paths: Sequence[Path], rehearse: bool, owner: str | None) -> LoadSummary:
    parsed, issues = parse(paths)
    with transaction(engine) as session:
        known = _Known.from_db(session)
        issues += check_references(parsed, known, owner) if not issues else []
        if issues:
            raise DataFileError(issues)
        summary = LoadSummary(files=[str(p.path) for p in parsed])
        try:
            # Definitions from every file first, then what refers to them.
            for item in parsed:
                _write_vocabulary(session, item, summary, owner)
            for item in parsed:
                _write_people(session, item, summary)
            for item in parsed:
                _write_history(session, item, summary, known)
        except IntegrityError as exc:
            raise CoalitionError(f"the database refused the data: {exc.orig}") from exc
        summary.kept_not_in_files = _stored_not_in_files(session, parsed)
        if rehearse:
            raise _Rehearsed(summary)
    return summary


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
            line = line_of(parsed.document, loc)
            raise HistoryConflictError(
                f"{parsed.path}:{line}: {field_path(loc)}: {label[:-1]} {key!r} is stored "
                f"with {stored}; these never change once recorded: give the corrected "
                "record a new id"
            )
    _upsert(session, row_type, key, values, summary, label)


def _normal(value: Any) -> Any:
    """Stored and given values compared alike (enums as strings, lists as tuples)."""
    if isinstance(value, list | tuple):
        return tuple(_normal(v) for v in value)
    return str(value) if isinstance(value, str) else value


def _conflict(
    parsed: ParsedFile, loc: tuple[int | str, ...], what: str, stored: str
) -> HistoryConflictError:
    line = line_of(parsed.document, loc)
    return HistoryConflictError(
        f"{parsed.path}:{line}: {field_path(loc)}: this {what} is already recorded as {stored}; "
        "history is append-only: add a new statement instead of editing a recorded one"
    )


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


def _write_vocabulary(
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


def _write_people(session: Session, parsed: ParsedFile, summary: LoadSummary) -> None:
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


def _write_history(
    session: Session, parsed: ParsedFile, summary: LoadSummary, known: _Known
) -> None:
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


def _stored_not_in_files(session: Session, parsed: list[ParsedFile]) -> int:
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


def validate(paths: Sequence[Path], engine: Engine | None = None) -> list[DataIssue]:
    """Check files without writing: against themselves, or also against a database."""
    parsed, issues = parse(paths)
    if issues:
        return issues
    if engine is None:
        return check_references(parsed, _Known())
    with transaction(engine) as session:
        return check_references(parsed, _Known.from_db(session))

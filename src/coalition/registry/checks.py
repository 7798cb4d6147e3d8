"""Reference checks on registry data files, before anything is written: every code a
file uses is defined in the files or already stored, every statement cites a known source
published by its date, is filed under the state it speaks for, and a national
representative cites only shared sources and its own. Each problem is located at its
file, line and field."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.datafiles import did_you_mean, issue_at
from coalition.domain import ActorKind, SourceKind
from coalition.errors import DataIssue
from coalition.registry import actors as actor_lookup
from coalition.registry.keys import mission_key, statement_key
from coalition.registry.naming import names_state
from coalition.registry.quantities import quantity_problems
from coalition.registry.schema import ParsedFile, PledgeIn, StatementIn
from coalition.store.tables import ActorRow, ConditionRow, PersonRow, RoleRow, SourceRow

Location = tuple[int | str, ...]


@dataclass
class Known:
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
    def from_db(cls, session: Session) -> Known:
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


class _FileChecks:
    """The checks of one file, each adding the problems it finds, located in that file."""

    def __init__(
        self, parsed: ParsedFile, known: Known, owner: str | None, issues: list[DataIssue]
    ) -> None:
        self.parsed = parsed
        self.name = str(parsed.path)
        self.known = known
        self.owner = owner
        self.issues = issues

    def issue(self, loc: Location, message: str) -> None:
        self.issues.append(issue_at(self.parsed, loc, message))

    def actor(self, loc: Location, code: str) -> None:
        if code in self.known.organisations or actor_lookup.state(code) is not None:
            return
        if len(code) == 3 and code.isupper():
            self.issue(loc, f"unknown state {code!r}: not an ISO 3166-1 alpha-3 code")
            return
        suggestion = actor_lookup.suggest_state(code)
        hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
        self.issue(loc, f"unknown state or organisation {code!r}{hint}")

    def source(self, loc: Location, source: str, day: Any = None) -> None:
        known = self.known
        if source not in known.sources:
            self.issue(loc, f"unknown source {source!r}{did_you_mean(source, known.sources)}")
            return
        held_by = known.source_owners.get(source)
        if self.owner is not None and held_by not in (None, self.owner):
            self.issue(
                loc,
                f"source {source!r} was registered by {held_by}'s representative: "
                f"{self.owner}'s statements cite shared sources or {self.owner}'s own",
            )
        published = known.sources[source]
        if day is not None and published is not None and day > published:
            self.issue(
                loc, f"statement dated {day} but source {source!r} was published {published}"
            )

    def conditions(self, loc: Location, codes: list[str]) -> None:
        known = self.known.conditions
        for index, code in enumerate(codes):
            if code not in known:
                self.issue(
                    (*loc, index),
                    f"unknown condition {code!r}{did_you_mean(code, known)}; "
                    f"known: {', '.join(sorted(known))}",
                )

    def speaker(self, loc: Location, speaker: str | None) -> None:
        if speaker is not None and speaker not in self.known.people:
            self.issue(loc, f"unknown person {speaker!r}{did_you_mean(speaker, self.known.people)}")

    def events(self, pledge: PledgeIn, i: int) -> None:
        """Each statement of a pledge: its source, conditions and speaker, listed once."""
        seen: set[str] = set()
        for j, event in enumerate(pledge.events):
            loc = ("pledges", i, "events", j)
            self.source((*loc, "source"), event.source, event.date)
            self.conditions((*loc, "conditions"), event.conditions)
            self.speaker((*loc, "speaker"), event.speaker)
            key = statement_key(pledge.id, event.date, event.source, event.quote)
            if key in seen:
                self.issue(loc, "the same statement (date, source, quote) is listed twice")
            seen.add(key)


def check_references(
    files: list[ParsedFile], known: Known, owner: str | None = None
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
        check = _FileChecks(parsed, known, owner, issues)
        data = parsed.model
        for i, person in enumerate(data.people):
            for j, role in enumerate(person.roles):
                check.actor(("people", i, "roles", j, "actor"), role.actor)
                check.source(("people", i, "roles", j, "source"), role.source)
        for i, pledge in enumerate(data.pledges):
            if pledge.id in seen_pledges:
                check.issue(
                    ("pledges", i, "id"),
                    f"pledge {pledge.id!r} already defined in {seen_pledges[pledge.id]}",
                )
            seen_pledges[pledge.id] = check.name
            check.actor(("pledges", i, "actor"), pledge.actor)
            check.events(pledge, i)
            known_actor = pledge.actor in known.organisations or actor_lookup.state(pledge.actor)
            for j, event in enumerate(pledge.events if known_actor else []):
                for field_name, message in _speaks_for(pledge, event, known):
                    check.issue(("pledges", i, "events", j, field_name), message)
            for j, event in enumerate(pledge.events):
                for where, message in quantity_problems(pledge, event):
                    check.issue(("pledges", i, "events", j, "quantity", *where), message)
        for i, stance in enumerate(data.stances):
            check.actor(("stances", i, "actor"), stance.actor)
            check.source(("stances", i, "source"), stance.source, stance.date)
            check.speaker(("stances", i, "speaker"), stance.speaker)
        for i, claim in enumerate(data.claims):
            check.source(("claims", i, "source"), claim.source, claim.date)
            check.conditions(("claims", i, "conditions"), claim.conditions)
            check.speaker(("claims", i, "speaker"), claim.speaker)
        for i, size in enumerate(data.sizes):
            check.source(("sizes", i, "source"), size.source, size.date)
            check.speaker(("sizes", i, "speaker"), size.speaker)
            for j, code in enumerate(size.covers):
                check.actor(("sizes", i, "covers", j), code)
        seen_mission: set[str] = set()
        for i, precondition in enumerate(data.mission):
            check.source(("mission", i, "source"), precondition.source, precondition.date)
            if precondition.condition not in known.conditions:
                code = precondition.condition
                check.issue(
                    ("mission", i, "condition"),
                    f"unknown condition {code!r}{did_you_mean(code, known.conditions)}",
                )
            check.speaker(("mission", i, "speaker"), precondition.speaker)
            key = mission_key(
                precondition.condition, precondition.date, precondition.source, precondition.quote
            )
            if key in seen_mission:
                check.issue(
                    ("mission", i), "the same evidence (condition, date, source, quote) twice"
                )
            seen_mission.add(key)
        for i, meeting in enumerate(data.meetings):
            for j, participant in enumerate(meeting.participants):
                check.actor(("meetings", i, "participants", j), participant)
            for j, source_id in enumerate(meeting.sources):
                check.source(("meetings", i, "sources", j), source_id)
    return issues


def _speaks_for(pledge: PledgeIn, event: StatementIn, known: Known) -> list[tuple[str, str]]:
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

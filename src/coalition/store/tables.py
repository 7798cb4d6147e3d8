"""SQLAlchemy tables of the registry.

Enumerations are stored as plain strings (validated by the domain types on the way in)
so that SQLite and PostgreSQL share one schema. History tables (status events, their
conditions, stances, aggregate claims, force sizes) are append-only: the migration installs triggers
that refuse UPDATE and DELETE on both backends.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy import text as sql
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

APPEND_ONLY_TABLES = (
    "status_events",
    "event_conditions",
    "stances",
    "aggregate_claims",
    "force_sizes",
    "mission_conditions",
    "ledger",
    "incident_reports",
    "report_quarantine",
    "audit_log",
    "ledger_heads",
    "plan_versions",
    "notifications",
    "notification_events",
    "violation_cases",
    "case_events",
    "contact_lines",
)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ActorRow(Base):
    __tablename__ = "actors"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))


class SourceRow(Base):
    __tablename__ = "sources"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str | None] = mapped_column(String(200))
    published: Mapped[dt.date | None] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(8))
    url: Mapped[str | None] = mapped_column(Text)
    file: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32), server_default="news")
    reliability: Mapped[str] = mapped_column(String(1), server_default="F")
    translated_from: Mapped[str | None] = mapped_column(String(8))
    #: The state whose representative registered it through the server (None: the
    #: secretariat's or a data file's); only that state's statements may cite it.
    owner: Mapped[str | None] = mapped_column(String(16))


class ConditionRow(Base):
    __tablename__ = "conditions"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")


class PersonRow(Base):
    __tablename__ = "people"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    roles: Mapped[list[RoleRow]] = relationship(back_populates="person", order_by="RoleRow.start")


class RoleRow(Base):
    __tablename__ = "roles"
    __table_args__ = (UniqueConstraint("person_id", "title", "actor", "start"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    actor: Mapped[str] = mapped_column(ForeignKey("actors.code"))
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    person: Mapped[PersonRow] = relationship(back_populates="roles")


class PledgeRow(Base):
    __tablename__ = "pledges"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    actor: Mapped[str] = mapped_column(ForeignKey("actors.code"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    domains: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text)
    quantity: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    where: Mapped[str | None] = mapped_column(Text)


class StatusEventRow(Base):
    __tablename__ = "status_events"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    pledge_id: Mapped[str] = mapped_column(ForeignKey("pledges.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(32))
    quote: Mapped[str] = mapped_column(Text)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    speaker_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    note: Mapped[str | None] = mapped_column(Text)
    is_primary: Mapped[bool] = mapped_column(Boolean, server_default=false())
    credibility: Mapped[int | None] = mapped_column(Integer)
    original_quote: Mapped[str | None] = mapped_column(Text)
    translated_from: Mapped[str | None] = mapped_column(String(8))
    #: How much the statement says (coalition.domain.quantities.StatedQuantity as JSON).
    quantity: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    recorded_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    conditions: Mapped[list[EventConditionRow]] = relationship(
        order_by="EventConditionRow.condition_code"
    )


class EventConditionRow(Base):
    __tablename__ = "event_conditions"
    event_key: Mapped[str] = mapped_column(ForeignKey("status_events.key"), primary_key=True)
    condition_code: Mapped[str] = mapped_column(ForeignKey("conditions.code"), primary_key=True)


class MissionConditionRow(Base):
    """A precondition of the whole mission, with its evidence (append-only)."""

    __tablename__ = "mission_conditions"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    condition_code: Mapped[str] = mapped_column(ForeignKey("conditions.code"))
    applies_to: Mapped[str] = mapped_column(Text)
    date: Mapped[dt.date] = mapped_column(Date)
    quote: Mapped[str] = mapped_column(Text)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    speaker_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class StanceRow(Base):
    __tablename__ = "stances"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    actor: Mapped[str] = mapped_column(ForeignKey("actors.code"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    stance: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    speaker_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class AggregateClaimRow(Base):
    __tablename__ = "aggregate_claims"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date)
    count: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    domains: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(32))
    conditions: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    speaker_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class ForceSizeRow(Base):
    """A reported size of the planned force or of a part of it (history)."""

    __tablename__ = "force_sizes"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date)
    personnel: Mapped[dict[str, Any]] = mapped_column(JSON)
    covers: Mapped[list[str]] = mapped_column(JSON, default=list)
    span: Mapped[str] = mapped_column(String(16))
    basis: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    speaker_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class MeetingRow(Base):
    __tablename__ = "meetings"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    date: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200))
    priorities: Mapped[list[str]] = mapped_column(JSON, default=list)
    priorities_quote: Mapped[str | None] = mapped_column(Text)
    source_ids: Mapped[list[str]] = mapped_column(JSON, default=list)


class MeetingParticipantRow(Base):
    __tablename__ = "meeting_participants"
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    actor: Mapped[str] = mapped_column(ForeignKey("actors.code"), primary_key=True)


class IncidentReportRow(Base):
    """One incident report as received (monitoring). Its id is the reporter's own, so the
    same report ingested twice is stored once."""

    __tablename__ = "incident_reports"
    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    time: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    reporter: Mapped[str] = mapped_column(String(128))
    reporter_kind: Mapped[str] = mapped_column(String(32))
    lon: Mapped[float] = mapped_column(Float)
    lat: Mapped[float] = mapped_column(Float)
    uncertainty_m: Mapped[float] = mapped_column(Float)
    type: Mapped[str] = mapped_column(String(32))
    weapon_class: Mapped[str | None] = mapped_column(String(64))
    count: Mapped[int] = mapped_column(Integer)
    casualties: Mapped[int] = mapped_column(Integer)
    bearing_deg: Mapped[float | None] = mapped_column(Float)
    side: Mapped[str | None] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float)
    details: Mapped[str | None] = mapped_column(Text)  # JSON: what only its type says
    content_hash: Mapped[str] = mapped_column(String(32))
    file: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class QuarantineRow(Base):
    """A report row that could not be accepted, with the reasons; kept, never dropped."""

    __tablename__ = "report_quarantine"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    file: Mapped[str] = mapped_column(Text)
    row: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    received_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class AlertRow(Base):
    """An alert raised when a threshold was crossed: once per rule, sector and day."""

    __tablename__ = "monitoring_alerts"
    __table_args__ = (UniqueConstraint("rule", "sector", "day"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rule: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(64))
    day: Mapped[dt.date] = mapped_column(Date)
    crossed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    count: Mapped[int] = mapped_column(Integer)
    threshold: Mapped[int] = mapped_column(Integer)
    window_h: Mapped[float] = mapped_column(Float)
    event_ids: Mapped[list[str]] = mapped_column(JSON)
    raised_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class UserRow(Base):
    """Someone who may use the server: a role, and for national representatives the
    state whose pledges they speak for."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    disabled: Mapped[bool] = mapped_column(Boolean, server_default=false())


class TokenRow(Base):
    """A bearer token, stored as its SHA-256 digest (the token itself is shown once)."""

    __tablename__ = "tokens"
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class AuditRow(Base):
    """One write through the server: who, when, what changed, from where. Append-only."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    username: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(200))
    target: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    client: Mapped[str] = mapped_column(String(64))


class OsintCandidateRow(Base):
    """A fact read from the news, waiting for (or decided by) a reviewer on the server."""

    __tablename__ = "osint_candidates"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(16), index=True)
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    # The statement it reports (actor, status, kind, conditions, date): one pending
    # candidate per statement, however many outlets carry the story (its sources).
    story: Mapped[str | None] = mapped_column(String(40))
    __table_args__ = (
        Index("uq_osint_candidates_pending_story", "story", unique=True,
              sqlite_where=sql("state = 'pending'"),
              postgresql_where=sql("state = 'pending'")),
    )  # fmt: skip


class OsintSourceRow(Base):
    """Another outlet's copy of a queued candidate's story: one row per article, so that
    writers at once each add theirs (none rewrites another's list)."""

    __tablename__ = "osint_sources"
    candidate_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("osint_candidates.id"), primary_key=True
    )
    document_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class OsintDocumentRow(Base):
    """An article read on the server, kept whole: the reviewer reads it, and adds from
    it a fact the extractor missed."""

    __tablename__ = "osint_documents"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    path: Mapped[str] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class ForceEditRow(Base):
    """The secretariat's edits to the force data on the server: the statement of
    requirements (key ``requirements``) or one scenario (key ``scenario:ID``)."""

    __tablename__ = "force_edits"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    body: Mapped[Any] = mapped_column(JSON)
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SourcingJobRow(Base):
    """A sourcing run made through the server and its result, shared by every server
    process (a job started in one worker is fetched from any)."""

    __tablename__ = "sourcing_jobs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    request: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)


class LedgerRow(Base):
    """The digest of every history record, in the order it was recorded (append-only):
    what ``coalition verify`` checks the stored records against."""

    __tablename__ = "ledger"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_table: Mapped[str] = mapped_column(String(64))
    record_key: Mapped[str] = mapped_column(String(128))
    digest: Mapped[str] = mapped_column(String(64))
    __table_args__ = (UniqueConstraint("record_table", "record_key"),)


class LedgerHeadRow(Base):
    """A signed position of the ledger (size and Merkle root), made each day and with each
    signed product: a later rewrite of the first ``size`` entries no longer hashes to it."""

    __tablename__ = "ledger_heads"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    size: Mapped[int] = mapped_column(Integer)
    root: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    key_id: Mapped[str] = mapped_column(String(32))
    signature: Mapped[str] = mapped_column(String(128))


class PlanVersionRow(Base):
    """One version of a planned activity or standing zone (deconfliction), append-only:
    a change (an accepted proposal, a withdrawal) is a new version; the activity's
    current plan is its newest. ``document`` is the activity as its owner gave it."""

    __tablename__ = "plan_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    activity_id: Mapped[str] = mapped_column(String(128), index=True)
    version: Mapped[int] = mapped_column(Integer)
    owner: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    ends_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    withdrawn: Mapped[bool] = mapped_column(Boolean, server_default=false())
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    change: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    __table_args__ = (UniqueConstraint("activity_id", "version"),)


class NotificationRow(Base):
    """An extract of the plan notified to a party (volumes and times, no units): the
    hotline's log. ``covers`` (which activities' volumes it holds) stays inside."""

    __tablename__ = "notifications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    party: Mapped[str] = mapped_column(String(16), index=True)
    extract: Mapped[dict[str, Any]] = mapped_column(JSON)
    covers: Mapped[list[str]] = mapped_column(JSON)
    sent_by: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class NotificationEventRow(Base):
    """What happened to a notification: sent, acknowledged, objected (with a note and
    the time), append-only."""

    __tablename__ = "notification_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    notification_id: Mapped[int] = mapped_column(ForeignKey("notifications.id"), index=True)
    state: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)


class ViolationCaseRow(Base):
    """A violation of the agreement, opened from one event (history: never edited; its
    course is in ``case_events``)."""

    __tablename__ = "violation_cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(64), unique=True)
    observed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    sector: Mapped[str] = mapped_column(String(64))
    place: Mapped[str] = mapped_column(Text)
    side: Mapped[str] = mapped_column(String(16))
    weapon_class: Mapped[str] = mapped_column(String(64))
    count: Mapped[int] = mapped_column(Integer)
    distance_m: Mapped[float] = mapped_column(Float)
    required_m: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    lat: Mapped[float] = mapped_column(Float)
    reports: Mapped[list[str]] = mapped_column(JSON)
    rule: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(64))  # see monitoring.storage
    detail: Mapped[str | None] = mapped_column(Text)  # what was seen, in words
    opened_by: Mapped[str] = mapped_column(String(64))
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ContactLineRow(Base):
    """A line of contact a user loaded (GeoJSON, as loaded); the newest replaces the
    bundled line in every analysis from then on. History: never edited."""

    __tablename__ = "contact_lines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text)
    as_of: Mapped[dt.date | None] = mapped_column(Date)
    geojson: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(64))
    vertices: Mapped[int] = mapped_column(Integer)
    loaded_by: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class CaseEventRow(Base):
    """A step in a violation case's course: verified, notified, rectified... (history)."""

    __tablename__ = "case_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("violation_cases.id"), index=True)
    state: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)

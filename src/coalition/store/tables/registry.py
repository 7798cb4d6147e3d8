"""The registry's tables: actors, sources, conditions, people and their offices, pledges
and their history (status events, stances, aggregate claims, force sizes, mission
conditions), meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coalition.store.tables.base import Base


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

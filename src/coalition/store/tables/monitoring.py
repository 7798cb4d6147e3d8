"""The monitoring mission's tables: incident reports and their quarantine, alerts,
violation cases and their course, loaded lines of contact."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from coalition.store.tables.base import Base


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

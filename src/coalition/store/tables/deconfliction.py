"""Deconfliction: plan versions, notifications and what each carried."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from coalition.store.tables.base import Base


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

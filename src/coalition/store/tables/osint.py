"""The OSINT review queue: candidates, the outlets that carried them, the articles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    func,
)
from sqlalchemy import text as sql
from sqlalchemy.orm import Mapped, mapped_column

from coalition.store.tables.base import Base


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

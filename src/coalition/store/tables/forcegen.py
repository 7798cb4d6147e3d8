"""Force sourcing: the secretariat's edits of requirements and scenarios, sourcing jobs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Integer,
    String,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from coalition.store.tables.base import Base


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

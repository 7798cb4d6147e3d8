"""The hash-chained ledger of every append-only record, and its signed heads."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    DateTime,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from coalition.store.tables.base import Base


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

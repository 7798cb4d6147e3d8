"""What every table shares: the naming convention of constraints, the declarative base,
and which tables are append-only (the migrations install the triggers that hold them)."""

from __future__ import annotations

from sqlalchemy import (
    MetaData,
)
from sqlalchemy.orm import DeclarativeBase

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

"""Monitoring: incident reports, their quarantine, and the alert log.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _now(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "incident_reports",
        sa.Column("id", sa.String(128), nullable=False),
        sa.Column("time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reporter", sa.String(128), nullable=False),
        sa.Column("reporter_kind", sa.String(32), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("uncertainty_m", sa.Float(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("weapon_class", sa.String(64)),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("casualties", sa.Integer(), nullable=False),
        sa.Column("bearing_deg", sa.Float()),
        sa.Column("side", sa.String(16)),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("content_hash", sa.String(32), nullable=False),
        sa.Column("file", sa.Text(), nullable=False),
        _now("ingested_at"),
        sa.PrimaryKeyConstraint("id", name="pk_incident_reports"),
    )
    op.create_index("ix_incident_reports_time", "incident_reports", ["time"])
    op.create_table(
        "report_quarantine",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("file", sa.Text(), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        _now("received_at"),
        sa.PrimaryKeyConstraint("id", name="pk_report_quarantine"),
        sa.UniqueConstraint("digest", name="uq_report_quarantine_digest"),
    )
    op.create_table(
        "monitoring_alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("rule", sa.String(200), nullable=False),
        sa.Column("sector", sa.String(64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("crossed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.Column("window_h", sa.Float(), nullable=False),
        sa.Column("event_ids", sa.JSON(), nullable=False),
        _now("raised_at"),
        sa.PrimaryKeyConstraint("id", name="pk_monitoring_alerts"),
        sa.UniqueConstraint("rule", "sector", "day", name="uq_monitoring_alerts_rule"),
    )


def downgrade() -> None:
    op.drop_table("monitoring_alerts")
    op.drop_table("report_quarantine")
    op.drop_index("ix_incident_reports_time", table_name="incident_reports")
    op.drop_table("incident_reports")

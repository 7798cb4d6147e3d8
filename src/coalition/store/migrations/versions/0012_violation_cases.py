"""Violation cases: a violation of the agreement opened from one event, and its course
(verified, notified to the party, rectified or not), append-only and in the ledger.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from coalition.store.guards import refuse_rewrites

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLES = ("violation_cases", "case_events")


def upgrade() -> None:
    op.create_table(
        "violation_cases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("observed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sector", sa.String(64), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("side", sa.String(16), nullable=False),
        sa.Column("weapon_class", sa.String(64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("distance_m", sa.Float(), nullable=False),
        sa.Column("required_m", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("reports", sa.JSON(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("opened_by", sa.String(64), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_violation_cases"),
        sa.UniqueConstraint("event_id", name="uq_violation_cases_event_id"),
    )
    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["violation_cases.id"], name="fk_case_events_case_id_violation_cases"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_case_events"),
    )
    op.create_index("ix_case_events_case_id", "case_events", ["case_id"])
    for table in TABLES:
        refuse_rewrites(table)


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)  # their triggers go with them

"""A statement's quantity (people, units, money with its euro rate, readiness or stage),
kept with the statement and in its ledger digest (left out while empty, so statements
recorded before this revision keep theirs).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN on both backends: SQLite's batch mode would rebuild the table
    # and drop its append-only triggers.
    op.add_column("status_events", sa.Column("quantity", sa.JSON(), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE status_events DROP COLUMN quantity")  # SQLite 3.35+
    else:
        op.drop_column("status_events", "quantity")

"""Server state: the OSINT review queue (candidate facts and the decisions on them) and
the secretariat's edits to the force data (requirements, scenarios).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "osint_candidates",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("decided_by", sa.String(64)),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name="pk_osint_candidates"),
    )
    op.create_index("ix_osint_candidates_state", "osint_candidates", ["state"])
    op.create_table(
        "force_edits",
        sa.Column("key", sa.String(120), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_force_edits"),
    )


def downgrade() -> None:
    op.drop_table("force_edits")
    op.drop_index("ix_osint_candidates_state", table_name="osint_candidates")
    op.drop_table("osint_candidates")

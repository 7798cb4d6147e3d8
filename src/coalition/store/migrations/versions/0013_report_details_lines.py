"""Report details, kinds of violation cases and loaded lines of contact.

Each incident report may carry what only its type says (calibre, killed and injured, a
restriction of movement, a storage site, a patrol's route...) as one JSON object; a line
of contact a user loads replaces the bundled one for every later analysis, and each line
loaded stays on record (append-only, in the ledger).

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from coalition.store.guards import refuse_rewrites

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("incident_reports", sa.Column("details", sa.Text(), nullable=True))
    # A case says what kind of violation it is (inside a withdrawal line, missing from a
    # storage site) and what was seen, in words.
    op.add_column("violation_cases", sa.Column("kind", sa.String(64), nullable=True))
    op.add_column("violation_cases", sa.Column("detail", sa.Text(), nullable=True))
    op.create_table(
        "contact_lines",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("geojson", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("vertices", sa.Integer(), nullable=False),
        sa.Column("loaded_by", sa.String(64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_contact_lines"),
    )
    refuse_rewrites("contact_lines")


def downgrade() -> None:
    op.drop_table("contact_lines")
    with op.batch_alter_table("violation_cases") as batch:
        batch.drop_column("detail")
        batch.drop_column("kind")
    op.drop_column("incident_reports", "details")

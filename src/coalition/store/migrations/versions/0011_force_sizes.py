"""Reported sizes of the planned force (or of the part some states would send
together): history like the aggregate claims, append-only and in the ledger.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TABLE = "force_sizes"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("personnel", sa.JSON(), nullable=False),
        sa.Column("covers", sa.JSON(), nullable=False),
        sa.Column("span", sa.String(16), nullable=False),
        sa.Column("basis", sa.String(16), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("speaker_id", sa.String(64), nullable=True),
        sa.Column(
            "recorded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name="fk_force_sizes_source_id_sources"
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["people.id"], name="fk_force_sizes_speaker_id_people"
        ),
        sa.PrimaryKeyConstraint("key", name="pk_force_sizes"),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":  # the function comes from revision 0001
        op.execute(
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION coalition_append_only()"
        )
    elif dialect == "sqlite":
        for operation in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {TABLE}_no_{operation.lower()} BEFORE {operation} ON {TABLE} "
                f"BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only: {operation} refused'); END"
            )
        op.execute(
            f"CREATE TRIGGER {TABLE}_no_replace BEFORE INSERT ON {TABLE} "
            f"WHEN EXISTS (SELECT 1 FROM {TABLE} WHERE key = NEW.key) "
            f"BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only: REPLACE refused'); END"
        )


def downgrade() -> None:
    op.drop_table(TABLE)  # its triggers go with it on both backends

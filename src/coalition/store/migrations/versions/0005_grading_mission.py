"""Source grading and mission conditions: each source's kind and Admiralty reliability
(and the language it was translated from), each statement primary or secondary with a
credibility grade and its original-language quote, and the mission's own preconditions
(append-only, like the rest of history).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLE = "mission_conditions"


def upgrade() -> None:
    op.add_column(
        "sources", sa.Column("kind", sa.String(32), server_default="news", nullable=False)
    )
    op.add_column(
        "sources", sa.Column("reliability", sa.String(1), server_default="F", nullable=False)
    )
    op.add_column("sources", sa.Column("translated_from", sa.String(8)))
    op.add_column(
        "status_events",
        sa.Column("is_primary", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("status_events", sa.Column("credibility", sa.Integer()))
    op.add_column("status_events", sa.Column("original_quote", sa.Text()))
    op.add_column("status_events", sa.Column("translated_from", sa.String(8)))
    op.create_table(
        TABLE,
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("condition_code", sa.String(64), nullable=False),
        sa.Column("applies_to", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("speaker_id", sa.String(64)),
        sa.Column(
            "recorded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["condition_code"],
            ["conditions.code"],
            name="fk_mission_conditions_condition_code_conditions",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name="fk_mission_conditions_source_id_sources"
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["people.id"], name="fk_mission_conditions_speaker_id_people"
        ),
        sa.PrimaryKeyConstraint("key", name="pk_mission_conditions"),
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


def downgrade() -> None:
    op.drop_table(TABLE)  # its triggers go with it
    for column in ("translated_from", "original_quote", "credibility", "is_primary"):
        op.drop_column("status_events", column)
    for column in ("translated_from", "reliability", "kind"):
        op.drop_column("sources", column)

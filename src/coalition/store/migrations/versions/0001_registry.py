"""Registry: actors, sources, conditions, people and roles, pledges, append-only history.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

APPEND_ONLY = ("status_events", "event_conditions", "stances", "aggregate_claims")


def _recorded_at() -> sa.Column[object]:
    return sa.Column(
        "recorded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_actors"),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("outlet", sa.String(200)),
        sa.Column("author", sa.String(200)),
        sa.Column("published", sa.Date()),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("file", sa.Text()),
        sa.Column("note", sa.Text()),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
    )
    op.create_table(
        "conditions",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_conditions"),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
    )
    op.create_table(
        "roles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person_id", sa.String(64), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("actor", sa.String(16), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date()),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name="fk_roles_person_id_people"),
        sa.ForeignKeyConstraint(["actor"], ["actors.code"], name="fk_roles_actor_actors"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_roles_source_id_sources"),
        sa.PrimaryKeyConstraint("id", name="pk_roles"),
        sa.UniqueConstraint("person_id", "title", "actor", "start", name="uq_roles_person_id"),
    )
    op.create_index("ix_roles_person_id", "roles", ["person_id"])
    op.create_table(
        "pledges",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("domains", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("quantity", sa.JSON(), nullable=False),
        sa.Column("where", sa.Text()),
        sa.ForeignKeyConstraint(["actor"], ["actors.code"], name="fk_pledges_actor_actors"),
        sa.PrimaryKeyConstraint("id", name="pk_pledges"),
    )
    op.create_index("ix_pledges_actor", "pledges", ["actor"])
    op.create_table(
        "status_events",
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("pledge_id", sa.String(64), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("speaker_id", sa.String(64)),
        sa.Column("note", sa.Text()),
        _recorded_at(),
        sa.ForeignKeyConstraint(
            ["pledge_id"], ["pledges.id"], name="fk_status_events_pledge_id_pledges"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name="fk_status_events_source_id_sources"
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["people.id"], name="fk_status_events_speaker_id_people"
        ),
        sa.PrimaryKeyConstraint("key", name="pk_status_events"),
    )
    op.create_index("ix_status_events_pledge_id", "status_events", ["pledge_id"])
    op.create_index("ix_status_events_date", "status_events", ["date"])
    op.create_table(
        "event_conditions",
        sa.Column("event_key", sa.String(32), nullable=False),
        sa.Column("condition_code", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_key"], ["status_events.key"], name="fk_event_conditions_event_key_status_events"
        ),
        sa.ForeignKeyConstraint(
            ["condition_code"],
            ["conditions.code"],
            name="fk_event_conditions_condition_code_conditions",
        ),
        sa.PrimaryKeyConstraint("event_key", "condition_code", name="pk_event_conditions"),
    )
    op.create_table(
        "stances",
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(16), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("stance", sa.String(16), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("speaker_id", sa.String(64)),
        _recorded_at(),
        sa.ForeignKeyConstraint(["actor"], ["actors.code"], name="fk_stances_actor_actors"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_stances_source_id_sources"),
        sa.ForeignKeyConstraint(["speaker_id"], ["people.id"], name="fk_stances_speaker_id_people"),
        sa.PrimaryKeyConstraint("key", name="pk_stances"),
    )
    op.create_index("ix_stances_actor", "stances", ["actor"])
    op.create_table(
        "aggregate_claims",
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("domains", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("conditions", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("speaker_id", sa.String(64)),
        _recorded_at(),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name="fk_aggregate_claims_source_id_sources"
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["people.id"], name="fk_aggregate_claims_speaker_id_people"
        ),
        sa.PrimaryKeyConstraint("key", name="pk_aggregate_claims"),
    )
    op.create_table(
        "meetings",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("priorities", sa.JSON(), nullable=False),
        sa.Column("priorities_quote", sa.Text()),
        sa.Column("source_ids", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_meetings"),
    )
    op.create_table(
        "meeting_participants",
        sa.Column("meeting_id", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(16), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name="fk_meeting_participants_meeting_id_meetings"
        ),
        sa.ForeignKeyConstraint(
            ["actor"], ["actors.code"], name="fk_meeting_participants_actor_actors"
        ),
        sa.PrimaryKeyConstraint("meeting_id", "actor", name="pk_meeting_participants"),
    )
    _install_append_only_triggers()


def _install_append_only_triggers() -> None:
    """History is append-only at the database level, not just by convention."""
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(
            """
            CREATE FUNCTION coalition_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
            END
            $$ LANGUAGE plpgsql
            """
        )
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION coalition_append_only()"
            )
    elif dialect == "sqlite":
        for table in APPEND_ONLY:
            for operation in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{operation.lower()} BEFORE {operation} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {operation} refused'); END"
                )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        elif dialect == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS coalition_append_only()")
    for table in (
        "meeting_participants",
        "meetings",
        "aggregate_claims",
        "stances",
        "event_conditions",
        "status_events",
        "pledges",
        "roles",
        "people",
        "conditions",
        "sources",
        "actors",
    ):
        op.drop_table(table)

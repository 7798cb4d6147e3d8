"""The ledger: the digest of every history record in the order recorded, for
``coalition verify``; history tables (and the ledger) also refuse SQLite's REPLACE,
which deletes the old row without firing a DELETE trigger. Records stored before this
revision enter the ledger now, in the order they were recorded.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

HISTORY = {
    "status_events": "key",
    "stances": "key",
    "aggregate_claims": "key",
    "mission_conditions": "key",
}


def upgrade() -> None:
    op.create_table(
        "ledger",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_table", sa.String(64), nullable=False),
        sa.Column("record_key", sa.String(64), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_ledger"),
        sa.UniqueConstraint("record_table", "record_key", name="uq_ledger_record_table"),
    )
    bind = op.get_bind()
    _backfill(bind)
    if bind.dialect.name == "postgresql":  # the function comes from revision 0001
        op.execute(
            "CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger "
            "FOR EACH ROW EXECUTE FUNCTION coalition_append_only()"
        )
    elif bind.dialect.name == "sqlite":
        for operation in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER ledger_no_{operation.lower()} BEFORE {operation} ON ledger "
                f"BEGIN SELECT RAISE(ABORT, 'ledger is append-only: {operation} refused'); END"
            )
        for table, key in {**HISTORY, "ledger": "seq"}.items():
            op.execute(
                f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
                f"WHEN EXISTS (SELECT 1 FROM {table} WHERE {key} = NEW.{key}) "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: REPLACE refused'); END"
            )


def _backfill(bind: sa.Connection) -> None:
    from coalition.store import ledger  # the digest format is the ledger module's

    session = Session(bind=bind)
    order = []
    for table, key in HISTORY.items():
        rows = bind.execute(sa.text(f"SELECT {key}, recorded_at FROM {table}"))
        order += [(str(at), table, k) for k, at in rows]
    for _, table, k in sorted(order):
        ledger.append(session, table, k)
    session.flush()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in (*HISTORY, "ledger"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_replace")
    op.drop_table("ledger")  # its own triggers go with it

"""The ledger covers incident reports, their quarantine and the audit log too, and keeps
signed heads; those tables become append-only in the database; a source remembers the
state whose representative registered it.

Records stored before this revision enter the ledger now, in the order they were
received.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

#: Newly append-only tables, with their key (for SQLite's REPLACE guard).
APPEND_ONLY = {"incident_reports": "id", "report_quarantine": "digest", "ledger_heads": "id"}
IDEMPOTENT = {"incident_reports", "report_quarantine"}
#: Tables entering the ledger now, with the column that orders what was received.
BACKFILL = {"incident_reports": "ingested_at", "report_quarantine": "id", "audit_log": "id"}


def upgrade() -> None:
    op.create_table(
        "ledger_heads",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("root", sa.String(64), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("signature", sa.String(128), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ledger_heads"),
    )
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("owner", sa.String(16), nullable=True))
    bind = op.get_bind()
    _record_key_length(128)
    _backfill(bind)
    if bind.dialect.name == "postgresql":  # the function comes from revision 0001
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION coalition_append_only()"
            )
    elif bind.dialect.name == "sqlite":
        for table in APPEND_ONLY:
            for operation in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{operation.lower()} BEFORE {operation} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {operation} refused'); END"
                )
        for table, key in {**APPEND_ONLY, "audit_log": "id"}.items():
            # Reports are inserted with ON CONFLICT DO NOTHING, which this trigger runs
            # before: for them a row whose key is stored is skipped (RAISE(IGNORE)), so
            # a REPLACE keeps the stored row and a repeated report stays a duplicate.
            action = (
                "RAISE(IGNORE)"
                if table in IDEMPOTENT
                else f"RAISE(ABORT, '{table} is append-only: REPLACE refused')"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
                f"WHEN EXISTS (SELECT 1 FROM {table} WHERE {key} = NEW.{key}) "
                f"BEGIN SELECT {action}; END"
            )


def _record_key_length(length: int) -> None:
    """Incident report ids run to 128 characters. SQLite rebuilds the table to change a
    column, and the rebuilt table needs its append-only guards again (revision 0006)."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("ledger") as batch:
        batch.alter_column("record_key", type_=sa.String(length))
    if sqlite:
        for operation in ("UPDATE", "DELETE"):
            op.execute(f"DROP TRIGGER IF EXISTS ledger_no_{operation.lower()}")
            op.execute(
                f"CREATE TRIGGER ledger_no_{operation.lower()} BEFORE {operation} ON ledger "
                f"BEGIN SELECT RAISE(ABORT, 'ledger is append-only: {operation} refused'); END"
            )
        op.execute("DROP TRIGGER IF EXISTS ledger_no_replace")
        op.execute(
            "CREATE TRIGGER ledger_no_replace BEFORE INSERT ON ledger "
            "WHEN EXISTS (SELECT 1 FROM ledger WHERE seq = NEW.seq) "
            "BEGIN SELECT RAISE(ABORT, 'ledger is append-only: REPLACE refused'); END"
        )


def _backfill(bind: sa.Connection) -> None:
    from coalition.store import ledger  # the digest format is the ledger module's
    from coalition.store.tables import Base

    session = Session(bind=bind)
    for table, order in BACKFILL.items():
        spec = Base.metadata.tables[table]  # typed columns: values read as verify reads them
        # Only the columns the table has at this revision (later ones are added by later
        # revisions, and the ledger leaves them out of a digest while they are empty).
        present = {c["name"] for c in sa.inspect(bind).get_columns(table)}
        columns = [c for c in spec.columns if c.name in present]
        rows = bind.execute(
            sa.select(*columns).order_by(spec.c[order], *spec.primary_key)
        ).mappings()
        ledger.append_written(session, table, rows)
    session.flush()


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for table in (*APPEND_ONLY, "audit_log"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_replace")
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    else:
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    tables = ", ".join(f"'{t}'" for t in BACKFILL)
    if bind.dialect.name == "sqlite":  # the ledger's own guard steps aside for this alone
        op.execute("DROP TRIGGER ledger_no_delete")
        op.execute(f"DELETE FROM ledger WHERE record_table IN ({tables})")
        op.execute(
            "CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger "
            "BEGIN SELECT RAISE(ABORT, 'ledger is append-only: DELETE refused'); END"
        )
    else:
        op.execute("ALTER TABLE ledger DISABLE TRIGGER ledger_append_only")
        op.execute(f"DELETE FROM ledger WHERE record_table IN ({tables})")
        op.execute("ALTER TABLE ledger ENABLE TRIGGER ledger_append_only")
    _record_key_length(64)
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("owner")
    op.drop_table("ledger_heads")

"""The triggers that make a history table append-only, for the migrations that create
one: PostgreSQL calls the function revision 0001 defines; SQLite refuses UPDATE, DELETE
and an INSERT OR REPLACE over an existing key (which deletes without a DELETE trigger).

Revisions before 0012 spell the same statements out; they are left as they ran."""

from __future__ import annotations

from alembic import op


def refuse_rewrites(table: str, key: str = "id") -> None:
    """Make ``table`` append-only on the database the migration runs on."""
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":  # the function comes from revision 0001
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION coalition_append_only()"
        )
    elif dialect == "sqlite":
        for operation in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{operation.lower()} BEFORE {operation} ON "
                f"{table} BEGIN SELECT RAISE(ABORT, '{table} is append-only: "
                f"{operation} refused'); END"
            )
        op.execute(
            f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
            f"WHEN EXISTS (SELECT 1 FROM {table} WHERE {key} = NEW.{key}) "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: REPLACE refused'); END"
        )

"""OSINT: stories and documents.

A pending candidate now names the statement it reports (its story), at most one pending
per story, so that one story from five outlets is one candidate with five sources, also
when two servers' workers enqueue it at once; the articles read on the server are kept
whole, for the reviewer to read and add from; each other outlet's copy of a queued story
is a row of its own (writers at once never rewrite each other's list of sources).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("osint_candidates", sa.Column("story", sa.String(40), nullable=True))
    op.create_index(
        "uq_osint_candidates_pending_story", "osint_candidates", ["story"], unique=True,
        sqlite_where=sa.text("state = 'pending'"), postgresql_where=sa.text("state = 'pending'"),
    )  # fmt: skip
    op.create_table(
        "osint_sources",
        sa.Column("candidate_id", sa.String(32), nullable=False),
        sa.Column("document_id", sa.String(32), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(["candidate_id"], ["osint_candidates.id"],
                                name="fk_osint_sources_candidate_id_osint_candidates"),
        sa.PrimaryKeyConstraint("candidate_id", "document_id", name="pk_osint_sources"),
    )  # fmt: skip
    op.create_table(
        "osint_documents",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name="pk_osint_documents"),
    )


def downgrade() -> None:
    op.drop_table("osint_documents")
    op.drop_table("osint_sources")
    op.drop_index("uq_osint_candidates_pending_story", "osint_candidates")
    with op.batch_alter_table("osint_candidates") as batch:
        batch.drop_column("story")
